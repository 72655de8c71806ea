// The ego network of an entity, for drawing.
// Parameters: $id ("taibao"), $depth (1 or 2), $limit (max other nodes, e.g. 100), $include_private.
// Returns: nodes (list of {id, type, name, aliases, private}, the centre first), edges (list of {id, source, target, type}).
MATCH (c:Entity {id: $id})
OPTIONAL MATCH p = (c)-[*1..2]-(m:Entity)
WHERE length(p) <= $depth AND m <> c
  AND all(x IN nodes(p) WHERE $include_private OR NOT coalesce(x.private, false))
WITH c, collect(DISTINCT m)[..$limit] AS others
WITH [c] + others AS ns
UNWIND ns AS a
OPTIONAL MATCH (a)-[r]->(b:Entity) WHERE b IN ns
WITH ns, collect(DISTINCT CASE WHEN r IS NULL THEN null
                              ELSE {id: r.id, source: a.id, target: b.id, type: type(r)} END) AS edges
RETURN [n IN ns | n {.id, .type, .name, .aliases, .private}] AS nodes, edges
