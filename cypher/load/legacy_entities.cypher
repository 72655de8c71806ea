// Entities still in the pre-statement format (per-source values in one src_json blob), a batch at a time.
// Parameters: $batch (how many).
// Returns: id, type, src_json, article_text (a source's article; null for other entities).
MATCH (n:Entity) WHERE n.src_json IS NOT NULL
RETURN n.id AS id, n.type AS type, n.src_json AS src_json, n.article_text AS article_text
LIMIT $batch
