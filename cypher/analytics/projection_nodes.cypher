// One page of the projection's nodes (sources are not part of it), in id order: the caller passes the
// last id of the previous page ("" at first) and stops at a page with no rows. Pages keep a province
// (or a country) from crossing Bolt as one row per node, which costs far more than the data.
// Parameters: $after (""), $page (5000), $include_private (false): leave private persons out.
// Returns: last (the page's last id; null when the page is empty),
//          nodes (list of {id, type, kind (kind or level), name, aliases}).
MATCH (n:Entity)
WHERE n.id > $after AND NOT n:Source AND ($include_private OR NOT coalesce(n.private, false))
WITH n ORDER BY n.id LIMIT $page
RETURN max(n.id) AS last,
       collect({id: n.id, type: n.type, kind: coalesce(n.kind, n.level), name: n.name, aliases: n.aliases}) AS nodes
