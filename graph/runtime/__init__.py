"""The local Neo4j Community server that honglian installs from Maven Central and runs."""

from graph.runtime.neo4j import LocalNeo4j, NEO4J_VERSION, BROWSER_VERSION

__all__ = ["LocalNeo4j", "NEO4J_VERSION", "BROWSER_VERSION"]
