// Start-up probe of the local server (graph/runtime/neo4j.py): the database answers a query.
// Returns: ok = 1.
RETURN 1 AS ok
