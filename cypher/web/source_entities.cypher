// The entities an article supports, with their evidence (the source page marks where each is stated).
// Parameters: $id ("xkb-taibao-dec14-activity"), $include_private.
// Returns: one row per entity, by name: n (properties as in entity_get), degree (as in entity_get).
MATCH (st:Statement {source_id: $id})
WHERE st.subject_kind = 'entity' AND st.subject <> $id
WITH DISTINCT st.subject AS eid
MATCH (n:Entity {id: eid})
WHERE $include_private OR NOT coalesce(n.private, false)
RETURN n {.*, search_text: null} AS n,
       COUNT { (n)--(o:Entity) WHERE $include_private OR NOT coalesce(o.private, false) } AS degree
ORDER BY n.name
