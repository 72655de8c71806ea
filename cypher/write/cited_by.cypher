// Everything that cites a source (its own statements or curated ones). Scans: used only when a
// curator deletes a source.
// Parameters: $source ("xkb-huguang-greening").
// Returns: kind ("node" | "rel"), id.
MATCH (n:Entity) WHERE $source IN n.sources
RETURN 'node' AS kind, n.id AS id
UNION ALL
MATCH (:Entity)-[r]->(:Entity) WHERE $source IN r.sources
RETURN 'rel' AS kind, r.id AS id
