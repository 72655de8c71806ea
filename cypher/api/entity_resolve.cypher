// Resolve what a person typed (an id, a name or an alias) to entities, in that order of preference.
// Parameters: $ref ("太保镇", "taibao" or "雄业物流"), $include_private.
// Returns: one row: by_id, by_name, by_alias (lists of {id, type, name, aliases, kind}); the alias
//          lookup runs only when neither the id nor the name matched. Private entities are left out
//          for anonymous callers, as if they did not exist.
CALL () {
  MATCH (n:Entity {id: $ref})
  WHERE $include_private OR NOT coalesce(n.private, false)
  RETURN collect(n {.id, .type, .name, .aliases, kind: coalesce(n.kind, n.level)}) AS by_id
}
CALL () {
  MATCH (n:Entity {name: $ref})
  WHERE $include_private OR NOT coalesce(n.private, false)
  WITH n ORDER BY n.id LIMIT 50
  RETURN collect(n {.id, .type, .name, .aliases, kind: coalesce(n.kind, n.level)}) AS by_name
}
CALL (by_id, by_name) {
  WITH by_id, by_name WHERE by_id = [] AND by_name = []
  MATCH (n:Entity) WHERE n.search_text CONTAINS $ref AND $ref IN n.aliases
    AND ($include_private OR NOT coalesce(n.private, false))
  WITH n ORDER BY n.id LIMIT 50
  RETURN collect(n {.id, .type, .name, .aliases, kind: coalesce(n.kind, n.level)}) AS by_alias
}
RETURN by_id, by_name, by_alias
