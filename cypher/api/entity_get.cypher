// One entity with its degree.
// Parameters: $id ("xiongye-logistics"), $include_private.
// Returns: n (properties; search_text comes back null), degree (relationships with entities the caller may
//          see), statements (every source's statement about it, oldest first); no row when unknown (or private
//          and hidden).
MATCH (n:Entity {id: $id})
WHERE $include_private OR NOT coalesce(n.private, false)
RETURN n {.*, search_text: null} AS n,
       COUNT { (n)--(o:Entity) WHERE $include_private OR NOT coalesce(o.private, false) } AS degree,
       COLLECT { MATCH (st:Statement {subject: n.id}) RETURN st {.*, article_text: null, article_text_public: null}
                 ORDER BY st.source_date, st.source_id, st.origin } AS statements
