// A town's dashboard, part two: the town, where it lies, its villages and communities, and its events.
// Parameters: $town ("taibao"), $include_private.
// Returns: one row, no row when $town is no town: t (the town's properties as in entity_get), chain
//          (the places it lies in, nearest first: [{id, name, level}]), villages ([{id, type, name,
//          aliases, kind}]), events ([{e: {id, type, name, aliases, kind, date, end_date, date_inferred},
//          hosts: [{id, name}]}], by date; an event of the town lies in it (PART_OF/LOCATED_IN up to
//          three hops), or the town or one of its villages hosts, organises or takes part in it, or in
//          the larger event it is part of).
MATCH (t:Place {id: $town, level: 'town'})
CALL (t) {
  OPTIONAL MATCH p = (t)-[:PART_OF*1..4]->(:Place)
  WITH p ORDER BY length(p) DESC LIMIT 1
  RETURN CASE WHEN p IS NULL THEN [] ELSE [x IN tail(nodes(p)) | x {.id, .name, .level}] END AS chain
}
CALL (t) {
  OPTIONAL MATCH (v:Place)-[:PART_OF]->(t) WHERE v.level IN ['village', 'community']
  WITH v ORDER BY v.name
  RETURN collect(v {.id, .type, .name, .aliases, kind: v.level}) AS villages
}
CALL (t) {
  CALL (t) {
    MATCH (e:Event)-[:PART_OF|LOCATED_IN*1..3]->(t) RETURN e
    UNION
    MATCH (e:Event)-[:PART_OF*0..2]->(:Event)<-[:HOSTS_EVENT|PARTICIPATES_IN|ORGANIZES]-(:Place)-[:PART_OF*0..2]->(t)
    RETURN e
  }
  WITH DISTINCT e ORDER BY e.date, e.name
  RETURN collect({
    e: e {.id, .type, .name, .aliases, .kind, .date, .end_date, .date_inferred},
    hosts: COLLECT { MATCH (h)-[:HOSTS_EVENT]->(e) WHERE $include_private OR NOT coalesce(h.private, false)
                     RETURN h {.id, .name} ORDER BY h.name }
  }) AS events
}
RETURN t {.*, search_text: null} AS t,
       COUNT { (t)--(o:Entity) WHERE $include_private OR NOT coalesce(o.private, false) } AS degree,
       chain, villages, events
