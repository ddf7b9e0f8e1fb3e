"""Country words in English text: names, short forms and demonyms.

"Syrian", "Sudanese", "Congolese", "Ukrainian", "Afghan" are derived from the
country names by English suffix rules (Syria+n, Sudan+ese, Congo+lese,
Ukrain(e)+ian, Afghan(istan)), not listed; a word two countries could give
("Congolese", "Nigerian") goes to the more populous one, which is the one
news means far more often.  Used to find the country a document is about and
to read "the Syrian coast" as a part of Syria.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache

from tollbook.geo.gazetteer import Gazetteer, default_gazetteer
from tollbook.geo.names import fold

# English demonym endings: (ending the name must have, letters cut, suffix added).
_DEMONYM_RULES: tuple[tuple[str, int, str], ...] = (
    ("", 0, "n"),  # Syria → Syrian
    ("", 0, "i"),  # Yemen → Yemeni, Israel → Israeli
    ("", 0, "ese"),  # Sudan → Sudanese
    ("", 0, "ian"),  # Iran → Iranian
    ("", 0, "an"),  # Mali → Malian, Haiti → Haitian
    ("", 0, "lese"),  # Congo → Congolese
    ("e", 1, "ian"),  # Ukraine → Ukrainian
    ("o", 1, "an"),  # Mexico → Mexican
    ("a", 1, "ese"),  # Burma → Burmese
    ("ia", 1, ""),  # Somalia → Somali
    ("on", 2, "ese"),  # Lebanon → Lebanese
    ("istan", 5, ""),  # Afghanistan → Afghan
)
_GENERIC_NAME_WORDS = frozenset(
    "republic states kingdom islands island emirates territory territories federation "
    "union state of the and".split()
)
_NOT_COUNTRY_WORDS = frozenset("the and of".split())


def document_country(text: str, gazetteer: Gazetteer | None = None) -> str | None:
    """The ISO code of the country a text names most (by name or demonym), if any."""
    counts = country_counts(text, gazetteer)
    return counts.most_common(1)[0][0] if counts else None


def country_counts(text: str, gazetteer: Gazetteer | None = None) -> Counter[str]:
    """How often a text names each country, by name or demonym."""
    index = country_words(gazetteer or default_gazetteer())
    counts: Counter[str] = Counter()
    words = fold(text).split()
    position = 0
    while position < len(words):  # longest names first: "south sudan" before "sudan"
        for size in (4, 3, 2, 1):
            code = index.get(" ".join(words[position : position + size]))
            if code:
                counts[code] += 1
                position += size
                break
        else:
            position += 1
    return counts


@lru_cache(maxsize=4)
def country_words(gz: Gazetteer) -> dict[str, str]:
    """Country names and derived demonyms; a word two countries share goes to the larger."""
    population = {cc: entry.population for cc, entry in gz.countries().items()}
    best: dict[str, tuple[int, str]] = {}

    def offer(word: str, cc: str) -> None:
        if len(word) >= 4 and word not in _NOT_COUNTRY_WORDS:
            if word not in best or best[word][0] < population.get(cc, 0):
                best[word] = (population.get(cc, 0), cc)

    names = [(fold(spelling), cc) for spelling, cc in gz.country_names()]
    for name, cc in names:
        offer(name, cc)
    for ending, cut, suffix in _DEMONYM_RULES:
        for name, cc in names:
            name = name.split()[-1]  # Democratic Republic of the Congo → Congolese
            if name in _GENERIC_NAME_WORDS or not name.endswith(ending):
                continue
            demonym = (name[: len(name) - cut] if cut else name) + suffix
            if demonym != name:
                offer(demonym, cc)
    return {word: cc for word, (_, cc) in best.items()}


def demonym_country(word: str, gazetteer: Gazetteer | None = None) -> str | None:
    """The country a single word names ('Syrian' → 'SY'), if it names one."""
    return country_words(gazetteer or default_gazetteer()).get(fold(word))
