"""Where sources contradict each other, or themselves.

Three kinds are flagged, each with the figures that make it:

- `disagreement`: two sources' current figures whose ranges do not meet;
- `falling`: a source whose largest figure of a day is below its peak of an
  earlier day;
- `subgroup`: a part (children killed) whose lowest figure is above the
  highest figure for its whole (civilians killed).

A busy event has tens of thousands of disagreeing pairs and a page shows the
first few hundred, so a contradiction keeps its figures and writes its
sentence only when read.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tollbook.reconcile.groups import parent_group

if TYPE_CHECKING:
    from tollbook.reconcile.tally import Figure, Tally


@dataclass
class Contradiction:
    kind: str  # disagreement | falling | subgroup
    figures: list[Figure]
    where: str  # whose figures: "civilians killed in Baniyas"
    whole: str = ""  # subgroup: the whole the part exceeds
    values: tuple[int, int] = (0, 0)  # subgroup: the part's low, the whole's high

    @property
    def message(self) -> str:
        first, second = self.figures[0], self.figures[-1]
        if self.kind == "disagreement":
            return (
                f"{self.where}: {first.source} says {first.label()} ({first.day}) "
                f"but {second.source} says {second.label()} ({second.day})"
            )
        if self.kind == "falling":
            return (
                f"{self.where}: {first.source}'s figure fell from {first.label()} "
                f"({first.day}) to {second.label()} ({second.day})"
            )
        part, whole = self.values
        return f"{self.where} (at least {part:,}) exceeds {self.whole} (at most {whole:,})"


def where(tally: Tally) -> str:
    scope = f" in {tally.scope}" if tally.scope else ""
    return f"{tally.group} {tally.outcome}{scope}"


def disagreements(tally: Tally, current: list[Figure]) -> list[Contradiction]:
    """Each pair of current figures whose ranges do not meet, the lower figure first."""
    # Sorted by lower bound, the figures a figure cannot meet from above are
    # a suffix: those whose lower bound is past its upper bound.
    ordered = sorted(current, key=lambda f: f.low)
    lows = [f.low for f in ordered]
    place = where(tally)
    found = []
    for figure in ordered:
        for other in ordered[bisect_right(lows, figure.high) :]:
            if other is figure:  # a malformed range (high below low) meets nothing
                continue
            lower, higher = (figure, other) if figure.stated <= other.stated else (other, figure)
            found.append(Contradiction("disagreement", [lower, higher], place))
    return found


def falling(tally: Tally) -> list[Contradiction]:
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
                found.append(Contradiction("falling", [peak, figure], where(tally)))
            if peak is None or figure.low > peak.low:
                peak = figure
    return found


def subgroups_above_whole(tallies: list[Tally]) -> list[Contradiction]:
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
                            part.low.figures + whole.high.figures,
                            where(part),
                            where(whole),
                            (part.low.value, whole.high.value),
                        )
                    )
                break
            whole_group = parent_group(whole_group)
    return found
