"""The real CORDIS Horizon 2020 data (../shared/data/cordis_h2020) for the converter's tests: its CSV
files read as rows, and the mark that skips a test where the data is missing."""

from __future__ import annotations

import csv

import pytest

from bench import cordis

DATA = cordis.DEFAULT_DATA
LIMIT = 60  # projects in the subset the tests convert

needs_cordis_data = pytest.mark.skipif(not (DATA / "projects.csv").exists(), reason=f"no CORDIS data in {DATA}")


def rows(name: str) -> list[dict]:
    with (DATA / name).open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))
