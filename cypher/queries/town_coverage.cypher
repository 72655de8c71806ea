// 镇的结对覆盖 — a town's villages, the partners the articles name, and what they state
// Purpose: for one town, each village and community with the enterprises the articles name as its
//   partners; 文中未载结对企业 means no article names one (not that it has none). Beside it, what an
//   article states about the town's coverage (e.g. 全覆盖) and how many villages it says the town has.
// Parameters:
//   $town = "taibao"   id of a town
// Returns: one row per village: village, partners (names), status (文中载有结对企业 or 文中未载结对企业),
//   town_stated (the town's stated coverage, or null), town_counts (the stated numbers of villages and
//   communities, or null).
MATCH (v:Place)-[:PART_OF]->(t:Place {id: $town})
WHERE v.level IN ['village', 'community']
OPTIONAL MATCH (e:Organization)-[:PAIRS_WITH]->(v)
WHERE e.kind IN ['enterprise', 'enterprise_group']
WITH t, v, collect(e.name) AS partners
RETURN v.name AS village, partners,
       CASE WHEN size(partners) > 0 THEN '文中载有结对企业' ELSE '文中未载结对企业' END AS status,
       t.coverage_stated AS town_stated,
       CASE WHEN t.village_count IS NULL AND t.community_count IS NULL THEN null
            ELSE coalesce(toString(t.village_count) + '个村', '') +
                 coalesce('、' + toString(t.community_count) + '个社区', '') END AS town_counts
ORDER BY status, village
