// Delete relationships no source supports any more.
// Parameters: $rows (list of {id, db_type, source, target}).
UNWIND $rows AS row
MATCH (a:Entity {id: row.source})-[r:$(row.db_type) {id: row.id}]->(b:Entity {id: row.target})
USING INDEX a:Entity(id)
DELETE r
