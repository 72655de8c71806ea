// The entities an article supports, with their evidence (the source page marks where each is stated).
// Parameters: $id ("xkb-taibao-dec14-activity"), $include_private.
// Returns: one row per entity, by name: n (properties as in entity_get), degree.
MATCH (s:Source {id: $id})
UNWIND coalesce(s.supports_entities, []) AS eid
MATCH (n:Entity {id: eid})
WHERE $include_private OR NOT coalesce(n.private, false)
RETURN n {.*, src_json: null, search_text: null, sources: null, article_text: null} AS n, COUNT { (n)--() } AS degree
ORDER BY n.name
