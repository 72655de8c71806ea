// 按镇汇总结对 — every pairing, grouped by the town it concerns
// Purpose: the town is the helped place itself, or the town it lies in (two PART_OF hops at most);
//   null for pairings above town level (city with city). The API's /partnerships runs this file.
// Parameters:
//   $include_private = false   show private persons too
// Returns: one row per pairing: r, a, b, town (property maps; town may be null).
MATCH (a:Entity)-[r:PAIRS_WITH]->(b:Entity)
WHERE $include_private OR NOT (coalesce(a.private, false) OR coalesce(b.private, false))
OPTIONAL MATCH (b)-[:PART_OF*0..2]->(t:Place {level: 'town'})
WITH r, a, b, head(collect(t)) AS town
RETURN properties(r) AS r, properties(a) AS a, properties(b) AS b,
       CASE WHEN town IS NULL THEN null ELSE properties(town) END AS town
ORDER BY coalesce(town.name, ''), r.id
