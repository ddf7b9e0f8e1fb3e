"""Comparing the ledger's incidents with an ACLED or UCDP-GED export.

Each dataset event is matched to the most specific incident it fits: a local
incident whose span meets the event's dates (a day's slack) and whose point
is within `MATCH_KM` of the event's point, or whose place name has the same
romanisation key; failing that, a regional incident of the same first-level
region and dates.  Several dataset events may fall in one incident (ACLED
codes each day separately); their deaths are added.  What matches nothing is
listed on both sides, so a user sees what one source has and the other lacks.

The ledger's side of each pair is what the incident adds to the incidents
nested in it (the same figure the ledger's own dataset exports give it), since
a dataset lists a town's deaths and its province's other deaths as separate
events; the event-wide totals, nested incidents counted and nobody twice, are
compared on the first line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from tollbook.geo.names import variant_key
from tollbook.geo.resolve import haversine_km
from tollbook.incidents.analysis import Analysis
from tollbook.incidents.footprint import EVENT, LOCAL, REGIONAL
from tollbook.incidents.grouping import Incident
from tollbook.sources.datasets import Dataset, DatasetEvent
from tollbook.store import Store

MATCH_KM = 10.0
SLACK = timedelta(days=1)


@dataclass
class Match:
    incident: Incident
    events: list[DatasetEvent]
    ours: tuple[int, int, int]  # low, best, high killed
    theirs: tuple[int, int, int]

    @property
    def difference(self) -> int:
        """Their best minus ours: positive when the dataset counts more."""
        return self.theirs[1] - self.ours[1]


@dataclass
class Comparison:
    dataset: Dataset
    matches: list[Match]
    only_theirs: list[DatasetEvent]
    only_ours: list[Incident]
    ours_total: tuple[int, int, int]
    theirs_total: tuple[int, int, int]
    notices: list[str] = field(default_factory=list)


def _meets(incident: Incident, event: DatasetEvent) -> bool:
    return incident.start - SLACK <= event.end and event.start - SLACK <= incident.end


def _same_place(incident: Incident, event: DatasetEvent) -> bool:
    loc = incident.location or {}
    if loc.get("lat") is not None and event.lat is not None and event.lon is not None:
        if haversine_km(float(loc["lat"]), float(loc["lon"]), event.lat, event.lon) <= MATCH_KM:
            return True
    names = {n for n in (loc.get("name"), incident.place) if n}
    return bool(event.location) and any(
        variant_key(n) == variant_key(event.location) for n in names
    )


def _same_region(incident: Incident, event: DatasetEvent) -> bool:
    admin1 = (incident.location or {}).get("admin1")
    return bool(admin1 and event.admin1) and variant_key(admin1) == variant_key(event.admin1)


def match_event(analysis: Analysis, event: DatasetEvent) -> Incident | None:
    """The most specific incident of the ledger a dataset event belongs to."""
    incidents = [i for i in analysis.incidents() if _meets(i, event)]
    if event.lat is None and (not event.location or event.location == event.country):
        # A figure for the whole country: the ledger's event-wide incident.
        return analysis.root if _meets(analysis.root, event) else None
    local = [i for i in incidents if i.level == LOCAL and _same_place(i, event)]
    if event.level == "country":  # placed only by name: a town the dataset could not locate
        local = [i for i in local if not i.resolved or event.lat is None]
    regional = [i for i in incidents if i.level == REGIONAL and _same_region(i, event)]
    # A province-wide figure belongs to the province, even at its capital's point.
    if event.level == "regional" and regional:
        return regional[0]
    if local:
        return min(local, key=lambda i: (i.end - i.start, i.key))
    return regional[0] if regional else None


def compare(analysis: Analysis, dataset: Dataset) -> Comparison:
    matched: dict[str, list[DatasetEvent]] = {}
    only_theirs = []
    for event in dataset.events:
        incident = match_event(analysis, event)
        if incident is None:
            only_theirs.append(event)
        else:
            matched.setdefault(incident.key, []).append(event)
    matches = []
    for incident in analysis.incidents():
        if incident.key in matched:
            events = matched[incident.key]
            row = analysis.row(incident)
            theirs = tuple(sum(getattr(e, b) for e in events) for b in ("low", "best", "high"))
            matches.append(Match(incident, events, (row.low, row.best, row.high), theirs))  # type: ignore[arg-type]
    only_ours = [
        i for i in analysis.incidents() if i.level != EVENT and i.claims and i.key not in matched
    ]
    low, best, high = analysis.total
    theirs_total = tuple(
        sum(getattr(e, b) for e in dataset.events) for b in ("low", "best", "high")
    )
    return Comparison(
        dataset, matches, only_theirs, only_ours, (low, best, high), theirs_total,  # type: ignore[arg-type]
        list(dataset.notices) + [str(e) for e in dataset.errors],
    )  # fmt: skip


def render_comparison(result: Comparison) -> str:
    name = "ACLED" if result.dataset.kind == "acled" else "UCDP GED"
    lines = [
        f"Ledger vs {name} ({result.dataset.path}): {len(result.dataset.events)} dataset events, "
        f"{len(result.matches)} incidents matched",
        f"killed in all: ledger {_range(result.ours_total)}, {name} {_range(result.theirs_total)}",
        "",
        f"{'incident (deaths not in nested ones)':<36} {'dates':<23} {'ledger':>15} {name:>15} "
        f"{'diff':>7}",
    ]
    for m in sorted(result.matches, key=lambda m: (m.incident.start, m.incident.name)):
        dates = m.incident.start.isoformat()
        if m.incident.end != m.incident.start:
            dates += ".." + m.incident.end.isoformat()[5:]
        lines.append(
            f"{m.incident.name[:36]:<36} {dates:<23} {_range(m.ours):>15} "
            f"{_range(m.theirs):>15} {m.difference:>+7,}"
        )
    if result.only_theirs:
        lines += ["", f"Only in {name} ({len(result.only_theirs)}):"]
        lines += [
            f"  {e.event_id} {e.start.isoformat()} {e.location} ({e.admin1}): {e.best:,} killed"
            for e in result.only_theirs
        ]
    if result.only_ours:
        lines += ["", f"Only in the ledger ({len(result.only_ours)}):"]
        lines += [f"  {i.name} {i.start.isoformat()}" for i in result.only_ours]
    if result.notices:
        lines += ["", "Notes on the file:"] + [f"  {n}" for n in result.notices]
    return "\n".join(lines) + "\n"


def _range(bounds: tuple[int, int, int]) -> str:
    low, best, high = bounds
    return f"{best:,}" if low == high else f"{low:,}–{high:,}"


def compare_event(store: Store, event_ref: str | int, dataset_path: str) -> Comparison:
    """Read the dataset, build the event's incidents (without storing them), compare."""
    from tollbook.incidents.storage import build_incidents
    from tollbook.sources.datasets import read_dataset

    dataset = read_dataset(dataset_path)
    return compare(build_incidents(store, event_ref, save=False, with_actors=False), dataset)
