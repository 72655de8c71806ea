// 镇的结对覆盖 — a town's villages and their enterprise partners
// Purpose: for one town, each village and community with the enterprises paired with it.
// Parameters:
//   $town = "taibao"   id of a town
// Returns: one row per village: village, partners (names), covered.
MATCH (v:Place)-[:PART_OF]->(t:Place {id: $town})
WHERE v.level IN ['village', 'community']
OPTIONAL MATCH (e:Organization {kind: 'enterprise'})-[:PAIRS_WITH]->(v)
RETURN v.name AS village, collect(e.name) AS partners, count(e) > 0 AS covered
ORDER BY village
