"""Victim groups: tidy labels and the sub-group relation used to check totals.

The extractor copies the group as the text names it ("security personnel",
"Alawite civilians", "children").  Reconciliation compares like with like, so
labels are folded (case, plural, obvious synonyms), and each group knows the
broader group it belongs to, so that "children" can be checked against
"civilians" and "civilians" against the total.
"""

from __future__ import annotations

from functools import lru_cache

SYNONYMS = {
    "all": "total",
    "people": "total",
    "persons": "total",
    "security personnel": "security forces",
    "security force members": "security forces",
    "security members": "security forces",
    "child": "children",
    "woman": "women",
    "civilian": "civilians",
}

SIDES_FIXED = {"total", "unspecified"}

# Groups that are civilians by definition.
CIVILIAN_PARTS = {
    "children",
    "women",
    "girls",
    "boys",
    "elderly",
    "villagers",
    "worshippers",
    "students",
    "passengers",
    "medical workers",
    "doctors",
    "journalists",
    "residents",
}

# Words that put a group's losses on a side of an infobox (casualties1/2/3):
# 1 the state's forces, 2 the armed groups fighting them, 3 civilians and the rest.
STATE_WORDS = {
    "security",
    "soldiers",
    "army",
    "troops",
    "police",
    "policemen",
    "government",
    "military",
    "officers",
    "personnel",
    "guards",
}
ARMED_GROUP_WORDS = {
    "fighters",
    "insurgents",
    "militants",
    "gunmen",
    "rebels",
    "loyalists",
    "militiamen",
    "jihadists",
    "combatants",
    "attackers",
}


@lru_cache(maxsize=16_384)  # a few labels, each met thousands of times
def normalise_group(label: str | None) -> str:
    """A group label folded so that sources naming the same people meet.

    The state's forces go by many names in one event ("General Security
    members", "army and security forces", "security personnel"): they fold
    into "security forces", the line an infobox gives them.  Other labels keep
    their words, since "Alawite men" and "fighters" are not interchangeable.
    """
    text = " ".join((label or "unspecified").lower().split())
    text = SYNONYMS.get(text, text)
    if text not in SIDES_FIXED and side_of(text) == 1:
        return "security forces"
    return text


def parent_group(group: str) -> str | None:
    """The broader group `group` is part of, or None for the total itself."""
    if group in ("total", "unspecified"):
        return None
    if group in CIVILIAN_PARTS or (group.endswith(" civilians") and group != "civilians"):
        return "civilians"
    return "total"


@lru_cache(maxsize=16_384)
def side_of(group: str) -> int:
    """1 for the state's forces, 2 for armed groups, 3 for civilians and the rest."""
    words = set(group.replace("-", " ").split())
    if "civilians" in words or group in CIVILIAN_PARTS:
        return 3
    if words & ARMED_GROUP_WORDS:
        return 2
    if words & STATE_WORDS:
        return 1
    return 3
