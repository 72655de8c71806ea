// Create or replace relationships.
// Parameters: $rows (list of {id, db_type, source, target, props}); props replaces every property.
UNWIND $rows AS row
MATCH (a:Entity {id: row.source}) USING INDEX a:Entity(id)
MATCH (b:Entity {id: row.target}) USING INDEX b:Entity(id)
MERGE (a)-[r:$(row.db_type) {id: row.id}]->(b)
SET r = row.props
