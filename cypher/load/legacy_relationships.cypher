// Relationships still in the pre-statement format (src_json), a batch at a time.
// Parameters: $batch (how many).
// Returns: id, type (snake_case), src_json.
MATCH (:Entity)-[r]->(:Entity) WHERE r.src_json IS NOT NULL
RETURN r.id AS id, r.type AS type, r.src_json AS src_json
LIMIT $batch
