"""`{{Infobox military conflict}}` wikitext from a reconciliation.

Casualty lines go to the side whose losses they are (casualties1 the state's
forces, casualties2 the armed groups, casualties3 civilians and totals).  Each
line gives the reconciled range and cites every source whose current figure
it rests on; a source cited twice reuses its named ref.  Only event-wide
tallies appear: figures for one village belong in the article body.
"""

from __future__ import annotations

from collections.abc import Sequence

from tollbook.exports.citations import References
from tollbook.models import OUTCOMES
from tollbook.reconcile import Reconciliation, Tally
from tollbook.reconcile.groups import parent_group
from tollbook.reconcile.tally import EVENT_WIDE

GROUP_WORDS = {"total": "in all", "unspecified": "(group not stated)"}


def casualty_line(tally: Tally, refs: References) -> str:
    low, high = tally.low.value, tally.high.value
    open_ended = any(
        c.current.claim.qualifier in ("at_least", "more_than", "vague") and c.current.stated == high
        for c in tally.curves
    )
    figure = f"{low:,}" if low == high else f"{low:,}–{high:,}"
    if open_ended:
        figure += "+"
    group = GROUP_WORDS.get(tally.group, tally.group)
    words = (
        f"{figure} {tally.outcome} {group}"
        if tally.group in GROUP_WORDS
        else (f"{figure} {group} {tally.outcome}")
    )
    cited = []
    for curve in sorted(tally.curves, key=lambda c: c.current.reported):
        cited.append(refs(curve.current.document))
    return words[:1].upper() + words[1:] + "".join(dict.fromkeys(cited))


def _depth(group: str) -> int:
    depth = 0
    while (group := parent_group(group) or "") and group != "total":
        depth += 1
    return depth


def _ordered(tallies: Sequence[Tally]) -> list[Tally]:
    """By outcome; within one, the broad groups before their parts, the most-cited first."""
    return sorted(
        tallies,
        key=lambda t: (
            OUTCOMES.index(t.outcome) if t.outcome in OUTCOMES else 99,
            t.group in GROUP_WORDS,
            _depth(t.group),
            -len(t.curves),
            t.group,
        ),
    )


def infobox_place(keywords: Sequence[str], most: int = 4) -> str:
    """The first few place names: an infobox names where, it does not list every village.

    Keywords written as phrases ("Syria's coast") are there to match documents,
    not to be shown, so only proper names (every word capitalised) are kept.
    """
    names = [
        k
        for k in keywords
        if all(w[:1].isupper() or w.lower() in ("al", "el") for w in k.replace("-", " ").split())
    ]
    return ", ".join(names[:most])


def infobox(
    rec: Reconciliation,
    combatants: Sequence[Sequence[str]] = (),
    commanders: Sequence[Sequence[str]] = (),
) -> str:
    """The infobox wikitext; combatant and commander lines are given ready-cited."""
    event = rec.event
    refs = References()
    dates = " – ".join(d for d in (event.start_date, event.end_date) if d)
    fields: list[tuple[str, str]] = [
        ("conflict", event.name),
        ("partof", event.part_of or ""),
        ("date", dates),
        ("place", infobox_place(event.place_keywords)),
    ]
    for side, names in enumerate(combatants, start=1):
        fields.append((f"combatant{side}", "<br />".join(names)))
    for side, names in enumerate(commanders, start=1):
        fields.append((f"commander{side}", "<br />".join(names)))
    for side in (1, 2, 3):
        lines = [
            casualty_line(t, refs)
            for t in _ordered(rec.tallies)
            if t.scope == EVENT_WIDE and t.side == side
        ]
        if lines:
            fields.append((f"casualties{side}", "<br />".join(lines)))
    width = max(len(k) for k, _ in fields)
    body = "\n".join(f"| {k.ljust(width)} = {v}" for k, v in fields)
    return "{{Infobox military conflict\n" + body + "\n}}\n"
