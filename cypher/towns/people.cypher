// The people who hold posts in a town's bodies, in the bodies and enterprises paired with it, or in
//   the units grouped with its work team; each with every post the articles give them.
// Parameters: $town (a town id, or null for every town), $include_private (private persons only then).
// Returns: one row per person: town (id), p (the person's properties), positions (list of {h, o}: the
//          HOLDS_POSITION properties, with its title and evidence, and the organisation or place {id, name}).
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
  UNION
  MATCH (x:Organization)-[:PAIRS_WITH]->(t)
  RETURN x
  UNION
  MATCH (x:Organization)-[:MEMBER_OF]->(:Organization {kind: 'work_team'})-[:LOCATED_IN]->(t)
  RETURN x
}
MATCH (p:Person)-[:HOLDS_POSITION]->(x)
WHERE $include_private OR NOT coalesce(p.private, false)
WITH DISTINCT t, p
RETURN t.id AS town, properties(p) AS p,
       [(p)-[h:HOLDS_POSITION]->(o:Entity) | {h: properties(h), o: o {.id, .name}}] AS positions
ORDER BY town, p.name
