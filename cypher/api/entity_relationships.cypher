// The relationships of one entity.
// Parameters: $id ("shangping"), $db_type ("PAIRS_WITH" or null), $direction ("out" | "in" | "both"),
//             $include_private, $offset, $limit.
// Returns: total, page (list of {r, a, b}: the relationship's properties, and the start and end nodes as {id, type, name, aliases});
//          no row when the entity is unknown (or private and hidden).
MATCH (n:Entity {id: $id})
WHERE $include_private OR NOT coalesce(n.private, false)
CALL (n) {
  MATCH (n)-[r]-(m:Entity)
  WHERE ($db_type IS NULL OR type(r) = $db_type)
    AND ($direction = 'both' OR ($direction = 'out' AND startNode(r) = n) OR ($direction = 'in' AND endNode(r) = n))
    AND ($include_private OR NOT coalesce(m.private, false))
  RETURN count(r) AS total
}
CALL (n) {
  MATCH (n)-[r]-(m:Entity)
  WHERE ($db_type IS NULL OR type(r) = $db_type)
    AND ($direction = 'both' OR ($direction = 'out' AND startNode(r) = n) OR ($direction = 'in' AND endNode(r) = n))
    AND ($include_private OR NOT coalesce(m.private, false))
  WITH r ORDER BY type(r), r.id SKIP $offset LIMIT $limit
  WITH r, startNode(r) AS a, endNode(r) AS b
  RETURN collect({r: r {.*}, a: a {.id, .type, .name, .aliases}, b: b {.id, .type, .name, .aliases}, statements: COLLECT { MATCH (st:Statement {subject: r.id}) WHERE r.disputed IS NOT NULL RETURN st {.*, article_text: null, article_text_public: null} ORDER BY st.source_date, st.source_id, st.origin }}) AS page
}
RETURN total, page
