"""Plain-text reports, with an optional header block of metadata.

A text file is just its text, unless it opens with a block of `Key: value`
lines, using only the keys below, ended by a blank line:

    Title: Death toll in coastal Syria rises to 745
    Publisher: Syrian Observatory for Human Rights
    Published: 2025-03-08
    URL: https://example.org/745

    The Syrian Observatory for Human Rights said on Saturday ...

That is how a plain-text report keeps the provenance the ledger needs.  The
block is recognised only when every line of it is a known key, so prose that
happens to start with "Note: ..." stays prose.
"""

from __future__ import annotations

import re

from tollbook.errors import SourceError
from tollbook.models import Document
from tollbook.sources.dates import iso_date

HEADER_KEYS = {
    "title": "title",
    "publisher": "publisher",
    "published": "published",
    "date": "published",
    "url": "url",
}
_HEADER_LINE = re.compile(r"^([A-Za-z]+):[ \t]*(.*?)\s*$")


def parse_text(text: str, origin: str, *, url: str | None = None) -> Document:
    """A Document from plain text, taking metadata from a leading header block if present."""
    fields, body = split_header(text)
    published = fields.get("published")
    if published is not None:
        normalised = iso_date(published)
        if normalised is None:
            raise SourceError(origin, f"header line Published is not a date: {published!r}")
        fields["published"] = normalised
    body = body.strip()
    if not body:
        raise SourceError(origin, "no text after the header block")
    return Document(
        text=body,
        url=fields.get("url") or url,
        title=fields.get("title"),
        publisher=fields.get("publisher"),
        published=fields.get("published"),
        format="text",
        origin=origin,
    )


def split_header(text: str) -> tuple[dict[str, str], str]:
    """The header fields and the body; no fields when the text has no header block."""
    stripped = text.lstrip("\ufeff\n")
    head, blank, body = stripped.partition("\n\n")
    if not blank:
        return {}, text
    fields: dict[str, str] = {}
    for line in head.splitlines():
        match = _HEADER_LINE.match(line)
        if match is None or match.group(1).lower() not in HEADER_KEYS:
            return {}, text
        if match.group(2):
            fields[HEADER_KEYS[match.group(1).lower()]] = match.group(2)
    return fields, body
