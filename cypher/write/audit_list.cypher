// The most recent writes.
// Parameters: $limit (50).
// Returns: at, who, action, target, detail.
MATCH (a:AuditEntry)
RETURN toString(a.at) AS at, a.who AS who, a.action AS action, a.target AS target, a.detail AS detail
ORDER BY a.at DESC LIMIT $limit
