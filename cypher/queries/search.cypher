// 搜索 — search names and aliases (Chinese substrings)
// Purpose: full-text search with the cjk analyzer: 雄业 finds 广州市雄业物流有限公司.
// Parameters:
//   $q = "雄业"   a word or part of a name
// Returns: one row per match: name, type, id, score.
CALL db.index.fulltext.queryNodes('entity_search', $q) YIELD node, score
RETURN node.name AS name, node.type AS type, node.id AS id, score
ORDER BY score DESC LIMIT 25
