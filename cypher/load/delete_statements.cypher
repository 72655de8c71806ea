// Delete statements a source no longer makes.
// Parameters: $ids (list of statement ids).
UNWIND $ids AS id
MATCH (st:Statement {id: id})
DELETE st
