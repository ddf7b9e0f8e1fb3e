"""Grouping claims into incidents: the same killing, reported by many outlets.

Two claims are about the same incident when they share a place, their spans
meet (with a day's slack, since reports trail events) and nothing in them
says otherwise.  What says otherwise, learnt from how reports tell incidents
apart:

* **a different scene**: both quotes name what was hit (a school, a market, a
  checkpoint, a bakery) and the sites differ, or both name how (an air
  strike, shelling, a car bomb) and the means differ;
* **a separate incident**: a quote announces itself as "a separate", "another"
  or "a second" attack, against the other claims of its own report;
* **incompatible figures**: the same outcome for the same group, spans of the
  same length (neither is a running total), and one figure more than ten times
  the other: a report of 3 dead and one of 60 dead on one day in one town are
  two incidents, while 60 on Saturday and 200 by Wednesday are one toll rising.

Outcomes and victim groups do not split incidents (the killed, the wounded
and the displaced of a massacre belong together).

Clustering is single-link for agreement and complete-link for objections: a
claim joins the earliest open incident of its block that one member agrees
with and no member objects to.  Claims are visited in order of their start
day, and only incidents whose span is still within reach are looked at, so
the cost grows with the number of claims, not with its square.

Claims at the regional level group the same way within their region; claims
that are event-wide (no place, several places, a country) form the event's
root incident.  Local incidents then nest in the regional incident of their
region whose span meets theirs (regional figures are running totals, so
they cover what happened in their towns), else in the root.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from tollbook.incidents.footprint import (
    EVENT,
    LOCAL,
    REGIONAL,
    Footprint,
    footprint,
    main_country,
    overlaps,
)
from tollbook.models import Claim, Document, Event
from tollbook.reconcile.groups import normalise_group

SLACK_DAYS = 1
FIGURE_RATIO = 10
MAX_MEMBERS_COMPARED = 40  # members of a large incident checked for objections

# What was hit (sites) and how (means).  Two reports conflict when both name a
# site and the sites differ, or both name a means and the means differ; a
# site in one and a means in the other ("a checkpoint", "an ambush") do not.
SITES = {
    "school": "school",
    "schools": "school",
    "university": "school",
    "hospital": "hospital",
    "clinic": "hospital",
    "market": "market",
    "marketplace": "market",
    "mosque": "mosque",
    "church": "church",
    "checkpoint": "checkpoint",
    "bakery": "bakery",
    "camp": "camp",
    "shelter": "shelter",
    "convoy": "convoy",
    "bus": "vehicle",
    "car": "vehicle",
    "vehicle": "vehicle",
    "truck": "vehicle",
    "wedding": "wedding",
    "funeral": "funeral",
    "prison": "prison",
    "store": "shop",
    "shop": "shop",
    "supermarket": "shop",
    "hypermarket": "shop",
    "hardware store": "shop",
    "residential building": "home",
    "apartment": "home",
    "apartment block": "home",
    "house": "home",
    "home": "home",
    "station": "station",
    "port": "port",
    "airport": "airport",
    "base": "base",
}
MEANS = {
    "airstrike": "air", "air strike": "air", "airstrikes": "air", "air attack": "air",
    "drone": "air", "helicopter": "air", "guided bomb": "air", "missile": "missile",
    "shelling": "shelling", "shells": "shelling", "artillery": "shelling", "rocket": "missile",
    "mortar": "shelling", "car bomb": "bomb", "bomb": "bomb", "explosion": "bomb",
    "blast": "bomb", "ied": "bomb", "landmine": "mine", "mine": "mine", "suicide": "bomb",
    "ambush": "ground", "raid": "ground", "raids": "ground", "gunmen": "ground",
    "opened fire": "ground", "shot": "ground", "stormed": "ground",
}  # fmt: skip
SCENES = {
    **{k: f"site:{v}" for k, v in SITES.items()},
    **{k: f"means:{v}" for k, v in MEANS.items()},
}
_SCENE_WORDS = re.compile(
    r"\b(" + "|".join(sorted(map(re.escape, SCENES), key=len, reverse=True)) + r")\b", re.I
)
_SEPARATE = re.compile(
    r"\b(?:in )?(?:a |an )?(?:separate|another|second|third|further|new) "
    r"(?:\w+ )?(?:attack|incident|strike|massacre|raid|bombing|shooting|ambush)",
    re.I,
)


@dataclass
class Incident:
    """Claims about one incident, and the incidents nested in it."""

    key: str
    level: str  # local | regional | event
    name: str
    start: date
    end: date
    claims: list[Claim] = field(default_factory=list)
    location: dict[str, Any] | None = None
    place: str | None = None
    resolved: bool = False
    dated: bool = False  # some claim's period came from the date resolver
    children: list[Incident] = field(default_factory=list)
    parent_key: str | None = None
    id: int | None = None

    def walk(self) -> Iterable[Incident]:
        """This incident and every incident nested in it, parents first."""
        yield self
        for child in self.children:
            yield from child.walk()

    @property
    def doc_ids(self) -> list[str]:
        return sorted({c.doc_id for c in self.claims})

    def period(self) -> dict[str, str]:
        return {"start": self.start.isoformat(), "end": self.end.isoformat()}

    @property
    def day(self) -> date:
        """The day to file the incident under: its first day, or when undated its report's day.

        An undated incident's span is only the window its reports allow, so
        its start is no date of anything that happened.
        """
        return self.start if self.dated else self.end


@dataclass
class Verdict:
    same: bool
    reason: str


def scenes(claim: Claim) -> frozenset[str]:
    """The sites and means a quote names, as "site:market", "means:air"."""
    return _scenes_of(claim.quote)


# A claim is compared with many others: read each quote and group label once.
@lru_cache(maxsize=200_000)
def _scenes_of(quote: str) -> frozenset[str]:
    return frozenset(SCENES[m.group(1).lower()] for m in _SCENE_WORDS.finditer(quote))


_group_key = lru_cache(maxsize=20_000)(normalise_group)


@lru_cache(maxsize=20_000)
def _scene_conflict(a: frozenset[str], b: frozenset[str]) -> str | None:
    for kind in ("site", "means"):
        ka = {x.split(":")[1] for x in a if x.startswith(kind)}
        kb = {x.split(":")[1] for x in b if x.startswith(kind)}
        if ka and kb and not ka & kb:
            label = "sites" if kind == "site" else "means"
            return f"different {label} ({', '.join(sorted(ka))} / {', '.join(sorted(kb))})"
    return None


def _precise(claim: Claim) -> bool:
    return claim.qualifier in ("exact", "about", "at_least", "range")


def objection(a: Claim, fa: Footprint, b: Claim, fb: Footprint) -> str | None:
    """Why two claims of one place and time are still different incidents, if they are."""
    conflict = _scene_conflict(scenes(a), scenes(b))
    if conflict:
        return conflict
    if a.doc_id == b.doc_id and a.start != b.start:
        later = a if a.start > b.start else b
        if _SEPARATE.search(later.quote):
            return "the report calls it a separate incident"
    if (
        a.outcome == b.outcome
        and _group_key(a.group) == _group_key(b.group)
        and fa.days == fb.days
        and _precise(a)
        and _precise(b)
    ):
        small, large = sorted((a.count_low, b.count_low))
        if small > 0 and large > FIGURE_RATIO * small:
            return f"incompatible figures ({small} and {large})"
    return None


def same_incident(
    a: Claim,
    b: Claim,
    documents: dict[str, Document],
    slack_days: int = SLACK_DAYS,
    country: str | None = None,
) -> Verdict:
    """Whether two claims report the same incident, and why."""
    fa = footprint(a, documents.get(a.doc_id), country)
    fb = footprint(b, documents.get(b.doc_id), country)
    if fa.level != fb.level:
        return Verdict(False, f"different levels ({fa.level} / {fb.level})")
    if fa.block != fb.block:
        return Verdict(False, "different places")
    if not overlaps(fa, fb, slack_days):
        return Verdict(False, "dates too far apart")
    reason = objection(a, fa, b, fb)
    if reason:
        return Verdict(False, reason)
    return Verdict(True, "same place, overlapping dates, nothing against")


def _label(claim: Claim, fp: Footprint) -> str:
    loc = claim.location or {}
    name = loc.get("name") or claim.place or "unknown place"
    if fp.level == REGIONAL:
        name = loc.get("admin1") or name
    admin1 = loc.get("admin1")
    return f"{name} ({admin1})" if admin1 and admin1 != name else str(name)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40] or "place"


class _Open:
    """An incident being built: its members, footprints and span."""

    def __init__(self, claim: Claim, fp: Footprint) -> None:
        self.members = [(claim, fp)]
        self.start, self.end = fp.start, fp.end

    def agrees(self, claim: Claim, fp: Footprint, slack: timedelta) -> bool:
        if not (self.start - slack <= fp.end and fp.start - slack <= self.end):
            return False
        members = self.members[-MAX_MEMBERS_COMPARED:]
        touching = any(overlaps(f, fp, slack.days) for _, f in members)
        return touching and all(objection(c, f, claim, fp) is None for c, f in members)

    def add(self, claim: Claim, fp: Footprint) -> None:
        self.members.append((claim, fp))
        self.start, self.end = min(self.start, fp.start), max(self.end, fp.end)


def _cluster(items: list[tuple[Claim, Footprint]], slack_days: int) -> list[_Open]:
    slack = timedelta(days=slack_days)
    done: list[_Open] = []
    open_: list[_Open] = []
    for claim, fp in sorted(items, key=lambda cf: (cf[1].start, cf[0].doc_id, cf[0].start)):
        # An incident whose span ended out of reach can take no later claim.
        still: list[_Open] = []
        for incident in open_:
            (still if incident.end + slack * 2 >= fp.start else done).append(incident)
        open_ = still
        target = next((i for i in open_ if i.agrees(claim, fp, slack)), None)
        if target is None:
            open_.append(_Open(claim, fp))
        else:
            target.add(claim, fp)
    return done + open_


def _incident(built: _Open, level: str, event: Event | None) -> Incident:
    claims = [c for c, _ in built.members]
    first_claim, first_fp = built.members[0]
    located = next((c for c, f in built.members if c.location and f.resolved), None)
    if level == EVENT:
        name = event.name if event else "the event as a whole"
    else:
        name = _label(located or first_claim, first_fp)
    location = None
    if located is not None and located.location:
        location = dict(located.location)
    places = [c.place for c in claims if c.place]
    # Dated claims say when it happened; undated ones only bound it by their report.
    dated = [f for _, f in built.members if f.dated] or [f for _, f in built.members]
    return Incident(
        key=f"{level}:{_slug(name)}:{min(f.start for f in dated).isoformat()}",
        level=level,
        name=name,
        start=min(f.start for f in dated),
        end=max(f.end for f in dated),
        claims=sorted(claims, key=lambda c: (c.doc_id, c.start)),
        location=location,
        place=max(set(places), key=places.count) if places else None,
        resolved=located is not None,
        dated=any(f.dated for _, f in built.members),
    )


def group_incidents(
    claims: Iterable[Claim],
    documents: dict[str, Document],
    event: Event | None = None,
    slack_days: int = SLACK_DAYS,
) -> Incident:
    """Group claims into nested incidents; returns the event's root incident.

    Rejected claims are left out, as in reconciliation.
    """
    live = [c for c in claims if c.status != "rejected"]
    country = main_country(live)
    by_block: dict[tuple[str, str], list[tuple[Claim, Footprint]]] = {}
    root_items: list[tuple[Claim, Footprint]] = []
    placed = _unplace_siblings([(c, footprint(c, documents.get(c.doc_id), country)) for c in live])
    for claim, fp in placed:
        if fp.level == EVENT:
            root_items.append((claim, fp))
        else:
            by_block.setdefault((fp.level, fp.block), []).append((claim, fp))

    regional: list[tuple[Incident, Footprint]] = []
    local: list[tuple[Incident, Footprint]] = []
    for (level, _block), items in sorted(by_block.items()):
        for built in _cluster(items, slack_days):
            incident = _incident(built, level, event)
            fp = built.members[0][1]
            (regional if level == REGIONAL else local).append((incident, fp))

    # Claims dated only by a retrieval date say nothing about when the event was.
    known = [f for c, f in root_items if f.dated or _published(documents, c)]
    span_days = [f.start for f in known] + [i.start for i, _ in regional + local]
    end_days = [f.end for f in known] + [i.end for i, _ in regional + local]
    today = date.today()
    root = Incident(
        key=f"event:{_slug(event.slug if event else 'event')}",
        level=EVENT,
        name=event.name if event else "the event as a whole",
        start=min(span_days, default=today),
        end=max(end_days, default=today),
        claims=sorted((c for c, _ in root_items), key=lambda c: (c.doc_id, c.start)),
        dated=any(f.dated for _, f in root_items) or any(i.dated for i, _ in regional + local),
    )
    for incident, _ in regional:
        incident.parent_key = root.key
        root.children.append(incident)
    slack = timedelta(days=slack_days)
    for incident, fp in local:
        parent = next(
            (
                r
                for r, rf in regional
                if fp.resolved
                and (rf.country, rf.admin1) == (fp.country, fp.admin1)
                and r.start - slack <= incident.end
                and incident.start <= r.end + slack
            ),
            root,
        )
        incident.parent_key = parent.key
        parent.children.append(incident)
    for incident in root.walk():
        incident.children.sort(key=lambda i: (i.day, i.name))
    _unique_keys(root)
    return root


def _unplace_siblings(items: list[tuple[Claim, Footprint]]) -> list[tuple[Claim, Footprint]]:
    """Lift to the event level figures of one sentence that cannot share their place.

    "683 in Latakia, 433 in Tartus, 255 in Hama": when the extraction gives
    two different figures of one outcome and group in one sentence the same
    place, at most one of them is really there, and we cannot tell which.
    """
    seen: dict[tuple[str, int, str, str, str], set[int]] = {}
    for claim, fp in items:
        key = (claim.doc_id, claim.start, claim.outcome, normalise_group(claim.group), fp.block)
        seen.setdefault(key, set()).add(claim.count_low)
    out = []
    for claim, fp in items:
        key = (claim.doc_id, claim.start, claim.outcome, normalise_group(claim.group), fp.block)
        if fp.level != EVENT and len(seen[key]) > 1:
            fp = replace(fp, level=EVENT, block="event", resolved=False)
        out.append((claim, fp))
    return out


def _published(documents: dict[str, Document], claim: Claim) -> bool:
    doc = documents.get(claim.doc_id)
    return doc is not None and bool(doc.published)


def _unique_keys(root: Incident) -> None:
    seen: dict[str, int] = {}
    for incident in root.walk():
        count = seen.get(incident.key, 0)
        seen[incident.key] = count + 1
        if count:
            incident.key = f"{incident.key}-{count + 1}"
        for child in incident.children:
            child.parent_key = incident.key


def flatten(root: Incident) -> list[Incident]:
    return list(root.walk())


__all__ = [
    "EVENT",
    "LOCAL",
    "REGIONAL",
    "Incident",
    "Verdict",
    "flatten",
    "group_incidents",
    "same_incident",
]
