"""graph.redaction on its own: e-mail addresses and phone numbers in free text are hidden, and
nothing else. (tests/integration/test_redaction.py checks every answer and page over Neo4j.)"""

import pytest

from graph.redaction import EMAIL_HIDDEN, PHONE_HIDDEN, redact, redact_text

PLANTED_EMAIL, PLANTED_PHONE = "planted.contact@example.org", "06-98765432"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("mail yvonne@stedenlink.nl;", f"mail {EMAIL_HIDDEN};"),
        ("jan [at] gemeente (dot) nl", EMAIL_HIDDEN),
        ("bel 06 27027473 of 06-12345678.", f"bel {PHONE_HIDDEN} of {PHONE_HIDDEN}."),
        ("(020) 123 45 67, 070/3456789", f"{PHONE_HIDDEN}, {PHONE_HIDDEN}"),
        ("+31 (0)6 1234 5678 en 0031 20 1234567", f"{PHONE_HIDDEN} en {PHONE_HIDDEN}"),
        ("tel: 0612345678", f"tel: {PHONE_HIDDEN}"),
        # not contact data: dates, times, amounts, handles, report references
        ("op 2011-06-16 om 10:00, 01-02-2020 10:00 uur", None),
        ("147.000 inwoners; KvK 12345678; budget 0,5 miljoen", None),
        ("Twitter @digitalesteden en #dsa11, @SvtE", None),
        ("verslag §3 (p. 12)", None),
    ],
)
def test_redact_text_hides_e_mail_addresses_and_phone_numbers_only(text, expected):
    assert redact_text(text) == (text if expected is None else expected)


def test_redact_reaches_every_string_in_a_tree_but_not_its_keys():
    tree = {"a@b.nl": ["x 06-12345678", {"n": 3, "s": "c@d.org"}], "t": None}
    assert redact(tree) == {"a@b.nl": [f"x {PHONE_HIDDEN}", {"n": 3, "s": EMAIL_HIDDEN}], "t": None}
