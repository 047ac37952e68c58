"""What the app does before any route runs: refuses bodies past the size limit, and answers
OPTIONS with the methods a path takes. Plain ASGI, so that neither reads a body or a token."""

from __future__ import annotations

from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.errors import AsciiJSONResponse, allowed_methods

IMPORTS_PATH = "/imports"


class BodyLimit:
    """413 for a body larger than the limit of its path: `/imports` takes bundles, every other
    route a record at most. A declared Content-Length is checked before anything is read; a body
    sent in chunks is read up to the limit and no further."""

    def __init__(self, app: ASGIApp, max_body_bytes: int, max_import_bytes: int):
        self.app, self.max_body, self.max_import = app, max_body_bytes, max_import_bytes

    def limit_for(self, path: str) -> tuple[int, str]:
        if path.rstrip("/") == IMPORTS_PATH:
            return self.max_import, "max_import_bytes"
        return self.max_body, "max_body_bytes"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        limit, setting = self.limit_for(scope["path"])
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length")
        if declared is not None:
            if not declared.isdigit():
                return await _refuse(scope, receive, send, 400, "Content-Length is not a number")
            if int(declared) > limit:
                return await _too_large(scope, receive, send, limit, setting)
            return await self.app(scope, receive, send)
        if b"chunked" not in headers.get(b"transfer-encoding", b""):
            return await self.app(scope, receive, send)
        chunks, size = [], 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                break
            size += len(message.get("body", b""))
            if size > limit:
                return await _too_large(scope, receive, send, limit, setting)
            chunks.append(message.get("body", b""))
            if not message.get("more_body"):
                break
        return await self.app(scope, _replay(b"".join(chunks), receive), send)


def _replay(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


async def _too_large(scope, receive, send, limit: int, setting: str) -> None:
    await _refuse(
        scope,
        receive,
        send,
        413,
        f"the body is larger than the limit of {limit} bytes for this route (setting {setting.upper()})",
    )


async def _refuse(scope, receive, send, status: int, detail: str) -> None:
    await AsciiJSONResponse({"detail": detail}, status_code=status, headers={"Connection": "close"})(
        scope, receive, send
    )


class AnswerOptions:
    """OPTIONS on a known path: 204 with `Allow` listing what the path takes, for any caller (it
    says nothing the OpenAPI document does not)."""

    def __init__(self, app: ASGIApp, fastapi_app):
        self.app, self.fastapi_app = app, fastapi_app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] == "OPTIONS":
            methods = allowed_methods(self.fastapi_app, scope)
            if methods:
                await Response(status_code=204, headers={"Allow": ", ".join(methods)})(scope, receive, send)
                return
        await self.app(scope, receive, send)
