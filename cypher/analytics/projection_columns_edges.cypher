// The relationships of one keyset page of start entities (in id order) as columns: the caller passes
// the last start id of the previous page ("" at first) and stops at a page whose last is null.
// Internal ids, not string ids: the reader maps them to positions once (graph/projection.py).
// Parameters: $after (""), $page (20000 start entities), $include_private (false): leave relationships
//             touching a private person out.
// Returns: last (the page's last start id; null when the page is empty), src, dst (internal ids of the
//          start and end entities), amount (the amount in CNY, -1.0 when none is stated): lists of equal
//          length, edge j runs src[j] -> dst[j].
MATCH (a:Entity)
WHERE a.id > $after AND ($include_private OR NOT coalesce(a.private, false))
WITH a ORDER BY a.id LIMIT $page
WITH collect(a) AS starts
CALL (starts) {
  UNWIND starts AS a
  MATCH (a)-[r]->(b:Entity)
  WHERE $include_private OR NOT coalesce(b.private, false)
  RETURN collect(id(a)) AS src, collect(id(b)) AS dst, collect(coalesce(toFloat(r.amount), -1.0)) AS amount
}
RETURN starts[-1].id AS last, src, dst, amount
