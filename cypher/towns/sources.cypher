// Every source's title, publisher and date: what a page needs to cite it (no counts, no text).
// Parameters: none.
// Returns: one row per source: s ({id, name, title, publisher, date, date_inferred, date_note}), in the
//          shape of api/sources' rows, which graph.towns reads for its citations. api/sources also counts
//          each source's statements, which takes seconds on a province graph; a town page needs none.
MATCH (s:Source)
RETURN s {.id, .name, .title, .publisher, .date, .date_inferred, .date_note} AS s
ORDER BY s.id
