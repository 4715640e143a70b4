"""Upload size limits: a request body larger than the limit is refused before it is read whole."""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

DEFAULT_MAX_UPLOAD = 20 * 1024 * 1024
"""20 MiB: an archive of 100,000 households as XLSX is about 8 MiB."""


class BodyTooLarge(Exception):
    """The body went past the limit while it was being received."""


class UploadLimit:
    """ASGI middleware: 413 with a Chinese message for a body over `limit` bytes.

    The declared Content-Length is checked first; a body sent without one (chunked) is counted
    as it arrives and cut off at the limit.
    """

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            await self._refuse(send)
            return
        received = 0
        started = False

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > self.limit:
                raise BodyTooLarge
            return message

        async def watched(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, watched)
        except BodyTooLarge:
            if not started:
                await self._refuse(send)

    async def _refuse(self, send: Send) -> None:
        megabytes = self.limit // (1024 * 1024)
        body = (f"上传的文件太大：每次最多 {megabytes} MB。请拆分后分次上传；"
                "活动未作任何改动。").encode()
        headers = [(b"content-type", b"text/plain; charset=utf-8"),
                   (b"content-length", str(len(body)).encode())]
        await send({"type": "http.response.start", "status": 413, "headers": headers})
        await send({"type": "http.response.body", "body": body})
