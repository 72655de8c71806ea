// 一次活动的网络 — one event and everyone around it
// Purpose: hosts, organisers, participants, places and what the event supports.
// Parameters:
//   $event = "taibao-theme-activity-2021-12-14"   id of an event
// Returns: paths, drawn as a graph.
MATCH p = (e:Event {id: $event})-[]-(x:Entity)
WHERE NOT coalesce(x.private, false)
RETURN p
