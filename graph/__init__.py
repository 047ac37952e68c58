"""Neo4j access for the Stedenlink partner graph: settings, driver, schema, repositories, loader."""
