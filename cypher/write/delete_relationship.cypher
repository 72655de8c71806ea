// Delete one relationship (every source's statement of it) and bump the graph version.
// Parameters: $id, $db_type, $source, $target (from the relationship id).
// Returns: deleted (0 or 1).
OPTIONAL MATCH (:Entity {id: $source})-[r:$($db_type) {id: $id}]->(:Entity {id: $target})
WITH r, CASE WHEN r IS NULL THEN 0 ELSE 1 END AS deleted
DELETE r
WITH deleted
CALL (deleted) {
  WITH deleted WHERE deleted = 1
  MERGE (m:GraphMeta {id: 'graph'})
  SET m.version = coalesce(m.version, 0) + 1, m.updated_at = datetime()
}
RETURN deleted
