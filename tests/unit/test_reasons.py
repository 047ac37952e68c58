"""The reasons a partner suggestion gives, without a database."""

from __future__ import annotations

from matcher.reasons import REASON_SIGNALS, TEAM_SIGNALS
from matcher.signals import SIGNALS


def test_every_signal_about_the_organisation_weighs_in_a_reason():
    in_reasons = [name for names in REASON_SIGNALS.values() for name in names]
    assert sorted(in_reasons + list(TEAM_SIGNALS)) == sorted(SIGNALS)  # each once, none forgotten
