"""Reading a place mention as news writes it: the name, and what the words around it say.

"the coastal town of Baniyas" names a town; "Latakia province" and "Hama
countryside" name a first-level region; "near Jableh", "the outskirts of
Homs" and "5 km north of Idlib" name a point near a town; "northern Gaza"
names part of an area; "Jableh, Latakia" and "Russia's Khmeimim air base"
carry a containing place that narrows the search.  This module only reads the
words; `resolve` decides what they point to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_LEADING_WORDS = re.compile(
    r"^(?:(?:in|at|on|from|into|inside|within|across|throughout|to|of|the|and)\s+)+",
    re.IGNORECASE,
)
_NEAR = re.compile(
    r"^(?:(?:just|some|about|around|roughly)\s+)?"
    r"(?:(?:near|nearby|outside|around|close\s+to|next\s+to|on\s+the\s+edge\s+of)\s+"
    r"|(?:the\s+)?(?:outskirts|suburbs?|vicinity|environs|edge|edges|surroundings|periphery)\s+of\s+"
    r"|(?:\d+(?:\.\d+)?\s*(?:km|kms|kilometres|kilometers|miles?|mi)\s+)?"
    r"(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)(?:ern)?\s+of\s+)",
    re.IGNORECASE,
)
_REGION_OF = re.compile(
    r"^(?:the\s+)?(?:[\w-]+\s+){0,2}?"
    r"(province|governorate|state|region|oblast|prefecture|department|countryside|district|"
    r"countryside|area|rural\s+areas?)\s+of\s+(.+)$",
    re.IGNORECASE,
)
_SETTLEMENT_OF = re.compile(
    r"^(?:the\s+)?(?:[\w'-]+\s+){0,3}?"
    r"(town|city|village|hamlet|settlement|neighbou?rhood|capital|port|suburb|locality|"
    r"municipality|township|commune)\s+of\s+(.+)$",
    re.IGNORECASE,
)
_REGION_SUFFIX = re.compile(
    r"^(.+?)\s+(province|governorate|state|region|oblast|prefecture|department|countryside|"
    r"rural\s+areas?|countryside\s+areas?|area|district|city|town|village)$",
    re.IGNORECASE,
)
_FACILITY_SUFFIX = re.compile(
    r"^(.+?)\s+((?:military\s+|air\s+)?(?:air\s*base|airbase|base|airport|airfield|"
    r"refugee\s+camp|displacement\s+camp|camp|hospital|prison|checkpoint|crossing|"
    r"border\s+crossing|port|market|mosque|church|school|university|bridge|dam|"
    r"power\s+plant|front|frontline))$",
    re.IGNORECASE,
)
_PART = re.compile(
    r"^(?:the\s+)?(north|south|east|west|central|northern|southern|eastern|western|"
    r"north-?eastern|north-?western|south-?eastern|south-?western|upper|lower|greater|rural|"
    r"coastal|inner)\s+(.+)$",
    re.IGNORECASE,
)
# "Shaas near Tartus", "a prison in Guayaquil": a place named with one that holds it.
_ANCHOR = re.compile(r"^(.+?)\s+(near|outside|in|inside|north of|south of|east of|west of)\s+(.+)$")
# "Zacatecas, a state in central Mexico": the description before the holding place.
_IN_PLACE = re.compile(r"^\s*(?:an?|the)\s+[^,]*?\b(?:in|of)\s+(?=\S)", re.IGNORECASE)
_DIRECTION_ONLY = re.compile(
    r"^(?:the\s+)?(?:north|south|east|west|centre|center|north-?east|north-?west|south-?east|"
    r"south-?west)(?:ern)?$",
    re.IGNORECASE,
)
_DESCRIBED_AS = re.compile(
    r"^\s*(?:an?|the)\s+(?:[\w-]+\s+){0,3}?(province|governorate|state|region|oblast|"
    r"prefecture|department|district|town|city|village|hamlet)\b",
    re.IGNORECASE,
)
_POSSESSIVE = re.compile(r"^(.+?)['’]s\s+(.+)$")
_ADMIN_WORDS = {
    "province",
    "governorate",
    "state",
    "region",
    "oblast",
    "prefecture",
    "department",
    "countryside",
    "rural",
}


@dataclass(frozen=True)
class Mention:
    """A place mention taken apart.

    `scope` is "place", "admin1", "district" or "any"; `near` says the text
    points near the place rather than at it; `part` that it names a part of the
    area ("northern Gaza"); `within` is a containing place named with it.
    """

    text: str
    name: str
    scope: str = "any"
    near: bool = False
    part: bool = False
    within: str | None = None
    full: str | None = None  # the name with its generic word, tried first ("Mexico City")
    within_is_fallback: bool = False  # "Shaas near Tartus": Tartus when Shaas is unknown

    def without_part(self) -> Mention | None:
        """The same mention with a leading direction word dropped, if it has one."""
        match = _PART.match(self.name)
        if not match:
            return None
        return Mention(
            self.text, match.group(2), self.scope, self.near, True, self.within, None,
            self.within_is_fallback,
        )  # fmt: skip


def _clean(text: str) -> str:
    text = re.sub(r"\s+", " ", text.strip(' \t\n.,;:()[]"“”'))
    return _LEADING_WORDS.sub("", text).strip()


def parse_mention(text: str) -> Mention:
    """Take a place mention apart; never fails (an empty name means nothing to look up)."""
    name = _clean(text)
    near = False
    scope = "any"
    within: str | None = None
    full: str | None = None

    match = _NEAR.match(name)
    if match:
        near = True
        name = _clean(name[match.end() :])

    described_as: str | None = None
    if "," in name:
        head, _, tail = name.partition(",")
        described = _DESCRIBED_AS.match(tail)  # "Zacatecas, a state in central Mexico"
        described_as = _scope_of(described.group(1).lower()) if described else None
        name, within = _clean(head), _clean(_IN_PLACE.sub("", tail)) or None
    else:
        match = _ANCHOR.match(name)
        if match:
            name, within = _clean(match.group(1)), _clean(match.group(3))
            near = near or match.group(2).lower() != "in"

    match = _POSSESSIVE.match(name)
    owner_only = False
    part = False
    if match and within is None:
        within, name = _clean(match.group(1)), _clean(match.group(2))
        owner_only = True  # "Russia's Khmeimim air base" is owned by, not inside, Russia
        if _DIRECTION_ONLY.match(name):  # "Pakistan's north-west"
            name, within, part, owner_only = within, None, True, False
    elif match:  # "Guayaquil's Guayas 1 prison in Ecuador": near Guayaquil
        name, near = _clean(match.group(1)), True

    for pattern in (_REGION_OF, _SETTLEMENT_OF):
        match = pattern.match(name)
        if match:
            noun = match.group(1).lower()
            name = _clean(match.group(2))
            scope = _scope_of(noun)
            break
    else:
        match = _REGION_SUFFIX.match(name) or _FACILITY_SUFFIX.match(name)
        if match:
            full, name = name, _clean(match.group(1))
            scope = _scope_of(match.group(2).lower()) if match.re is _REGION_SUFFIX else "facility"

    if described_as is not None and scope == "any":
        scope = described_as
    if scope in ("district", "area", "facility"):
        near = True
        scope = "district" if scope == "district" else "place"
    return Mention(
        text=text,
        name=name,
        scope=scope,
        near=near,
        part=part,
        within=within,
        full=full,
        within_is_fallback=within is not None and not owner_only,
    )


def _scope_of(noun: str) -> str:
    noun = noun.split()[0]
    if noun in ("district", "area"):
        return noun
    if noun in _ADMIN_WORDS:
        return "admin1"
    return "place"
