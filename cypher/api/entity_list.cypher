// List entities (no search term), by name.
// Parameters: $type, $kind (or null), $include_private, $offset, $limit.
// Returns: total, page (list of {n: properties as in entity_get, degree}).
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
  RETURN collect({n: n {.*, src_json: null, search_text: null, sources: null}, degree: COUNT { (n)--() }}) AS page
}
RETURN total, page
