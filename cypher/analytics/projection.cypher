// The whole graph as rows for NetworkX, streamed: nodes first, then edges.
// Parameters: $include_private (false): leave private persons (and their edges) out.
// Returns: rows of {row: "node" | "edge", id, type, kind, name, aliases, source, target, rel, weight}.
MATCH (n:Entity)
WHERE NOT n:Source AND ($include_private OR NOT coalesce(n.private, false))
RETURN 'node' AS row, n.id AS id, n.type AS type, coalesce(n.kind, n.level) AS kind, n.name AS name,
       n.aliases AS aliases, null AS source, null AS target, null AS rel, null AS weight
UNION ALL
MATCH (a:Entity)-[r]->(b:Entity)
WHERE $include_private OR NOT (coalesce(a.private, false) OR coalesce(b.private, false))
RETURN 'edge' AS row, r.id AS id, null AS type, null AS kind, null AS name,
       null AS aliases, a.id AS source, b.id AS target, r.type AS rel, r.amount AS weight
