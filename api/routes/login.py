"""The login form: the pages use the API's tokens, kept in an HttpOnly cookie after logging in."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from api.deps import TOKEN_COOKIE, GraphDep, caller_from_token
from api.pages import home, render, safe_next

router = APIRouter(tags=["pages"], include_in_schema=False)

COOKIE_DAYS = 30


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, graph: GraphDep, next: str | None = None):
    caller = caller_from_token(graph, request.cookies.get(TOKEN_COOKIE))
    request.state.caller = caller
    return render(request, "login.html", {"next": safe_next(next, home(request)), "error": None})


@router.post("/login", response_class=HTMLResponse)
def login(request: Request, graph: GraphDep, token: Annotated[str, Form()] = "",
          next: Annotated[str | None, Form()] = None):
    target = safe_next(next, home(request))
    token = token.strip()
    caller = caller_from_token(graph, token)
    if caller is None:
        return render(request, "login.html",
                      {"next": target, "error": "Deze sleutel kennen we niet, of hij is ingetrokken."},
                      status_code=401)
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(TOKEN_COOKIE, token, max_age=COOKIE_DAYS * 24 * 3600, httponly=True, samesite="lax",
                        secure=request.url.scheme == "https", path="/")
    return response


@router.post("/logout")
def logout():
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(TOKEN_COOKIE, path="/")
    return response
