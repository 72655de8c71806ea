// List entities (no search term), by name.
// Parameters: $type, $kind (or null), $include_private, $offset, $limit.
// Returns: total, page (list of {n: properties as in entity_get, degree, statements: each source's
//          statement when the sources disagree (n.disputed), else empty}).
CALL (*) {
  MATCH (n:Entity)
  WHERE ($type IS NULL OR n.type = $type) AND ($kind IS NULL OR n.kind = $kind)
    AND ($include_private OR NOT coalesce(n.private, false))
  RETURN count(n) AS total
}
CALL (*) {
  MATCH (n:Entity)
  WHERE ($type IS NULL OR n.type = $type) AND ($kind IS NULL OR n.kind = $kind)
    AND ($include_private OR NOT coalesce(n.private, false))
  WITH n ORDER BY n.type, n.name, n.id SKIP $offset LIMIT $limit
  RETURN collect({n: n {.*, search_text: null}, degree: COUNT { (n)--(o:Entity) WHERE $include_private OR NOT coalesce(o.private, false) }, statements: COLLECT { MATCH (st:Statement {subject: n.id}) WHERE n.disputed IS NOT NULL RETURN st {.*, article_text: null, article_text_public: null} }}) AS page
}
RETURN total, page
