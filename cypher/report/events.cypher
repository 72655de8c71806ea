// Events for the report's timeline, with hosts and evidence.
// Parameters: $include_private.
// Returns: e (event properties), hosts (names), places (names).
MATCH (e:Event)
OPTIONAL MATCH (h:Entity)-[:HOSTS_EVENT]->(e)
WITH e, collect(DISTINCT h.name) AS hosts
OPTIONAL MATCH (e)-[:LOCATED_IN]->(p:Entity)
RETURN properties(e) AS e, hosts, collect(DISTINCT p.name) AS places
ORDER BY coalesce(e.date, '9999'), e.name
