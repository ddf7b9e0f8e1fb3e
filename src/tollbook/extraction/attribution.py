"""Who says so: the source of a casualty figure, as the text names it.

A figure is attributed, in this order, to:

1. the nearest reporting verb above it in the parse ("SOHR *said* at least 16
   were killed"; in "X stated that ..., AFP reported" X wins because it is
   nearer), or "according to X", or a passive "reported by X" on the way up;
   "PTI quoted a survivor as saying" gives the survivor;
2. a reporting verb elsewhere in the sentence that does not govern the figure
   ("At least 35 people were killed ..., officials say.");
3. a headline's trailing source ("Over 300 killed in Sweida: rights group");
4. for a sentence that opens a quotation closed later, the speaker named where
   it closes; otherwise the speaker of the previous sentence in the same
   paragraph (a reporting verb, not an "according to" aside).

A figure inside a relative clause ("Chibok, where the group seized 200 girls
in 2014") is background the text states itself: no source from the sentence;
except a clause describing what the source documented ("SOHR documented a
massacre in Baniyas, where 60 were killed") or telling what an act led to
("..., which led to the deaths of five officers, he said").  A subordinate
reporting verb ("while reports indicate") speaks only for its own clause.

Pronouns ("it said", "he added"), nouns that refer back ("the group said",
"the report cited") and a first-person speaker with nobody quoting them ("we
have recorded") resolve to the latest named source earlier in the document;
"the priest said" resolves to the one person named earlier with that role
("Father X", "X, the parish priest"), and stays as written when there are
several.  A bracketed acronym stays with the name it abbreviates ("The UN
human rights office (OHCHR)").
Sources are named with their head and what binds to it (compounds, titles,
"for Israel's foreign ministry"), without relative clauses or appositions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from tollbook.extraction import lexicon as lx

TRIM_DEPS = {"relcl", "acl", "appos", "advcl", "cc", "parataxis", "ccomp", "mark", "conj"}
KEEP_PREPS = {"for", "of", "to", "in", "at"}
HEADLINE_SOURCE = re.compile(r":\s*([^:]{3,60})$")
EDGE = " ,;:\"'“”‘’()—–-"
PERSON_TITLES = {
    "spokesman", "spokeswoman", "spokesperson", "official", "director", "head", "chief",
    "minister", "governor", "mayor", "commander", "priest", "resident", "survivor", "witness",
}  # fmt: skip
# Titles written before a name that say the person's role ("Father X" is a priest).
TITLE_ROLES = {
    "father": "priest", "reverend": "priest", "rev": "priest", "pastor": "priest",
    "bishop": "priest", "imam": "imam", "sheikh": "cleric", "dr": "doctor", "doctor": "doctor",
    "general": "commander", "gen": "commander", "colonel": "commander", "col": "commander",
    "governor": "governor", "mayor": "mayor", "minister": "minister",
}  # fmt: skip


ORGANISATION_WORDS = {
    "observatory", "network", "ministry", "office", "agency", "group", "army", "police",
    "council", "committee", "department", "organization", "organisation", "union", "commission",
    "nations", "un", "mission", "press", "news", "media", "government", "authority",
    "authorities", "forces", "force", "command", "international", "watch", "rights", "cross",
    "crescent", "program", "programme", "fund", "bank", "institute", "center", "centre",
    "association", "federation", "court", "tribunal", "party", "movement", "front", "brigade",
    "state", "republic", "kingdom", "tracker", "project", "unit", "service", "services",
}  # fmt: skip


# Verbs by which an organisation puts out data ("figures published by X").
PUBLISHING = {"publish", "release", "compile", "issue", "collect", "gather", "provide"}


# Verbs of a relative clause that carries a running count forward, not background:
# "..., which brings the overall death toll to more than 1,000".
TOLL_VERBS = {"bring", "raise", "lift", "take", "push", "put"}
# Verbs of a 'which' clause that tells what an act led to.
CONSEQUENCE_VERBS = {"lead", "leave", "cause", "result", "claim"}


@dataclass
class Source:
    """A source mention: the words as written, and how to use them."""

    text: str
    named: bool  # a proper name, usable to resolve later pronouns
    refers_back: bool  # a pronoun or "the group": resolve to an earlier name
    person: bool
    speech: bool = True  # from a reporting verb (lends itself to the next sentence)
    weak: bool = False  # a bare data noun ("documentation indicates"): a last resort
    head: str = ""  # lemma of the head word, to match "the source" with "a military source"
    roles: set[str] = field(default_factory=set)  # "Father X, the parish priest": priest


def _phrase(token: Token) -> str:
    """The words of a source noun phrase without clauses and appositions."""
    kept = {token.i}
    stack = [token]
    while stack:
        current = stack.pop()
        ampersand = any(c.lower_ == "&" for c in current.children)
        for child in current.children:
            # clauses and coordinations are trimmed, except inside a name: "Armed Conflict
            # Location & Event Data Project", "Committee to Protect Journalists"
            in_name = (ampersand and child.dep_ in ("cc", "conj")) or (
                child.dep_ in ("acl", "relcl") and _title_case_run(child)
            )
            if child.dep_ in TRIM_DEPS and not in_name:
                continue
            if child.dep_ == "prep" and child.lower_ not in KEEP_PREPS and not _in_name(child):
                continue
            kept.add(child.i)
            stack.append(child)
    start = end = token.i
    while start - 1 in kept:
        start -= 1
    while end + 1 in kept:
        end += 1
    doc = token.doc
    if doc[end].text == "," or doc[end].text == "(":
        end -= 1
    if doc[end].tag_ == "POS" and end > start:
        end -= 1  # "according to SOHR's latest count": SOHR
    text = doc[start : end + 1].text.strip(EDGE)
    # "(SOHR)" after a name is part of the name
    if end + 3 < len(doc) and doc[end + 1].text == "(" and doc[end + 3].text == ")":
        text = f"{text} ({doc[end + 2].text})"
    return text


def _title_case_run(verb: Token) -> bool:
    """'(Committee) to Protect Journalists': a clause written in title case is part of a name."""
    words = [t for t in verb.subtree if t.is_alpha and t.lower_ not in ("to", "of", "for", "the")]
    return bool(words) and all(t.text[:1].isupper() for t in words)


def _in_name(prep: Token) -> bool:
    """'Doctors Without Borders', 'Committee to Protect Journalists': a preposition inside
    a proper name."""
    titled = prep.head.pos_ == "PROPN" or (prep.text[:1].isupper() and prep.i > 0)
    return titled and any(c.pos_ == "PROPN" for c in prep.children if c.dep_ in ("pobj", "pcomp"))


def _source_from(token: Token, speech: bool = True) -> Source | None:
    lower = token.lower_
    if token.pos_ == "NUM" or (token.pos_ == "PRON" and lower not in lx.REFERRING_PRONOUNS):
        if lower in lx.FIRST_PERSON:
            return Source(lower, False, True, False, speech)
        return None
    if token.lemma_.lower() in lx.DATA_NOUNS:
        inner = _source_behind_data(token)
        if inner is not None:
            inner.speech = speech
            return inner
    # "Another, the Syrian Network for Human Rights (SNHR), reported"
    if token.pos_ != "PROPN":
        for child in token.children:
            if child.dep_ == "appos" and child.pos_ == "PROPN" and not _acronym_of(child):
                return _source_from(child, speech)
    lemma = token.lemma_.lower()
    has_det = any(c.lower_ in ("the", "this", "that") for c in token.children)
    has_name = any(c.pos_ == "PROPN" for c in token.children)
    refers_back = lower in lx.REFERRING_PRONOUNS or (
        (lemma in lx.GENERIC_SOURCE_NOUNS or lemma in lx.DATA_NOUNS) and has_det and not has_name
    )
    age = lemma == "old" or lower.endswith("-old")  # "the 47-year-old said"
    refers_back = refers_back or (age and has_det)
    words = token.doc[token.left_edge.i : token.right_edge.i + 1]
    named = any(t.pos_ == "PROPN" for t in words) and not refers_back
    person = lower in ("he", "she") or lemma in PERSON_TITLES or age or _looks_like_a_name(token)
    weak = lemma in lx.DATA_NOUNS and not has_det and not named
    if lemma in PERSON_TITLES and has_det and not has_name:
        refers_back = True  # "the priest said": the priest named earlier, if only one
    source = Source(_phrase(token), named, refers_back, person, speech, weak, lemma)
    source.roles = _roles_of(token)
    return source


def _roles_of(token: Token) -> set[str]:
    """What a named person is said to be: 'Father X, the parish priest of Y' -> priest."""
    roles = {
        TITLE_ROLES[t.lower_.rstrip(".")]
        for t in token.subtree
        if t.dep_ == "compound" and t.lower_.rstrip(".") in TITLE_ROLES
    }
    for child in token.children:
        if child.dep_ == "appos":
            roles.update(t.lemma_.lower() for t in child.subtree if t.pos_ == "NOUN")
    return roles


def _acronym_of(token: Token) -> bool:
    """'office (OHCHR)': an acronym in brackets after the name it abbreviates; the
    source is the name as written, with the acronym kept after it."""
    doc = token.doc
    return (
        token.text.isupper()
        and 0 < token.i < len(doc) - 1
        and doc[token.i - 1].text == "("
        and doc[token.i + 1].text == ")"
    )


def _looks_like_a_name(token: Token) -> bool:
    """'Rami Abdul Rahman', 'Danielle Bell': proper nouns with no organisation word."""
    if token.pos_ != "PROPN" or token.text.isupper():
        return False
    words = [t for t in token.subtree if t.dep_ in ("compound", "flat") or t == token]
    return all(t.pos_ == "PROPN" and t.lower_ not in ORGANISATION_WORDS for t in words)


def _source_behind_data(token: Token) -> Source | None:
    """'figures from SOHR', "Airwars' review", 'ACLED data', 'a report published by X'."""
    children = list(token.children)
    for child in children:
        if child.dep_ == "poss" and child.pos_ in ("PROPN", "NOUN"):
            return _source_from(child)  # "SOHR's count", "the ministry's figures"
    for child in children:
        if child.dep_ == "prep" and child.lower_ in ("from", "by"):
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return _source_from(obj)
    for child in children:
        if child.dep_ in ("relcl", "acl") and (_is_speech(child) or child.lemma_ in PUBLISHING):
            speaker = _speaker_of(child, name_before=False)
            if speaker is not None:
                return speaker
    for child in children:
        if child.dep_ in ("compound", "nmod") and child.pos_ == "PROPN":
            return _source_from(child)  # "a Reuters investigation", "ACLED data"
    for child in children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for obj in child.children:
                if obj.dep_ == "pobj" and obj.pos_ == "PROPN":
                    return _source_from(obj)
    return None


def _speaker_of(
    verb: Token, exclude: Token | None = None, name_before: bool = True
) -> Source | None:
    lemma = verb.lemma_.lower()
    if lemma == "quote":
        # "PTI quoted a survivor as saying": the one quoted is the speaker
        for child in verb.children:
            if child.dep_ in ("dobj", "ccomp", "oprd") and child.pos_ in ("NOUN", "PROPN"):
                return _source_from(child)
    subjects = [c for c in verb.children if c.dep_ == "nsubj" and c != exclude]
    # a misparse can give a verb two subjects ("Strikes killed 42, the ministry said"):
    # the speaker is the one without a figure or a casualty verb in it, nearest the verb
    subjects.sort(key=lambda c: (_carries_figures(c), abs(c.i - verb.i)))
    for child in subjects:
        if child.tag_ in ("WP", "WDT") and verb.dep_ == "relcl":
            return _source_from(verb.head)  # "local aid groups, who said ..."
        return _source_from(child)
    for child in verb.children:
        if child.dep_ == "csubj" and _title_case_run(child):
            # "The Committee to Protect Reporters says": a name the parser read as a clause
            words = child.doc[child.left_edge.i : child.right_edge.i + 1]
            return Source(words.text.strip(EDGE), True, False, False, head=child.lemma_.lower())
    for child in verb.children:
        if child.dep_ == "agent":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return _source_from(obj)
    if verb.dep_ in ("conj", "xcomp") and verb.head.pos_ in ("VERB", "AUX"):
        # "X blamed the ADF and put the toll at 38", "the office has to date recorded"
        return _speaker_of(verb.head)
    return _name_before(verb) if name_before else None


def _carries_figures(token: Token) -> bool:
    return any(t.pos_ == "NUM" or t.lemma_.lower() in lx.OUTCOME_VERBS for t in token.subtree)


def _name_before(verb: Token) -> Source | None:
    """', the UN's peacekeeping mission (MINUSCA) said.' when the parse lost the subject."""
    doc = verb.doc
    if verb.i == 0 or verb.i < len(doc) - 3:
        return None
    j = verb.i
    while j > 0 and doc[j - 1].text not in (",", "”", '"', "’"):
        j -= 1
    words = doc[j : verb.i]
    if j == 0 or any(t.pos_ in ("VERB", "AUX", "NUM") for t in words):
        return None  # no boundary before the verb, or a clause: "The priest said 12 were"
    if 0 < len(words) <= 10 and any(t.pos_ in ("PROPN", "NOUN") for t in words):
        named = any(t.pos_ == "PROPN" for t in words)
        return Source(words.text.strip(EDGE), named, False, False)
    return None


def _according_to(token: Token) -> Source | None:
    for child in token.children:
        if child.lower_ == "according":
            objects = [o for prep in child.children for o in prep.children if o.dep_ == "pobj"]
            objects += [o for o in child.children if o.dep_ == "pobj"]
            for obj in objects:
                source = _source_from(obj, speech=False)
                if source is not None and source.weak and token.pos_ == "VERB":
                    # "according to figures the Command published": a lost relative clause
                    subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
                    if subject is not None and subject.pos_ == "PROPN":
                        return _source_from(subject, speech=False)
                return source
    return None


def _is_speech(token: Token) -> bool:
    """A reporting verb, not 'add to', 'told them to leave', 'noted for'."""
    if token.pos_ not in ("VERB", "AUX") or token.lemma_.lower() not in lx.SPEECH_VERBS:
        return False
    deps = {c.dep_ for c in token.children}
    if "xcomp" in deps and "ccomp" not in deps and token.lemma_.lower() not in ("quote", "claim"):
        return False  # an order or a plan: "told teachers to stay away"
    if token.lemma_.lower() in lx.CLAUSE_SPEECH_VERBS:
        # "added that ...", "claimed to have killed 30"
        return bool(deps & {"ccomp", "parataxis", "xcomp"}) or token.dep_ in ("parataxis", "ccomp")
    return True


def _main_clause(token: Token) -> bool:
    """A reporting verb that speaks for the whole sentence, not 'while reports indicate'."""
    if any(c.dep_ == "mark" for c in token.children):
        return False
    if token.dep_ in ("ROOT", "parataxis"):
        return True
    return token.dep_ in ("ccomp", "conj") and token.head.dep_ == "ROOT"


def _consequence(clause: Token) -> bool:
    """'opened fire, which led to the deaths of five officers': a 'which' clause that
    carries the story on, not background about a place or a past event."""
    lemma = clause.lemma_.lower()
    subject_is_which = any(
        c.dep_ == "nsubj" and c.lower_ in ("which", "that") for c in clause.children
    )
    return subject_is_which and (lemma in CONSEQUENCE_VERBS or lemma in lx.OUTCOME_VERBS)


def _data_subject(verb: Token) -> Source | None:
    """'The figures, provided by the health ministry, show 35,000 deaths': data whose
    author is named speak for that author."""
    for child in verb.children:
        if child.dep_ == "nsubj" and child.lemma_.lower() in lx.DATA_NOUNS:
            return _source_behind_data(child)
    return None


def _aside(verb: Token, came_from: Token) -> bool:
    """'..., with 1,500 confirmed killed, while reports indicate ...': a subordinate
    reporting verb speaks for its own clause, not for a phrase before the clause that
    the parse hung on it ('as the monitor put the toll above 1,000' keeps its figure)."""
    marks = [c for c in verb.children if c.dep_ == "mark"]
    return bool(marks) and came_from.right_edge.i < marks[0].i


def _reported_object(noun: Token) -> bool:
    """'SOHR documented a massacre in Baniyas, where 60 were killed': the clause
    describes what the source reports, so it is no background."""
    current = noun
    for _ in range(10):  # "a massacre in the city of Baniyas in Tartus countryside"
        if current.dep_ in ("dobj", "obj"):
            lemma = current.head.lemma_.lower()
            return lemma in lx.SPEECH_VERBS or lemma in lx.WEAK_SPEECH_VERBS
        if current.dep_ not in ("pobj", "prep", "appos", "compound", "conj"):
            return False
        current = current.head
    return False


def source_above(anchor: Token) -> tuple[Source | None, bool]:
    """(the source governing a figure's clause, whether the figure is background).

    Climbs to the nearest reporting verb or 'according to'.  A first-person
    speaker is kept only if nobody further up quotes them.
    """
    current = anchor
    came_from: Token | None = None
    fallback: Source | None = None  # "we", "it", "documentation": used if nothing better
    for _ in range(14):
        if came_from is not None and came_from.dep_ == "relcl" and fallback is None:
            if not (
                came_from.lemma_.lower() in TOLL_VERBS
                or _reported_object(current)
                or _consequence(came_from)
            ):
                return None, True  # "Chibok, where the group seized 200 girls in 2014"
        # "according to" is the most explicit; a weak one ("according to a report")
        # gives way to the speaker of the verb
        candidates = [_according_to(current)]
        if _is_speech(current) and came_from is not None and not _aside(current, came_from):
            candidates.append(_speaker_of(current, exclude=came_from))
        elif came_from is not None and came_from.dep_ in ("dobj", "obj"):
            candidates.append(_data_subject(current))
        for found in candidates:
            if found is None:
                continue
            if found.text in lx.FIRST_PERSON or found.weak or found.refers_back:
                fallback = fallback or found
            else:
                return found, False
        if current.head == current:
            break
        came_from, current = current, current.head
    return fallback, False


def source_in_sentence(doc: Doc, anchor: Token | None = None) -> Source | None:
    """The source of a figure (or, without anchor, of the sentence as a whole)."""
    first_person = None
    if anchor is not None:
        found, background = source_above(anchor)
        if background:
            return None
        if found is not None and found.text not in lx.FIRST_PERSON and not found.weak:
            return found
        first_person = found
    for token in doc:
        found = _according_to(token)
        if found:
            return found
    for token in doc:
        if _is_speech(token) and _main_clause(token):
            speaker = _speaker_of(token)
            if speaker is not None and speaker.text not in lx.FIRST_PERSON and not speaker.weak:
                return speaker
    match = HEADLINE_SOURCE.search(doc.text.strip())
    if match and not re.search(r"\d|\b(?:dead|killed|wounded|injured|die[sd]?)\b", match.group(1)):
        span = doc.char_span(*match.span(1), alignment_mode="expand")
        if span is not None and not any(t.pos_ in ("VERB", "AUX") for t in span):
            return Source(match.group(1).strip(EDGE + "."), True, False, False)
    return first_person


def opens_quotation(text: str) -> bool:
    """A sentence that opens a quotation it does not close: its speaker comes later."""
    opened = text.count("“") + (text.count('"') % 2)
    closed = text.count("”")
    return text.lstrip().startswith(("“", '"')) and opened > closed


class SourceResolver:
    """Keeps the names seen so far in a document to resolve 'it said', 'the group'."""

    def __init__(self) -> None:
        self.seen: list[Source] = []  # named ones and specific descriptions, in order

    def remember(self, source: Source | None) -> None:
        if source is not None and not source.refers_back and not source.weak:
            if source.text not in lx.FIRST_PERSON:
                self.seen.append(source)

    def resolve(self, source: Source | None) -> str | None:
        if source is None:
            return None
        if not source.refers_back:
            return source.text
        lower = source.text.lower()
        if source.head in PERSON_TITLES and source.person:
            # "the priest": the one person named earlier with that role, else as written
            holders = {
                earlier.text
                for earlier in self.seen
                if earlier.named
                and (source.head in earlier.roles or source.head in earlier.text.lower())
            }
            if len(holders) == 1:
                return holders.pop()
            if not holders:  # "the official" after "a local official"
                for earlier in reversed(self.seen):
                    if re.search(rf"\b{re.escape(source.head)}\b", earlier.text, re.I):
                        return earlier.text
            return source.text
        if source.head and source.head not in lx.REFERRING_PRONOUNS | lx.FIRST_PERSON:
            # "the source said" after "a French military source": the same head word
            for earlier in reversed(self.seen):
                if re.search(rf"\b{re.escape(source.head)}\b", earlier.text, re.IGNORECASE):
                    return earlier.text
        named = [earlier for earlier in self.seen if earlier.named]
        wants_person = lower in ("he", "she")
        for earlier in reversed(named):
            if earlier.person == wants_person:
                return earlier.text
        if named:
            return named[-1].text
        if lower in lx.REFERRING_PRONOUNS or lower in lx.FIRST_PERSON:
            return None
        return source.text
