// 一篇报道支持的事实 — everything one article supports
// Purpose: the facts an article is evidence for, drawn as a graph.
// Parameters:
//   $source = "xkb-huguang-greening"   id of a source (GET /sources lists them)
// Returns: paths, drawn as a graph.
MATCH p = (a:Entity)-[r]->(b:Entity)
WHERE $source IN r.sources
RETURN p
