"""Where and when, copied from the quote: the `place` and `when` of a claim.

The statistical entity recogniser costs as much as the rest of the pipeline
together (it has its own token encoder) and is weak on the small places
casualty reports name, so extraction runs without it and reads these two
fields from the parse and the words:

* place: the proper-noun phrase governed by a locative preposition ("in
  Jableh", "near Chibok", "in Pale Township, Sagaing Region"), preferring the
  one that belongs to the figure (per-place lists, "Baniyas, where 60 were
  killed") over the nearest; where a source sits ("the London-based monitor",
  "officials in Damascus said") and community names ("the Alawite heartland")
  are not places;
* when: the date or time expression nearest the figure ("on Tuesday", "since
  early March", "in April 2014", "As of March 9", "last week").

Both are the words as written; normalising them to coordinates and dates is a
later stage's job.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from tollbook.extraction import lexicon as lx

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
# Incidents named after where they happened: "in the Kabul blast" happened in Kabul.
INCIDENT_NOUNS = {
    "attack", "blast", "bombing", "raid", "strike", "airstrike", "explosion", "ambush",
    "clash", "fighting", "violence", "massacre", "shelling", "assault", "offensive",
    "shooting", "incident", "operation", "crash", "fire", "stampede", "riot", "unrest",
    "earthquake", "quake", "flood", "flooding", "landslide", "storm", "protest", "uprising",
}  # fmt: skip
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


def place_of(doc: Doc, near: int, outcome: Token | None = None) -> str | None:
    """The place governed by a locative preposition, nearest token `near`.

    In a per-place list ("658 were killed in Latakia, 384 in Tartus, 171 in
    Hama") each figure owns the place hanging from it: a place that hangs from
    another figure is that figure's, one hanging from the clause's verb is
    shared (first the figure's own outcome verb, `outcome`), and distance only
    breaks ties within the same rank.
    """
    where = _where_clause_place(doc[near])
    if where is not None:
        return where
    best: tuple[int, int, str] | None = None
    for prep in doc:
        if prep.lower_ not in LOCATIVE or prep.dep_ not in ("prep", "conj"):
            continue  # "in Hama 171 and in Homs 12": the second "in" is a conjunct
        for obj in prep.children:
            if obj.dep_ != "pobj" or obj.lower_ in TIME_WORDS:
                continue
            if obj.lemma_.lower() in SETTLEMENTS:
                named_in = [
                    o for p in obj.children if p.dep_ == "prep" and p.lower_ == "of"
                    for o in p.children if o.dep_ == "pobj" and _is_name(o)
                ]  # fmt: skip
                obj = named_in[0] if named_in else obj
            if obj.lemma_.lower() in INCIDENT_NOUNS:
                # "in the Kabul blast" happened in Kabul; "in a jihadist attack" nowhere named
                names = [
                    c for c in obj.children
                    if c.dep_ == "compound" and c.pos_ == "PROPN" and c.text[:1].isupper()
                ]  # fmt: skip
                if not names:
                    continue
                obj = names[-1]
            named = _is_name(obj) or any(
                c.dep_ == "compound" and c.pos_ == "PROPN" for c in obj.children
            )
            if named and not _names_a_people(obj) and not _about_the_source(prep, near):
                rank = (_owner_rank(prep, near, outcome), abs(obj.i - near))
                if best is None or rank < best[:2]:
                    best = (*rank, _place_phrase(obj))
    return best[2] if best else None


def _where_clause_place(figure: Token) -> str | None:
    """'Baniyas, where 150 were killed': the place a 'where' clause hangs from."""
    for ancestor in figure.ancestors:
        if ancestor.dep_ == "relcl" and any(c.lower_ == "where" for c in ancestor.children):
            place = ancestor.head
            if _is_name(place) and not _names_a_people(place):
                return _place_phrase(place)
            return None
    return None


def _about_the_source(prep: Token, near: int) -> bool:
    """'the monitor, based in London, said', 'officials in Damascus said': where a
    source sits is not where the casualties were."""
    for ancestor in prep.ancestors:
        if ancestor.i == near:
            return False
        if ancestor.lemma_.lower() == "base" and ancestor.tag_ == "VBN":
            return True
        if (
            ancestor.dep_ == "nsubj"
            and ancestor.head.lemma_.lower() in lx.SPEECH_VERBS
            and ancestor.lemma_.lower() not in lx.TOLL_NOUNS | lx.TOTAL_NOUNS
        ):
            return not any(t.i == near for t in ancestor.subtree)
    return False


def _is_name(token: Token) -> bool:
    """A proper noun, or a capitalised noun inside the sentence the tagger took for a
    common one ("in Homs" read as the plural of "hom")."""
    if token.pos_ == "PROPN":
        return True
    return token.pos_ == "NOUN" and token.i > 0 and token.text[:1].isupper()


def _names_a_people(obj: Token) -> bool:
    """'the Alawite heartland', 'Druze areas': a community's name is no place."""
    words = [obj, *(c for c in obj.children if c.dep_ in ("compound", "amod"))]
    community = [w for w in words if w.lower_.rstrip("s") in lx.COMMUNITY_NAMES]
    return bool(community) and (obj in community or not _is_name(obj))


def _owner_rank(prep: Token, near: int, outcome: Token | None) -> int:
    """0: the place hangs from the figure itself; 1: from the figure's outcome verb;
    2: from another verb that governs the figure; 3: from another clause; 4: from
    another figure of the sentence."""
    figure = prep.doc[near]
    if prep.i == near + 1:
        return 0  # "255 in the Hama countryside", whatever the parse hung it from
    if figure.dep_ == "nummod" and figure.head in prep.children:
        return 0  # "in Hama 171" parsed as a figure counting Hama
    governing = {t.i for t in figure.ancestors}
    verb: Token | None = None
    for current in prep.ancestors:
        if current.i == near:
            return 0  # also through a verb of the figure's own: "30 wounded in Baniyas"
        if current.pos_ == "NUM" or any(c.dep_ == "nummod" for c in current.children):
            return 4
        if verb is None and current.pos_ in ("VERB", "AUX"):
            verb = current
        if current.i in governing:
            break
    if outcome is not None and verb == outcome:
        return 1
    if verb is None or verb.i in governing:
        return 2
    return 3


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
