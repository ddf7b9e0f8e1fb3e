"""Who did what to whom: actors of an incident, commanders, and ACLED coding.

Rules over a dependency parse of the sentences an incident's claims come from
(spaCy `en_core_web_sm`, only those sentences are parsed):

* **perpetrators**: the subject of a violent verb ("gunmen loyal to the former
  president ambushed ..."), the object of "by" after a violent verb or noun
  ("killed during raids by armed groups"), and the owner of a violent noun
  ("government helicopters' strikes");
* **targets**: the victim groups the claims name, and the object of a violent
  verb;
* **commanders**: people the reports name together with an office that commands
  ("Syria's interim president, Ahmed al-Sharaa", "Defence Minister X"); the
  office decides the side.  Former office-holders are not commanders of the
  event.

An actor's side (1 the state's forces, 2 the armed groups fighting them, 3
civilians) and its ACLED `inter` code come from the words of its name: a group
loyal to a *former* government is an armed group, not the state; a group
"affiliated with" or "taking part in" the state's campaign sides with the state
as a militia.

The ACLED coding of an incident (`code_incident`) follows ACLED's codebook:
remote weapons make "Explosions/Remote violence" whoever died; otherwise
organised armed actors killing civilians is "Violence against civilians",
losses among armed actors on both sides is "Battles", arrests alone are a
"Strategic development".
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from tollbook.extraction.candidates import split_sentences
from tollbook.incidents.countries import country as country_info
from tollbook.incidents.grouping import Incident, scenes
from tollbook.models import Document
from tollbook.reconcile.groups import ARMED_GROUP_WORDS, STATE_WORDS, normalise_group, side_of

STATE, ARMED, CIVILIAN = 1, 2, 3
MAX_NAME_WORDS = 9
# ACLED interaction codes.
INTER = {
    1: "State forces",
    2: "Rebel group",
    3: "Political militia",
    4: "Identity militia",
    5: "Rioters",
    6: "Protesters",
    7: "Civilians",
    8: "External/Other forces",
}

VIOLENT_VERBS = {
    "kill", "attack", "ambush", "strike", "shell", "execute", "shoot", "massacre", "bomb",
    "target", "raid", "storm", "murder", "slaughter", "fire", "abduct", "kidnap", "assault",
    "bombard", "hit", "detain", "arrest", "torch", "loot",
}  # fmt: skip
VIOLENT_NOUNS = {
    "attack", "attacks", "raid", "raids", "strike", "strikes", "airstrike", "airstrikes",
    "shelling", "fire", "ambush", "killing", "killings", "massacre", "massacres",
    "execution", "executions", "assault", "offensive", "bombardment", "campaign",
}  # fmt: skip
COMMAND_TITLES = re.compile(
    r"\b(president|prime minister|(?:defen[cs]e|interior|foreign) minister|minister of "
    r"(?:defen[cs]e|interior)|governor|commander|general|brigadier|colonel|chief of staff|"
    r"security chief|head of (?:general )?security|security official|leader|emir)\b",
    re.I,
)
_ALIGNED = re.compile(
    r"\b(affiliated|allied|aligned|loyal to the government|taking part in|fighting alongside|"
    r"backing|working with)\b",
    re.I,
)
_FORMER = re.compile(r"\b(former|ousted|deposed|old regime|remnants|loyal(?:ist)?s? to)\b", re.I)
_IDENTITY = re.compile(r"\b(tribal|tribe|clan|ethnic|sectarian|communal)\b", re.I)
_POLICE = re.compile(r"\b(police|policemen|gendarm\w*)\b", re.I)
_UNNAMED = re.compile(r"\b(gunmen|armed groups?|attackers|unidentified|assailants|men)\b", re.I)
_IDENTITY_ADJ = re.compile(r"^([A-Z][a-z]+)\s+(?:civilians|men|women|villagers|residents)")
_ARMED_NOUN = re.compile(
    r"\b(forces?|army|troops|soldiers|police|policemen|gunmen|groups?|militias?|militiamen|"
    r"insurgents|rebels|fighters|militants|loyalists|jihadists|attackers|assailants|"
    r"helicopters?|jets|warplanes|drones?|air ?strikes?|artillery|units?|brigades?|battalions?|"
    r"guards?|personnel|security|military|government)\b",
    re.I,
)
_DET = re.compile(r"^(?:the|a|an|some|several)\s+", re.I)


@dataclass(frozen=True)
class Actor:
    """An actor as the reports name it, with its side, its role and the words it came from."""

    role: str  # perpetrator | target | commander
    name: str
    side: int
    inter_code: int
    doc_id: str
    quote: str
    title: str | None = None


@dataclass(frozen=True)
class Coding:
    """An incident coded with ACLED's event taxonomy and actor fields."""

    disorder_type: str
    event_type: str
    sub_event_type: str
    actor1: str
    assoc_actor_1: str
    inter1: int | None
    actor2: str
    assoc_actor_2: str
    inter2: int | None
    civilian_targeting: str

    @property
    def interaction(self) -> int | None:
        codes = sorted(c for c in (self.inter1, self.inter2) if c)
        if not codes:
            return None
        return int("".join(map(str, codes))) if len(codes) == 2 else codes[0] * 10


@lru_cache(maxsize=1)
def _nlp():  # type: ignore[no-untyped-def]
    from tollbook.extraction.pipeline import load_model

    return load_model()


def classify(name: str) -> tuple[int, int]:
    """(side, ACLED inter code) of an actor from the words of its name."""
    lowered = name.lower().replace("-", " ")
    words = set(lowered.split())
    if words & {"civilians", "civilian", "residents", "villagers", "families"} or words & {
        "children",
        "women",
    }:
        return CIVILIAN, 7
    if _ALIGNED.search(name) and words & STATE_WORDS:
        return STATE, 3
    if _FORMER.search(name):
        return ARMED, 2
    if "militia" in lowered or "militias" in lowered:
        return ARMED, 4 if _IDENTITY.search(name) else 3
    if words & ARMED_GROUP_WORDS or _UNNAMED.search(name):
        return ARMED, 2 if words & {"insurgents", "rebels", "jihadists", "militants"} else 3
    if words & (STATE_WORDS | {"helicopters", "jets", "warplanes", "forces", "ministry"}):
        return STATE, 1
    if _WEAPONS.search(name):
        return STATE, 1  # air power and artillery are, in reports, a state's
    return CIVILIAN, 7


_LEADING_PREPOSITION = re.compile(r"^(?:from|of|by|with|to|in|among)\s+", re.I)
_TRAILING_VERB = re.compile(r"\s+(?:were|was|are|is|had|have|has)\b.*$", re.I)


def actor_side(name: str, words: str) -> tuple[int, int]:
    """(side, inter code) of an actor named `name`, described at more length by `words`.

    The name decides; the description only moves it when it says the group is
    loyal to a former government or fights alongside the state.
    """
    if _FORMER.search(words) or _ALIGNED.search(words):
        return classify(f"{name} {words}")
    return classify(name)


def _tidy(text: str) -> str:
    text = " ".join(text.replace("\n", " ").split()).strip(" ,.;:")
    text = _TRAILING_VERB.sub("", _LEADING_PREPOSITION.sub("", text))
    return _DET.sub("", text)


def _phrase(token) -> str:  # type: ignore[no-untyped-def]
    """The words of a noun phrase, without trailing clauses that would run on."""
    keep = [t for t in token.subtree if not _in_clause(t, token)]
    words = " ".join(t.text for t in keep)
    return _tidy(words.replace(" 's", "'s").replace(" ,", ","))


def _in_clause(t, head) -> bool:  # type: ignore[no-untyped-def]
    # spaCy makes a new Token object on each access: compare positions, not identity.
    node = t
    while node.i != head.i and node.head.i != node.i:
        under_head = node.head.i == head.i
        if under_head and node.dep_ in ("relcl", "advcl", "punct", "cc", "conj", "appos"):
            return True
        if under_head and node.dep_ == "acl" and node.text.lower() != "loyal":
            return True
        node = node.head
    return False


def _violent(token) -> bool:  # type: ignore[no-untyped-def]
    return token.lemma_.lower() in VIOLENT_VERBS or token.text.lower() in VIOLENT_NOUNS


# The parser sometimes loses the subject of a violent verb behind "loyal to X";
# an armed noun phrase right before the verb is then taken as its subject.
_ARMED_BEFORE_VERB = re.compile(
    r"\b((?:(?!(?:when|as|after|before|while|and|but|then|on|in|at|the|a|an)\b)[a-z'-]+\s+){0,2}"
    r"(?:gunmen|insurgents|militants|fighters|rebels|forces|troops|"
    r"soldiers|militia(?:s|men)?|loyalists|groups|police)"
    r"(?:\s+(?:loyal|affiliated|allied|linked|aligned)\s+(?:to|with)(?:\s+[A-Za-z'-]+){1,4}?)?)"
    r"\s+(?:ambushed|attacked|killed|stormed|shelled|struck|executed|opened fire|raided|shot|"
    r"abducted|kidnapped|massacred|bombed)\b"
)
_LEADING_FILLER = re.compile(r"^(?:(?:when|as|after|before|while|and|but|then|the|a|an)\s+)+", re.I)
# A "by" object that is itself the weapon ("by Israeli airstrikes"): the attacker is its owner.
_WEAPONS = re.compile(
    r"\b(air ?strikes?|shelling|drones?|helicopters?|jets|warplanes|artillery)\b", re.I
)


def perpetrators_in(sentence: str) -> list[tuple[str, str]]:
    """Who the sentence says did the violence: (short name, the words that describe it)."""
    found: list[tuple[str, str]] = []
    for token in _nlp()(sentence):
        if token.dep_ in ("nsubj",) and token.head.pos_ == "VERB" and _violent(token.head):
            found.append((_phrase(token), _words(token)))
        elif token.dep_ == "pobj" and token.head.text.lower() == "by" and _violent(token.head.head):
            found.append((_phrase(token), _words(token)))
        elif token.dep_ == "poss" and _violent(token.head) and token.head.pos_ == "NOUN":
            found.append((_phrase(token), _words(token)))
    if not found:
        for match in _ARMED_BEFORE_VERB.finditer(sentence):
            name = _tidy(_LEADING_FILLER.sub("", match.group(1)))
            found.append((name, name))
    kept = {n: w for n, w in found if n and n.lower() not in {"it", "they", "he", "she", "who"}}
    return list(kept.items())


def _words(token) -> str:  # type: ignore[no-untyped-def]
    return _tidy(" ".join(t.text for t in token.subtree))


def _sentences_of(doc: Document, start: int, end: int) -> list[str]:
    """The claim's sentence, and the one before it in the same paragraph.

    Reports often name the attackers once ("Gunmen ambushed security forces
    near Jableh") and give the dead in the next sentence.
    """
    sentences = split_sentences(doc.text)
    for n, sentence in enumerate(sentences):
        if sentence.start <= start < sentence.end:
            found = [doc.text[sentence.start : max(end, sentence.end)]]
            before = sentences[n - 1] if n else None
            if before is not None and before.paragraph == sentence.paragraph:
                found.insert(0, doc.text[before.start : before.end])
            return found
    return [doc.text[start:end]]


def incident_actors(incident: Incident, documents: dict[str, Document]) -> list[Actor]:
    """Perpetrators and targets of the incident's own claims."""
    actors: dict[tuple[str, str], Actor] = {}
    seen_sentences: set[tuple[str, int]] = set()
    for claim in incident.claims:
        doc = documents.get(claim.doc_id)
        group = normalise_group(claim.group)
        if group not in ("total", "unspecified"):
            side = side_of(group)
            target_side, inter = classify(claim.group)
            actors.setdefault(
                ("target", group),
                Actor("target", claim.group, side, inter, claim.doc_id, claim.quote),
            )
        if doc is None or (claim.doc_id, claim.start) in seen_sentences:
            continue
        seen_sentences.add((claim.doc_id, claim.start))
        for sentence, name, words in (
            (text, name, words)
            for text in _sentences_of(doc, claim.start, claim.end)
            for name, words in perpetrators_in(text)
        ):
            side, inter = actor_side(name, words)
            if not _ARMED_NOUN.search(name):
                continue  # not a force or group ("Beirut", "it"): no perpetrator read
            if side == CIVILIAN and inter == 7 and not re.search(r"civilian", name, re.I):
                continue  # a subject we cannot place is not evidence of a perpetrator
            # "Armed groups taking part in the security campaign": the words that
            # place a group on a side are part of its name in the infobox.
            if words != name and (_FORMER.search(words) or _ALIGNED.search(words)):
                if len(words.split()) <= MAX_NAME_WORDS:
                    name = words
            key = ("perpetrator", name.lower())
            actors.setdefault(key, Actor("perpetrator", name, side, inter, claim.doc_id, sentence))
    return list(actors.values())


def commanders(documents: Iterable[Document]) -> list[Actor]:
    """People named with a commanding office, once each, with the report that names them."""
    found: dict[str, Actor] = {}
    for doc in documents:
        for sentence in split_sentences(doc.text):
            text = doc.text[sentence.start : sentence.end]
            if not COMMAND_TITLES.search(text):
                continue
            parsed = _nlp()(text)
            for ent in parsed.ents:
                if ent.label_ != "PERSON" or len(ent.text.split()) < 2:
                    continue
                title = _title_near(text, ent.start_char, ent.end_char)
                context = text[max(0, ent.start_char - 30) : ent.start_char]
                if title is None or _FORMER.search(title + " " + context) or ent.text in found:
                    continue
                side = ARMED if re.search(r"insurgent|rebel|militia|loyalist", title, re.I) else 1
                found[ent.text] = Actor(
                    "commander", ent.text, side, 1 if side == STATE else 2, doc.doc_id or "",
                    text, title,
                )  # fmt: skip
    return list(found.values())


_TITLE_WORDS = COMMAND_TITLES.pattern.replace(r"\b(", r"\b(?i:", 1)
# Before a name: "Syria's interim president, " / "Defence Minister " (qualifiers only).
_TITLE_BEFORE = re.compile(
    r"((?:(?:[A-Z][\w-]*'s|the|The|[Ff]ormer|[Ii]nterim|[Aa]cting|[Tt]ransitional|[Nn]ew|"
    r"[A-Z][a-z]+)\s+){0,3}" + _TITLE_WORDS + r")\s*,?\s*$"
)
# After a name: ", the interim president," / ", commander of the X,".
_TITLE_AFTER = re.compile(
    r"\s*,\s*((?:the\s+)?(?:[\w'-]+\s+){0,3}?" + _TITLE_WORDS + r"(?:\s+of\s+[\w ]+?)?)\s*[,.;]"
)


def _title_near(text: str, start: int, end: int) -> str | None:
    """The office written just before a name ("Syria's interim president,") or after it."""
    match = _TITLE_BEFORE.search(text[max(0, start - 60) : start])
    if match:
        return _tidy(match.group(1))
    match = _TITLE_AFTER.match(text[end : end + 80])
    return _tidy(match.group(1)) if match else None


def actor_label(actor: Actor | None, country_iso: str | None) -> str:
    """An ACLED-style actor name: named actors as reported, generic ones by country."""
    info = country_info(country_iso)
    name = info.name if info else None
    if actor is None:
        return ""
    suffix = f" ({name})" if name else ""
    if actor.inter_code == 7:
        return f"Civilians{suffix}"
    if actor.inter_code == 1 and name:
        return f"{'Police' if _POLICE.search(actor.name) else 'Military'} Forces of {name}"
    if (
        actor.inter_code in (2, 3)
        and _UNNAMED.search(actor.name)
        and not _FORMER.search(actor.name)
    ):
        return f"Unidentified Armed Group{suffix}"
    return actor.name[:1].upper() + actor.name[1:]


def _identity(actors: list[Actor], country_iso: str | None) -> str:
    info = country_info(country_iso)
    for actor in actors:
        match = _IDENTITY_ADJ.match(actor.name) if actor.role == "target" else None
        if match:
            return f"{match.group(1)} Group ({info.name})" if info else f"{match.group(1)} Group"
    return ""


def code_incident(incident: Incident, actors: list[Actor]) -> Coding:
    """ACLED disorder type, event type, sub-event type and actors of one incident."""
    outcomes = {c.outcome for c in incident.claims}
    named = set().union(*(scenes(c) for c in incident.claims)) if incident.claims else set()
    kinds = {x.split(":", 1)[1] for x in named if x.startswith("means:")}
    quotes = " ".join(c.quote for c in incident.claims).lower()
    perpetrators = [a for a in actors if a.role == "perpetrator" and a.side != CIVILIAN]
    targets = [a for a in actors if a.role == "target"]
    civilians_hit = any(t.side == CIVILIAN for t in targets)
    armed_hit = {t.side for t in targets if t.side != CIVILIAN}
    first = Counter(a.name for a in perpetrators).most_common(1)
    actor1 = next((a for a in perpetrators if first and a.name == first[0][0]), None)
    victim = next((t for t in targets if t.side == CIVILIAN), None) if civilians_hit else None
    if victim is None:
        victim = next((t for t in targets if actor1 is None or t.side != actor1.side), None)
    if actor1 is None and len(armed_hit) == 2:
        actor1 = next(t for t in targets if t.side == STATE)
        victim = next(t for t in targets if t.side == ARMED)

    violent = outcomes & {"killed", "wounded"}
    if kinds & {"air", "shelling", "missile", "bomb", "mine"} and violent:
        event_type = "Explosions/Remote violence"
        sub = (
            "Air/drone strike"
            if "air" in kinds
            else "Shelling/artillery/missile attack"
            if kinds & {"shelling", "missile"}
            else "Suicide bomb"
            if "suicide" in quotes
            else "Remote explosive/landmine/IED"
        )
    elif civilians_hit and (violent or outcomes & {"kidnapped", "missing"}):
        event_type = "Violence against civilians"
        sub = "Abduction/forced disappearance" if not violent else "Attack"
    elif violent and armed_hit:
        # Armed men on one side or both, no civilians among the dead: a battle.
        event_type, sub = "Battles", "Armed clash"
    elif violent:
        event_type, sub = "Violence against civilians", "Attack"
    elif "detained" in outcomes:
        event_type, sub = "Strategic developments", "Arrests"
    else:
        event_type, sub = "Strategic developments", "Other"
    disorder = (
        "Strategic developments" if event_type == "Strategic developments" else "Political violence"
    )
    iso = (incident.location or {}).get("country_iso")
    if event_type in ("Violence against civilians", "Battles") and actor1 is None:
        actor1 = Actor("perpetrator", "unidentified armed group", ARMED, 3, "", "")
    if (
        event_type == "Battles"
        and actor1 is not None
        and victim is not None
        and actor1.side == victim.side
    ):
        victim = next((t for t in targets if t.side != actor1.side), None)  # type: ignore[union-attr]
    targeting = (
        "Civilian targeting"
        if event_type == "Violence against civilians"
        or (civilians_hit and "targeting civilians" in quotes)
        else ""
    )
    return Coding(
        disorder_type=disorder,
        event_type=event_type,
        sub_event_type=sub,
        actor1=actor_label(actor1, iso),
        assoc_actor_1="",
        inter1=actor1.inter_code if actor1 else None,
        actor2=actor_label(victim, iso),
        assoc_actor_2=_identity(targets, iso) if victim and victim.side == CIVILIAN else "",
        inter2=victim.inter_code if victim else None,
        civilian_targeting=targeting,
    )
