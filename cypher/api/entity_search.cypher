// Search entities by name and alias, ranked: exact name, then exact alias, then names or aliases that
// start with the text, then any other substring; within each, full-text score, shorter name, id.
// Matches: the cjk full-text index's hits for the phrase, and every entity whose name or alias contains
// $contains. For two or more Chinese characters the full-text index alone finds exactly the names that
// contain them (its bigram phrase query is a substring match): $contains is null and the text index is
// not scanned (a null bound scans nothing; a `WHERE` on a parameter would be checked after the scan).
// Any other query (one character, Latin letters, digits, spaces) passes $contains = $q.
// Private persons are never matched for an anonymous caller ($include_private false).
// Parameters: $q ("雄业"), $lucene (the escaped full-text phrase), $contains (null, or $q), $type ("organization" or null),
//             $kind ("enterprise", or a place's level such as "town", or null), $level, $since, $until,
//             $town (as in entity_list; null = no filter), $include_private (false), $offset (0), $limit (20).
// Returns: total (all matches), page (list of {n: properties as in entity_get, with only the quotes the caller
//          may read (ev_quotes with $include_private, else ev_quotes_public), degree, statements: each source's
//          statement when the sources disagree (n.disputed), else empty}). Only the page's rows are counted
//          and projected; the statement lookup runs only for a disputed entity.
CALL (*) {
  CALL db.index.fulltext.queryNodes('entity_search', $lucene) YIELD node, score
  RETURN node, score
  UNION
  MATCH (node:Entity) WHERE node.search_text CONTAINS $contains
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
     CASE WHEN node.name = $q THEN 4
          WHEN $q IN node.aliases THEN 3
          WHEN node.name STARTS WITH $q OR any(a IN coalesce(node.aliases, []) WHERE a STARTS WITH $q) THEN 2
          WHEN node.search_text CONTAINS $q THEN 1 ELSE 0 END AS rank
ORDER BY rank DESC, score DESC, size(node.name), node.id
WITH collect(node) AS nodes
RETURN size(nodes) AS total,
       [n IN nodes[$offset..($offset + $limit)] | {
         n: n {.*, search_text: null,
               ev_quotes: CASE WHEN $include_private THEN n.ev_quotes END,
               ev_quotes_public: CASE WHEN $include_private THEN null ELSE n.ev_quotes_public END},
         degree: COUNT { (n)--(o:Entity) WHERE $include_private OR NOT coalesce(o.private, false) },
         statements: CASE WHEN n.disputed IS NULL THEN [] ELSE
           COLLECT { MATCH (st:Statement {subject: n.id}) RETURN st {.*, article_text: null, article_text_public: null}
                     ORDER BY st.source_date, st.source_id, st.origin } END}] AS page
