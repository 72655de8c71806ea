// One entity by what a person typed, in one round trip: the entity whose id is $ref, else the only one
// with that name, else the only one with that alias (entity_resolve's order), with what entity_get returns.
// The name and alias lookups run only when the id matched nothing (most lookups are by id).
// Parameters: $ref ("taibao", "太保镇" or "雄业物流"), $include_private.
// Returns: one row: n, degree, statements as in entity_get (n null when $ref names no entity or several),
//          by_name, by_alias (lists of {id, type, name, aliases, kind}: the candidates when the id matched
//          nothing; by_alias only when the name matched nothing). Private entities are left out for
//          anonymous callers, as if they did not exist.
OPTIONAL MATCH (found:Entity {id: $ref})
WHERE $include_private OR NOT coalesce(found.private, false)
CALL (found) {
  WITH found WHERE found IS NULL
  MATCH (n:Entity {name: $ref})
  WHERE $include_private OR NOT coalesce(n.private, false)
  WITH n ORDER BY n.id LIMIT 50
  RETURN collect(n) AS by_name
}
CALL (found, by_name) {
  WITH found, by_name WHERE found IS NULL AND by_name = []
  MATCH (n:Entity) WHERE n.search_text CONTAINS $ref AND $ref IN n.aliases
    AND ($include_private OR NOT coalesce(n.private, false))
  WITH n ORDER BY n.id LIMIT 50
  RETURN collect(n) AS by_alias
}
WITH coalesce(found, CASE WHEN size(by_name) = 1 THEN by_name[0]
                          WHEN by_name = [] AND size(by_alias) = 1 THEN by_alias[0] END) AS n,
     by_name, by_alias
RETURN n {.*, search_text: null} AS n,
       COUNT { (n)--(o:Entity) WHERE $include_private OR NOT coalesce(o.private, false) } AS degree,
       COLLECT { MATCH (st:Statement {subject: n.id}) RETURN st {.*, article_text: null, article_text_public: null}
                 ORDER BY st.source_date, st.source_id, st.origin } AS statements,
       [m IN by_name | m {.id, .type, .name, .aliases, kind: coalesce(m.kind, m.level)}] AS by_name,
       [m IN by_alias | m {.id, .type, .name, .aliases, kind: coalesce(m.kind, m.level)}] AS by_alias
