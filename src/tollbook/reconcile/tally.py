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
from typing import Any

from tollbook.models import Claim, Document, Event
from tollbook.reconcile.groups import normalise_group, parent_group, side_of
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

    @property
    def current(self) -> Figure:
        latest = self.figures[-1].reported
        return max((f for f in self.figures if f.reported == latest), key=lambda f: f.stated)


@dataclass
class Bound:
    value: int
    figures: list[Figure]
    why: str


@dataclass
class Contradiction:
    kind: str  # disagreement | falling | subgroup
    message: str
    figures: list[Figure]


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


@dataclass
class Reconciliation:
    event: Event
    tallies: list[Tally]
    contradictions: list[Contradiction]
    documents: dict[str, Document]

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
    names = SourceNames(
        [c.attributed_to for c in live if c.attributed_to]
        + [d.publisher for d in documents.values() if d.publisher]
    )
    country = main_country(live)
    buckets: dict[tuple[str, str, str], list[Figure]] = {}
    for claim in live:
        doc = cited_document(documents[claim.doc_id], claim)
        source = names(claim.attributed_to) or names(doc.publisher) or doc.url or doc.doc_id
        figure = Figure(claim, source or "unknown", reported_date(doc), doc)
        key = (claim.outcome, normalise_group(claim.group), scope_of(claim, event, country))
        buckets.setdefault(key, []).append(figure)

    tallies = [_tally(key, figures) for key, figures in sorted(buckets.items())]
    contradictions = [c for t in tallies for c in t.contradictions]
    contradictions += _subgroups_above_whole(tallies)
    return Reconciliation(event, tallies, contradictions, documents)


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
    found = Counter(c.location.get("country_iso") for c in claims if c.location)
    found.pop(None, None)
    return found.most_common(1)[0][0] if found else None


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
    for figure in sorted(figures, key=lambda f: (f.reported, f.claim.start)):
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
    tally.contradictions = _disagreements(tally, current) + _falling(tally)
    return tally


def _where(tally: Tally) -> str:
    scope = f" in {tally.scope}" if tally.scope else ""
    return f"{tally.group} {tally.outcome}{scope}"


def _disagreements(tally: Tally, current: list[Figure]) -> list[Contradiction]:
    found = []
    for i, a in enumerate(current):
        for b in current[i + 1 :]:
            if a.high < b.low or b.high < a.low:
                lower, higher = sorted((a, b), key=lambda f: f.stated)
                found.append(
                    Contradiction(
                        "disagreement",
                        f"{_where(tally)}: {lower.source} says {lower.label()} "
                        f"({lower.day}) but {higher.source} says {higher.label()} "
                        f"({higher.day})",
                        [lower, higher],
                    )
                )
    return found


def _falling(tally: Tally) -> list[Contradiction]:
    """A source whose largest figure of a day is below its peak of an earlier day.

    Comparing each day's largest figure keeps a local figure reported beside
    the total (one town's dead) from reading as a fall; undated figures have
    no place in time and are left out.
    """
    found = []
    for curve in tally.curves:
        days: dict[str, Figure] = {}
        for figure in curve.figures:
            if figure.reported and (
                figure.reported not in days or figure.stated > days[figure.reported].stated
            ):
                days[figure.reported] = figure
        peak: Figure | None = None
        for day in sorted(days):
            figure = days[day]
            if peak is not None and figure.high < peak.low:
                found.append(
                    Contradiction(
                        "falling",
                        f"{_where(tally)}: {curve.source}'s figure fell from {peak.label()} "
                        f"({peak.day}) to {figure.label()} ({figure.day})",
                        [peak, figure],
                    )
                )
            if peak is None or figure.low > peak.low:
                peak = figure
    return found


def _subgroups_above_whole(tallies: list[Tally]) -> list[Contradiction]:
    found = []
    index = {(t.outcome, t.group, t.scope): t for t in tallies}
    for part in tallies:
        whole_group = parent_group(part.group)
        while whole_group is not None:
            whole = index.get((part.outcome, whole_group, part.scope))
            if whole is not None:
                if part.low.value > whole.high.value:
                    found.append(
                        Contradiction(
                            "subgroup",
                            f"{_where(part)} (at least {part.low.value:,}) exceeds "
                            f"{_where(whole)} (at most {whole.high.value:,})",
                            part.low.figures + whole.high.figures,
                        )
                    )
                break
            whole_group = parent_group(whole_group)
    return found


def reconcile_event(store: Any, event: Event) -> Reconciliation:
    """Reconcile an event straight from a `Store`."""
    claims = store.claims(event_id=event.id)
    documents = store.get_documents(c.doc_id for c in claims)
    return reconcile(event, claims, documents)
