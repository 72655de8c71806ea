// One source, its article's text and every fact it supports (its article's and curators' statements).
// Parameters: $id ("xkb-taibao-dec14-activity"), $statement_id (id of the source's own statement),
//             $include_private.
// Returns: s (properties), article_text, article_text_public, entities (list of properties),
//          rels (list of {r, a, b}); no row when unknown.
MATCH (s:Source {id: $id})
OPTIONAL MATCH (own:Statement {id: $statement_id})
CALL (s) {
  MATCH (st:Statement {source_id: s.id})
  WHERE st.subject_kind = 'entity' AND st.subject <> s.id
  WITH DISTINCT st.subject AS eid
  MATCH (n:Entity {id: eid})
  WHERE $include_private OR NOT coalesce(n.private, false)
  RETURN collect(n {.*, search_text: null}) AS entities
}
CALL (s) {
  MATCH (st:Statement {source_id: s.id})
  WHERE st.subject_kind = 'relationship'
  WITH DISTINCT st.subject AS rid, st.start AS start, st.end AS end, st.db_type AS db_type
  MATCH (a:Entity {id: start})-[r:$(db_type) {id: rid}]->(b:Entity {id: end})
  WHERE $include_private OR NOT (coalesce(a.private, false) OR coalesce(b.private, false))
  WITH r, a, b ORDER BY type(r), r.id
  RETURN collect({r: properties(r), a: a {.id, .type, .name, .aliases}, b: b {.id, .type, .name, .aliases}}) AS rels
}
RETURN properties(s) AS s, own.article_text AS article_text, own.article_text_public AS article_text_public,
       entities, rels
