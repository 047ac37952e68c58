"""graph.handle.native: the one conversion of Neo4j's temporal values to Python's."""

from __future__ import annotations

import datetime as dt

from neo4j.time import Date, DateTime

from graph.handle import native


def test_neo4j_dates_and_times_become_pythons_through_lists_and_maps():
    row = {
        "date": Date(2011, 11, 30),
        "at": DateTime(2026, 12, 1, 10, 0, 0, tzinfo=dt.UTC),
        "cities": [{"since": Date(2014, 5, 1)}, {"since": None}],
        "name": "G32",
        "n": 3,
    }
    assert native(row) == {
        "date": dt.date(2011, 11, 30),
        "at": dt.datetime(2026, 12, 1, 10, 0, tzinfo=dt.UTC),
        "cities": [{"since": dt.date(2014, 5, 1)}, {"since": None}],
        "name": "G32",
        "n": 3,
    }
    assert type(native(row)["date"]) is dt.date


def test_values_that_are_pythons_already_pass_unchanged():
    assert native(dt.date(2011, 6, 16)) == dt.date(2011, 6, 16)
    assert native(None) is None
