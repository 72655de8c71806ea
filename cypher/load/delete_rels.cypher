// Delete relationships no source supports any more.
// Parameters: $rows (list of {id, db_type, source, target}).
UNWIND $rows AS row
MATCH (:Entity {id: row.source})-[r:$(row.db_type) {id: row.id}]->(:Entity {id: row.target})
DELETE r
