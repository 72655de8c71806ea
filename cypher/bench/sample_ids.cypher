// Ids of entities of one type (and kind or level) for the query benchmark to pick from.
// Parameters: $label ("Person", "Organization", "Place"), $kind ("enterprise" or null),
//             $level ("village", "town" or null), $limit (20000).
// Returns: id, name (up to $limit rows).
MATCH (n:$($label))
WHERE ($kind IS NULL OR n.kind = $kind) AND ($level IS NULL OR n.level = $level)
RETURN n.id AS id, n.name AS name
LIMIT $limit
