"""Per-source toll curves as SVG geometry, computed on the server.

A chart is a handful of step lines, so it needs no charting library and no
JavaScript: this module turns a `Tally` into coordinates, path strings and
tick labels, and the template writes the `<svg>` (escaping every label, since
source names come from documents).  Each source's line steps at the date a
new figure was reported and holds until the next one, which is how a toll
curve reads: the figure a source stood by on each day.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, timedelta

from tollbook.reconcile import Figure, Tally

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 56, 28, 14, 30
PALETTE = (
    "#1f5fa8",
    "#c2410c",
    "#15803d",
    "#7e22ce",
    "#b91c1c",
    "#0e7490",
    "#a16207",
    "#be185d",
    "#4d7c0f",
    "#475569",
)


@dataclass
class Point:
    x: float
    y: float
    label: str  # e.g. "SOHR, 2025-03-08: at least 745"
    claim_id: int | None


@dataclass
class Line:
    source: str
    colour: str
    path: str
    points: list[Point] = field(default_factory=list)


@dataclass
class Chart:
    title: str
    lines: list[Line]
    x_ticks: list[tuple[float, str]]
    y_ticks: list[tuple[float, str]]
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right: int = WIDTH - RIGHT
    top: int = TOP
    bottom: int = HEIGHT - BOTTOM


def nice_step(span: float, ticks: int = 5) -> float:
    """A round step (1, 2 or 5 times a power of ten) giving about `ticks` ticks over `span`."""
    raw = max(span, 1) / ticks
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if raw <= factor * power:
            return float(max(factor * power, 1))
    return float(10 * power)


def toll_chart(tally: Tally, max_sources: int = len(PALETTE)) -> Chart | None:
    """The chart of one tally, or None when none of its figures has a date."""
    curves = [
        (curve, [f for f in curve.figures if _day(f.reported)])
        for curve in sorted(tally.curves, key=lambda c: -c.current.stated)
    ]
    curves = [(c, figs) for c, figs in curves if figs][:max_sources]
    if not curves:
        return None
    days = [_day(f.reported) for _, figs in curves for f in figs]
    first, last = min(days), max(days)  # type: ignore[type-var]
    assert first is not None and last is not None
    last = max(last, first + timedelta(days=1)) + timedelta(days=1)
    top_value = max(f.stated for _, figs in curves for f in figs)
    step = nice_step(top_value)
    y_max = step * math.ceil(top_value * 1.05 / step) or step

    def x_of(day: date) -> float:
        span = (last - first).days
        return round(LEFT + (WIDTH - LEFT - RIGHT) * (day - first).days / span, 1)

    def y_of(value: float) -> float:
        return round(HEIGHT - BOTTOM - (HEIGHT - TOP - BOTTOM) * value / y_max, 1)

    lines = []
    for index, (curve, figs) in enumerate(curves):
        # One point a day: the largest figure the source gave that day, the one it
        # stands by (as in reconcile), so a source with thousands of reports draws
        # one point per day, not thousands.
        by_day: dict[date, Figure] = {}
        for figure in figs:
            day = _day(figure.reported)
            assert day is not None
            if day not in by_day or figure.stated > by_day[day].stated:
                by_day[day] = figure
        points = []
        for day, figure in sorted(by_day.items()):
            points.append(
                Point(
                    x_of(day),
                    y_of(figure.stated),
                    f"{curve.source}, {figure.reported}: {figure.label()}",
                    figure.claim.id,
                )
            )
        path = f"M{points[0].x},{points[0].y}"
        for point in points[1:]:
            path += f" H{point.x} V{point.y}"
        path += f" H{x_of(last)}"
        lines.append(Line(curve.source, PALETTE[index % len(PALETTE)], path, points))

    total_days = (last - first).days
    every = max(1, math.ceil(total_days / 6))
    x_ticks = [
        (x_of(first + timedelta(days=d)), (first + timedelta(days=d)).strftime("%-d %b"))
        for d in range(0, total_days + 1, every)
    ]
    y_ticks = [(y_of(v), f"{v:,.0f}") for v in _frange(0, y_max, step)]
    scope = f" in {tally.scope}" if tally.scope else ""
    title = f"{tally.group} {tally.outcome}{scope}"
    return Chart(title, lines, x_ticks, y_ticks)


def _frange(start: float, stop: float, step: float) -> list[float]:
    count = int(round((stop - start) / step))
    return [start + i * step for i in range(count + 1)]


def _day(text: str) -> date | None:
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None
