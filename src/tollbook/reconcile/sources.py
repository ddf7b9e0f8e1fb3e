"""Who said it: folding the many ways a text names a source into one name.

A report may call the same monitor "the Syrian Observatory for Human Rights",
"SOHR", "the Observatory" or "Rami Abdel Rahman, director of the Syrian
Observatory for Human Rights (SOHR)".  Timelines are per source, so these must
meet.  The rules are general, learnt from the names seen in one event:
an acronym matches the initials of a longer name; a name inside another
(as a whole-word run) joins it; a person introduced once with an organisation
stands for that organisation wherever else the person is named alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

FILLER = {"the", "a", "an", "of", "for", "and", "on", "in", "&", "its", "s"}
QUALIFYING = {"in", "at", "from", "with", "of", "near", "on"}
LEADING = re.compile(r"^(according to\s+)?(the|a|an)\s+", re.I)
ACRONYM = re.compile(r"\(([A-Z][A-Za-z&]{1,9})\)")


ABBREVIATIONS = {"un": "united nations", "u.n": "united nations", "us": "united states"}


def _words(name: str) -> list[str]:
    words = re.findall(r"[\w&.]+", name.lower().replace("’", "'"))
    out: list[str] = []
    for word in (w.strip(".") for w in words):
        out.extend(ABBREVIATIONS.get(word, word).split())
    return [w for w in out if w]


@lru_cache(maxsize=65_536)  # the same names come up in every event and every pair
def _key(name: str) -> str:
    return " ".join(_words(LEADING.sub("", name.strip())))


@lru_cache(maxsize=65_536)
def _initials(name: str) -> str:
    return "".join(w[0] for w in _words(name) if w not in FILLER)


def _contains(longer: str, shorter: str) -> bool:
    return f" {shorter} " in f" {longer} "


class SourceNames:
    """Maps each raw attribution to a canonical source name for one set of claims."""

    def __init__(self, names: Iterable[str]) -> None:
        raw = {n.strip() for n in names if n and n.strip()}
        described = {n for n in raw if "," in n or "(" in n}
        self.canonical: dict[str, str] = {}
        self.organisations: list[str] = []
        # Longest names first, so short forms find them; "Syrian Observatory" before
        # "The Syrian Observatory", so the bare name is the one shown.
        for name in sorted(
            raw - described,
            key=lambda n: (-len(_key(n).split()), n != _key(n) and LEADING.match(n) is not None, n),
        ):
            self._settle(name)
        people: dict[str, str] = {}
        for name in sorted(described):
            self._settle(name)
            head = name.split(",")[0].split("(")[0].strip()
            if self.canonical[name] != name and head != name:
                people[_key(head)] = self.canonical[name]
        self._fold_decorated_names()
        # A person introduced with an organisation stands for it when named alone.
        for name in raw - described:
            if _key(name) in people:
                self.canonical[name] = people[_key(name)]

    def _fold_decorated_names(self) -> None:
        """ "The Britain-based Syrian Observatory ..." joins "Syrian Observatory ...".

        Names are settled longest first, so a decorated form can become an
        organisation of its own before the plain name is seen; a name holding
        another organisation's whole name (three words or more) joins it.
        """
        for org in list(self.organisations):
            inner = [
                other
                for other in self.organisations
                if other != org
                and len(_key(other).split()) >= 3
                and _contains(_key(org), _key(other))
            ]
            if len(inner) == 1:
                for name, canonical in self.canonical.items():
                    if canonical == org:
                        self.canonical[name] = inner[0]
                self.organisations.remove(org)

    def _settle(self, name: str) -> None:
        match = self._match(name, self.organisations)
        self.canonical[name] = match or name
        if match is None:
            self.organisations.append(name)

    def _match(self, name: str, known: list[str]) -> str | None:
        key = _key(name)
        # "a local official" and "a local official in Damascus": a description
        # joins the same description made precise, when it fits only one.
        if len(key.split()) >= 2:
            holders = [
                o
                for o in known
                if _key(o).startswith(key + " ")
                and _key(o)[len(key) + 1 :].split()[0] in QUALIFYING
            ]
            if len(holders) == 1:
                return holders[0]
        acronym = ACRONYM.search(name)
        bare = name.strip().strip(".")
        for other in known:
            other_key = _key(other)
            if key == other_key:
                return other
            if bare.isupper() and 2 <= len(bare) <= 10 and _initials(other) == bare.lower():
                return other
            if acronym and _initials(other) == acronym.group(1).lower():
                return other
            # "SOHR activists", "SOHR sources": the organisation's own people.
            if len(key.split()) <= 3 and any(
                w.isupper() and len(w) >= 3 and _initials(other) == w.lower() for w in name.split()
            ):
                return other
            inner = ACRONYM.search(other)
            if inner and inner.group(1).lower() == key.replace(" ", ""):
                return other
            # "Rami Abdel Rahman, director of the Syrian Observatory ...": an
            # organisation named inside a longer attribution stands for it.
            if _contains(key, other_key) and len(other_key.split()) >= 2:
                return other
            # "the Observatory" within "Syrian Observatory for Human Rights".
            if len(key.split()) == 1 and key not in FILLER and _contains(other_key, key):
                if _words(name)[0] == "the" or name[:1].isupper():
                    return other
        return None

    def __call__(self, name: str | None) -> str | None:
        if not name:
            return None
        return self.canonical.get(name.strip(), name.strip())
