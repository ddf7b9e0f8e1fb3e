"""Which reader an input needs: from its extension, its HTTP content type, or its first bytes.

The extension (or content type) decides when it is one we know; otherwise
the content is sniffed.  Sniffing looks only at the first few kilobytes and
only for unambiguous signs: an XML prolog with a feed root, an HTML doctype or
root tag, a first line that is a JSON object (JSON Lines) or that opens one
or an array (JSON), typical wikitext markup.
Anything else is plain text.
"""

from __future__ import annotations

import re
from pathlib import PurePath

KINDS = ("text", "html", "wikitext", "jsonl", "json", "feed")

EXTENSIONS = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".wiki": "wikitext",
    ".wikitext": "wikitext",
    ".mediawiki": "wikitext",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
}

CONTENT_TYPES = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "application/rss+xml": "feed",
    "application/atom+xml": "feed",
    "application/rdf+xml": "feed",
    "application/xml": "feed",
    "text/xml": "feed",
    "application/x-ndjson": "jsonl",
    "application/jsonl": "jsonl",
    "application/x-jsonlines": "jsonl",
    "application/jsonlines": "jsonl",
    "application/json": "json",
    "text/x-wiki": "wikitext",
    "text/x-mediawiki": "wikitext",
}
# Content types that say nothing about the format: fall back to extension and content.
VAGUE_CONTENT_TYPES = {"", "text/plain", "application/octet-stream", "binary/octet-stream"}

_FEED_ROOT = re.compile(rb"<(rss|feed|rdf:RDF)[\s>]", re.IGNORECASE)
_HTML_START = re.compile(
    rb"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body)[\s>]", re.IGNORECASE | re.DOTALL
)
_WIKI_MARKUP = re.compile(rb"(\{\{|\[\[|'''|<ref[\s>]|^==[^=\n].*==\s*$)", re.MULTILINE)


def kind_from_extension(name: str) -> str | None:
    return EXTENSIONS.get(PurePath(name).suffix.lower())


def kind_from_content_type(header: str | None) -> str | None:
    """The reader for a Content-Type header, or None when the header does not say."""
    media_type = (header or "").split(";")[0].strip().lower()
    return CONTENT_TYPES.get(media_type)


def charset_from_content_type(header: str | None) -> str | None:
    match = re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", header or "", re.IGNORECASE)
    return match.group(1) if match else None


def is_vague_content_type(header: str | None) -> bool:
    """True for a type that leaves the format open (any text/* we have no reader for)."""
    media_type = (header or "").split(";")[0].strip().lower()
    return media_type in VAGUE_CONTENT_TYPES or media_type.startswith("text/")


def kind_from_content(data: bytes) -> str:
    head = data[:8192].lstrip(b"\xef\xbb\xbf")
    stripped = head.lstrip()
    if stripped.startswith(b"<?xml") or _FEED_ROOT.search(head[:1024]):
        if _FEED_ROOT.search(head):
            return "feed"
        if _HTML_START.match(re.sub(rb"^\s*<\?xml[^>]*>", b"", head)):
            return "html"
        return "feed"
    if _HTML_START.match(head):
        return "html"
    if stripped.startswith(b"{") and stripped.split(b"\n", 1)[0].rstrip().endswith(b"}"):
        return "jsonl"
    if stripped.startswith((b"[", b"{")):  # a JSON document spread over lines
        return "json"
    if _WIKI_MARKUP.search(head):
        return "wikitext"
    return "text"
