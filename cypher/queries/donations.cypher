// 捐赠明细 — every donation with donor and recipient
// Purpose: who gave what to whom; the API's /donations/summary totals these rows.
// Parameters:
//   $include_private = false   show private persons too
// Returns: one row per donation: r (relationship), a (donor), b (recipient), as property maps.
MATCH (a:Entity)-[r:DONATES_TO]->(b:Entity)
WHERE $include_private OR NOT (coalesce(a.private, false) OR coalesce(b.private, false))
RETURN properties(r) AS r, properties(a) AS a, properties(b) AS b
ORDER BY r.id
