"""Where and when, copied from the quote: the `place` and `when` of a claim.

The statistical entity recogniser costs as much as the rest of the pipeline
together (it has its own token encoder) and is weak on the small places
casualty reports name, so extraction runs without it and reads these two
fields from the parse and the words:

* place: the proper-noun phrase governed by a locative preposition ("in
  Jableh", "near Chibok", "in Pale Township, Sagaing Region"), the one nearest
  the figure;
* when: the date or time expression nearest the figure ("on Tuesday", "since
  early March", "in April 2014", "As of March 9", "last week").

Both are the words as written; normalising them to coordinates and dates is a
later stage's job.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

LOCATIVE = {"in", "near", "at", "outside", "around", "across", "inside", "throughout"}
# "in the town of Jableh": the name hangs from a settlement noun
SETTLEMENTS = {
    "town", "city", "village", "province", "region", "district", "governorate", "state",
    "county", "area", "camp", "neighbourhood", "neighborhood", "suburb", "port", "capital",
}  # fmt: skip
MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
WHEN = re.compile(
    rf"(?:(?:[Ss]ince|[Aa]s of|[Oo]n|[Ii]n|[Bb]y|[Bb]etween|[Ff]rom|[Dd]uring|[Ee]arly|[Ll]ate|"
    rf"[Ee]arlier|[Ll]ast|[Tt]his)\s+)?"
    rf"(?:{WEEKDAY}(?:\s+(?:morning|afternoon|evening|night))?"
    rf"|\d{{1,2}}\s+{MONTH}(?:\s+\d{{4}})?"
    rf"|{MONTH}\s+\d{{1,2}}(?:,?\s+\d{{4}})?"
    rf"|{MONTH}\s+\d{{4}}"
    rf"|(?:19|20)\d\d"
    rf"|(?:last|this|next)\s+(?:week|month|year|weekend)"
    rf"|(?:yesterday|today|overnight|tonight)"
    rf"|(?:January|February|March|April|June|July|August|September|October|November|December)"
    rf")\b"
)
TIME_WORDS = {"march", "may", "june", "july", "april", "august"} | {
    d.lower() + "day" for d in ("Mon", "Tues", "Wednes", "Thurs", "Fri", "Satur", "Sun")
}


def _place_phrase(token: Token) -> str:
    """A place name with its compounds and an apposed region: 'Pale Township, Sagaing Region'."""
    start = min(t.i for t in token.subtree if t.dep_ in ("compound", "amod") or t == token)
    end = token.i
    for child in token.rights:
        if child.dep_ == "appos" and child.pos_ == "PROPN":
            end = max(t.i for t in child.subtree)
    doc = token.doc
    while start <= end and doc[start].pos_ in ("DET", "PUNCT"):
        start += 1
    return doc[start : end + 1].text.strip(" ,")


def place_of(doc: Doc, near: int) -> str | None:
    """The place governed by a locative preposition, nearest token `near`."""
    best: tuple[int, str] | None = None
    for prep in doc:
        if prep.lower_ not in LOCATIVE or prep.dep_ != "prep":
            continue
        for obj in prep.children:
            if obj.dep_ != "pobj" or obj.lower_ in TIME_WORDS:
                continue
            if obj.lemma_.lower() in SETTLEMENTS:
                named_in = [
                    o for p in obj.children if p.dep_ == "prep" and p.lower_ == "of"
                    for o in p.children if o.dep_ == "pobj" and o.pos_ == "PROPN"
                ]  # fmt: skip
                obj = named_in[0] if named_in else obj
            named = obj.pos_ == "PROPN" or any(
                c.dep_ == "compound" and c.pos_ == "PROPN" for c in obj.children
            )
            if named:
                distance = abs(obj.i - near)
                if best is None or distance < best[0]:
                    best = (distance, _place_phrase(obj))
    return best[1] if best else None


def when_of(doc: Doc, near: int) -> str | None:
    """The time expression nearest token `near`, as written."""
    text = doc.text
    anchor = doc[near].idx if near < len(doc) else 0
    best: tuple[int, str] | None = None
    for match in WHEN.finditer(text):
        if re.fullmatch(r"(?:19|20)\d\d", match.group()) and _is_counted(doc, match.start()):
            continue
        distance = abs(match.start() - anchor)
        if best is None or distance < best[0]:
            best = (distance, match.group())
    return best[1] if best else None


def _is_counted(doc: Doc, char: int) -> bool:
    """A four-digit number that counts people ('2019 people') is no year."""
    span = doc.char_span(char, char + 4)
    if span is None:
        return False
    nxt = span.end
    return nxt < len(doc) and doc[nxt].pos_ == "NOUN"
