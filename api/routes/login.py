"""The login form: a valid API token opens a login session, whose id (never the token) the pages
keep in an HttpOnly cookie; logging out ends the session on the server, so the cookie is dead even
if it was copied."""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from api.deps import (
    SESSION_COOKIE,
    GraphDep,
    Unauthenticated,
    caller_from_token,
    hash_token,
    request_caller,
)
from api.pages import render, safe_next
from graph.repositories import tokens as token_store
from graph.settings import Settings, get_settings

router = APIRouter(tags=["pages"], include_in_schema=False)

SESSION_DAYS = 30

SettingsDep = Annotated[Settings, Depends(get_settings)]


def served_over_https(request: Request, settings: Settings) -> bool:
    """Whether the browser reached us over https: the setting says so (COOKIE_SECURE=true), the
    request came in over https, or a proxy in front says it did (X-Forwarded-Proto). Trusting the
    header is safe here: it can only add `Secure`, which keeps the cookie off plain http."""
    forwarded = request.headers.get("x-forwarded-proto", "").split(",")[0].strip().lower()
    return settings.cookie_secure or request.url.scheme == "https" or forwarded == "https"


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, graph: GraphDep, next: str | None = None):
    try:
        request_caller(request, graph, None)  # the navigation bar shows who is logged in
    except Unauthenticated:
        request.state.caller = None
    return render(request, "login.html", {"next": safe_next(next), "error": None})


@router.post("/login", response_class=HTMLResponse)
def login(
    request: Request,
    graph: GraphDep,
    settings: SettingsDep,
    token: Annotated[str, Form()] = "",
    next: Annotated[str | None, Form()] = None,
):
    target = safe_next(next)
    caller = caller_from_token(graph, token.strip())
    if caller is None:
        return render(
            request,
            "login.html",
            {"next": target, "error": "Deze sleutel kennen we niet, of hij is verlopen of ingetrokken."},
            status_code=401,
        )
    now = dt.datetime.now(dt.UTC)
    expires_at = min(now + dt.timedelta(days=SESSION_DAYS), caller.expires_at)
    session_id = secrets.token_urlsafe(32)
    token_store.open_session(graph, hash_token(session_id), caller.id, now, expires_at)
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(
        SESSION_COOKIE,
        session_id,
        max_age=int((expires_at - now).total_seconds()),
        httponly=True,
        samesite="lax",
        secure=served_over_https(request, settings),
        path="/",
    )
    return response


@router.post("/logout")
def logout(request: Request, graph: GraphDep):
    session_id = request.cookies.get(SESSION_COOKIE)
    if session_id:
        token_store.close_session(graph, hash_token(session_id), dt.datetime.now(dt.UTC))
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response
