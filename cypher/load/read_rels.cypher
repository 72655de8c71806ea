// The stored state of the given relationships.
// Parameters: $rows (list of {id, source, target, db_type}).
// Returns: id, props for those that exist.
UNWIND $rows AS row
MATCH (:Entity {id: row.source})-[r:$(row.db_type) {id: row.id}]->(:Entity {id: row.target})
RETURN r.id AS id, properties(r) AS props
