// 驻镇工作队 — the work teams, where they are stationed and who leads them
// Purpose: each work team, its town and its members with their titles.
// Parameters: none
// Returns: paths, drawn as a graph.
MATCH (w:Organization {kind: 'work_team'})
OPTIONAL MATCH p1 = (w)-[:LOCATED_IN]->(:Place)
OPTIONAL MATCH p2 = (:Person)-[:HOLDS_POSITION]->(w)
RETURN w, collect(p1) AS stationed, collect(p2) AS members
