// How many statements the graph holds (a load into a graph without any skips reading what other
// sources state about subjects it has not met yet).
// Parameters: none. Returns: statements (integer).
MATCH (st:Statement)
RETURN count(st) AS statements
