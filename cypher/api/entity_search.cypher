// Search entities by name and alias: the cjk full-text index plus substring
// matches (so one-character queries work too); exact names, then exact aliases,
// then substrings rank first.
// Parameters: $q ("雄业"), $lucene (the escaped full-text query), $type ("organization" or null),
//             $kind ("enterprise", or a place's level such as "town", or null), $level, $since, $until,
//             $town (as in entity_list; null = no filter), $include_private (false), $offset (0), $limit (20).
// Returns: total (all matches), page (list of {n: properties as in entity_get, degree, statements: each source's
//          statement when the sources disagree (n.disputed), else empty}).
CALL (*) {
  CALL db.index.fulltext.queryNodes('entity_search', $lucene) YIELD node, score
  RETURN node, score
  UNION
  MATCH (node:Entity) WHERE node.search_text CONTAINS $q
  RETURN node, 0.0 AS score
}
WITH node, max(score) AS score
WHERE ($type IS NULL OR node.type = $type)
  AND ($kind IS NULL OR node.kind = $kind OR node.level = $kind)
  AND ($level IS NULL OR node.level = $level)
  AND ($since IS NULL OR coalesce(node.end_date, node.date) + '~' >= $since)
  AND ($until IS NULL OR node.date <= $until + '~')
  AND ($town IS NULL OR EXISTS { (node)-[:PART_OF|LOCATED_IN*1..3]->(:Place {id: $town}) }
       OR EXISTS { (node)-[:PART_OF*0..2]->()<-[:HOSTS_EVENT|PARTICIPATES_IN|ORGANIZES]-(:Place)-[:PART_OF*0..2]->(:Place {id: $town}) })
  AND ($include_private OR NOT coalesce(node.private, false))
WITH node, score,
     CASE WHEN node.name = $q THEN 3 WHEN $q IN node.aliases THEN 2
          WHEN node.search_text CONTAINS $q THEN 1 ELSE 0 END AS exactness
ORDER BY exactness DESC, score DESC, size(node.name), node.id
WITH collect(node) AS nodes
RETURN size(nodes) AS total,
       [n IN nodes[$offset..($offset + $limit)] | {n: n {.*, search_text: null}, degree: COUNT { (n)--(o:Entity) WHERE $include_private OR NOT coalesce(o.private, false) }, statements: COLLECT { MATCH (st:Statement {subject: n.id}) WHERE n.disputed IS NOT NULL RETURN st {.*, article_text: null, article_text_public: null} ORDER BY st.source_date, st.source_id, st.origin }}] AS page
