"""The network's words are defined once (graph.vocabulary), complete in Dutch, and nowhere else."""

from __future__ import annotations

import re

import pytest

from graph import bundle, vocabulary
from graph.settings import PROJECT_ROOT
from graph.vocabulary import (
    ANSWER_KINDS,
    ANSWERS_FOR,
    CITY_STATUS_OF_ANSWER,
    JOIN_STATUS_NL,
    JOIN_STATUSES,
    JOIN_STATUSES_BY_PROGRESS,
    ORGANISATION_KIND_NL,
    QUESTION_STATUS_NL,
    SECTOR_NL,
    SECTORS,
    JoinStatus,
    OrganisationKind,
    QuestionStatus,
    Sector,
    date_nl,
)

PRODUCT = ("graph", "matcher", "api", "viz", "bench")
LABELS = {
    "SECTOR_NL": SECTOR_NL,
    "ORGANISATION_KIND_NL": ORGANISATION_KIND_NL,
    "JOIN_STATUS_NL": JOIN_STATUS_NL,
    "QUESTION_STATUS_NL": QUESTION_STATUS_NL,
    "ROLE_NL": vocabulary.ROLE_NL,
}


def test_every_word_has_its_dutch_and_the_lists_agree():
    assert SECTORS == tuple(s.value for s in Sector) and set(SECTOR_NL) == set(SECTORS)
    assert set(ORGANISATION_KIND_NL) == {k.value for k in OrganisationKind}
    assert set(JOIN_STATUS_NL) == set(JOIN_STATUSES) == set(JOIN_STATUSES_BY_PROGRESS)
    assert JOIN_STATUSES == tuple(s.value for s in JoinStatus)
    assert len(JOIN_STATUSES_BY_PROGRESS) == len(JoinStatus)
    assert set(QUESTION_STATUS_NL) == set(QuestionStatus.__args__)
    assert set(CITY_STATUS_OF_ANSWER.values()) <= set(JOIN_STATUS_NL)
    assert set().union(*ANSWERS_FOR.values()) == set(ANSWER_KINDS)


def test_the_bundle_format_uses_the_vocabulary_s_own_types():
    assert bundle.Sector is Sector and bundle.OrganisationKind is OrganisationKind and bundle.JoinStatus is JoinStatus


def _product_sources():
    for package in PRODUCT:
        for path in sorted((PROJECT_ROOT / package).rglob("*.py")):
            if path.name != "vocabulary.py":
                yield path, path.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(LABELS))
def test_no_other_module_defines_the_same_dutch_labels(name):
    pairs = [f'"{key}": "{dutch}"' for key, dutch in LABELS[name].items()]
    found = [
        (path.relative_to(PROJECT_ROOT), pair) for path, text in _product_sources() for pair in pairs if pair in text
    ]
    assert not found, f"{name} is graph.vocabulary's; also defined in {found}"


@pytest.mark.parametrize("words", [SECTORS, JOIN_STATUSES], ids=["sectors", "join statuses"])
def test_no_other_module_lists_them(words):
    listed = re.compile(r",\s*".join(f'"{word}"' for word in words))
    found = [path.relative_to(PROJECT_ROOT) for path, text in _product_sources() if listed.search(text)]
    assert not found, f"{words} are graph.vocabulary's; also listed in {found}"


def test_dates_in_dutch():
    import datetime as dt

    assert date_nl(dt.date(2011, 6, 16)) == "16 juni 2011"
    assert date_nl(dt.date(2011, 6, 16), weekday=True) == "donderdag 16 juni 2011"
    assert date_nl(None) == ""
