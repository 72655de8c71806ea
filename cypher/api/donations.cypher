// Every donation with its donor and recipient (aggregated by graph/views.py).
// Parameters: $include_private.
// Returns: one row per donation: r, a (donor), b (recipient).
MATCH (a:Entity)-[r:DONATES_TO]->(b:Entity)
WHERE $include_private OR NOT (coalesce(a.private, false) OR coalesce(b.private, false))
RETURN properties(r) AS r, properties(a) AS a, properties(b) AS b
ORDER BY r.id
