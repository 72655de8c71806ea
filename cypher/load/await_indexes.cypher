// Wait until every index is online (after schema.cypher created them).
// Parameters: none. Returns: nothing; fails after 300 s.
CALL db.awaitIndexes(300)
