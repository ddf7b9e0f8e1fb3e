"""Whom a casualty figure counts: the `group` of a claim, in the annotators' words.

The group is read from the counted noun with its modifiers, lowercased
("alawite residents"); "people" and bare figures are "unspecified", death tolls
"total"; "members of X" count X, and members of any security body are
"security forces"; "others", "N of them" and bare figures take the group of the
sentence's first figure; "the militants had three killed" counts militants;
"Eleven of the dead were children" counts children.

Split from `rules.py`, which decides whether a figure is a casualty at all and
calls these functions once it is.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from tollbook.extraction import lexicon as lx
from tollbook.extraction import outcomes as oc
from tollbook.extraction.numbers import Figure

SUBJECTS = oc.SUBJECTS
GROUP_SKIP_WORDS = {
    "more", "other", "others", "additional", "further", "another", "total", "some", "the",
    "a", "an", "at", "least", "than", "nearly", "about", "around", "almost", "up", "to",
    "over", "estimated", "its", "their", "his", "her", "of", "those", "all", "own", "year",
    "years", "old", "month", "months",
}  # fmt: skip
SEXES = {"male": "men", "female": "women"}
WHOLE = {"overall", "total", "cumulative", "combined"}
MEMBER_NOUNS = {"member", "element", "rank", "personnel"}


def is_person(token: Token) -> bool:
    """A noun naming people: 'civilians', 'Alawites', 'police', 'villagers'."""
    lower = token.lower_
    if lower == "other" and token.dep_ in SUBJECTS + ("dobj",):
        return True  # "at least three other were killed"
    if lower in lx.NOT_PERSON:
        return False
    if lower in lx.PERSON_NOUNS or token.lemma_.lower() in lx.PERSON_NOUNS:
        return True
    if lower in lx.FORCE_NOUNS:
        return True
    if token.tag_ == "NNPS" and lower.endswith(lx.DEMONYM_SUFFIXES):
        return True  # "Iraqis", "Sudanese", "Kurds" written as proper nouns
    return token.tag_ in ("NNS", "NNPS") and lower.endswith(lx.PERSON_SUFFIXES)


def noun_phrase(noun: Token) -> str:
    """The counted noun with its compounds and adjectives, lowercased."""
    if noun.lemma_.lower() in MEMBER_NOUNS:
        # "125 members of the security forces": the forces name the group
        for prep in noun.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for obj in prep.children:
                    if obj.dep_ == "pobj" and obj.lemma_.lower() in ("family", "household"):
                        return "family members"  # "members of the same family"
                    if obj.dep_ == "pobj" and obj.pos_ in ("NOUN", "PROPN"):
                        return noun_phrase(obj)
    words: list[str] = []
    for child in noun.lefts:
        if child.dep_ in ("compound", "amod", "nmod", "npadvmod") and child.pos_ != "NUM":
            phrase = [t for t in child.subtree if t.pos_ not in ("NUM", "PUNCT", "DET")]
            words.extend(
                t.lower_
                for t in phrase
                if t.lower_ not in GROUP_SKIP_WORDS and t.lower_ not in lx.OUTCOME_ADJECTIVES
            )
    words.append(noun.lower_)
    text = " ".join(words).replace(" - ", "-").replace(" ’s", "").replace(" 's", "")
    if "security" in words:
        # "security personnel", "General Security directorate members", "army and
        # security forces": one label, the annotators' "security forces"
        return "security forces"
    return text.strip()


def group_of(noun: Token | None, noun_is_outcome: bool) -> str | None:
    """The group a counted noun names; None when it must come from context."""
    if noun is None:
        return None
    if noun_is_outcome or noun.lemma_.lower() in lx.WEAK_OUTCOME_NOUNS:
        for child in noun.children:
            if child.dep_ in ("amod", "compound", "nmod") and child.pos_ != "NUM":
                if child.lower_ in GROUP_SKIP_WORDS or child.lower_ in lx.OUTCOME_ADJECTIVES:
                    continue
                if child.lower_ in SEXES:
                    return SEXES[child.lower_]  # "three male victims" -> men
                if is_person(child) or child.pos_ == "PROPN" or child.tag_ == "NNP":
                    word = child.lower_
                    return word if word.endswith("s") else word + "s"
            if child.dep_ == "prep" and child.lower_ in ("of", "among"):
                for obj in child.children:
                    if obj.dep_ == "pobj" and is_person(obj):
                        return group_of(obj, False)
        # "civilian deaths ... rose from 80 deaths to 335": the group said once
        for other in noun.doc:
            if other.i < noun.i and other.lemma_ == noun.lemma_:
                group = group_of(other, True)
                if group != "unspecified":
                    return group
        return "unspecified"
    if noun.lower_ in ("others", "other"):
        return None
    if noun.lower_ in ("people", "persons", "person", "individuals", "lives", "life"):
        return "unspecified"
    if oc.outcome_of_word(noun):
        return group_of(noun, True)  # "two of the injured": the pool names no group
    return noun_phrase(noun)


def partitive_group(doc: Doc, figure: Figure) -> str | None:
    """'nine of them children' -> children."""
    j = figure.end + 2
    while j < len(doc) and doc[j].pos_ in ("ADJ", "ADV"):
        j += 1
    if j < len(doc) and doc[j].pos_ == "NOUN" and is_person(doc[j]):
        return noun_phrase(doc[j])
    return None


def context_group(
    doc: Doc, figure: Figure, outcome_token: Token | None, first_group: str | None
) -> str:
    """The group of a figure that names none ("others", a bare figure).

    "the militants had three killed" counts militants; otherwise the figure
    shares the group of the sentence's first figure ("killing 10 villagers and
    wounding five"); a figure set by a death toll counts the total, or the
    people the toll is "among".
    """
    described = described_as(doc[figure.start])
    if described:
        return described
    near = doc[figure.start].head
    for holder in (near, near.head):
        if holder.lemma_.lower() in ("have", "suffer", "lose"):
            for child in holder.children:
                if child.dep_ == "nsubj" and is_person(child):
                    return noun_phrase(child)  # "the militants had three killed"
    tolls = []
    if outcome_token is not None:
        tolls = [outcome_token] + [
            c for c in outcome_token.children if c.dep_ in SUBJECTS + ("dobj", "attr")
        ]
    for toll in tolls:
        if toll.lemma_.lower() in lx.TOLL_NOUNS | lx.TOTAL_NOUNS:
            return toll_group(toll, first_group)
    return first_group or "unspecified"


def toll_group(toll: Token, first_group: str | None) -> str:
    """'the civilian death toll' -> civilians, 'the toll among Alawite residents', 'the
    overall toll' -> total; a bare 'the total' goes on counting the sentence's group."""
    modifiers = [c for c in toll.children if c.dep_ in ("amod", "compound")]
    if any(c.lower_ in WHOLE for c in modifiers) and not any(is_person(c) for c in modifiers):
        return "total"
    for child in toll.children:
        if child.dep_ in ("amod", "compound") and is_person(child):
            word = child.lower_
            return word if word.endswith("s") else word + "s"
        if child.dep_ == "prep" and child.lower_ in ("among", "of"):
            for obj in child.children:
                if obj.dep_ == "pobj" and is_person(obj):
                    return group_of(obj, False) or "unspecified"
    if first_group is not None and toll.lemma_.lower() in lx.TOTAL_NOUNS:
        return first_group
    return "total"


def described_as(token: Token) -> str | None:
    """'Eleven of the dead were children', 'of the 230 killed, 80 were women'."""
    doc = token.doc
    after = token.i + 1
    if after + 1 < len(doc) and doc[after].lemma_ == "be" and doc[after].pos_ == "AUX":
        described = doc[after + 1]  # read off the words when the parse splits the copula
        if described.pos_ == "NOUN" and is_person(described) and described.dep_ == "attr":
            return noun_phrase(described)
    subject = token
    while subject.dep_ not in SUBJECTS and subject.head != subject and subject.head.pos_ == "NUM":
        subject = subject.head
    verb = subject.head
    if subject.dep_ not in SUBJECTS or verb.lemma_ != "be":
        return None
    for child in verb.children:
        if child.dep_ == "attr" and child.pos_ == "NOUN" and is_person(child):
            return noun_phrase(child)
    return None
