// 活动一览 — events with organisers, hosts and participants
// Purpose: every dated activity, who hosted (主办/协办) and organised it, and who took part.
// Parameters: none
// Returns: one row per event: date, inferred, event, hosts, organisers, participants.
MATCH (e:Event)
OPTIONAL MATCH (h)-[:HOSTS_EVENT]->(e)
WITH e, collect(DISTINCT h.name) AS hosts
OPTIONAL MATCH (o)-[:ORGANIZES]->(e)
WITH e, hosts, collect(DISTINCT o.name) AS organisers
OPTIONAL MATCH (x)-[:PARTICIPATES_IN]->(e) WHERE NOT coalesce(x.private, false)
RETURN e.date AS date, e.date_inferred AS inferred, e.name AS event, hosts, organisers,
       collect(DISTINCT x.name) AS participants
ORDER BY date, event
