// One entity with its degree.
// Parameters: $id ("xiongye-logistics"), $include_private.
// Returns: n (properties), degree; no row when unknown (or private and hidden).
MATCH (n:Entity {id: $id})
WHERE $include_private OR NOT coalesce(n.private, false)
RETURN properties(n) AS n, COUNT { (n)--() } AS degree
