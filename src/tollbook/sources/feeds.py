"""RSS and Atom feeds: each entry becomes a Document.

An entry's text is its full content when the feed carries it, else its
summary (HTML reduced to visible text), else its title: agency wires often
put the figure in the headline alone.  The feed's title is the publisher.

feedparser never raises; it sets `bozo` when the XML is broken and still
returns what it could read.  A feed with entries is used even if bozo (a
stray character should not cost the whole feed); input with no entries and
no recognised feed format is reported as not a feed, with feedparser's reason.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import feedparser

from tollbook.errors import SourceError
from tollbook.models import Document
from tollbook.sources.dates import iso_date
from tollbook.sources.html import html_fragment_text


def parse_feed(source: str, origin: str) -> Iterator[Document | SourceError]:
    """One Document per feed entry; a SourceError for an entry without text or a non-feed."""
    parsed = feedparser.parse(source, sanitize_html=True, resolve_relative_uris=False)
    if not parsed.entries:
        if parsed.bozo or not parsed.version:
            reason = _reason(parsed.get("bozo_exception"))
            yield SourceError(origin, f"not an RSS or Atom feed ({reason})")
        else:
            yield SourceError(origin, "the feed has no entries")
        return
    publisher = parsed.feed.get("title") or None
    for number, entry in enumerate(parsed.entries, start=1):
        where = f"{origin}#{number}"
        text = _entry_text(entry)
        if not text:
            yield SourceError(where, "feed entry has no title, summary or content")
            continue
        yield Document(
            text=text,
            url=entry.get("link") or None,
            title=entry.get("title") or None,
            publisher=publisher,
            published=iso_date(entry.get("published_parsed") or entry.get("updated_parsed")),
            format="feed",
            origin=where,
        )


def _entry_text(entry: Any) -> str:
    for content in entry.get("content") or ():
        text = html_fragment_text(content.get("value") or "")
        if text:
            return text
    summary = html_fragment_text(entry.get("summary") or "")
    return summary or (entry.get("title") or "").strip()


def _reason(error: Exception | None) -> str:
    if error is None:
        return "no <rss>, <feed> or <rdf:RDF> root element"
    message = str(getattr(error, "getMessage", lambda: error)()).strip()
    return message.splitlines()[0] if message else type(error).__name__
