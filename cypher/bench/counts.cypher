// What a load stored: entities (sources included: they are entities too) and relationships.
// Statements are not counted: they are not entities and have no relationships.
// Parameters: none.
// Returns: entities, relationships (one row).
CALL () { MATCH (n:Entity) RETURN count(n) AS entities }
CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }
RETURN entities, relationships
