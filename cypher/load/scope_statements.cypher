// The statements a write replaces: one source's statements of the given origins about the given
// subjects (every subject when $subjects is null).
// Parameters: $source_id ("xkb-huguang-greening"), $origins (["article"]), $subjects (list of ids, or null),
//             $full (true: also return every stored property, for a dry run's before/after).
// Returns: one row per statement: id, subject, subject_kind, digest, st (its properties without the
//          article text when $full, else null).
MATCH (st:Statement {source_id: $source_id})
WHERE st.origin IN $origins AND ($subjects IS NULL OR st.subject IN $subjects)
RETURN st.id AS id, st.subject AS subject, st.subject_kind AS subject_kind, st.digest AS digest,
       CASE WHEN $full THEN st {.*, article_text: null, article_text_public: null} END AS st
