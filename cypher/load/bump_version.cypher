// Record that the graph changed: analytics caches compare this version.
// Returns: version (integer, increasing).
MERGE (m:GraphMeta {id: 'graph'})
SET m.version = coalesce(m.version, 0) + 1, m.updated_at = datetime()
RETURN m.version AS version
