// 文中未载结对企业的村 — villages and communities whose partner no article names
// Purpose: the programme aims at 全覆盖 (every village and community of a town paired with an
//   enterprise); these are the villages the articles name without naming an enterprise partner. That
//   is a gap in the record, not proof of no partner: town_stated shows what an article states about
//   the town's coverage, and mentioned_in why the village is in the articles at all.
// Parameters: none
// Returns: one row per village: town, village, level, town_stated (the town's stated coverage, or
//   null), mentioned_in (names of events held in or visiting the village).
MATCH (v:Place)-[:PART_OF]->(t:Place {level: 'town'})
WHERE v.level IN ['village', 'community']
  AND NOT EXISTS {
    MATCH (e:Organization)-[:PAIRS_WITH]->(v) WHERE e.kind IN ['enterprise', 'enterprise_group']
  }
RETURN t.name AS town, v.name AS village, v.level AS level, t.coverage_stated AS town_stated,
       [(ev:Event)-[:LOCATED_IN|VISITS]->(v) | ev.name] AS mentioned_in
ORDER BY town, village
