// Delete entities no source supports any more (with any relationship left on them).
// Parameters: $ids (list of entity ids).
UNWIND $ids AS id
MATCH (n:Entity {id: id}) USING INDEX n:Entity(id)
DETACH DELETE n
