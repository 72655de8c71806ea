// One keyset page of the projection's entities as columns (sources are not part of it), in id order:
// the caller passes the last id of the previous page ("" at first) and stops at a page whose last is
// null. Columns, not a record or a map per entity: reading 40,000 entities costs a few lists.
// Parameters: $after (""), $page (20000), $include_private (false): leave private persons out.
// Returns: last (the page's last id; null when the page is empty), refs (internal ids), ids, types
//          (lists of equal length: entity i is ids[i]).
MATCH (n:Entity)
WHERE n.id > $after AND NOT n:Source AND ($include_private OR NOT coalesce(n.private, false))
WITH n ORDER BY n.id LIMIT $page
RETURN max(n.id) AS last, collect(id(n)) AS refs, collect(n.id) AS ids, collect(n.type) AS types
