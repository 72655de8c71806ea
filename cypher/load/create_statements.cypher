// Create statements the loader found absent (in the same transaction).
// Parameters: $rows (list of statement records: id, source_id, origin, subject, ... every property).
UNWIND $rows AS row
CREATE (st:Statement)
SET st = row
