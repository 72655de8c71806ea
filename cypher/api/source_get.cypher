// One source and what it supports.
// Parameters: $id ("xkb-taibao-dec14-activity"), $include_private.
// Returns: s (properties), entities (list of properties), rels (list of {r, a, b}); no row when unknown.
MATCH (s:Source {id: $id})
CALL (s) {
  UNWIND coalesce(s.supports_entities, []) AS eid
  MATCH (n:Entity {id: eid})
  WHERE $include_private OR NOT coalesce(n.private, false)
  RETURN collect(properties(n)) AS entities
}
CALL (s) {
  MATCH (a:Entity)-[r]->(b:Entity)
  WHERE s.id IN r.sources
    AND ($include_private OR NOT (coalesce(a.private, false) OR coalesce(b.private, false)))
  WITH r, a, b ORDER BY type(r), r.id
  RETURN collect({r: properties(r), a: properties(a), b: properties(b)}) AS rels
}
RETURN properties(s) AS s, entities, rels
