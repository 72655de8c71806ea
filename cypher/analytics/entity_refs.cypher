// How analytics answers name entities: id, type, name and aliases of the given ids.
// Parameters: $ids (list of entity ids).
// Returns: one row per known id: id, type, name, aliases (a list, empty when none).
UNWIND $ids AS id
MATCH (n:Entity {id: id})
RETURN n.id AS id, n.type AS type, n.name AS name, coalesce(n.aliases, []) AS aliases
