// 人物与职务 — people and their positions
// Purpose: every post a named person holds, with the title as the article writes it.
// Parameters: none
// Returns: one row per post: person, title, organisation.
MATCH (p:Person)-[h:HOLDS_POSITION]->(o:Entity)
WHERE NOT coalesce(p.private, false)
RETURN p.name AS person, h.title AS title, o.name AS organisation
ORDER BY person, organisation
