// Awards for the report, as relationships with evidence.
// Parameters: $include_private.
// Returns: one row per award won: r, a (winner), b (award).
MATCH (a:Entity)-[r:RECEIVED_AWARD]->(b:Award)
WHERE $include_private OR NOT coalesce(a.private, false)
RETURN properties(r) AS r, properties(a) AS a, properties(b) AS b
ORDER BY b.name
