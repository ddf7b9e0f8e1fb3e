"""Request bodies are held to the upload limit while they are read, not after.

A body that declares its length (Content-Length) shows its size up front, but
a chunked one only as it arrives, and the form parser would spool all of it
before a route could look.  So `UploadLimit` sits on the ASGI `receive`
channel and counts every chunk as it is read:

- each uploaded file (a multipart part with a filename, followed by
  python-multipart's streaming parser as the chunks go by) against
  `Settings.max_upload_bytes`;
- the whole body against that limit plus 1 MiB for the form's other fields.

The moment either is exceeded, reading stops: an HTTPException (413) naming
the file and the limit is raised from `receive` into whatever was reading
(FastAPI's form parsing re-raises it as it is), and the app answers with its
usual error page or JSON error.  The route never runs, so nothing is stored.
A declared length over the limit is refused at the first read, after a peek
at no more than the body's first 64 KiB, only to find the file's name.
"""

from __future__ import annotations

from pathlib import PurePath

from python_multipart.multipart import MultipartParser, parse_options_header
from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

FIELDS_ALLOWANCE = 1024 * 1024  # the form's other fields, beside the file
PEEK_BYTES = 64 * 1024


class UploadTooLarge(HTTPException):
    def __init__(self, message: str) -> None:
        super().__init__(status_code=413, detail=message)


class UploadLimit:
    """ASGI middleware: refuse (413) a body, or a file in it, as soon as it outgrows the limit."""

    def __init__(self, app: ASGIApp, max_upload_bytes: int) -> None:
        self.app = app
        self.max_file = max_upload_bytes
        self.max_body = max_upload_bytes + FIELDS_ALLOWANCE

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        await self.app(scope, _CountedBody(self, Headers(scope=scope), receive), send)


class _CountedBody:
    """The `receive` channel of one request, counting what passes through it."""

    def __init__(self, limit: UploadLimit, headers: Headers, receive: Receive) -> None:
        self.limit = limit
        self.receive = receive
        self.total = 0
        self.refused: UploadTooLarge | None = None
        length = headers.get("content-length", "")
        self.declared = int(length) if length.isdigit() else None
        content_type, options = parse_options_header(headers.get("content-type"))
        boundary = options.get(b"boundary")
        self.parts = (
            _Parts(boundary) if content_type == b"multipart/form-data" and boundary else None
        )

    async def __call__(self) -> Message:
        if self.refused is not None:
            raise self.refused
        if self.declared is not None and self.declared > self.limit.max_body:
            await self._peek_at_the_file_name()
            self.refused = self._too_large()
            raise self.refused
        message = await self._read()
        if self.total > self.limit.max_body or (
            self.parts is not None and self.parts.file_bytes > self.limit.max_file
        ):
            self.refused = self._too_large()
            raise self.refused
        return message

    async def _read(self) -> Message:
        message = await self.receive()
        if message["type"] == "http.request":
            chunk = message.get("body", b"")
            self.total += len(chunk)
            if self.parts is not None:
                self.parts.feed(chunk)
        return message

    async def _peek_at_the_file_name(self) -> None:
        while self.parts is not None and self.parts.filename is None and self.total < PEEK_BYTES:
            message = await self._read()
            if message["type"] != "http.request" or not message.get("more_body", False):
                return

    def _too_large(self) -> UploadTooLarge:
        if self.parts is not None and self.parts.filename is not None:
            name = PurePath(self.parts.filename).name or "the file"
            return UploadTooLarge(
                f"{name}: too large (over the limit of {self.limit.max_file:,} bytes); "
                "nothing was stored"
            )
        return UploadTooLarge(
            f"request too large (over the limit of {self.limit.max_body:,} bytes); "
            "nothing was stored"
        )


class _Parts:
    """Follows a multipart body as it streams: the file being read, and its size so far."""

    def __init__(self, boundary: bytes) -> None:
        self.filename: str | None = None  # of the latest file part (None: no file yet)
        self.file_bytes = 0  # of the current part, if it is a file
        self._in_file = False
        self._header = [b"", b""]
        self._disposition = b""
        try:
            self._parser: MultipartParser | None = MultipartParser(
                boundary,
                {
                    "on_part_begin": self._part_begins,
                    "on_header_field": lambda data, start, end: self._add(0, data[start:end]),
                    "on_header_value": lambda data, start, end: self._add(1, data[start:end]),
                    "on_header_end": self._header_ends,
                    "on_headers_finished": self._headers_finished,
                    "on_part_data": self._data,
                },
            )
        except Exception:  # a malformed boundary: the form parser will say so
            self._parser = None

    def feed(self, chunk: bytes) -> None:
        if self._parser is None or not chunk:
            return
        try:
            self._parser.write(chunk)
        except Exception:  # malformed multipart: the form parser will say so; keep the total
            self._parser = None

    def _part_begins(self) -> None:
        self._in_file = False
        self.file_bytes = 0
        self._disposition = b""

    def _add(self, index: int, data: bytes) -> None:
        self._header[index] += data

    def _header_ends(self) -> None:
        field, value = self._header
        if field.strip().lower() == b"content-disposition":
            self._disposition = value
        self._header = [b"", b""]

    def _headers_finished(self) -> None:
        _, options = parse_options_header(self._disposition)
        if b"filename" in options:
            self._in_file = True
            self.filename = options[b"filename"].decode("utf-8", "replace")

    def _data(self, data: bytes, start: int, end: int) -> None:
        if self._in_file:
            self.file_bytes += end - start
