// What converting pre-statement data needs: every source's date, and every private person's names.
// Parameters: none.
// Returns: one row: dates (list of [source id, date]), people (list of {name, aliases, private}).
CALL () { MATCH (s:Source) RETURN collect([s.id, s.date]) AS dates }
CALL () { MATCH (p:Person) WHERE p.private = true RETURN collect(p {.name, .aliases, .private}) AS people }
RETURN dates, people
