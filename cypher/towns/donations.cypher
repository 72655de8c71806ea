// Donations to a town: to the town itself, to its villages and sites, and to the organisations and
//   projects based there (schools, cooperatives, the work team, a planned forest).
// Parameters: $town (a town id, or null for every town), $include_private.
// Returns: one row per donation: town (id), r (the DONATES_TO properties: amount, amount_qualifier,
//          amount_text, amount_scope, gift_key, form, goods, date, since, ...), a (donor), b (recipient).
MATCH (t:Place)
WHERE t.level = 'town' AND ($town IS NULL OR t.id = $town)
CALL (t) {
  MATCH (x:Entity)-[:PART_OF*0..2]->(t)
  RETURN x
  UNION
  MATCH (x:Entity)-[:LOCATED_IN]->(:Place)-[:PART_OF*0..2]->(t)
  RETURN x
  UNION
  MATCH (x:Organization)-[:PART_OF]->(:Organization)-[:LOCATED_IN]->(:Place)-[:PART_OF*0..2]->(t)
  RETURN x
}
MATCH (a:Entity)-[r:DONATES_TO]->(x)
WHERE $include_private OR NOT (coalesce(a.private, false) OR coalesce(x.private, false))
RETURN t.id AS town, properties(r) AS r, properties(a) AS a, properties(x) AS b
ORDER BY town, coalesce(r.date, r.since, ''), r.id
