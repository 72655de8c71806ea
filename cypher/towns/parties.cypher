// Who works for a town: the places and bodies paired with it (or with a place above it), the work
//   teams stationed there, the units grouped with a work team (组团), and enterprises paired with the town.
// Parameters: $town (a town id, or null for every town), $include_private.
// Returns: one row per link: town (id), a (the party's properties), rel (PAIRS_WITH, LOCATED_IN or
//          MEMBER_OF), r (the relationship's properties), via (properties of the place above the town
//          or of the work team the link goes through; null when the link is to the town itself).
MATCH (t:Place)
WHERE t.level = 'town' AND ($town IS NULL OR t.id = $town)
CALL (t) {
  MATCH (a:Entity)-[r:PAIRS_WITH]->(t)
  RETURN a, r, null AS via
  UNION
  MATCH (a:Organization {kind: 'work_team'})-[r:LOCATED_IN]->(t)
  RETURN a, r, null AS via
  UNION
  MATCH (t)-[:PART_OF*1..3]->(up:Place)<-[r:PAIRS_WITH]-(a:Entity)
  RETURN a, r, up AS via
  UNION
  MATCH (t)-[:PART_OF*1..3]->(up:Place)<-[r:LOCATED_IN]-(a:Organization {kind: 'work_team'})
  RETURN a, r, up AS via
  UNION
  MATCH (w:Organization {kind: 'work_team'})-[:LOCATED_IN|PAIRS_WITH]->(t)
  MATCH (a:Entity)-[r:MEMBER_OF]->(w)
  RETURN a, r, w AS via
}
WITH t, a, r, via
WHERE $include_private OR NOT coalesce(a.private, false)
RETURN t.id AS town, properties(a) AS a, type(r) AS rel, properties(r) AS r,
       CASE WHEN via IS NULL THEN null ELSE properties(via) END AS via
ORDER BY town, rel, a.name
