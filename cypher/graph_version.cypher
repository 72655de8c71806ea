// The graph's data version (bumped by every load and write).
// Returns: version (0 for an empty database).
OPTIONAL MATCH (m:GraphMeta {id: 'graph'})
RETURN coalesce(m.version, 0) AS version
