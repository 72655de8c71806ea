// 荣誉 — awards and who won them
// Purpose: titles and prizes won by towns, villages, cooperatives, projects and events.
// Parameters: none
// Returns: one row per award: winner, award, level, conferred_by, date.
MATCH (w:Entity)-[r:RECEIVED_AWARD]->(a:Award)
OPTIONAL MATCH (c)-[:CONFERS]->(a)
RETURN w.name AS winner, a.name AS award, a.level AS level,
       coalesce(c.name, a.conferred_by) AS conferred_by, coalesce(r.date, a.year) AS date
ORDER BY winner
