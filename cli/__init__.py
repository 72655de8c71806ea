"""The ``honglian`` command line: the entry point above ``graph`` (the domain) and ``api`` (HTTP).

Imports point one way: ``cli → api → graph → cypher files``; nothing imports ``cli``.
"""
