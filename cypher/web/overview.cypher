// The home page's figures: how much the graph holds, and the latest articles.
// Parameters: $limit (latest sources, e.g. 8).
// Returns: one row: counts ({organization, person, place, initiative, event, award, source, towns,
//          relationships}; label and relationship counts come from Neo4j's count store, so this stays
//          fast on any size), latest ([{id, name, title, publisher, date, date_inferred}], newest first;
//          how many facts each states is left to the source page: counting a county's statements takes
//          tenths of a second on a province graph).
CALL () { MATCH (n:Organization) RETURN count(n) AS organization }
CALL () { MATCH (n:Person) RETURN count(n) AS person }
CALL () { MATCH (n:Place) RETURN count(n) AS place }
CALL () { MATCH (n:Initiative) RETURN count(n) AS initiative }
CALL () { MATCH (n:Event) RETURN count(n) AS event }
CALL () { MATCH (n:Award) RETURN count(n) AS award }
CALL () { MATCH (n:Source) RETURN count(n) AS source }
CALL () { MATCH (n:Place) WHERE n.level = 'town' RETURN count(n) AS towns }
CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }
CALL () {
  MATCH (s:Source)
  WITH s ORDER BY s.date DESC, s.id LIMIT $limit
  RETURN collect(s {.id, .name, .title, .publisher, .date, .date_inferred}) AS latest
}
RETURN {organization: organization, person: person, place: place, initiative: initiative, event: event,
        award: award, source: source, towns: towns, relationships: relationships} AS counts, latest
