// Relationships filtered by type and ends (all donations, all pairings, ...).
// Parameters: $db_type ("DONATES_TO" or null), $source, $target (entity ids or null),
//             $include_private, $offset, $limit.
// Returns: total, page (list of {r, a, b}; r without src_json/sources, a and b as {id, type, name, aliases}).
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
  RETURN collect({r: r {.*, src_json: null, sources: null}, a: a {.id, .type, .name, .aliases}, b: b {.id, .type, .name, .aliases}}) AS page
}
RETURN total, page
