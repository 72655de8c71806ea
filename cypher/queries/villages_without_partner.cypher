// 尚无结对的村 — villages and communities without an enterprise partner
// Purpose: the programme aims at 全覆盖 (every village and community of a town paired with an
//   enterprise); these are the ones the articles name without a partner.
// Parameters: none
// Returns: one row per village: town, village, level.
MATCH (v:Place)-[:PART_OF]->(t:Place {level: 'town'})
WHERE v.level IN ['village', 'community']
  AND NOT EXISTS { (:Organization {kind: 'enterprise'})-[:PAIRS_WITH]->(v) }
RETURN t.name AS town, v.name AS village, v.level AS level
ORDER BY town, village
