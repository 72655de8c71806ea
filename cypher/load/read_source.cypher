// What a source supported before this load.
// Parameters: $source_id (string, e.g. "xkb-taibao-return-visit").
// Returns: entity_ids, relationship_ids (empty lists for a new source).
OPTIONAL MATCH (s:Source {id: $source_id})
RETURN coalesce(s.supports_entities, []) AS entity_ids,
       coalesce(s.supports_relationships, []) AS relationship_ids
