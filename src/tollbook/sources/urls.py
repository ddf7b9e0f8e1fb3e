"""Reports fetched over HTTP(S) with httpx; the response's content type picks the reader.

The body is streamed and the download stops as soon as it passes
`ReadOptions.max_bytes`.  A `Content-Type` that names a format decides;
a vague one (text/plain, octet-stream, none) falls back to the URL's
extension and then to sniffing the body; a type that is clearly not a report
(images, PDF, video) is refused without parsing.  The charset of the header
is a declared charset (see `files`).  Network failures, HTTP errors and
time-outs each give a one-line SourceError naming the URL.  Nothing is
retried: a batch reports the failure and goes on.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import PurePosixPath
from urllib.parse import parse_qs, unquote, urlsplit

import httpx

from tollbook import __version__
from tollbook.errors import SourceError
from tollbook.models import Document
from tollbook.sources.files import ReadOptions, human_size, too_large
from tollbook.sources.parse import parse_bytes
from tollbook.sources.sniff import (
    charset_from_content_type,
    is_vague_content_type,
    kind_from_content,
    kind_from_content_type,
    kind_from_extension,
)

USER_AGENT = f"tollbook/{__version__} (casualty-ledger research tool)"


def is_url(value: str) -> bool:
    return value.lower().startswith(("http://", "https://"))


def read_url(url: str, options: ReadOptions) -> Iterator[Document | SourceError]:
    """The documents behind one URL (several for a feed or a JSON Lines file)."""
    try:
        final_url, content_type, body = fetch(url, options)
    except SourceError as error:
        yield error
        return
    if not body:
        yield SourceError(url, "empty response")
        return
    kind = kind_from_content_type(content_type)
    if kind is None:
        if not is_vague_content_type(content_type):
            media_type = content_type.split(";")[0].strip()
            yield SourceError(url, f"unsupported content type {media_type}")
            return
        kind = kind_from_extension(urlsplit(final_url).path) or kind_from_content(body)
    yield from parse_bytes(
        body,
        kind,
        url,
        options,
        declared=charset_from_content_type(content_type),
        url=final_url,
        title=_page_name(final_url),
    )


def fetch(url: str, options: ReadOptions) -> tuple[str, str, bytes]:
    """(final URL after redirects, Content-Type, body), or a SourceError saying what failed."""
    headers = {"User-Agent": USER_AGENT}
    try:
        with (
            httpx.Client(timeout=options.timeout, follow_redirects=True, headers=headers) as client,
            client.stream("GET", url) as response,
        ):
            if response.status_code >= 400:
                raise SourceError(url, f"HTTP {response.status_code} {response.reason_phrase}")
            declared_length = response.headers.get("content-length", "")
            if declared_length.isdigit() and int(declared_length) > options.max_bytes:
                raise SourceError(url, too_large(int(declared_length), options))
            body = bytearray()
            for chunk in response.iter_bytes():
                body += chunk
                if len(body) > options.max_bytes:
                    raise SourceError(
                        url, f"too large (more than {human_size(options.max_bytes)} downloaded)"
                    )
            return str(response.url), response.headers.get("content-type", ""), bytes(body)
    except httpx.ConnectError as error:
        raise SourceError(url, f"cannot connect ({_first_line(error)})") from None
    except httpx.TimeoutException:
        raise SourceError(url, f"timed out after {options.timeout:g} s") from None
    except httpx.TooManyRedirects:
        raise SourceError(url, "too many redirects") from None
    except (httpx.InvalidURL, httpx.UnsupportedProtocol) as error:
        raise SourceError(url, f"invalid URL ({_first_line(error)})") from None
    except httpx.HTTPError as error:
        raise SourceError(url, f"download failed ({_first_line(error)})") from None


def _first_line(error: Exception) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


def _page_name(url: str) -> str | None:
    """A wiki page's name from its URL (`/wiki/Name` or `?title=Name`), for wikitext titles."""
    parts = urlsplit(url)
    title = parse_qs(parts.query).get("title")
    name = title[0] if title else unquote(parts.path.rstrip("/").rsplit("/", 1)[-1])
    if kind_from_extension(name):
        name = PurePosixPath(name).stem
    return name.replace("_", " ") or None
