// Awards won in a town: by the town, its villages and sites, the organisations based there, its
//   events, and the projects its bodies lead (with their sub-projects).
// Parameters: $town (a town id, or null for every town), $include_private.
// Returns: one row per award won: town (id), a (the winner), r (RECEIVED_AWARD properties: date and
//          evidence), b (the award: name, level, year, conferred_by).
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
WITH t, collect(x) AS circle
CALL (circle) {
  UNWIND circle AS x
  RETURN x AS w
  UNION
  UNWIND circle AS x
  MATCH (x)-[:HOSTS_EVENT|PARTICIPATES_IN|ORGANIZES]->(w:Event)
  RETURN w
  UNION
  UNWIND circle AS x
  MATCH (w:Event)-[:LOCATED_IN]->(x)
  RETURN w
  UNION
  UNWIND circle AS x
  MATCH (x)-[:ORGANIZES]->(:Initiative)<-[:PART_OF*0..2]-(w:Initiative)
  RETURN w
  UNION
  UNWIND circle AS x
  MATCH (w:Initiative)-[:LOCATED_IN]->(x)
  RETURN w
}
MATCH (w)-[r:RECEIVED_AWARD]->(b:Award)
WHERE $include_private OR NOT coalesce(w.private, false)
RETURN t.id AS town, properties(w) AS a, properties(r) AS r, properties(b) AS b
ORDER BY town, coalesce(r.date, b.year, ''), b.name
