// 镇的结对网络 — a town's partnership network
// Purpose: the town, its villages and sites, and every organisation that pairs with, donates to,
//   is stationed in or hosts events there. The guide's first query.
// Parameters:
//   $town = "taibao"   id of a town (湖光镇 is "huguang")
// Returns: paths, drawn as a graph.
MATCH (t:Place {id: $town})
OPTIONAL MATCH inner = (t)<-[:PART_OF*1..2]-(:Place)
WITH t, collect(inner) AS inner
OPTIONAL MATCH (t)<-[:PART_OF*0..2]-(place:Place)
WITH t, inner, collect(DISTINCT place) AS places
UNWIND places AS place
OPTIONAL MATCH link = (place)<-[:PAIRS_WITH|DONATES_TO|LOCATED_IN|SIGNS_AGREEMENT]-(:Entity)
RETURN t, inner, collect(link) AS links
