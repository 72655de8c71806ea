// The projection's physical limit: the edges the projection reads (between entities that are not
// sources, private persons left out), as two columnar lists of internal ids in one record: no record
// per edge, no string ids. The analytics yardstick's edge read (bench/yardstick.py).
// Parameters: none.
// Returns: one row: src, dst (lists of integers, same length: edge i runs src[i] -> dst[i]).
MATCH (a:Entity)-[r]->(b:Entity)
WHERE NOT a:Source AND NOT b:Source AND NOT coalesce(a.private, false) AND NOT coalesce(b.private, false)
RETURN collect(id(a)) AS src, collect(id(b)) AS dst
