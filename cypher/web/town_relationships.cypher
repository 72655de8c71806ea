// A town's dashboard, part one: the relationships that concern it, by section.
// Parameters: $town ("taibao"), $include_private.
// Returns: one row per relationship: section, r, a, b, statements (as in entity_relationships), kind (the
//          organisation's kind or the place's level at the far end), d (donations: the relationship's
//          date, or its earliest article's date when it has none: YYYY[-MM[-DD]]; null for the others).
// Sections:
//   stationed  organisations and places paired with the town, or located in it as a work team,
//              government body, party organisation or working group (驻镇);
//   pairing    PAIRS_WITH to one of its villages or communities (and the village itself, via b);
//   donation   DONATES_TO to the town or to anything in it (PART_OF/LOCATED_IN, up to three hops);
//   position   HOLDS_POSITION in the town, or in an organisation or place in it;
//   award      RECEIVED_AWARD of the town or of anything in it.
// Everything is reached from the town (what lies in it is collected once), never by scanning a
// relationship type: a province graph has hundreds of thousands of donations and posts.
MATCH (t:Place {id: $town})
CALL (t) {
  MATCH (x:Entity)-[:PART_OF|LOCATED_IN*0..3]->(t)
  RETURN collect(DISTINCT x) AS inside
}
CALL (t, inside) {
  MATCH (a)-[r:PAIRS_WITH]->(t) RETURN 'stationed' AS section, r, a, t AS b
  UNION
  MATCH (a:Organization)-[r:LOCATED_IN]->(t)
  WHERE a.kind IN ['work_team', 'government_body', 'party_organisation', 'working_group']
  RETURN 'stationed' AS section, r, a, t AS b
  UNION
  MATCH (a)-[r:PAIRS_WITH]->(b:Place)-[:PART_OF]->(t) WHERE b.level IN ['village', 'community']
  RETURN 'pairing' AS section, r, a, b
  UNION
  UNWIND inside AS b
  MATCH (a)-[r:DONATES_TO]->(b)
  RETURN 'donation' AS section, r, a, b
  UNION
  UNWIND inside AS b
  MATCH (a:Person)-[r:HOLDS_POSITION]->(b)
  RETURN 'position' AS section, r, a, b
  UNION
  UNWIND inside AS a
  MATCH (a)-[r:RECEIVED_AWARD]->(b)
  RETURN 'award' AS section, r, a, b
}
WITH section, r, a, b
WHERE $include_private OR NOT (coalesce(a.private, false) OR coalesce(b.private, false))
RETURN section, r {.*} AS r,
       a {.id, .type, .name, .aliases} AS a, b {.id, .type, .name, .aliases} AS b,
       coalesce(a.kind, a.level) AS kind,
       COLLECT { MATCH (st:Statement {subject: r.id}) WHERE r.disputed IS NOT NULL
                 RETURN st {.*, article_text: null, article_text_public: null}
                 ORDER BY st.source_date DESC, st.source_id } AS statements,
       CASE section WHEN 'donation' THEN
         coalesce(r.date, COLLECT { UNWIND coalesce(r.sources, []) AS sid MATCH (s:Source {id: sid})
                                    RETURN s.date ORDER BY s.date }[0]) END AS d
ORDER BY section, a.name, r.id
