// Record a write: who, when, what. AuditEntry nodes are not entities (no Entity label).
// Parameters: $who ("alice"), $action ("post_source"), $target ("xkb-new-story"), $detail (text).
// Returns: at (the entry's time).
CREATE (a:AuditEntry {at: datetime(), who: $who, action: $action, target: $target, detail: $detail})
RETURN toString(a.at) AS at
