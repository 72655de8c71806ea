// The projection's physical limit: every edge between entities as two columnar lists of internal ids
// in one record (no per-edge record, no string ids). The yardstick's edge read.
// Parameters: none.
// Returns: one row: src, dst (lists of integers, same length: edge i runs src[i] -> dst[i]).
MATCH (a:Entity)-[r]->(b:Entity)
RETURN collect(id(a)) AS src, collect(id(b)) AS dst
