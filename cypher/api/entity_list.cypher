// List entities (no search term), by name.
// Parameters: $type, $kind (an organisation's, initiative's or event's kind, or a place's level), $level
//             (a place's level), $since, $until (YYYY[-MM[-DD]]: the entity's date, i.e. an event's,
//             overlaps the range; a date of month or year precision counts as the whole month or year),
//             $town (a town's id: the entity lies in it, or the town or one of its villages hosts,
//             organises or takes part in it, or in what it is part of), all nullable; $include_private, $offset, $limit.
// Returns: total, page (list of {n: properties as in entity_get, degree, statements: each source's
//          statement when the sources disagree (n.disputed), else empty}).
CALL (*) {
  MATCH (n:Entity)
  WHERE ($type IS NULL OR n.type = $type) AND ($kind IS NULL OR n.kind = $kind OR n.level = $kind)
    AND ($level IS NULL OR n.level = $level)
    AND ($since IS NULL OR coalesce(n.end_date, n.date) + '~' >= $since)
    AND ($until IS NULL OR n.date <= $until + '~')
    AND ($town IS NULL OR EXISTS { (n)-[:PART_OF|LOCATED_IN*1..3]->(:Place {id: $town}) }
         OR EXISTS { (n)-[:PART_OF*0..2]->()<-[:HOSTS_EVENT|PARTICIPATES_IN|ORGANIZES]-(:Place)-[:PART_OF*0..2]->(:Place {id: $town}) })
    AND ($include_private OR NOT coalesce(n.private, false))
  RETURN count(n) AS total
}
CALL (*) {
  MATCH (n:Entity)
  WHERE ($type IS NULL OR n.type = $type) AND ($kind IS NULL OR n.kind = $kind OR n.level = $kind)
    AND ($level IS NULL OR n.level = $level)
    AND ($since IS NULL OR coalesce(n.end_date, n.date) + '~' >= $since)
    AND ($until IS NULL OR n.date <= $until + '~')
    AND ($town IS NULL OR EXISTS { (n)-[:PART_OF|LOCATED_IN*1..3]->(:Place {id: $town}) }
         OR EXISTS { (n)-[:PART_OF*0..2]->()<-[:HOSTS_EVENT|PARTICIPATES_IN|ORGANIZES]-(:Place)-[:PART_OF*0..2]->(:Place {id: $town}) })
    AND ($include_private OR NOT coalesce(n.private, false))
  WITH n ORDER BY n.type, n.name, n.id SKIP $offset LIMIT $limit
  RETURN collect({n: n {.*, search_text: null}, degree: COUNT { (n)--(o:Entity) WHERE $include_private OR NOT coalesce(o.private, false) }, statements: COLLECT { MATCH (st:Statement {subject: n.id}) WHERE n.disputed IS NOT NULL RETURN st {.*, article_text: null, article_text_public: null} ORDER BY st.source_date, st.source_id, st.origin }}) AS page
}
RETURN total, page
