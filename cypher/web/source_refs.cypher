// The articles behind some evidence: what a page shows beside each quote.
// Parameters: $ids (source ids, e.g. ["xkb-taibao-dec14-activity"]).
// Returns: one row per known id: s ({id, name, title, publisher, date, date_inferred, url}).
UNWIND $ids AS id
MATCH (s:Source {id: id})
RETURN s {.id, .name, .title, .publisher, .date, .date_inferred, .url} AS s
