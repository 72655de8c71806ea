// The stored state of the given entities.
// Parameters: $ids (list of entity ids).
// Returns: id, props (every stored property) for those that exist.
UNWIND $ids AS id
MATCH (n:Entity {id: id}) USING INDEX n:Entity(id)
RETURN n.id AS id, properties(n) AS props
