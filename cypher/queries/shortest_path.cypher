// 两者如何相连 — the shortest paths between two named entities
// Purpose: how, e.g., 国光电器 is connected to 雄业物流; names or aliases both work.
// Parameters:
//   $from = "国光电器"   a name or alias
//   $to = "雄业物流"     a name or alias
// Returns: all shortest paths (up to 6 hops), drawn as a graph.
MATCH (a:Entity) WHERE a.name = $from OR $from IN a.aliases
MATCH (b:Entity) WHERE b.name = $to OR $to IN b.aliases
MATCH p = allShortestPaths((a)-[*..6]-(b))
RETURN p
