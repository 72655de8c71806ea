// Create or replace entities.
// Parameters: $rows (list of {id, label, props}); props replaces every property.
UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
SET n = row.props
SET n:$(row.label)
