// Every source (article) with how much it supports.
// Returns: s (properties), entities, relationships (how many entities and relationships its article states).
MATCH (s:Source)
RETURN properties(s) AS s,
       COUNT { MATCH (st:Statement {source_id: s.id}) WHERE st.origin = 'article' AND st.subject_kind = 'entity'
               AND st.subject <> s.id } AS entities,
       COUNT { MATCH (st:Statement {source_id: s.id}) WHERE st.origin = 'article'
               AND st.subject_kind = 'relationship' } AS relationships
ORDER BY s.id
