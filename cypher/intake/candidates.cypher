// Linking a drafted article to the graph: the entities already known under the names it uses,
// and which of the fresh ids the draft proposes are taken. One query per article (honglian draft).
// Uses the range index on Entity.name (exact names) and the text index on search_text (aliases).
// Parameters: $names (every name and alias the draft gives, e.g. ["太保镇", "郑思维"]),
//             $ids (the fresh ids the draft proposes, e.g. ["taibao-zhen"]).
// Returns: rows with row = 'candidate' (id, name, type, kind, level, aliases, private, parents: names
//          of the places it is part of (3 levels), positions: [{id, name, aliases, title}] for people,
//          near: ids of its neighbours whose name is one of $names) or row = 'taken' (id only).
CALL (*) {
  UNWIND $names AS q
  MATCH (n:Entity {name: q})
  RETURN n
  UNION
  UNWIND $names AS q
  MATCH (n:Entity) WHERE n.search_text CONTAINS q AND q IN n.aliases
  RETURN n
}
WITH DISTINCT n
WHERE n.type <> 'source'
RETURN 'candidate' AS row, n.id AS id, n.name AS name, n.type AS type, n.kind AS kind, n.level AS level,
       coalesce(n.aliases, []) AS aliases, coalesce(n.private, false) AS private,
       [(n)-[:PART_OF*1..3]->(p:Place) | p.name] AS parents,
       [(n)-[r:HOLDS_POSITION]->(o:Entity) | {id: o.id, name: o.name, aliases: coalesce(o.aliases, []), title: r.title}] AS positions,
       [(n)--(x:Entity) WHERE x.name IN $names | x.id][..50] AS near
UNION ALL
UNWIND $ids AS i
MATCH (n:Entity {id: i})
RETURN 'taken' AS row, n.id AS id, null AS name, null AS type, null AS kind, null AS level,
       [] AS aliases, false AS private, [] AS parents, [] AS positions, [] AS near
