// 谁与谁结对 — who pairs with whom
// Purpose: every standing pairing (结对, 对口帮扶, 组团帮扶), helper → helped.
// Parameters: none
// Returns: paths, drawn as a graph.
MATCH p = (:Entity)-[:PAIRS_WITH]->(:Entity)
RETURN p
