// All shortest paths between two entities, up to 6 hops; $max_hops cuts them shorter.
// Parameters: $source ("guoguang-electric"), $target ("xiongye-logistics"), $max_hops (4),
//             $include_private, $limit (max paths, e.g. 25).
// Returns: one row per path: nodes (properties), rels (list of {r, a, b}).
MATCH (s:Entity {id: $source}), (t:Entity {id: $target})
MATCH p = allShortestPaths((s)-[*..6]-(t))
WHERE length(p) <= $max_hops
  AND all(x IN nodes(p) WHERE $include_private OR NOT coalesce(x.private, false))
RETURN [n IN nodes(p) | properties(n)] AS nodes,
       [r IN relationships(p) | {r: properties(r), a: properties(startNode(r)), b: properties(endNode(r))}] AS rels
LIMIT $limit
