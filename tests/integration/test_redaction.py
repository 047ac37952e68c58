"""Contact data written into free text (a source note, a description, a post, a question's
approach) reaches coordinators only: not a liaison, not a team, in no API answer, viewer panel or page."""

import json
from html import unescape

import pytest

from graph.redaction import EMAIL_HIDDEN, PHONE_HIDDEN
from tests.support.app import TEAM

YVONNE = "person:yvonne-stedenlink"  # the seed's source note quotes her e-mail address
PLANTED_EMAIL, PLANTED_PHONE = "planted.contact@example.org", "06-98765432"
PLANTED = f"Bereikbaar via {PLANTED_EMAIL} of bel {PLANTED_PHONE}."
QUESTION = "question:onze-stad-informele-thuiszorg"
POST = "post:josepip-2011-06-16-sbna"

API_READS = [
    "/organisations/org:actiz",
    "/organisations?q=actiz",
    f"/people/{YVONNE}",
    "/people?limit=500",
    "/search?q=actiz",
    "/search?q=yvonne",
    f"/teams/{TEAM}",
    f"/questions/{QUESTION}",
    "/questions?limit=500",
    f"/teams/{TEAM}/partner-suggestions",
    "/themes",
    "/cities/city:amersfoort",
    f"/viewer/node?id={YVONNE}",
    "/viewer/node?id=org:actiz",
    f"/viewer/node?id={POST}",
    f"/viewer/node?id={QUESTION}",
    "/viewer/data?focus=org:actiz",
    f"/viewer/data?focus={YVONNE}",
    "/viewer/search?q=actiz",
]
PAGES = [
    "/",
    "/viewer",
    "/viewer?focus=org:actiz",
    "/p/organisation/org:actiz",
    f"/p/person/{YVONNE}",
    f"/p/team/{TEAM}",
    f"/p/question/{QUESTION}",
    "/p/city/city:amersfoort",
    "/bellijst",
]
SECRETS = ("yvonne@stedenlink.nl", PLANTED_EMAIL, PLANTED_PHONE)


@pytest.fixture
def planted(callers):
    """The seed with contact data written into free text of an organisation, a person, a post and a question."""
    for path, body in (
        ("/organisations/org:actiz", {"description": PLANTED}),
        (f"/people/{YVONNE}", {"description": PLANTED}),
        # newlines before them: in the JSON the viewer page embeds they become "\n"
        (f"/posts/{POST}", {"text": f"Mail\n{PLANTED_EMAIL}\nof bel\n{PLANTED_PHONE}"}),
        (f"/questions/{QUESTION}", {"approach": PLANTED}),
    ):
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
    embedded = json.loads(
        unescape(page.split('<script id="viewer-data" type="application/json">')[1].split("</script>")[0])
    )
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
