"""Contact data written into free text (a source note, a description, a post, a question's
approach) reaches coordinators only: not a liaison, not a team, in no API answer, viewer panel or page."""

import json
from html import unescape

import pytest
from conftest import TEAM

from graph.redaction import EMAIL_HIDDEN, PHONE_HIDDEN, redact, redact_text

YVONNE = "person:yvonne-stedenlink"  # the seed's source note quotes her e-mail address
PLANTED_EMAIL, PLANTED_PHONE = "planted.contact@example.org", "06-98765432"
PLANTED = f"Bereikbaar via {PLANTED_EMAIL} of bel {PLANTED_PHONE}."
QUESTION = "question:onze-stad-informele-thuiszorg"
POST = "post:josepip-2011-06-16-sbna"

API_READS = ["/organisations/org:actiz", "/organisations?q=actiz", f"/people/{YVONNE}", "/people?limit=500",
             "/search?q=actiz", "/search?q=yvonne", f"/teams/{TEAM}", f"/questions/{QUESTION}",
             "/questions?limit=500", f"/teams/{TEAM}/partner-suggestions", "/themes", "/cities/city:amersfoort",
             f"/viewer/node?id={YVONNE}", "/viewer/node?id=org:actiz", f"/viewer/node?id={POST}",
             f"/viewer/node?id={QUESTION}", "/viewer/data?focus=org:actiz", f"/viewer/data?focus={YVONNE}",
             "/viewer/search?q=actiz"]
PAGES = ["/", "/viewer", "/viewer?focus=org:actiz", "/p/organisation/org:actiz", f"/p/person/{YVONNE}",
         f"/p/team/{TEAM}", f"/p/question/{QUESTION}", "/p/city/city:amersfoort", "/bellijst"]
SECRETS = ("yvonne@stedenlink.nl", PLANTED_EMAIL, PLANTED_PHONE)


@pytest.mark.parametrize("text, expected", [
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
])
def test_redact_text_hides_e_mail_addresses_and_phone_numbers_only(text, expected):
    assert redact_text(text) == (text if expected is None else expected)


def test_redact_reaches_every_string_in_a_tree_but_not_its_keys():
    tree = {"a@b.nl": ["x 06-12345678", {"n": 3, "s": "c@d.org"}], "t": None}
    assert redact(tree) == {"a@b.nl": [f"x {PHONE_HIDDEN}", {"n": 3, "s": EMAIL_HIDDEN}], "t": None}


@pytest.fixture
def planted(callers):
    """The seed with contact data written into free text of an organisation, a person, a post and a question."""
    for path, body in (("/organisations/org:actiz", {"description": PLANTED}),
                       (f"/people/{YVONNE}", {"description": PLANTED}),
                       # newlines before them: in the JSON the viewer page embeds they become "\n"
                       (f"/posts/{POST}", {"text": f"Mail\n{PLANTED_EMAIL}\nof bel\n{PLANTED_PHONE}"}),
                       (f"/questions/{QUESTION}", {"approach": PLANTED})):
        response = callers.coordinator.patch(path, json=body)
        assert response.status_code == 200, (path, response.text)
    return callers


def _leaks(client, paths: list[str]) -> list[tuple[str, str]]:
    found = []
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code, response.text[:300])
        text = unescape(response.text)
        found += [(path, secret) for secret in SECRETS if secret in text]
    return found


@pytest.mark.parametrize("role", ["liaison", "team"])
def test_no_contact_data_in_free_text_reaches_a_non_coordinator(planted, role):
    client = getattr(planted, role)
    assert _leaks(client, API_READS + PAGES) == []
    panel = client.get(f"/viewer/node?id={YVONNE}").json()
    source = dict(panel["fields"])["Bron"]
    assert "Sociale Media" in source and EMAIL_HIDDEN in source  # the rest of the note stays
    page = client.get("/viewer").text
    embedded = json.loads(unescape(page.split('<script id="viewer-data" type="application/json">')[1].split("</script>")[0]))
    post = next(n for n in embedded["nodes"] if n["id"] == POST)
    assert EMAIL_HIDDEN in json.dumps(post, ensure_ascii=False) and PHONE_HIDDEN in json.dumps(post, ensure_ascii=False)
    organisation = client.get("/organisations/org:actiz").json()
    assert organisation["description"] == f"Bereikbaar via {EMAIL_HIDDEN} of bel {PHONE_HIDDEN}."


def test_a_page_s_login_cookie_gets_the_same_redaction(planted):
    client = planted.anonymous
    assert client.post("/login", data={"token": planted.tokens["liaison"]}, follow_redirects=False).status_code == 303
    assert _leaks(client, [f"/viewer/node?id={YVONNE}", f"/p/person/{YVONNE}", "/organisations/org:actiz"]) == []


def test_a_coordinator_still_sees_contact_data_in_free_text(planted):
    leaks = _leaks(planted.coordinator, API_READS + PAGES)
    for secret in SECRETS:
        assert any(found == secret for _, found in leaks), secret
    assert dict(planted.coordinator.get(f"/viewer/node?id={YVONNE}").json()["fields"])["Bron"].count("@") == 1
