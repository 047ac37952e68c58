"""Contact data inside free text reaches coordinators only: at the edge of the app, every JSON
answer to a non-coordinator and every page rendered for one passes through graph.redaction. The
`email` and `phone` fields themselves are left out further down (graph.repositories.reading); this
catches what people wrote into descriptions, sources and posts, in any field, old or new.

    app.add_middleware(RedactJsonForNonCoordinators)   # create_app does it
    templates.env.finalize = finalize                  # api.pages does it, and
    templates.env.filters["tojson"] = tojson           # this one
"""

from __future__ import annotations

import json

from jinja2 import pass_context
from jinja2.filters import do_tojson
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from graph.redaction import redact, redact_text


def needs_redaction(caller) -> bool:
    """Whether what `caller` is shown must lose contact data: everyone but a coordinator. No caller
    (anonymous: the login form, /health, a 401) sees nothing from the network anyway."""
    return caller is not None and not caller.is_coordinator


class RedactJsonForNonCoordinators:
    """ASGI middleware: holds back a JSON answer whose caller (request.state.caller, set when the
    token or session was checked) is not a coordinator, and sends it with contact data redacted."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        held: dict = {}

        async def redacting_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                if _is_json(message) and needs_redaction(scope.get("state", {}).get("caller")):
                    held["start"], held["body"] = message, []
                    return
            elif message["type"] == "http.response.body" and "start" in held:
                held["body"].append(message.get("body", b""))
                if message.get("more_body", False):
                    return
                body = _redacted_json(b"".join(held["body"]))
                start = held.pop("start")
                headers = [(k, v) for k, v in start["headers"] if k.lower() != b"content-length"]
                headers.append((b"content-length", str(len(body)).encode()))
                await send({**start, "headers": headers})
                await send({"type": "http.response.body", "body": body})
                return
            await send(message)

        await self.app(scope, receive, redacting_send)


def _is_json(start: Message) -> bool:
    content_type = dict(start.get("headers", [])).get(b"content-type", b"")
    return content_type.split(b";")[0].strip().endswith(b"json")


def _redacted_json(body: bytes) -> bytes:
    if not body:
        return body
    value = redact(json.loads(body))
    return json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode()


@pass_context
def finalize(context, value):
    """Jinja's hook for every `{{ ... }}` a template prints: for a non-coordinator's page, strings
    lose their contact data before they are escaped. Markup (what `tojson` made) is left alone:
    its text is JSON, which `tojson` below redacted before it was serialised."""
    if type(value) is str and needs_redaction(context.get("caller")):
        return redact_text(value)
    return value


@pass_context
def tojson(context, value, indent=None):
    """Jinja's `tojson`, with contact data redacted from the value first for a non-coordinator."""
    if needs_redaction(context.get("caller")):
        value = redact(value)
    return do_tojson(context.eval_ctx, value, indent)
