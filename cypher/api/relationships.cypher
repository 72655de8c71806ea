// Relationships filtered by type and ends (all donations, all pairings, ...).
// Parameters: $db_type ("DONATES_TO" or null), $source, $target (entity ids or null),
//             $include_private, $offset, $limit.
// Returns: total, page (list of {r, a, b}; r with every property, a and b as {id, type,
//          name, aliases}, statements: each source's statement when its sources disagree (r.disputed), else empty).
CALL (*) {
  MATCH (a:Entity)-[r]->(b:Entity)
  WHERE ($db_type IS NULL OR type(r) = $db_type)
    AND ($source IS NULL OR a.id = $source) AND ($target IS NULL OR b.id = $target)
    AND ($include_private OR NOT (coalesce(a.private, false) OR coalesce(b.private, false)))
  RETURN count(r) AS total
}
CALL (*) {
  MATCH (a:Entity)-[r]->(b:Entity)
  WHERE ($db_type IS NULL OR type(r) = $db_type)
    AND ($source IS NULL OR a.id = $source) AND ($target IS NULL OR b.id = $target)
    AND ($include_private OR NOT (coalesce(a.private, false) OR coalesce(b.private, false)))
  WITH r, a, b ORDER BY type(r), r.id SKIP $offset LIMIT $limit
  RETURN collect({r: r {.*}, a: a {.id, .type, .name, .aliases}, b: b {.id, .type, .name, .aliases}, statements: COLLECT { MATCH (st:Statement {subject: r.id}) WHERE r.disputed IS NOT NULL RETURN st {.*, article_text: null, article_text_public: null} }}) AS page
}
RETURN total, page
