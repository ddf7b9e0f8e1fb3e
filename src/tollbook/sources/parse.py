"""From bytes of a known kind to Documents: the step files and URLs share.

Each reader yields `Document`s, or `SourceError`s for what it cannot read.
Bytes are checked (binary?) and decoded (see `files`) before any parser sees
them.  The third-party parsers (trafilatura, lxml, mwparserfromhell,
feedparser) are lenient, but a crash inside one on hostile input must cost
only that input, so their unexpected exceptions become a SourceError too.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

from tollbook.errors import SourceError
from tollbook.models import Document
from tollbook.sources.feeds import parse_feed
from tollbook.sources.files import (
    ReadOptions,
    check_not_binary,
    declared_charset,
    decode,
    read_file_bytes,
)
from tollbook.sources.html import parse_html
from tollbook.sources.jsonl import parse_json, parse_jsonl, read_jsonl
from tollbook.sources.sniff import kind_from_content, kind_from_extension
from tollbook.sources.text import parse_text
from tollbook.sources.wikitext import parse_wikitext


def read_path(path: Path, options: ReadOptions) -> Iterator[Document | SourceError]:
    """The documents of one file, whatever its format."""
    if path.is_dir():  # `expand` passes on only a directory with nothing to read
        yield SourceError(str(path), "no files in this directory (hidden ones are skipped)")
        return
    kind = kind_from_extension(path.name)
    if kind == "jsonl":  # streamed: the size limit is per line
        yield from read_jsonl(path, options)
        return
    try:
        data = read_file_bytes(path, options)
    except SourceError as error:
        yield error
        return
    title = path.stem.replace("_", " ")
    yield from parse_bytes(data, kind or kind_from_content(data), str(path), options, title=title)


def parse_bytes(
    data: bytes,
    kind: str,
    origin: str,
    options: ReadOptions,
    *,
    declared: str | None = None,
    url: str | None = None,
    title: str | None = None,
) -> Iterator[Document | SourceError]:
    """Documents from the raw bytes of one input of the given kind.

    `declared` is a charset the transport declared (HTTP); `title` a fallback
    title for wikitext, which has none of its own (the page name).
    """
    if not data.strip():
        yield SourceError(origin, "empty file" if not data else "no text (only whitespace)")
        return
    if kind == "json" and kind_from_content(data) == "jsonl":
        kind = "jsonl"  # JSON Lines under a .json name or an application/json type
    if kind == "jsonl":
        yield from parse_jsonl(io.BytesIO(data), origin, options, declared=declared)
        return
    try:
        check_not_binary(data, origin)
        charset = declared or declared_charset(data, kind)
        # One newline convention, so a CRLF copy of a report hashes like the LF original.
        text = decode(data, origin, declared=charset, options=options)
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        if not text.strip():
            raise SourceError(origin, "no text (only whitespace)")
    except SourceError as error:
        yield error
        return
    try:
        if kind == "feed":
            yield from parse_feed(text, origin)
        elif kind == "json":
            yield from parse_json(text, origin)
        elif kind == "html":
            yield parse_html(text, origin, url=url)
        elif kind == "wikitext":
            yield parse_wikitext(text, origin, title=title, url=url)
        else:
            yield parse_text(text, origin, url=url)
    except SourceError as error:
        yield error
    except (ValueError, TypeError, LookupError, RecursionError, AttributeError) as error:
        yield SourceError(origin, f"could not read as {kind} ({type(error).__name__}: {error})")
