"""Cheap sentence splitting and the choice of sentences worth parsing.

The dependency parser is the expensive step (a few thousand words a second on
one core), and most sentences of a report carry no casualty figure.  So the
text is split into paragraphs and sentences with regular expressions, and only
two kinds of sentence go to the parser:

* *candidates*: a casualty word ("killed", "deaths", "fled", "toll", ...);
* *attribution context*: a reporting word ("said", "according to", ...) in a
  sentence that can lend its source to a later one (a source named in the
  previous sentence of the same paragraph, or the name a later "it said"
  refers to).

The splitter knows the abbreviations that end in a full stop in news text
("Gen.", "U.K.", "Nov. 15") so that it does not cut sentences there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tollbook.extraction.lexicon import MONTH_ABBREVIATIONS

CASUALTY_WORDS = re.compile(
    r"\b(?:kill|dead|death|die[sd]?\b|dying|fatal|bod(?:y|ies)|corpse|wound|injur|hurt|"
    r"missing|abduct|kidnap|hostage|seiz|snatch|detain|arrest|imprison|jail|displac|"
    r"fled|flee|refuge|uproot|toll|massacr|slaughter|murder|execut|behead|slain|"
    r"lives\b|lost\b|perish|neutrali[sz]|victim|shot|assassinat|maim|casualt|slay|"
    r"unaccounted|homeless|idps?\b|tally|hospitali[sz]|gunned|lynch|disappear|custody|"
    r"rounded up|forced (?:from|out)|driven (?:from|out)|drown|captive|remains of|"
    r"disappearance|displacement|homicide|"
    r"(?:tak\w+|took|sought|seek\w*|f[oi]nd\w*|without) shelter)",
    re.IGNORECASE,
)
ATTRIBUTION_WORDS = re.compile(
    r"\b(?:said|says|say|told|tells|according|report(?:s|ed)?\b|stat(?:ed|es)\b|"
    r"announc|confirm|added|noted|estimat|recorded|documented|quoted|claimed|"
    r"warned|cautioned|indicated|revealed|statement|spokes)",
    re.IGNORECASE,
)

# A source named by reference to an earlier sentence: "it said", "the group added".
REFERS_BACK = re.compile(
    r"\b(?:it|he|she|they|we|the (?:group|organi[sz]ation|monitor|observatory|ngo|watchdog|"
    r"report|network|ministry|agency|office))\b",
    re.IGNORECASE,
)

# A figure that is said to be some kind of people, with no casualty word of its own.
BREAKDOWN = re.compile(
    r"\b(?:\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"dozens|hundreds|thousands)\s+(?:of them\s+)?(?:were|was|are)\b"
    r"|^\W*(?:among|including) (?:them|those|the dead|the victims|the wounded|the injured)\b",
    re.IGNORECASE,
)
# "The count had reached 1,383": a running count that names no outcome of its own
# and goes on counting what the paragraph counted.
RUNNING_COUNT = re.compile(
    r"\b(?:count|figure|number|tally|total)\s+(?:has\s+|had\s+|have\s+)?(?:since\s+|now\s+)?"
    r"(?:rose|risen|climbed|reached|jumped|increased|grown|grew|hit|passed|exceeded|"
    r"surpassed|topped|stood|stands|mounted|soared)\b",
    re.IGNORECASE,
)
# "16,000 Syrians have crossed into Lebanon" after a sentence about the fighting.
ARRIVALS = re.compile(
    r"\b(?:arrived|arriving|crossed|crossing|poured|streamed|landed|trickled)\b", re.I
)
# Words that make arrivals a flight: "crossed into Lebanon, fleeing the killings".
FLIGHT_CONTEXT = re.compile(
    r"\b(?:fle[de]|fleeing|escap\w*|refuge\w*|asylum|violence|fighting|clashes|attack\w*|"
    r"massacres?|killings|offensive|bombardment|shelling|war|conflict|persecution|displac\w*)\b",
    re.I,
)

# Words that end in a full stop without ending a sentence.
ABBREVIATIONS = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "gen",
    "col",
    "lt",
    "sgt",
    "capt",
    "maj",
    "cpl",
    "gov",
    "sen",
    "rep",
    "rev",
    "st",
    "mt",
    "ft",
    "no",
    "nos",
    "vol",
    "fig",
    "approx",
    "inc",
    "ltd",
    "co",
    "corp",
    "jr",
    "sr",
    "vs",
    "etc",
    "e.g",
    "i.e",
    "al",
    "brig",
    "adm",
    "cmdr",
    "pres",
    "govt",
    "dept",
    "est",
    "u.s",
    "u.k",
    "u.n",
    "e.u",
} | MONTH_ABBREVIATIONS
SENTENCE_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])|;(?=\s)")
PARAGRAPH = re.compile(r"[^\n]+")
MAX_SENTENCE = 1000  # characters
# "MEXICO CITY (AP) — ", "DAMASCUS, March 8 (Reuters) - ", "Shafaq News/ ": not the first
# words of the sentence, and a parser would take the place name for its subject.
DATELINE = re.compile(
    r"^\s*(?:[A-Z][A-Z.'’]+(?:[ ,]+[A-Z][A-Za-z.'’]+)*(?:,? [A-Z][a-z]+\.? \d{1,2})?"
    r"\s*(?:\([^)]{1,30}\))?\s*[—–-]{1,2}\s+|[A-Z][\w ]{2,30}/\s+)"
)


@dataclass(frozen=True)
class Sentence:
    """A sentence of a document: character offsets and the paragraph it sits in."""

    start: int
    end: int
    paragraph: int
    index: int  # position among the document's sentences


def _ends_with_abbreviation(text: str, stop: int) -> bool:
    """True when the full stop at `stop` closes an abbreviation or an initial."""
    j = stop
    while j > 0 and (text[j - 1].isalpha() or text[j - 1] in ".'"):
        j -= 1
    word = text[j:stop].lower().rstrip(".")
    if not word:
        return False
    if word in ABBREVIATIONS:
        return True
    # single initials ("J. Smith") and dotted acronyms ("U.S.", "a.m.")
    return len(word) == 1 or ("." in word and len(word) <= 5)


def split_sentences(text: str) -> list[Sentence]:
    """Paragraphs are lines; sentences end at ., ! or ? before a capital or digit."""
    sentences: list[Sentence] = []
    for paragraph, line in enumerate(PARAGRAPH.finditer(text)):
        start = line.start()
        dateline = DATELINE.match(line.group())
        if dateline:
            start += dateline.end()
        for stop in SENTENCE_END.finditer(text, line.start(), line.end()):
            if text[stop.start()] == "." and _ends_with_abbreviation(text, stop.start()):
                continue
            _add(sentences, text, start, stop.end(), paragraph)
            start = stop.end()
        _add(sentences, text, start, line.end(), paragraph)
    return sentences


def _add(sentences: list[Sentence], text: str, start: int, end: int, paragraph: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    # Text without full stops (tables, lists, scraped menus) is cut into pieces a
    # parser handles, at spaces: the offsets stay exact.
    while end - start > MAX_SENTENCE:
        cut = text.rfind(" ", start, start + MAX_SENTENCE)
        cut = cut if cut > start else start + MAX_SENTENCE
        sentences.append(Sentence(start, cut, paragraph, len(sentences)))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        sentences.append(Sentence(start, end, paragraph, len(sentences)))


def is_candidate(sentence_text: str) -> bool:
    """A sentence that may state a casualty figure."""
    if CASUALTY_WORDS.search(sentence_text) is not None:
        return True
    return bool(ARRIVALS.search(sentence_text) and FLIGHT_CONTEXT.search(sentence_text))


def continues_a_count(sentence_text: str) -> bool:
    """'At least 590 were women, and 65 were children.': a breakdown of the count before;
    'The count had reached 1,383.': the same count, revised."""
    return (
        BREAKDOWN.search(sentence_text) is not None
        or RUNNING_COUNT.search(sentence_text) is not None
        or ARRIVALS.search(sentence_text) is not None
    )


def names_a_source(sentence_text: str) -> bool:
    """A sentence that may name who says something."""
    return ATTRIBUTION_WORDS.search(sentence_text) is not None


def sentences_to_parse(sentences: list[Sentence], text: str) -> list[Sentence]:
    """Candidates, plus the sentences that may name the source a candidate relies on.

    A reporting sentence is parsed when it sits right before a candidate in
    the same paragraph, right after one that opens a quotation, or anywhere
    before a candidate that refers back to a source ("it said", "the group").
    """
    bodies = [text[s.start : s.end] for s in sentences]
    candidate = [is_candidate(body) for body in bodies]
    if not any(candidate):
        return []
    chosen = set()
    refers_back_from = len(sentences)
    for i, sentence in enumerate(sentences):
        if not candidate[i]:
            continue
        chosen.add(i)
        following = i + 1
        if following < len(sentences) and sentences[following].paragraph == sentence.paragraph:
            if continues_a_count(bodies[following]):
                chosen.add(following)
        if i > 0 and sentences[i - 1].paragraph == sentence.paragraph:
            chosen.add(i - 1)
        if i + 1 < len(sentences) and bodies[i].lstrip().startswith(("“", '"')):
            chosen.add(i + 1)
        if refers_back_from == len(sentences) and REFERS_BACK.search(bodies[i]):
            refers_back_from = i
    for i in range(refers_back_from):
        chosen.add(i)
    return [
        sentences[i]
        for i in sorted(chosen)
        if candidate[i] or names_a_source(bodies[i]) or continues_a_count(bodies[i])
    ]
