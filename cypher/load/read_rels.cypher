// The stored state of the given relationships.
// Parameters: $rows (list of {id, source, target, db_type}).
// Returns: id, props for those that exist.
UNWIND $rows AS row
MATCH (a:Entity {id: row.source})-[r:$(row.db_type) {id: row.id}]->(b:Entity {id: row.target})
USING INDEX a:Entity(id)
RETURN r.id AS id, properties(r) AS props
