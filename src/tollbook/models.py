"""Domain values shared by every stage of the pipeline.

Plain dataclasses: sources make `Document`s, extraction makes `Claim`s, the store
persists both, reconciliation and exports read them back.  Validation of outside
input happens at the edges (sources, web forms), not here.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any

OUTCOMES = ("killed", "wounded", "missing", "detained", "displaced", "kidnapped")
QUALIFIERS = ("exact", "at_least", "more_than", "about", "up_to", "less_than", "range", "vague")
REVIEW_STATUSES = ("unreviewed", "accepted", "rejected", "corrected")


def content_hash(text: str) -> str:
    """The identity of a document's content: re-ingesting the same text adds nothing."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def utcnow() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


@dataclass
class Citation:
    """A reference a document cites (a wikitext `<ref>`, a feed item's link)."""

    url: str | None = None
    title: str | None = None
    publisher: str | None = None
    date: str | None = None
    ref_name: str | None = None
    # Where the reference stood in the document's text: a figure is backed by
    # the reference that follows it in its paragraph.
    offsets: list[int] = field(default_factory=list)


@dataclass
class Document:
    """One report as ingested: its text and where it came from."""

    text: str
    doc_id: str | None = None
    url: str | None = None
    title: str | None = None
    publisher: str | None = None
    published: str | None = None  # ISO date (YYYY-MM-DD) or datetime, when known
    retrieved: str = field(default_factory=utcnow)
    format: str = "text"  # text | html | wikitext | jsonl | feed | url
    origin: str | None = None  # the path or URL it was read from
    citations: list[Citation] = field(default_factory=list)
    hash: str = ""

    def __post_init__(self) -> None:
        if not self.hash:
            self.hash = content_hash(self.text)
        if not self.doc_id:
            self.doc_id = "doc-" + self.hash[:12]


@dataclass
class Claim:
    """One casualty figure stated in one document, with the words it came from."""

    doc_id: str
    quote: str
    start: int
    end: int
    outcome: str
    count_low: int
    count_high: int | None = None
    qualifier: str = "exact"
    group: str = "unspecified"
    attributed_to: str | None = None
    place: str | None = None
    when: str | None = None
    location: dict[str, Any] | None = None
    period: dict[str, Any] | None = None
    event_id: int | None = None
    id: int | None = None
    status: str = "unreviewed"

    def to_json(self) -> dict[str, Any]:
        """The contract of `tollbook extract`: one JSON object per claim."""
        data = asdict(self)
        for key in ("event_id", "id", "status"):
            data.pop(key)
        return data


@dataclass
class Event:
    """An outbreak of violence that documents and claims are gathered under."""

    name: str
    slug: str
    start_date: str | None = None
    end_date: str | None = None
    place_keywords: list[str] = field(default_factory=list)
    part_of: str | None = None
    id: int | None = None
