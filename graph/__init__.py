"""honglian: the 红联共建 partnership network as a knowledge graph.

The ``graph`` package holds the domain model, settings, data access (named
Cypher from ``cypher/``), the loader, analytics, reports, the local Neo4j
runtime and the command-line interface. ``api`` depends on it, never the reverse.
"""

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
CYPHER_DIR = PROJECT_ROOT / "cypher"
SEED_DIR = PROJECT_ROOT / "seed"
