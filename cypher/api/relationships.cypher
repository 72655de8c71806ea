// Relationships filtered by type, ends, town and date (all donations, all pairings, ...).
// Parameters: $db_type ("DONATES_TO" or null), $source, $target (entity ids or null),
//             $town (a town's id or null: either end is the town or lies in it, up to three
//             PART_OF/LOCATED_IN hops), $since, $until (YYYY[-MM[-DD]] or null: the relationship's
//             date, or its earliest article's date when it has none, overlaps the range; a month or a
//             year counts whole), $include_private, $offset, $limit.
// Returns: total, page (list of {r, a, b}; r with every property, a and b as {id, type,
//          name, aliases}, statements: each source's statement when its sources disagree (r.disputed), else empty).
CALL (*) {
  MATCH (a:Entity)-[r]->(b:Entity)
  WHERE ($db_type IS NULL OR type(r) = $db_type)
    AND ($source IS NULL OR a.id = $source) AND ($target IS NULL OR b.id = $target)
    AND ($include_private OR NOT (coalesce(a.private, false) OR coalesce(b.private, false)))
    AND ($town IS NULL OR EXISTS { (b)-[:PART_OF|LOCATED_IN*0..3]->(:Place {id: $town}) }
         OR EXISTS { (a)-[:PART_OF|LOCATED_IN*0..3]->(:Place {id: $town}) })
  WITH r, CASE WHEN $since IS NULL AND $until IS NULL THEN null
               ELSE coalesce(r.date, COLLECT { UNWIND coalesce(r.sources, []) AS sid MATCH (s:Source {id: sid})
                                                RETURN s.date ORDER BY s.date }[0]) END AS d
  WHERE ($since IS NULL OR d + '~' >= $since) AND ($until IS NULL OR d <= $until + '~')
  RETURN count(r) AS total
}
CALL (*) {
  MATCH (a:Entity)-[r]->(b:Entity)
  WHERE ($db_type IS NULL OR type(r) = $db_type)
    AND ($source IS NULL OR a.id = $source) AND ($target IS NULL OR b.id = $target)
    AND ($include_private OR NOT (coalesce(a.private, false) OR coalesce(b.private, false)))
    AND ($town IS NULL OR EXISTS { (b)-[:PART_OF|LOCATED_IN*0..3]->(:Place {id: $town}) }
         OR EXISTS { (a)-[:PART_OF|LOCATED_IN*0..3]->(:Place {id: $town}) })
  WITH r, a, b, CASE WHEN $since IS NULL AND $until IS NULL THEN null
                     ELSE coalesce(r.date, COLLECT { UNWIND coalesce(r.sources, []) AS sid MATCH (s:Source {id: sid})
                                                      RETURN s.date ORDER BY s.date }[0]) END AS d
  WHERE ($since IS NULL OR d + '~' >= $since) AND ($until IS NULL OR d <= $until + '~')
  WITH r, a, b ORDER BY type(r), r.id SKIP $offset LIMIT $limit
  RETURN collect({r: r {.*}, a: a {.id, .type, .name, .aliases}, b: b {.id, .type, .name, .aliases}, statements: COLLECT { MATCH (st:Statement {subject: r.id}) WHERE r.disputed IS NOT NULL RETURN st {.*, article_text: null, article_text_public: null} ORDER BY st.source_date, st.source_id, st.origin }}) AS page
}
RETURN total, page
