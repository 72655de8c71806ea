// Create entities the loader found absent (in the same transaction).
// Parameters: $rows (list of {id, label, props}); props holds every property, id included.
UNWIND $rows AS row
CREATE (n:Entity:$(row.label))
SET n = row.props
