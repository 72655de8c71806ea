// Create relationships the loader found absent (in the same transaction).
// Parameters: $rows (list of {id, db_type, source, target, props}); props holds every property, id included.
UNWIND $rows AS row
MATCH (a:Entity {id: row.source}) USING INDEX a:Entity(id)
MATCH (b:Entity {id: row.target}) USING INDEX b:Entity(id)
CREATE (a)-[r:$(row.db_type)]->(b)
SET r = row.props
