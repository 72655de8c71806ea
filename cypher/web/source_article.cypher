// An article's text, with what is needed to hide the private people it names from anonymous readers.
// Parameters: $id ("xkb-taibao-dec14-activity").
// Returns: one row, none when the source is unknown: text (the article, or null), private_mentions (the
//          source's own list of names to hide), private ([{name, aliases, mentions, redact_as}] of the
//          private persons the source supports). These names never leave the Store unredacted for an
//          anonymous caller.
MATCH (s:Source {id: $id})
RETURN s.article_text AS text, coalesce(s.private_mentions, []) AS private_mentions,
       COLLECT { UNWIND coalesce(s.supports_entities, []) AS eid
                 MATCH (p:Person {id: eid}) WHERE coalesce(p.private, false)
                 RETURN p {.name, .aliases, .mentions, .redact_as} } AS private
