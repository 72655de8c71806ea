// Every town with its pairing coverage, by name (the coverage of all towns in one call).
// Parameters: $within (a place id: only towns in it, up to three PART_OF hops; or null), $include_private,
//             $offset, $limit.
// Returns: total, page (list of {t: {id, type, name, aliases, coverage_stated, village_count,
//          village_count_text, community_count}, parent: {id, name} of the county or district (or null),
//          villages (villages and communities recorded as part of it), covered (those with an enterprise
//          partner), town_partners (enterprises paired with the town as a whole)}).
// Coverage counts as in analytics.coverage: PAIRS_WITH from an enterprise or enterprise group.
CALL () {
  MATCH (t:Place {level: 'town'})
  WHERE $within IS NULL OR EXISTS { (t)-[:PART_OF*1..3]->(:Place {id: $within}) }
  RETURN count(t) AS total
}
CALL () {
  MATCH (t:Place {level: 'town'})
  WHERE $within IS NULL OR EXISTS { (t)-[:PART_OF*1..3]->(:Place {id: $within}) }
  WITH t ORDER BY t.name, t.id SKIP $offset LIMIT $limit
  CALL (t) {
    OPTIONAL MATCH (v:Place)-[:PART_OF]->(t) WHERE v.level IN ['village', 'community']
    WITH v, EXISTS { (e:Organization)-[:PAIRS_WITH]->(v) WHERE e.kind IN ['enterprise', 'enterprise_group'] } AS covered
    RETURN count(v) AS villages, count(CASE WHEN covered THEN v END) AS covered
  }
  RETURN collect({
    t: t {.id, .type, .name, .aliases, .level, .coverage_stated, .village_count, .village_count_text, .community_count},
    parent: head(COLLECT { MATCH (t)-[:PART_OF]->(p:Place) RETURN p {.id, .name} ORDER BY p.id }),
    villages: villages, covered: covered,
    town_partners: COUNT { (e:Organization)-[:PAIRS_WITH]->(t) WHERE e.kind IN ['enterprise', 'enterprise_group'] }
  }) AS page
}
RETURN total, page
