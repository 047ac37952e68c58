"""The URL scheme of the server-rendered pages, in one place: the viewer links each node to its
page, and the liaison pages link to each other and to the viewer with the same functions.

    /p/team/{id}   /p/city/{id}   /p/organisation/{id}   /p/person/{id}   /p/theme/{id}   /p/question/{id}

`{id}` is the node's full id (`team:zorg-op-afstand`); a colon is fine in a path.
"""

from __future__ import annotations

from urllib.parse import quote, urlencode

# Node label -> the path segment of its page. Labels not listed (partner kinds, events,
# projects, posts) have no page of their own: the viewer shows them only.
PAGE_KINDS = {
    "Team": "team",
    "City": "city",
    "Organisation": "organisation",
    "Person": "person",
    "Theme": "theme",
    "Question": "question",
}


def page_url(label: str, node_id: str) -> str | None:
    kind = PAGE_KINDS.get(label)
    return f"/p/{kind}/{quote(node_id, safe=':')}" if kind else None


def viewer_url(**params) -> str:
    """`/viewer` with the given query parameters (None values left out), e.g.
    viewer_url(focus="team:x") or viewer_url(team="team:x", suggestions=1)."""
    query = urlencode({k: v for k, v in params.items() if v is not None})
    return "/viewer" + (f"?{query}" if query else "")
