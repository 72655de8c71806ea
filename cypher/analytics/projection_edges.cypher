// One page of the projection's edges, grouped by start node, start nodes in id order: the caller
// passes the last start id of the previous page ("" at first) and stops at a page with no rows.
// Parameters: $after (""), $page (5000 start nodes), $include_private (false): leave edges touching a
//             private person out.
// Returns: last (the page's last start id; null when the page is empty),
//          rows (list of [start id, [[relationship id, target id, type, amount or null], ...]]; start
//          nodes without edges are left out: collect() skips the nulls).
MATCH (a:Entity)
WHERE a.id > $after AND ($include_private OR NOT coalesce(a.private, false))
WITH a ORDER BY a.id LIMIT $page
CALL (a) {
  MATCH (a)-[r]->(b:Entity)
  WHERE $include_private OR NOT coalesce(b.private, false)
  RETURN collect([r.id, b.id, r.type, r.amount]) AS out
}
RETURN max(a.id) AS last, collect(CASE WHEN size(out) > 0 THEN [a.id, out] END) AS rows
