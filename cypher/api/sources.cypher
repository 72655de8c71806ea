// Every source (article) with how much it supports.
// Returns: s (properties), entities, relationships (counts).
MATCH (s:Source)
RETURN properties(s) AS s, size(coalesce(s.supports_entities, [])) AS entities,
       size(coalesce(s.supports_relationships, [])) AS relationships
ORDER BY s.id
