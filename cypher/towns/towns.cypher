// The towns of the programme: each town, the places above it, what the articles state about it.
// Parameters: $town (a town id such as "taibao", or null for every town), $include_private (unused;
//             every towns/ file takes the same two).
// Returns: one row per town: town (its properties: village_count, community_count, coverage_stated,
//          evidence arrays), above (list of {id, name, level} from the nearest place up).
MATCH (t:Place)
WHERE t.level = 'town' AND ($town IS NULL OR t.id = $town)
OPTIONAL MATCH path = (t)-[:PART_OF*1..4]->(up:Place)
WITH t, up, length(path) AS hops
ORDER BY hops
WITH t, collect(up {.id, .name, .level}) AS above
RETURN t.id AS town, properties(t) AS t, above
ORDER BY t.name
