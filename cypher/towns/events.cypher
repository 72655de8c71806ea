// A town's events: those held in the town, its villages, sites or the organisations based there, those
//   hosted, joined or organised by them (a delegation's return visit), and the parts of such events.
// Parameters: $town (a town id, or null for every town), $include_private.
// Returns: one row per event: town (id), e (its properties: name, kind, date, date_inferred, ...),
//          part_of (name of the larger event, or null), hosts (list of {name, role}), participants
//          (list of {id, name, type, rel, role, positions: [{title, org}]}), places (names of where it was
//          held), visits (names of the places and organisations visited).
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
  MATCH (x)-[:HOSTS_EVENT|PARTICIPATES_IN|ORGANIZES]->(e:Event)
  RETURN e
  UNION
  UNWIND circle AS x
  MATCH (e:Event)-[:LOCATED_IN|VISITS]->(x)
  RETURN e
}
MATCH (s:Event)-[:PART_OF*0..1]->(e)
WITH DISTINCT t, s AS e
CALL (e) {
  OPTIONAL MATCH (h:Entity)-[hr:HOSTS_EVENT]->(e)
  WHERE $include_private OR NOT coalesce(h.private, false)
  RETURN collect(CASE WHEN h IS NULL THEN null ELSE {name: h.name, role: hr.role} END) AS hosts
}
CALL (e) {
  OPTIONAL MATCH (p:Entity)-[pr:PARTICIPATES_IN|ORGANIZES]->(e)
  WHERE $include_private OR NOT coalesce(p.private, false)
  RETURN collect(CASE WHEN p IS NULL THEN null ELSE {
    id: p.id, name: p.name, type: p.type, rel: type(pr), role: pr.role,
    positions: [(p:Person)-[h:HOLDS_POSITION]->(o:Entity) | {title: h.title, org: o.name}]
  } END) AS participants
}
RETURN t.id AS town, properties(e) AS e, head([(e)-[:PART_OF]->(up:Event) | up.name]) AS part_of,
       hosts, participants,
       [(e)-[:LOCATED_IN]->(p:Entity) WHERE $include_private OR NOT coalesce(p.private, false) | p.name] AS places,
       [(e)-[:VISITS]->(p:Entity) WHERE $include_private OR NOT coalesce(p.private, false) | p.name] AS visits
ORDER BY town, coalesce(e.date, '9999'), e.name
