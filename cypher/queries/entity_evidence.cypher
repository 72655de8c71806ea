// 证据 — an entity's evidence: the article and the quotes
// Purpose: why the graph holds an entity; every quote with the title of its article.
// Parameters:
//   $name = "雄业物流"   a name or alias
// Returns: one row per quote: entity, article, quote.
MATCH (n:Entity) WHERE n.name = $name OR $name IN n.aliases
UNWIND range(0, size(n.ev_quotes) - 1) AS i
MATCH (s:Source {id: n.ev_sources[i]})
RETURN n.name AS entity, s.title AS article, n.ev_quotes[i] AS quote
