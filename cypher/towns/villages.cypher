// A town's villages and communities: the partners the articles name for each, the groups it is in,
//   and the events that mention it.
// Parameters: $town (a town id, or null for every town), $include_private.
// Returns: one row per village or community: town (id), v (its properties), partners (list of
//          {a, r}: party and PAIRS_WITH properties), groups (list of {g, members}: a group the village
//          belongs to and the names of its other members), events (names of events there or visiting it).
MATCH (t:Place)
WHERE t.level = 'town' AND ($town IS NULL OR t.id = $town)
MATCH (v:Place)-[:PART_OF]->(t)
WHERE v.level IN ['village', 'community']
CALL (v) {
  OPTIONAL MATCH (a:Entity)-[r:PAIRS_WITH]->(v)
  WHERE $include_private OR NOT coalesce(a.private, false)
  RETURN collect(CASE WHEN a IS NULL THEN null ELSE {a: properties(a), r: properties(r)} END) AS partners
}
CALL (v) {
  OPTIONAL MATCH (v)-[:MEMBER_OF]->(g:Organization)
  RETURN collect(CASE WHEN g IS NULL THEN null ELSE {
    g: properties(g),
    members: [(m:Entity)-[:MEMBER_OF]->(g) WHERE m <> v AND ($include_private OR NOT coalesce(m.private, false)) | m.name]
  } END) AS groups
}
RETURN t.id AS town, properties(v) AS v, partners, groups,
       [(e:Event)-[:LOCATED_IN|VISITS]->(v) | e.name] AS events
ORDER BY town, v.name
