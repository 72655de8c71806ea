// Delete one relationship and every statement about it; the graph version moves on when one existed.
// Parameters: $id (relationship id), $source, $target (its ends' ids), $db_type ("PAIRS_WITH").
// Returns: deleted (1 or 0), statements (how many statements were deleted).
OPTIONAL MATCH (:Entity {id: $source})-[r:$($db_type) {id: $id}]->(:Entity {id: $target})
WITH r, CASE WHEN r IS NULL THEN 0 ELSE 1 END AS deleted
DELETE r
WITH deleted
CALL (deleted) {
  OPTIONAL MATCH (st:Statement {subject: $id})
  WITH st WHERE deleted = 1 AND st IS NOT NULL
  DELETE st
  RETURN count(*) AS statements
}
CALL (deleted) {
  WITH deleted WHERE deleted = 1
  MERGE (m:GraphMeta {id: 'graph'})
  SET m.version = coalesce(m.version, 0) + 1, m.updated_at = datetime()
}
RETURN deleted, statements
