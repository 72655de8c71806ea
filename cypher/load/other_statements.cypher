// Every other statement about the given subjects: what the rest of the sources (and curators) state,
// which the derived entity or relationship must keep showing.
// Parameters: $ids (list of entity or relationship ids), $source_id, $origins (the statements being
//             replaced: those of $source_id with an origin in $origins are left out).
// Returns: st (a statement's properties, without the article text), one row per statement.
UNWIND $ids AS subject
MATCH (st:Statement {subject: subject}) USING INDEX st:Statement(subject)
WHERE NOT (st.source_id = $source_id AND st.origin IN $origins)
RETURN st {.*, article_text: null, article_text_public: null} AS st
