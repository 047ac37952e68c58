"""The Neo4j driver's Rust extension (neo4j-rust-ext, a dependency) is installed where the driver
looks for it: PackStream encoding and decoding run in Rust, not Python."""

import importlib.util


def test_the_driver_finds_its_rust_extension():
    assert importlib.util.find_spec("neo4j._rust") is not None
