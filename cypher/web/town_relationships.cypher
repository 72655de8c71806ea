// A town's dashboard, part one: the relationships that concern it, by section.
// Parameters: $town ("taibao"), $include_private.
// Returns: one row per relationship: section, r, a, b, statements (as in entity_relationships), kind (the
//          organisation's kind or the place's level at the far end), d (the relationship's date, or its
//          earliest article's date when it has none: YYYY[-MM[-DD]] or null).
// Sections:
//   stationed  organisations and places paired with the town, or located in it as a work team,
//              government body, party organisation or working group (驻镇);
//   pairing    PAIRS_WITH to one of its villages or communities (and the village itself, via b);
//   donation   DONATES_TO to the town or to anything in it (PART_OF/LOCATED_IN, up to three hops);
//   position   HOLDS_POSITION in the town, or in an organisation or place in it;
//   award      RECEIVED_AWARD of the town or of anything in it.
MATCH (t:Place {id: $town})
CALL (t) {
  MATCH (a)-[r:PAIRS_WITH]->(t) RETURN 'stationed' AS section, r, a, t AS b
  UNION
  MATCH (a:Organization)-[r:LOCATED_IN]->(t)
  WHERE a.kind IN ['work_team', 'government_body', 'party_organisation', 'working_group']
  RETURN 'stationed' AS section, r, a, t AS b
  UNION
  MATCH (a)-[r:PAIRS_WITH]->(b:Place)-[:PART_OF]->(t) WHERE b.level IN ['village', 'community']
  RETURN 'pairing' AS section, r, a, b
  UNION
  MATCH (a)-[r:DONATES_TO]->(b) WHERE b = t OR EXISTS { (b)-[:PART_OF|LOCATED_IN*1..3]->(t) }
  RETURN 'donation' AS section, r, a, b
  UNION
  MATCH (a:Person)-[r:HOLDS_POSITION]->(b) WHERE b = t OR EXISTS { (b)-[:PART_OF|LOCATED_IN*1..2]->(t) }
  RETURN 'position' AS section, r, a, b
  UNION
  MATCH (a)-[r:RECEIVED_AWARD]->(b) WHERE a = t OR EXISTS { (a)-[:PART_OF|LOCATED_IN*1..3]->(t) }
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
       coalesce(r.date, COLLECT { MATCH (s:Source) WHERE s.id IN r.sources RETURN s.date ORDER BY s.date }[0]) AS d
ORDER BY section, a.name, r.id
