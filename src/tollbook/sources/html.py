"""HTML pages: main text and metadata through trafilatura, with our own fallbacks.

trafilatura finds the article body, title, site name and date (10-20 ms
a page here).  It leaves `sitename` or `url` empty on some pages, so we read
`og:site_name` and the canonical link ourselves.  Dates come from the markup
only, never from the prose (see DATE_SEARCH).  Pages trafilatura judges too
thin to be an article (a one-line report, a truncated download) fall back to
the visible text of the page, so a truncated file still gives what it holds;
only a page with no visible text at all is an error.

Paragraphs are separated by a blank line, as in `docs.jsonl`, so that later
stages see the same paragraph structure whatever the format.
"""

from __future__ import annotations

import re
from typing import Any

import lxml.html
from lxml import etree

from tollbook.errors import SourceError
from tollbook.models import Document
from tollbook.sources.dates import iso_date

INVISIBLE = ("script", "style", "noscript", "template", "head", "svg")
BLOCKS = {
    "p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "dd", "dt",
    "blockquote", "section", "article", "header", "footer", "pre",
}  # fmt: skip
# Publication dates from the page's markup only (meta tags, <time>, the URL): htmldate's
# extensive search also reads dates in the prose, which in a news report are event dates.
DATE_SEARCH: dict[str, Any] = {"extensive_search": False, "original_date": True}
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>")


def parse_html(markup: str, origin: str, *, url: str | None = None) -> Document:
    """A Document from an HTML page; `url` is where it was fetched from, when known."""
    from trafilatura import bare_extraction

    tree = _tree(markup)
    extracted = bare_extraction(
        markup,
        url=url,
        with_metadata=True,
        include_comments=False,  # readers' comments are not the report
        date_extraction_params=DATE_SEARCH,
    )
    body = getattr(extracted, "text", None)
    text = _paragraphs(body) if body else ""
    if not text and tree is not None:
        text = visible_text(tree)
    if not text:
        raise SourceError(origin, "no readable text in the HTML")
    meta = _meta(tree) if tree is not None else {}
    found: dict[str, Any] = {
        "title": getattr(extracted, "title", None) or meta.get("og:title") or meta.get("title"),
        "publisher": getattr(extracted, "sitename", None) or meta.get("og:site_name"),
        "url": meta.get("canonical") or meta.get("og:url") or getattr(extracted, "url", None),
    }
    if extracted is not None:
        published = iso_date(getattr(extracted, "date", None))
    else:  # trafilatura gave up on the page, so it did not look for a date either
        published = _htmldate(tree)
    return Document(
        text=text,
        url=found["url"] or url,
        title=found["title"],
        publisher=found["publisher"],
        published=published,
        format="html",
        origin=origin,
    )


def _tree(markup: str) -> Any:
    """The lxml tree, or None when lxml finds no document in the markup."""
    try:
        return lxml.html.document_fromstring(_XML_DECLARATION.sub("", markup, count=1))
    except (etree.ParserError, ValueError):
        return None


def _paragraphs(text: str) -> str:
    lines = (line.strip() for line in text.splitlines())
    return "\n\n".join(line for line in lines if line)


def _meta(tree: Any) -> dict[str, str]:
    """The metadata tags trafilatura sometimes leaves unused."""
    found: dict[str, str] = {}
    for element in tree.iter("meta"):
        key = (element.get("property") or element.get("name") or "").strip().lower()
        value = (element.get("content") or "").strip()
        if key in ("og:site_name", "og:url", "og:title", "application-name") and value:
            found.setdefault(key, value)
    for element in tree.iter("link"):
        if "canonical" in (element.get("rel") or "").lower().split() and element.get("href"):
            found.setdefault("canonical", element.get("href").strip())
    title = tree.find(".//title")
    if title is not None and title.text_content().strip():
        found["title"] = title.text_content().strip()
    return found


def _htmldate(tree: Any) -> str | None:
    if tree is None:
        return None
    from htmldate import find_date

    try:
        return iso_date(find_date(tree, **DATE_SEARCH))
    except ValueError:
        return None


def visible_text(tree: Any) -> str:
    """The text a browser would show, one paragraph per block element."""
    pieces: list[str] = []

    def walk(element: Any) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in INVISIBLE:
            if element.tail:
                pieces.append(element.tail)
            return
        block = tag in BLOCKS
        if block:
            pieces.append("\n")
        if element.text and tag:
            pieces.append(element.text)
        for child in element:
            walk(child)
        if block:
            pieces.append("\n")
        if element.tail:
            pieces.append(element.tail)

    walk(tree)
    lines = (re.sub(r"\s+", " ", line).strip() for line in "".join(pieces).split("\n"))
    return "\n\n".join(line for line in lines if line)


def html_fragment_text(fragment: str) -> str:
    """Visible text of an HTML fragment (a feed entry's summary or content)."""
    if "<" not in fragment:
        return _paragraphs(fragment)
    try:
        tree = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return _paragraphs(fragment)
    return visible_text(tree)
