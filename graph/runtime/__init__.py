"""The local Neo4j Community server that honglian installs from Maven Central and runs."""

from graph.runtime.neo4j import BROWSER_VERSION, NEO4J_VERSION, LocalNeo4j

__all__ = ["BROWSER_VERSION", "NEO4J_VERSION", "LocalNeo4j"]
