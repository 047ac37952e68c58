"""The API's routes, one module per area. Route functions stay thin: they check, call the graph
or the matcher, and shape the answer."""
