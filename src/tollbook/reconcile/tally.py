"""Reconciling competing figures into low / best / high, explained.

For each outcome, victim group and scope (event-wide, or the place a claim
names) of an event:

- every source's figures, ordered by the date they were reported, form that
  source's toll curve; its latest figure supersedes the earlier ones (on the
  same day the larger one, since a same-day update revises upwards);
- `low` is the smallest lower bound among the sources' current figures, `high`
  the largest stated figure, and `best` the median source's current figure:
  always a figure some source stated, never an average, so every number can
  be traced back to the quotes that set it;
- contradictions are flagged: current figures whose ranges do not meet, a
  source whose figure falls, a sub-group larger than its whole.

Rejected claims are left out; corrected claims count with their corrections.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from tollbook.models import Claim, Document, Event
from tollbook.reconcile.contradictions import (
    Contradiction,
    disagreements,
    falling,
    subgroups_above_whole,
)
from tollbook.reconcile.groups import normalise_group, side_of
from tollbook.reconcile.sources import SourceNames

EVENT_WIDE = ""
BROAD_PLACES = {"country", "part_of_country", "admin1", "part_of_admin1", "region"}
ABOUT_TOLERANCE = 0.1  # "about 200" meets 180..220


@dataclass
class Figure:
    """One claim placed on a source's toll curve."""

    claim: Claim
    source: str
    reported: str  # ISO date the document was published (or retrieved)
    document: Document

    @property
    def low(self) -> int:
        if self.claim.qualifier in ("up_to", "less_than"):
            return 0
        if self.claim.qualifier == "about":
            return round(self.claim.count_low * (1 - ABOUT_TOLERANCE))
        return self.claim.count_low

    @property
    def high(self) -> float:
        q = self.claim.qualifier
        if q in ("at_least", "more_than", "vague"):
            return float("inf")
        if q == "about":
            return self.claim.count_low * (1 + ABOUT_TOLERANCE)
        if q == "range" and self.claim.count_high is not None:
            return self.claim.count_high
        return self.claim.count_low

    @property
    def stated(self) -> int:
        """The largest number the words themselves state."""
        return self.claim.count_high or self.claim.count_low

    @property
    def day(self) -> str:
        return self.reported or "undated"

    def label(self) -> str:
        return format_figure(self.claim)


@dataclass
class SourceCurve:
    source: str
    figures: list[Figure]  # oldest first

    @cached_property
    def current(self) -> Figure:
        latest = self.figures[-1].reported
        return max((f for f in self.figures if f.reported == latest), key=lambda f: f.stated)


@dataclass
class Bound:
    value: int
    figures: list[Figure]
    why: str


@dataclass
class Tally:
    outcome: str
    group: str
    scope: str
    curves: list[SourceCurve]
    low: Bound
    best: Bound
    high: Bound
    contradictions: list[Contradiction] = field(default_factory=list)

    @property
    def side(self) -> int:
        return side_of(self.group)

    @property
    def figures(self) -> list[Figure]:
        return [f for curve in self.curves for f in curve.figures]

    @property
    def size(self) -> int:
        """How many figures the tally holds."""
        return sum(len(curve.figures) for curve in self.curves)


@dataclass
class Reconciliation:
    event: Event
    tallies: list[Tally]
    contradictions: list[Contradiction]
    documents: dict[str, Document]
    placing: Placing | None = field(default=None, repr=False, compare=False)

    def tally(self, outcome: str, group: str, scope: str = EVENT_WIDE) -> Tally | None:
        for t in self.tallies:
            if (t.outcome, t.group, t.scope) == (outcome, group, scope):
                return t
        return None


def format_figure(claim: Claim) -> str:
    n = f"{claim.count_low:,}"
    return {
        "at_least": f"at least {n}",
        "more_than": f"more than {n}",
        "about": f"about {n}",
        "up_to": f"up to {n}",
        "less_than": f"fewer than {n}",
        "range": f"{n}–{(claim.count_high or claim.count_low):,}",
        "vague": f"{n}+ (vague)",
    }.get(claim.qualifier, n)


def reconcile(event: Event, claims: list[Claim], documents: dict[str, Document]) -> Reconciliation:
    """Reconcile an event's claims; `documents` maps doc_id to the claim's document."""
    live = [c for c in claims if c.status != "rejected"]
    placing = Placing(
        attributions=Counter(_name(c.attributed_to) for c in live if _name(c.attributed_to)),
        publishers={_name(d.publisher) for d in documents.values() if _name(d.publisher)},
        countries=Counter(_country(c) for c in live if _country(c)),
    )
    placing.names = SourceNames(placing.name_set())
    placing.home = placing.country()
    buckets: dict[Key, list[Figure]] = {}
    for claim in live:
        key, figure = placing.place(claim, event, documents)
        buckets.setdefault(key, []).append(figure)
    tallies = [_tally(key, figures) for key, figures in sorted(buckets.items())]
    return _assembled(event, tallies, documents, placing)


def revise(
    rec: Reconciliation, changed: list[Claim], documents: dict[str, Document]
) -> Reconciliation | None:
    """`rec` with some of its claims changed (reviewed) or added, recomputing only their tallies.

    `changed` holds the claims as they are now, each still in the event;
    `documents` has the document of every new claim.  The result is the one
    `reconcile` gives on the whole changed set of claims.  None when the change
    reaches beyond those tallies and only a full `reconcile` will do: the
    event's main country moved, or a new or vanished source name changes how
    other names fold together.
    """
    old = rec.placing
    if old is None or any(c.id is None for c in changed):
        return None
    changed = list({c.id: c for c in changed}.values())
    missing = {c.doc_id for c in changed} - rec.documents.keys()
    docs = {**rec.documents, **{d: documents[d] for d in missing}} if missing else rec.documents
    placing = Placing(
        attributions=old.attributions.copy(),
        publishers=old.publishers | {_name(docs[d].publisher) for d in missing} - {""},
        countries=old.countries.copy(),
        keys=dict(old.keys),
    )
    tallies = {(t.outcome, t.group, t.scope): t for t in rec.tallies}
    touched: dict[Key, list[Figure]] = {}

    def bucket(key: Key) -> list[Figure]:
        if key not in touched:
            touched[key] = tallies[key].figures if key in tallies else []
        return touched[key]

    for claim in changed:
        key = placing.keys.pop(claim.id, None)  # type: ignore[arg-type]
        if key is not None:
            figures = bucket(key)
            at = next(i for i, f in enumerate(figures) if f.claim.id == claim.id)
            placing.count(figures.pop(at).claim, -1)
        if claim.status != "rejected":
            placing.count(claim, +1)
    names = placing.name_set()
    if names == old.name_set():
        placing.names = old.names
    else:
        placing.names = SourceNames(names)
        if any(placing.names(n) != old.names(n) for n in names & old.name_set()):
            return None
    placing.home = placing.country()
    if placing.home != old.home:
        return None
    for claim in changed:
        if claim.status != "rejected":
            key, figure = placing.place(claim, rec.event, docs)
            bucket(key).append(figure)
    for key, figures in touched.items():
        if figures:
            tallies[key] = _tally(key, figures)
        else:
            tallies.pop(key, None)
    return _assembled(rec.event, [tallies[k] for k in sorted(tallies)], docs, placing)


def _assembled(
    event: Event, tallies: list[Tally], documents: dict[str, Document], placing: Placing
) -> Reconciliation:
    found = [c for t in tallies for c in t.contradictions]
    found += subgroups_above_whole(tallies)
    return Reconciliation(event, tallies, found, documents, placing)


Key = tuple[str, str, str]  # outcome, victim group, scope


@dataclass
class Placing:
    """How each claim found its source and tally, kept so the reconciliation can be revised.

    The source names fold together as a set (SourceNames), and a claim's scope
    depends on the event's main country; counting both lets a revision tell
    whether a change stays within the tallies it touches.
    """

    attributions: Counter[str]  # live claims' attributions
    publishers: set[str]
    countries: Counter[str]  # live located claims per country
    keys: dict[int, Key] = field(default_factory=dict)  # live claim id -> its tally
    names: SourceNames = field(default_factory=lambda: SourceNames([]))
    home: str | None = None  # the event's main country

    def name_set(self) -> set[str]:
        return {n for n, k in self.attributions.items() if k > 0} | self.publishers

    def country(self) -> str | None:
        return _commonest(self.countries)

    def count(self, claim: Claim, sign: int) -> None:
        if _name(claim.attributed_to):
            self.attributions[_name(claim.attributed_to)] += sign
        if _country(claim):
            self.countries[_country(claim)] += sign

    def place(
        self, claim: Claim, event: Event, documents: dict[str, Document]
    ) -> tuple[Key, Figure]:
        """The tally a live claim belongs in, and its figure there."""
        doc = cited_document(documents[claim.doc_id], claim)
        names = self.names
        source = names(claim.attributed_to) or names(doc.publisher) or doc.url or doc.doc_id
        figure = Figure(claim, source or "unknown", reported_date(doc), doc)
        key = (claim.outcome, normalise_group(claim.group), scope_of(claim, event, self.home))
        if claim.id is not None:
            self.keys[claim.id] = key
        return key, figure


def _name(name: str | None) -> str:
    return (name or "").strip()


def _country(claim: Claim) -> str:
    return str((claim.location or {}).get("country_iso") or "")


def cited_document(doc: Document, claim: Claim) -> Document:
    """What backs a claim: the reference that follows it in its paragraph, else the document.

    An encyclopedia article is not itself the source of its figures: the
    `<ref>` after the sentence is.  Other documents stand for themselves.
    """
    if not doc.citations:
        return doc
    paragraph_end = doc.text.find("\n\n", claim.end)
    limit = len(doc.text) if paragraph_end < 0 else paragraph_end
    following = [
        (offset, index)
        for index, citation in enumerate(doc.citations)
        for offset in citation.offsets
        if claim.end <= offset <= limit
    ]
    if not following:
        return doc
    _, index = min(following)
    citation = doc.citations[index]
    return Document(
        text="",
        doc_id=f"{doc.doc_id}-ref{index + 1}",
        url=citation.url,
        title=citation.title,
        publisher=citation.publisher,
        published=citation.date if citation.date and citation.date[:4].isdigit() else None,
        retrieved=doc.retrieved,
        format="citation",
        origin=doc.origin,
    )


def reported_date(doc: Document) -> str:
    """The day a document was published; "" when unknown.

    An undated document's figures sort before every dated one, so they never
    supersede a figure whose date is known.
    """
    return (doc.published or "")[:10]


def main_country(claims: list[Claim]) -> str | None:
    """The country most of the located claims are in: where the event happens."""
    return _commonest(Counter(_country(c) for c in claims if _country(c)))


def _commonest(countries: Counter[str]) -> str | None:
    # Ties go to the name, not to the order claims came in, so that a revised
    # reconciliation finds the country a full one finds.
    found = [(n, iso) for iso, n in countries.items() if n > 0]
    return max(found)[1] if found else None


def scope_of(claim: Claim, event: Event, country: str | None = None) -> str:
    """Where a figure applies: one place of the event, another named place, or event-wide.

    A figure naming one of the event's own places belongs to it; one naming
    several of them, or a whole country or province, is event-wide; any other
    place the extractor read as the scene and the gazetteer found in the
    event's country ("12 in Homs") is its own scope, so a town's count never
    stands beside the event's total as if it were one.
    """
    if not claim.place:
        return EVENT_WIDE
    place = claim.place.lower()
    named = [k for k in event.place_keywords if k.lower() in place]
    if named:
        return named[0] if len(named) == 1 else EVENT_WIDE
    location = claim.location or {}
    if not location or location.get("kind") in BROAD_PLACES:
        # Unresolved, it may be where someone spoke as well as a village: not narrowed.
        return EVENT_WIDE
    # A place abroad is where someone spoke ("told reporters in Geneva"), not the scene.
    if country and location.get("country_iso") != country:
        return EVENT_WIDE
    return " ".join(claim.place.split())


def _tally(key: tuple[str, str, str], figures: list[Figure]) -> Tally:
    outcome, group, scope = key
    by_source: dict[str, list[Figure]] = {}
    # A total order, so that a revised tally is the one a full reconcile gives.
    for figure in sorted(figures, key=_chronological):
        by_source.setdefault(figure.source, []).append(figure)
    curves = [SourceCurve(s, f) for s, f in sorted(by_source.items())]
    current = [c.current for c in curves]

    low_value = min(f.claim.count_low for f in current)
    high_value = max(f.stated for f in current)
    ordered = sorted(current, key=lambda f: (f.stated, f.source))
    median = ordered[(len(ordered) - 1) // 2]
    tally = Tally(
        outcome,
        group,
        scope,
        curves,
        low=Bound(
            low_value,
            [f for f in current if f.claim.count_low == low_value],
            "the smallest current figure among the sources",
        ),
        best=Bound(
            median.stated,
            [f for f in current if f.stated == median.stated],
            "the median of the sources' current figures"
            if len(current) > 1
            else "the only source's current figure",
        ),
        high=Bound(
            high_value,
            [f for f in current if f.stated == high_value],
            "the largest current figure among the sources",
        ),
    )
    tally.contradictions = disagreements(tally, current) + falling(tally)
    return tally


def _chronological(figure: Figure) -> tuple[str, int, str, int]:
    claim = figure.claim
    return (figure.reported, claim.start, claim.doc_id, claim.id or 0)


def reconcile_event(store: Any, event: Event) -> Reconciliation:
    """Reconcile an event straight from a `Store`."""
    claims = store.claims(event_id=event.id)
    documents = store.get_documents(c.doc_id for c in claims)
    return reconcile(event, claims, documents)
