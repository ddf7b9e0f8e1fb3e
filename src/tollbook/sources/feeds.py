"""RSS and Atom feeds: each entry becomes a Document.

An entry's text is its full content when the feed carries it, else its
summary (HTML reduced to visible text), else its title: agency wires often
put the figure in the headline alone.  The feed's title is the publisher.

feedparser never raises; it sets `bozo` when the XML is broken and still
returns what it could read.  The entries it read are kept; when the XML
itself is broken (a truncated download) the feed is also reported as a
failure, since entries after the break are lost.  Input with no entries and
no recognised feed format is reported as not a feed, with feedparser's reason.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from xml.sax import SAXParseException

import feedparser

from tollbook.errors import SourceError
from tollbook.models import Document
from tollbook.sources.dates import iso_date
from tollbook.sources.html import html_fragment_text


def parse_feed(source: str, origin: str) -> Iterator[Document | SourceError]:
    """One Document per feed entry; a SourceError for an entry without text or a non-feed."""
    # The text is already decoded: feedparser must not decode it again by the declaration.
    utf8 = _XML_ENCODING.sub(r"\1utf-8\2", source, count=1).encode("utf-8")
    parsed = feedparser.parse(utf8, sanitize_html=True, resolve_relative_uris=False)
    if not parsed.entries:
        if parsed.bozo or not parsed.version:
            reason = _reason(parsed.get("bozo_exception"))
            yield SourceError(origin, f"not an RSS or Atom feed ({reason})")
        else:
            yield SourceError(origin, "the feed has no entries")
        return
    publisher = parsed.feed.get("title") or None
    # Broken XML (a truncated download): entries before the break are kept, the feed reported.
    broken = isinstance(parsed.get("bozo_exception"), SAXParseException)
    kept = 0
    for number, entry in enumerate(parsed.entries, start=1):
        where = f"{origin}#{number}"
        text = _entry_text(entry)
        if not text:
            if not broken:  # in a broken feed, the entry cut short is covered by the report
                yield SourceError(where, "feed entry has no title, summary or content")
            continue
        kept += 1
        yield Document(
            text=text,
            url=entry.get("link") or None,
            title=entry.get("title") or None,
            publisher=publisher,
            published=iso_date(entry.get("published_parsed") or entry.get("updated_parsed")),
            format="feed",
            origin=where,
        )
    if broken:
        yield SourceError(
            origin,
            f"malformed feed XML ({_reason(parsed.bozo_exception)}); "
            f"kept the {_entries(kept)} read before it",
        )


_XML_ENCODING = re.compile(r"""^(\s*<\?xml[^>]*\bencoding\s*=\s*["'])[\w.:-]+(["'])""")


def _entry_text(entry: Any) -> str:
    for content in entry.get("content") or ():
        text = html_fragment_text(content.get("value") or "")
        if text:
            return text
    summary = html_fragment_text(entry.get("summary") or "")
    return summary or (entry.get("title") or "").strip()


def _entries(count: int) -> str:
    return f"{count} entry" if count == 1 else f"{count} entries"


def _reason(error: Exception | None) -> str:
    if error is None:
        return "no <rss>, <feed> or <rdf:RDF> root element"
    message = str(getattr(error, "getMessage", lambda: error)()).strip()
    message = message.splitlines()[0] if message else type(error).__name__
    line = getattr(error, "getLineNumber", lambda: None)()
    return f"{message} at line {line}" if line else message
