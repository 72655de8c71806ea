// 项目与机制 — initiatives and who carries them
// Purpose: programmes, mechanisms and projects with who organises and supports them.
// Parameters: none
// Returns: one row per initiative: initiative, kind, organisers, supporters.
MATCH (i:Initiative)
OPTIONAL MATCH (o)-[:ORGANIZES]->(i)
WITH i, collect(DISTINCT o.name) AS organisers
OPTIONAL MATCH (s)-[:SUPPORTS]->(i)
RETURN i.name AS initiative, i.kind AS kind, organisers, collect(DISTINCT s.name) AS supporters
ORDER BY size(supporters) DESC, initiative
