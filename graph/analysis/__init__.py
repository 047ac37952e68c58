"""Network analysis of the graph as of a date: brokers (betweenness), communities (Leiden), how each
team is tied to the rest, and which G4/G32 cities the teams of each theme reach.

    analysis = analyse(build_network(read_network(graph), as_of), fingerprint)

computed with igraph on the network read in bulk (see docs/analysis.md for why not Neo4j's Graph
Data Science), and kept by graph.analysis.service until the graph changes."""
