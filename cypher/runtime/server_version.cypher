// The version of the running server, for `honglian neo4j status`. Run against the system database.
// Returns: v (the kernel version, e.g. 5.26.30).
CALL dbms.components() YIELD versions
RETURN versions[0] AS v
