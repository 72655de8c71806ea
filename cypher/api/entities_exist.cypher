// Which of the given ids are known (and visible).
// Parameters: $ids (list of entity ids), $include_private.
// Returns: id for each that exists.
UNWIND $ids AS id
MATCH (n:Entity {id: id})
WHERE $include_private OR NOT coalesce(n.private, false)
RETURN n.id AS id
