"""Figures and their hedges, read from the tokens of a parsed sentence.

A *figure* is the run of tokens that states a number of people: digits with
separators ("1,383"), decimals with a scale ("1.5 million"), number words
("twenty-three", "three hundred and twelve"), dozens ("a dozen", "two dozen")
and the vague plurals of DESIGN.md ("dozens" = 24, "hundreds" = 200, "scores" =
40, "tens" = 20, "thousands" = 2000, "tens of thousands" = 20,000).

The hedge in front of a figure ("at least", "more than", "nearly", "up to",
"between A and B") is read from the words, not from the parse: spaCy attaches
"at least" in several different ways, while the words are stable.  A figure
with no hedge of its own gets `qualifier=None` so that the rules can let a
hedge distribute over coordinated figures before defaulting to exact.

Numbers that are not counts of people are dropped here when the words alone
show it: ages and durations glued with a hyphen ("13-year", "two-year-old"),
money, percentages, dates next to a month name, years, list numbers ("No. 5").
Everything else is left to the rules, which look at what the figure counts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from tollbook.extraction.lexicon import MONTH_ABBREVIATIONS

UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
SHORT_SCALES = {"m": 1_000_000, "mn": 1_000_000, "mln": 1_000_000, "k": 1000, "bn": 10**9}
SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}
# The smallest value each vague plural allows (DESIGN.md's conventions).
VAGUE = {
    "dozens": 24,
    "hundreds": 200,
    "scores": 40,
    "tens": 20,
    "thousands": 2000,
    "millions": 2_000_000,
}
MONTHS = {
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
} | MONTH_ABBREVIATIONS
CURRENCY_BEFORE = {"$", "€", "£", "us$", "usd", "eur", "gbp", "¥", "rs", "rs."}
CURRENCY_AFTER = {
    "dollars",
    "dollar",
    "euros",
    "euro",
    "pounds",
    "pound",
    "usd",
    "yen",
    "rupees",
    "naira",
    "shillings",
    "francs",
    "dinars",
    "pesos",
    "cents",
}
PERCENT_AFTER = {"%", "percent", "per", "pct"}
AGE_WORDS = {"aged", "age", "ages"}
HYPHEN_UNITS = {
    "year",
    "years",
    "month",
    "months",
    "week",
    "weeks",
    "day",
    "days",
    "hour",
    "hours",
    "minute",
    "old",
    "storey",
    "story",
    "member",
    "strong",
    "km",
    "kilometre",
    "kilometer",
    "mile",
    "point",
    "man",
}

# Hedges, longest first; matched against the lowercase words before a figure.
HEDGES_BEFORE: list[tuple[str, str]] = sorted(
    [
        ("at least", "at_least"),
        ("no fewer than", "at_least"),
        ("no less than", "at_least"),
        ("a minimum of", "at_least"),
        ("not less than", "at_least"),
        ("more than", "more_than"),
        ("over", "more_than"),
        ("upwards of", "more_than"),
        ("in excess of", "more_than"),
        ("above", "more_than"),
        ("exceed", "more_than"),
        ("exceeds", "more_than"),
        ("exceeded", "more_than"),
        ("exceeding", "more_than"),
        ("surpassed", "more_than"),
        ("surpass", "more_than"),
        ("topped", "more_than"),
        ("tops", "more_than"),
        ("could top", "more_than"),
        ("may top", "more_than"),
        ("would top", "more_than"),
        ("surpasses", "more_than"),
        ("passed", "more_than"),
        ("passes", "more_than"),
        ("could pass", "more_than"),
        ("nearly", "about"),
        ("almost", "about"),
        ("about", "about"),
        ("around", "about"),
        ("some", "about"),
        ("approximately", "about"),
        ("roughly", "about"),
        ("an estimated", "about"),
        ("estimated", "about"),
        ("close to", "about"),
        ("an approximate", "about"),
        ("circa", "about"),
        ("approx.", "about"),
        ("just under", "about"),
        ("almost exactly", "exact"),
        ("up to", "up_to"),
        ("could rise to", "up_to"),
        ("could reach", "up_to"),
        ("may rise to", "up_to"),
        ("may reach", "up_to"),
        ("might rise to", "up_to"),
        ("could climb to", "up_to"),
        ("as many as", "up_to"),
        ("as high as", "up_to"),
        ("at most", "up_to"),
        ("no more than", "up_to"),
        ("a maximum of", "up_to"),
        ("fewer than", "less_than"),
        ("less than", "less_than"),
        ("under", "less_than"),
        ("below", "less_than"),
    ],
    key=lambda pair: -len(pair[0]),
)
# Words allowed between a hedge and its figure ("more than a dozen", "at least another 20").
HEDGE_GAP = {"a", "an", "another", "the", "some"}

DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$")


@dataclass
class Figure:
    """One stated number: tokens [start, end) of the parsed sentence."""

    start: int
    end: int
    low: int
    high: int | None = None
    qualifier: str | None = None  # None: no hedge of its own
    vague: bool = False
    hedge_start: int | None = None  # first token of the hedge, when there is one

    @property
    def is_range(self) -> bool:
        return self.high is not None


def _is_number_word(token: Token) -> bool:
    return token.lower_ in UNITS or token.lower_ in SCALES


def _value_of_words(words: list[str]) -> int | None:
    """'three hundred and twelve' -> 312; None when the words do not form a number."""
    total = current = 0
    seen = False
    for word in words:
        if word in ("and", "-", "a", "an"):
            continue
        if word in UNITS:
            current += UNITS[word]
        elif word == "hundred":
            current = (current or 1) * 100
        elif word in SCALES:
            total += (current or 1) * SCALES[word]
            current = 0
        elif word == "dozen":
            current = (current or 1) * 12
        else:
            return None
        seen = True
    return total + current if seen else None


def _digits_value(text: str) -> float | None:
    if not DIGITS.match(text):
        return None
    return float(text.replace(",", ""))


def _scan_one(doc: Doc, i: int) -> tuple[int, float, bool, bool] | None:
    """The figure starting at token i: (end, value, vague, approximate)."""
    token = doc[i]
    lower = token.lower_
    if lower in VAGUE:
        vague_value = VAGUE[lower]
        end = i + 1
        # "tens of thousands", "hundreds of thousands"
        multiplier = {"hundreds": 100, "thousands": 1000, "millions": 1_000_000}
        if end + 1 < len(doc) and doc[end].lower_ == "of" and doc[end + 1].lower_ in multiplier:
            vague_value = vague_value * multiplier[doc[end + 1].lower_]
            end += 2
        return end, vague_value, True, False
    approximate = False
    if (
        lower == "half"
        and i + 2 < len(doc)
        and doc[i + 1].lower_ == "a"
        and (doc[i + 2].lower_ in SCALES or doc[i + 2].lower_ == "dozen")
    ):
        scale = 12 if doc[i + 2].lower_ == "dozen" else SCALES[doc[i + 2].lower_]
        return i + 3, scale / 2, False, True
    if (
        lower in ("a", "an")
        and i + 1 < len(doc)
        and doc[i + 1].lower_
        in (
            "dozen",
            "hundred",
            "thousand",
            "million",
        )
    ):
        start_value = None
    else:
        start_value = _digits_value(token.text)
        if start_value is None and not _is_number_word(token) and lower != "dozen":
            return None
    words: list[str] = []
    value: float | None = start_value
    end = i if start_value is None else i + 1
    if start_value is None:
        words.append(lower)
        end = i + 1
    while end < len(doc):
        nxt = doc[end].lower_
        if nxt in SCALES or nxt == "dozen":
            if value is not None:
                value *= 12 if nxt == "dozen" else SCALES[nxt]
            else:
                words.append(nxt)
            end += 1
        elif value is not None and nxt in SHORT_SCALES and end == i + 1:
            value *= SHORT_SCALES[nxt]  # "1.2m", "3.4 mn", "5k"
            end += 1
        elif value is None and nxt in UNITS:
            words.append(nxt)
            end += 1
        elif (
            value is None
            and nxt in ("-", "and")
            and end + 1 < len(doc)
            and (doc[end + 1].lower_ in UNITS)
            and (nxt == "-" or words and words[-1] in SCALES)
        ):
            words.append(nxt)
            end += 1
        else:
            break
    if value is None:
        word_value = _value_of_words(words)
        if word_value is None:
            return None
        value = word_value
        # "a dozen", "two dozen": an approximate count by nature
        approximate = "dozen" in words
    return end, value, False, approximate


def _hedge_before(doc: Doc, start: int) -> tuple[str, int] | None:
    """The hedge ending just before token `start`, and its first token."""
    j = start
    while j > 0 and doc[j - 1].lower_ in HEDGE_GAP and start - j < 2:
        j -= 1
    for gap_end in (j, start):
        words = [t.lower_ for t in doc[max(0, gap_end - 4) : gap_end]]
        text = " ".join(words)
        for phrase, qualifier in HEDGES_BEFORE:
            if text == phrase or text.endswith(" " + phrase):
                n = len(phrase.split())
                return qualifier, gap_end - n
    return None


def _is_distractor(doc: Doc, start: int, end: int, value: float) -> bool:
    """True when the words around a figure show it counts no people."""
    before = doc[start - 1].lower_ if start > 0 else ""
    after = doc[end].lower_ if end < len(doc) else ""
    after2 = doc[end + 1].lower_ if end + 1 < len(doc) else ""
    if before in CURRENCY_BEFORE or after in CURRENCY_AFTER or after in PERCENT_AFTER:
        return True
    if after in ("-", "–") and (after2 in HYPHEN_UNITS or after2.endswith("-old")):
        return True
    if before in MONTHS or after in MONTHS or (after == "of" and after2 in MONTHS):
        return True
    if before in ("no.", "no", "number", "#", "article", "resolution", "page", "route"):
        return before != "no" or (start > 0 and doc[start - 1].text == "No.")
    text = doc[start].text
    if end - start == 1 and re.fullmatch(r"(1[89]|20)\d\d", text) and value == int(text):
        return True  # a year
    if after in ("am", "pm", "a.m.", "p.m.", "gmt", "utc", "o'clock"):
        return True
    if after in ("years", "year") and after2 in ("old", "of", "ago", "in", "after", "later"):
        return True
    before2 = doc[start - 2].lower_ if start > 1 else ""
    return before in AGE_WORDS or (before in ("between", "from") and before2 in AGE_WORDS)


def find_figures(doc: Doc) -> list[Figure]:
    """Every figure in a parsed sentence, with its hedge, left to right."""
    figures: list[Figure] = []
    i = 0
    while i < len(doc):
        scanned = _scan_one(doc, i)
        if scanned is None:
            i += 1
            continue
        end, value, vague, approximate = scanned
        if _is_distractor(doc, i, end, value):
            # "aged between 19 and 70": the second number of the pair goes with the first
            if end + 1 < len(doc) and doc[end].lower_ in ("and", "to", "-", "–"):
                partner = _scan_one(doc, end + 1)
                if partner is not None:
                    end = partner[0]
            i = end
            continue
        figure = Figure(start=i, end=end, low=int(value), vague=vague)
        hedge = _hedge_before(doc, i)
        if hedge:
            figure.qualifier, figure.hedge_start = hedge
        elif vague:
            figure.qualifier = "vague"
        elif approximate:
            figure.qualifier = "about"
        # "N or more", "N-plus"
        if end + 1 < len(doc) and doc[end].lower_ == "or" and doc[end + 1].lower_ == "more":
            figure.qualifier = "at_least"
        elif end < len(doc) and doc[end].lower_ in ("+", "-plus", "plus") and not figure.qualifier:
            figure.qualifier = "more_than"
        elif (
            end + 1 < len(doc)
            and doc[end].text in ("-", "–")
            and doc[end + 1].lower_ == "plus"
            and not figure.qualifier
        ):
            figure.qualifier = "more_than"  # "the 200-plus victims"
            figure.end = end = end + 2
        if vague and figure.qualifier not in ("more_than", "at_least"):
            figure.qualifier = "vague"
        # "between A and B", "A to B", "A-B"
        if end + 1 < len(doc) and doc[end].lower_ in ("and", "to", "-", "–"):
            second = _scan_one(doc, end + 1)
            joiner = doc[end].lower_
            starts_between = i > 0 and doc[i - 1].lower_ == "between"
            follows_from = i > 0 and doc[i - 1].lower_ == "from"
            if follows_from and i > 1 and doc[i - 2].lemma_.lower() in ("range", "vary"):
                starts_between = True  # "estimates range from 133 to 600"
            if second and (starts_between or (joiner != "and" and not follows_from)):
                end2, value2, _, _ = second
                if end2 < len(doc) and doc[end2].lower_ in MONTHS:
                    i = end2  # "between 6 and 10 March": dates
                    continue
                if value2 > value:
                    figure.high = int(value2)
                    figure.end = end2
                    figure.qualifier = "range"
                    if starts_between:
                        figure.hedge_start = i - 1
                    end = end2
        figures.append(figure)
        i = end
    return _join_hedged_ranges(doc, figures)


RANGE_GAP = {"and", "or", ",", "possibly", "potentially", "perhaps", "maybe", "likely", "even"}


def _join_hedged_ranges(doc: Doc, figures: list[Figure]) -> list[Figure]:
    """'at least 15 and potentially up to 27' states one range, 15 to 27."""
    joined: list[Figure] = []
    for figure in figures:
        if joined and figure.qualifier == "up_to" and figure.hedge_start is not None:
            first = joined[-1]
            gap = doc[first.end : figure.hedge_start]
            if (
                first.qualifier in ("at_least", "more_than")
                and len(gap) > 0
                and all(t.lower_ in RANGE_GAP for t in gap)
                and figure.low > first.low
            ):
                first.high, first.end, first.qualifier = figure.low, figure.end, "range"
                continue
        joined.append(figure)
    return joined
