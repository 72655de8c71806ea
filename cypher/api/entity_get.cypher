// One entity with its degree.
// Parameters: $id ("xiongye-logistics"), $include_private.
// Returns: n (properties; the internal src_json, search_text and sources come back null), degree; no row when unknown (or private and hidden).
MATCH (n:Entity {id: $id})
WHERE $include_private OR NOT coalesce(n.private, false)
RETURN n {.*, src_json: null, search_text: null, sources: null} AS n, COUNT { (n)--() } AS degree
