// 捐赠合计 — donations by donor and recipient, with totals
// Purpose: who gave how much to whom; approximate amounts (余/多/近/约) are flagged.
// Parameters: none
// Returns: one row per donor and recipient: donor, recipient, total_cny, approximate, gifts, what.
MATCH (a:Entity)-[r:DONATES_TO]->(b:Entity)
RETURN a.name AS donor, b.name AS recipient,
       sum(coalesce(r.amount, 0)) AS total_cny,
       any(x IN collect(coalesce(r.amount_approximate, false)) WHERE x) AS approximate,
       count(r) AS gifts,
       collect(coalesce(r.amount_text, r.goods)) AS what
ORDER BY total_cny DESC, donor
