// Linking a drafted article to the graph: the entities already known under the names it uses,
// and which of the fresh ids the draft proposes are taken. One query per article (honglian draft).
// Exact names use the range index on Entity.name; aliases (only names of 3+ characters, so a short
// form such as 花都 does not scan every name containing it) use the text index on search_text.
// Only people are expanded to their posts and neighbours, so a town with thousands of facts costs nothing.
// Parameters: $names (every name and alias the draft gives, e.g. ["太保镇", "郑思维"]),
//             $aliases (those of 3+ characters), $ids (the fresh ids the draft proposes, e.g. ["taibao-zhen"]).
// Returns: rows with row = 'candidate' (id, name, type, kind, level, aliases, private, parents: names
//          of the places it is part of (3 levels), positions: [{id, name, aliases, title}] for people,
//          near: ids of a person's neighbours whose name is one of $names) or row = 'taken' (id only).
CALL (*) {
  UNWIND $names AS q
  MATCH (n:Entity {name: q})
  RETURN n
  UNION
  UNWIND $aliases AS q
  MATCH (n:Entity) WHERE n.search_text CONTAINS q AND q IN n.aliases
  RETURN n
}
WITH DISTINCT n
WHERE n.type <> 'source'
RETURN 'candidate' AS row, n.id AS id, n.name AS name, n.type AS type, n.kind AS kind, n.level AS level,
       coalesce(n.aliases, []) AS aliases, coalesce(n.private, false) AS private,
       CASE WHEN n.type = 'place' THEN [(n)-[:PART_OF*1..3]->(p:Place) | p.name] ELSE [] END AS parents,
       CASE WHEN n.type = 'person'
            THEN [(n)-[r:HOLDS_POSITION]->(o:Entity) | {id: o.id, name: o.name, aliases: coalesce(o.aliases, []), title: r.title}]
            ELSE [] END AS positions,
       CASE WHEN n.type = 'person' THEN [(n)--(x:Entity) WHERE x.name IN $names | x.id][..50] ELSE [] END AS near
UNION ALL
UNWIND $ids AS i
MATCH (n:Entity {id: i})
RETURN 'taken' AS row, n.id AS id, null AS name, null AS type, null AS kind, null AS level,
       [] AS aliases, false AS private, [] AS parents, [] AS positions, [] AS near
