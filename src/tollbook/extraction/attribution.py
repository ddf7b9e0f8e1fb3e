"""Who says so: the source of a casualty figure, as the text names it.

A figure is attributed, in this order, to:

1. the nearest reporting verb above it in the parse ("SOHR *said* at least 16
   were killed"; in "X stated that ..., AFP reported" X wins because it is
   nearer), or "according to X", or a passive "reported by X" on the way up;
   "PTI quoted a survivor as saying" gives the survivor;
2. a reporting verb elsewhere in the sentence that does not govern the figure
   ("At least 35 people were killed ..., officials say.");
3. a headline's trailing source ("Over 300 killed in Sweida: rights group");
4. the source of the previous sentence in the same paragraph, when the
   sentence has none of its own.

Pronouns ("it said", "he added") and nouns that refer back to an organisation
("the group said") resolve to the latest named source earlier in the document.
First-person speakers ("we have counted 35 bodies") are skipped so that the
person quoted is found further up.  A figure with no source is the document's
own voice: `None`.

Sources are named with their head and what binds to it (compounds, titles,
"for Israel's foreign ministry"), without relative clauses or appositions:
"Rami Abdul Rahman, who heads the Observatory" is "Rami Abdul Rahman".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from tollbook.extraction import lexicon as lx

TRIM_DEPS = {"relcl", "acl", "appos", "advcl", "punct", "cc", "parataxis", "ccomp", "mark"}
HEADLINE_SOURCE = re.compile(r":\s*([^:]{3,60})$")


@dataclass
class Source:
    """A source mention: the words as written, and whether they need resolving."""

    text: str
    named: bool  # a proper name, usable to resolve later pronouns
    refers_back: bool  # a pronoun or "the group": resolve to an earlier name
    person: bool


def _phrase(token: Token) -> str:
    """The words of a source noun phrase without clauses and appositions."""
    kept = {token.i}
    stack = [token]
    while stack:
        current = stack.pop()
        for child in current.children:
            if child.dep_ in TRIM_DEPS:
                continue
            if child.dep_ == "prep" and child.lower_ not in ("for", "of", "to", "in", "at"):
                continue
            kept.add(child.i)
            stack.append(child)
    # keep the contiguous run around the head
    start = end = token.i
    while start - 1 in kept:
        start -= 1
    while end + 1 in kept:
        end += 1
    doc = token.doc
    words = doc[start : end + 1]
    text = words.text.strip(" ,;:\"'“”‘’")
    # "(SOHR)" after a name is part of the name
    if end + 3 < len(doc) and doc[end + 1].text == "(" and doc[end + 3].text == ")":
        text = f"{text} ({doc[end + 2].text})"
    return text


def _source_from(token: Token) -> Source | None:
    lower = token.lower_
    if lower in lx.FIRST_PERSON:
        return None
    if token.pos_ == "PRON" and lower not in lx.REFERRING_PRONOUNS:
        return None
    # "according to figures from SOHR", "according to ACLED data"
    if token.lemma_.lower() in lx.DATA_NOUNS:
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in ("from", "by", "of"):
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        return _source_from(obj)
            if child.dep_ in ("poss", "compound") and child.pos_ in ("PROPN", "NOUN"):
                return _source_from(child)
    refers_back = lower in lx.REFERRING_PRONOUNS or (
        token.lemma_.lower() in lx.GENERIC_SOURCE_NOUNS
        and any(c.lower_ in ("the", "this", "that") for c in token.children)
        and not any(c.pos_ == "PROPN" for c in token.children)
    )
    phrase = _phrase(token)
    words = token.doc[token.left_edge.i : token.right_edge.i + 1]
    named = any(t.pos_ == "PROPN" for t in words) and not refers_back
    person = (
        token.ent_type_ == "PERSON"
        or lower in ("he", "she")
        or token.lemma_.lower()
        in (
            "spokesman",
            "spokeswoman",
            "spokesperson",
            "official",
            "director",
            "head",
            "chief",
        )
    )
    return Source(phrase, named, refers_back, person)


def _speaker_of(verb: Token) -> Source | None:
    lemma = verb.lemma_.lower()
    if lemma == "quote":
        # "PTI quoted a survivor as saying": the one quoted is the speaker
        for child in verb.children:
            if child.dep_ == "dobj":
                return _source_from(child)
    for child in verb.children:
        if child.dep_ in ("nsubj",) and child.pos_ != "NUM":
            return _source_from(child)
    for child in verb.children:
        if child.dep_ == "agent":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return _source_from(obj)
    return None


def _according_to(token: Token) -> Source | None:
    for child in token.children:
        if child.lemma_.lower() == "accord" or child.lower_ == "according":
            for prep in child.children:
                for obj in prep.children:
                    if obj.dep_ == "pobj":
                        return _source_from(obj)
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return _source_from(obj)
    return None


def _is_speech(token: Token) -> bool:
    return token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in lx.SPEECH_VERBS


def source_above(anchor: Token) -> Source | None:
    """The source governing a figure's clause: nearest reporting verb or 'according to'."""
    current = anchor
    came_from = None
    for _ in range(12):
        found = _according_to(current)
        if found:
            return found
        if _is_speech(current) and came_from is not None and came_from.dep_ != "nsubj":
            speaker = _speaker_of(current)
            if speaker is not None:
                return speaker
        if current.head == current:
            break
        came_from, current = current, current.head
    return None


def source_in_sentence(doc: Doc, anchor: Token | None = None) -> Source | None:
    """A source named anywhere in the sentence, for figures no reporting verb governs."""
    if anchor is not None:
        found = source_above(anchor)
        if found:
            return found
    for token in doc:
        found = _according_to(token)
        if found:
            return found
    for token in doc:
        if _is_speech(token) and (token.dep_ in ("ROOT", "parataxis", "ccomp", "conj")):
            speaker = _speaker_of(token)
            if speaker is not None:
                return speaker
    match = HEADLINE_SOURCE.search(doc.text.strip())
    if match and not any(t.pos_ == "VERB" for t in doc.char_span(*match.span(1)) or []):
        text = match.group(1).strip(" .")
        return Source(text, True, False, False)
    return None


class SourceResolver:
    """Keeps the names seen so far in a document to resolve 'it said', 'the group'."""

    def __init__(self) -> None:
        self.named: list[Source] = []

    def remember(self, source: Source | None) -> None:
        if source is not None and source.named:
            self.named.append(source)

    def resolve(self, source: Source | None) -> str | None:
        if source is None:
            return None
        if not source.refers_back:
            return source.text
        wants_person = source.text.lower() in ("he", "she")
        for earlier in reversed(self.named):
            if earlier.person == wants_person:
                return earlier.text
        if self.named:
            return self.named[-1].text
        return None if source.text.lower() in lx.REFERRING_PRONOUNS else source.text
