// All shortest paths between two entities, up to 6 hops; $max_hops cuts them shorter.
// Parameters: $source ("guoguang-electric"), $target ("xiongye-logistics"), $max_hops (4),
//             $include_private, $limit (max paths, e.g. 25).
// Returns: one row per path: nodes ({id, type, name, aliases}), rels (list of {r, a, b} as in
//          entity_relationships).
// The private-node test is universal (every node), so Neo4j checks it during its bidirectional
// breadth-first search. The length cut sits after WITH on purpose: as a predicate of the MATCH it
// would make the planner fall back to an exhaustive search whenever the shortest path is longer
// than $max_hops (minutes on a province graph instead of milliseconds).
MATCH (s:Entity {id: $source}), (t:Entity {id: $target})
MATCH p = allShortestPaths((s)-[*..6]-(t))
WHERE all(x IN nodes(p) WHERE $include_private OR NOT coalesce(x.private, false))
WITH p WHERE length(p) <= $max_hops
LIMIT $limit
CALL (p) {
  UNWIND relationships(p) AS r
  WITH r, startNode(r) AS a, endNode(r) AS b
  RETURN collect({r: r {.*}, a: a {.id, .type, .name, .aliases}, b: b {.id, .type, .name, .aliases}, statements: COLLECT { MATCH (st:Statement {subject: r.id}) WHERE r.disputed IS NOT NULL RETURN st {.*, article_text: null, article_text_public: null} ORDER BY st.source_date, st.source_id, st.origin }}) AS rels
}
RETURN [n IN nodes(p) | n {.id, .type, .name, .aliases}] AS nodes, rels
