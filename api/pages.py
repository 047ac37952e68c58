"""What every server-rendered page shares: the templates, the logged-in caller, the static files
and the page headers.

Pages use the same tokens as the API. The login form (api.routes.login) checks the token and keeps
a login session's id (not the token) in an HttpOnly cookie; a page asked for without a valid one redirects to /login?next=..., where an API
call would answer 401.

    from api.pages import PageCallerDep, render

    @router.get("/p/team/{team_id}", response_class=HTMLResponse)
    def team_page(request: Request, team_id: str, caller: PageCallerDep):
        return render(request, "team.html", {"team": ...})

The template environment (`page_templates`) is made and registered by create_app (api.main), which
also mounts the static files and includes the page routes; this module imports no route.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated
from urllib.parse import quote

import pyvis
from fastapi import Depends, Request
from fastapi.responses import RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from api.deps import Caller, Graph, Unauthenticated, get_graph, request_caller
from api.redaction import finalize, tojson
from graph.vocabulary import JOIN_STATUS_NL, ORGANISATION_KIND_NL, QUESTION_STATUS_NL, ROLE_NL, SECTOR_NL, date_nl
from viz.links import page_url, viewer_url

HERE = Path(__file__).parent
STATIC_DIR = HERE / "static"
# vis-network as pyvis ships it: served by the app, so pages work offline and behind a proxy.
VIS_DIR = Path(pyvis.__file__).parent / "lib" / "vis-9.1.2"

# The navigation bar: (path, Dutch label).
NAVIGATION: tuple[tuple[str, str], ...] = (("/", "Overzicht"), ("/bellijst", "Bellijst"), ("/viewer", "Netwerk"))


def page_templates() -> Jinja2Templates:
    """The pages' template environment with every filter and global the templates use."""
    templates = Jinja2Templates(directory=HERE / "templates")
    env = templates.env
    # Set before any template is compiled (Jinja compiles the hook in): a non-coordinator's page
    # shows no e-mail address or phone number, whichever field it comes from.
    env.finalize = finalize
    env.filters["tojson"] = tojson  # the JSON the viewer page embeds, redacted before it is serialised
    env.filters["datum"] = date_nl
    env.filters["dagdatum"] = lambda value: date_nl(value, weekday=True)
    env.globals.update(
        page_url=page_url,
        viewer_url=viewer_url,
        SECTOR_NL=SECTOR_NL,
        JOIN_STATUS_NL=JOIN_STATUS_NL,
        ORGANISATION_KIND_NL=ORGANISATION_KIND_NL,
        QUESTION_STATUS_NL=QUESTION_STATUS_NL,
        ROLE_NL=ROLE_NL,
    )
    return templates


# Everything a page loads comes from the app itself; the browser enforces that too. vis-network
# sets inline styles on its tooltip and its CSS holds data: images.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self'; font-src 'self'; "
    "frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
)
PAGE_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}


class LoginRequired(Exception):
    """Raised by `page_caller`; answered with a redirect to the login form."""

    def __init__(self, next_url: str):
        super().__init__(next_url)
        self.next_url = next_url


def _bearer_token(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    return header[7:].strip() if header.lower().startswith("bearer ") else None


def page_caller(request: Request, graph: Annotated[Graph, Depends(get_graph)]) -> Caller:
    """The logged-in caller of a page (the login cookie's session, or a bearer header for scripts)."""
    try:
        return request_caller(request, graph, _bearer_token(request))
    except Unauthenticated:
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        raise LoginRequired(target)


PageCallerDep = Annotated[Caller, Depends(page_caller)]


def safe_next(value: str | None, default: str = "/") -> str:
    """Where to go after logging in: only a path on this server (no //host, no scheme), so the
    login form cannot be used to send someone elsewhere."""
    if not value or not value.startswith("/") or value.startswith("//") or "\\" in value:
        return default
    return value


def login_url(next_url: str) -> str:
    return "/login?next=" + quote(next_url, safe="/")


def navigation(request: Request) -> list[dict]:
    current = request.url.path
    return [{"path": path, "label": label, "current": path == current} for path, label in NAVIGATION]


def render(request: Request, template: str, context: dict | None = None, status_code: int = 200) -> Response:
    context = {"caller": getattr(request.state, "caller", None), "navigation": navigation(request), **(context or {})}
    return request.app.state.templates.TemplateResponse(
        request, template, context, status_code=status_code, headers=PAGE_HEADERS
    )


async def to_login(request: Request, error: LoginRequired) -> Response:
    return RedirectResponse(login_url(error.next_url), status_code=303)
