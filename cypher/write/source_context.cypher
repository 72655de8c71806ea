// What a curator's fact citing a source needs: the source's name, its article's text and date, and the
// private persons it names (their mentions are redacted from the curator's quotes for anonymous readers).
// Parameters: $source_id ("xkb-taibao-dec14-activity"), $statement_id (the id of the source's own statement).
// Returns: one row (none for an unknown source): name, article_text, date, private_mentions,
//          people (list of {name, aliases, mentions, redact_as, private}).
MATCH (s:Source {id: $source_id})
OPTIONAL MATCH (own:Statement {id: $statement_id})
CALL (s) {
  MATCH (p:Statement {source_id: s.id})
  WHERE p.origin = 'article' AND p.type = 'person' AND p.private = true
  RETURN collect(p {.name, .aliases, .mentions, .redact_as, .private}) AS people
}
RETURN s.name AS name, own.article_text AS article_text, own.source_date AS date,
       own.private_mentions AS private_mentions, people
