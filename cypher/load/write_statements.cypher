// Replace changed statements (same deterministic id, new content).
// Parameters: $rows (list of statement records; each replaces every property of its statement).
UNWIND $rows AS row
MERGE (st:Statement {id: row.id})
SET st = row
