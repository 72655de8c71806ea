// Every pairing, with the town it concerns: the helped place itself when it is a
// town, else the town it lies in (up to two PART_OF hops); null for city-level pairs.
// Parameters: $include_private.
// Returns: one row per pairing: r, a, b, town (properties or null).
MATCH (a:Entity)-[r:PAIRS_WITH]->(b:Entity)
WHERE $include_private OR NOT (coalesce(a.private, false) OR coalesce(b.private, false))
OPTIONAL MATCH (b)-[:PART_OF*0..2]->(t:Place {level: 'town'})
WITH r, a, b, head(collect(t)) AS town
RETURN properties(r) AS r, properties(a) AS a, properties(b) AS b,
       CASE WHEN town IS NULL THEN null ELSE properties(town) END AS town
ORDER BY coalesce(town.name, ''), r.id
