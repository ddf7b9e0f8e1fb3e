"""Rules over the dependency parse: is a figure a casualty count, of what, of whom.

For each figure of a parsed sentence (see `numbers.py`):

1. *What it counts.*  The noun the figure quantifies (its `nummod` head, or the
   object of "of" in "hundreds of civilians", "six of its passengers") must
   name people ("civilians", "Alawites", "others"), name a casualty ("deaths",
   "bodies"), or be absent ("at least 19 were killed").  A figure counting
   villages, vehicles, massacres or years is dropped here.
2. *Outcome.*  Read, in this order, from the counted noun itself ("60 deaths"),
   from an outcome word right after the figure ("3,593 wounded", "200 security
   forces dead"), and from the words the figure hangs from, walking up the
   parse until a reporting verb closes the clause: the object of "killing",
   the subject of "were killed" or "fled", "left N dead", "claimed the lives
   of", "took refuge", "were found dead", a death toll that "rose to" N.  The
   subject of an active "killed" is the killer, never the victim.
3. *Group.*  The counted noun with its modifiers, lowercased ("alawite
   residents"); "people" and bare figures are "unspecified", death tolls
   "total"; "others", "N of them" and bare figures coordinated with an earlier
   figure take that figure's group.
4. *Hedge distribution.*  A figure with no hedge takes the hedge of the figure
   it is coordinated with in the same clause ("at least 211 civilians and 172
   soldiers", "at least 9 were killed and 13 injured"), but not across a new
   verb phrase ("killing at least 19 and injuring 30").
5. *Negation.*  A negated outcome ("were not harmed", "none were killed") gives
   no claim.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from tollbook.extraction import lexicon as lx
from tollbook.extraction.numbers import Figure, find_figures

MAX_CLIMB = 8
SUBJECTS = ("nsubj", "nsubjpass", "csubj")
GROUP_SKIP_WORDS = {
    "more",
    "other",
    "others",
    "additional",
    "further",
    "another",
    "total",
    "some",
    "the",
    "a",
    "an",
    "at",
    "least",
    "than",
    "nearly",
    "about",
    "around",
    "almost",
    "up",
    "to",
    "over",
    "estimated",
    "its",
    "their",
    "his",
    "her",
    "of",
    "those",
}


@dataclass
class Finding:
    """A casualty figure found in one parsed sentence, before attribution."""

    figure: Figure
    outcome: str
    group: str
    anchor: Token  # the token the figure's clause hangs from (counted noun or figure)
    outcome_token: Token | None
    qualifier: str | None


def is_person(token: Token) -> bool:
    lower = token.lower_
    lemma = token.lemma_.lower()
    if lower in lx.NOT_PERSON:
        return False
    if lower in lx.PERSON_NOUNS or lemma in lx.PERSON_NOUNS or lower in lx.FORCE_NOUNS:
        return True
    if token.ent_type_ == "NORP":
        return True
    return token.tag_ in ("NNS", "NNPS") and lower.endswith(lx.PERSON_SUFFIXES)


def _outcome_noun(token: Token) -> str | None:
    if token.pos_ not in ("NOUN", "PROPN", "ADJ", "VERB"):
        return None
    return lx.OUTCOME_NOUNS.get(token.lemma_.lower()) or lx.OUTCOME_NOUNS.get(token.lower_)


def _negated(token: Token) -> bool:
    return any(child.dep_ == "neg" or child.lower_ in lx.NEGATIONS for child in token.children)


def _figure_head(doc: Doc, figure: Figure) -> Token:
    """The figure token whose head lies outside the figure (its link to the sentence)."""
    for token in doc[figure.start : figure.end]:
        if not (figure.start <= token.head.i < figure.end) or token.head == token:
            return token
    return doc[figure.end - 1]


def _counted_noun(doc: Doc, figure: Figure, head: Token) -> tuple[Token | None, bool]:
    """(the noun the figure counts, whether it is a partitive "N of them")."""
    if head.dep_ in ("nummod", "quantmod", "amod", "compound", "nmod", "det") and (
        head.head.pos_ in ("NOUN", "PROPN", "ADJ", "VERB", "PRON") and head.head.i >= figure.end
    ):
        return head.head, False
    nxt = doc[figure.end] if figure.end < len(doc) else None
    if nxt is not None and nxt.lower_ == "of":
        objects = [c for c in nxt.children if c.dep_ == "pobj"]
        if objects:
            obj = objects[0]
            if obj.lower_ in ("them", "whom", "those", "these"):
                return None, True
            return obj, False
    if nxt is not None and nxt.lower_ in ("others", "people", "persons") and nxt.pos_ == "NOUN":
        return nxt, False
    return None, False


def _toll_outcome(noun: Token) -> str | None:
    """'death toll' -> killed; 'injury toll' -> wounded; other tolls -> killed."""
    if noun.lemma_.lower() not in lx.TOLL_NOUNS | lx.TOTAL_NOUNS:
        return None
    for child in noun.children:
        if child.dep_ in ("compound", "amod", "nmod"):
            outcome = _outcome_noun(child) or lx.OUTCOME_ADJECTIVES.get(child.lower_)
            if outcome:
                return outcome
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for obj in child.children:
                outcome = _outcome_noun(obj) or lx.OUTCOME_ADJECTIVES.get(obj.lower_)
                if outcome:
                    return outcome
    return "killed" if noun.lemma_.lower() in lx.TOLL_NOUNS else None


def _complement_outcome(verb: Token) -> str | None:
    """'were found dead', 'were reported missing', 'left N dead'."""
    for child in verb.children:
        if child.dep_ in ("acomp", "oprd", "xcomp", "ccomp", "advcl", "conj") and (
            child.lower_ in lx.OUTCOME_ADJECTIVES and child.i > verb.i
        ):
            if child.dep_ in ("conj", "advcl", "ccomp") and child.tag_ not in ("JJ", "VBN"):
                continue
            return lx.OUTCOME_ADJECTIVES[child.lower_]
    return None


def _verb_outcome(verb: Token, rel: str) -> str | None:
    """The outcome a verb gives to the argument that reaches it through `rel`."""
    lemma = verb.lemma_.lower()
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children) or (
        verb.tag_ == "VBN" and rel in ("nsubj", "acl")
    )
    if lemma in lx.OUTCOME_VERBS:
        if rel in ("dobj", "obj", "nsubjpass", "attr", "oprd", "pobj", "acl", "appos") or (
            rel == "nsubj" and passive
        ):
            return lx.OUTCOME_VERBS[lemma]
        if rel == "nsubj" and verb.tag_ == "VBN" and verb.dep_ in ("conj", "acl", "relcl"):
            return lx.OUTCOME_VERBS[lemma]  # "... and 13 injured"
        return None
    if lemma in lx.INTRANSITIVE_OUTCOMES and rel in ("nsubj", "nsubjpass", "npadvmod"):
        return lx.INTRANSITIVE_OUTCOMES[lemma]
    objects = [c for c in verb.children if c.dep_ in ("dobj", "obj")]
    if lemma in lx.LIFE_VERBS and any(o.lemma_.lower() in ("life", "lives") for o in objects):
        return "killed"
    if lemma == "lose" and rel == "dobj":
        return "killed"  # "I have lost 14 people"
    if lemma in lx.REFUGE_VERBS and any(o.lower_ == "refuge" for o in objects):
        return "displaced" if rel in SUBJECTS else None
    if rel in SUBJECTS + ("dobj",):
        outcome = _complement_outcome(verb)
        if outcome:
            return outcome
    # a running count: "the death toll rose to 340", "put the toll at 208"
    for child in verb.children:
        if child.dep_ in SUBJECTS + ("dobj",):
            outcome = _toll_outcome(child)
            if outcome:
                return outcome
    return None


def _climb(anchor: Token) -> tuple[str | None, Token | None]:
    """Walk from the counted words up the parse until an outcome or a clause boundary."""
    current = anchor
    for _ in range(MAX_CLIMB):
        head = current.head
        if head == current:
            return None, None
        rel = current.dep_
        if head.pos_ in ("VERB", "AUX", "ADJ"):
            outcome = _verb_outcome(head, rel)
            if outcome:
                return outcome, head
            lemma = head.lemma_.lower()
            if lemma in lx.OUTCOME_VERBS and rel == "nsubj":
                return None, None  # the killers, not the killed
            if lemma in lx.SPEECH_VERBS and rel != "dobj":
                return None, None
            if lemma in ("include", "comprise"):
                subjects = [c for c in head.children if c.dep_ in SUBJECTS]
                for subject in subjects:
                    outcome = _outcome_noun(subject) or _noun_outcome_near(subject)
                    if outcome:
                        return outcome, subject
        elif head.pos_ in ("NOUN", "PROPN"):
            outcome = _outcome_noun(head)
            if outcome and rel in ("pobj", "prep", "nmod", "appos", "compound", "conj"):
                return outcome, head
            if head.lemma_.lower() in lx.TOLL_NOUNS and rel in ("pobj", "appos", "prep"):
                return _toll_outcome(head), head
        current = head
    return None, None


def _noun_outcome_near(noun: Token) -> str | None:
    """'the 321 killed', 'the dead' used as a subject."""
    for token in list(noun.subtree):
        outcome = lx.OUTCOME_ADJECTIVES.get(token.lower_)
        if outcome:
            return outcome
    return None


def _adjacent_outcome(doc: Doc, after: int) -> tuple[str | None, Token | None]:
    """An outcome word straight after the counted words: '3,593 wounded', '60 dead'."""
    if after >= len(doc):
        return None, None
    token = doc[after]
    outcome = lx.OUTCOME_ADJECTIVES.get(token.lower_)
    if outcome and token.tag_ in ("JJ", "VBN", "VBD", "NN", "NNS"):
        nxt = doc[after + 1] if after + 1 < len(doc) else None
        if nxt is not None and nxt.pos_ in ("NOUN", "PROPN") and token.dep_ == "amod":
            return None, None  # "3 injured soldiers": the noun is counted, not the word
        return outcome, token
    return None, None


def _noun_phrase(noun: Token) -> str:
    """The counted noun with its compounds and adjectives, lowercased."""
    words = []
    for child in noun.lefts:
        if child.dep_ in ("compound", "amod", "nmod", "npadvmod") and child.pos_ != "NUM":
            phrase = [t for t in child.subtree if t.pos_ not in ("NUM", "PUNCT", "DET")]
            words.extend(t.lower_ for t in phrase if t.lower_ not in GROUP_SKIP_WORDS)
    words.append(noun.lower_)
    # "172 military, police and security forces": the coordinated heads share the count
    text = " ".join(words).replace(" - ", "-").replace(" ’s", "").replace(" 's", "")
    return text.strip()


def _group_of(noun: Token | None, outcome_noun: bool) -> str | None:
    """None when the figure's group must come from context."""
    if noun is None:
        return None
    lower = noun.lower_
    if outcome_noun:
        for child in noun.children:
            if child.dep_ in ("amod", "compound", "nmod") and child.pos_ != "NUM":
                if is_person(child) or child.lower_ in lx.PERSON_NOUNS or child.ent_type_:
                    word = child.lower_
                    return word if word.endswith("s") else word + "s"
            if child.dep_ == "prep" and child.lower_ in ("of", "among"):
                for obj in child.children:
                    if obj.dep_ == "pobj" and is_person(obj):
                        return _group_of(obj, False)
        return "unspecified"
    if lower in ("others", "other"):
        return None
    if lower in ("people", "persons", "person", "individuals", "victims"):
        return "unspecified"
    if noun.lemma_.lower() in lx.TOLL_NOUNS:
        return "total"
    return _noun_phrase(noun)


def find_casualties(doc: Doc) -> list[Finding]:
    """Every casualty figure in one parsed sentence."""
    findings: list[Finding] = []
    for figure in find_figures(doc) + _single_victims(doc):
        finding = _classify(doc, figure, findings)
        if finding is not None:
            findings.append(finding)
    findings.sort(key=lambda f: f.figure.start)
    _distribute_hedges(findings)
    return findings


def _classify(doc: Doc, figure: Figure, earlier: list[Finding]) -> Finding | None:
    head = _figure_head(doc, figure)
    if head.ent_type_ in ("DATE", "TIME", "MONEY", "PERCENT", "ORDINAL", "QUANTITY") and (
        not figure.vague
    ):
        return None
    noun, partitive = _counted_noun(doc, figure, head)
    outcome: str | None = None
    outcome_token: Token | None = None
    noun_is_outcome = False
    if noun is not None:
        outcome = _outcome_noun(noun)
        if outcome:
            noun_is_outcome = True
            outcome_token = noun
        elif noun.lower_ in lx.OUTCOME_ADJECTIVES and noun.i == figure.end:
            outcome, outcome_token = lx.OUTCOME_ADJECTIVES[noun.lower_], noun
        elif not is_person(noun):
            if noun.pos_ == "PROPN" and noun.i < figure.start:
                noun = None  # a misparse of "in Hama 171": the figure stands alone
            else:
                return None
    anchor = noun if noun is not None else head
    if outcome is None:
        after = max(anchor.i, figure.end - 1) + 1
        outcome, outcome_token = _adjacent_outcome(doc, after)
    if outcome is None:
        outcome, outcome_token = _climb(anchor)
        if outcome is None and anchor is not head:
            outcome, outcome_token = _climb(head)
    group = _group_of(noun, noun_is_outcome)
    if partitive:
        group = _partitive_group(doc, figure) or (earlier[-1].group if earlier else None)
    if outcome is None:
        outcome, outcome_token = _elided(doc, figure, noun, earlier)
        if outcome is None:
            return None
    if outcome_token is not None and _negated(outcome_token):
        return None
    if group is None:
        group = _context_group(outcome_token, earlier)
    return Finding(figure, outcome, group, anchor, outcome_token, figure.qualifier)


def _partitive_group(doc: Doc, figure: Figure) -> str | None:
    """'nine of them children' -> children."""
    j = figure.end + 2
    while j < len(doc) and doc[j].pos_ in ("ADJ", "ADV"):
        j += 1
    if j < len(doc) and doc[j].pos_ == "NOUN" and is_person(doc[j]):
        return _noun_phrase(doc[j])
    return None


def _context_group(outcome_token: Token | None, earlier: list[Finding]) -> str:
    """The group of a figure that names none ("others", a bare figure).

    It shares the group of the sentence's first figure ("killing 10 villagers and
    wounding five", "11 civilians were killed, five others wounded"); a figure
    set by a death toll counts the total.
    """
    if earlier:
        return earlier[0].group
    if outcome_token is not None and outcome_token.lemma_.lower() in lx.TOLL_NOUNS:
        return "total"
    if outcome_token is not None and any(
        c.dep_ in SUBJECTS + ("dobj",) and c.lemma_.lower() in lx.TOLL_NOUNS
        for c in outcome_token.children
    ):
        return "total"
    return "unspecified"


def _elided(
    doc: Doc, figure: Figure, noun: Token | None, earlier: list[Finding]
) -> tuple[str | None, Token | None]:
    """'in Tartus 384 were killed, in Hama 171 and in Homs 12': the figure repeats
    the verb of the figure before it."""
    if not earlier or noun is not None:
        return None, None
    nxt = doc[figure.end] if figure.end < len(doc) else None
    if nxt is not None and nxt.pos_ in ("NOUN", "PROPN", "ADJ"):
        return None, None
    if doc[figure.start].ent_type_ in ("DATE", "TIME", "MONEY", "PERCENT", "ORDINAL"):
        return None, None
    previous = earlier[-1]
    between = doc[previous.figure.end : figure.start]
    if any(t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in lx.SPEECH_VERBS for t in between):
        return None, None
    if not any(t.lower_ in ("and", ",", ";") for t in between):
        return None, None
    return previous.outcome, previous.outcome_token


def _single_victims(doc: Doc) -> list[Figure]:
    """'a policeman was killed', 'an elderly man was wounded': claims of one."""
    figures = []
    for token in doc:
        if token.lower_ not in ("a", "an") or token.dep_ != "det":
            continue
        noun = token.head
        if noun.tag_ != "NN" or not is_person(noun) or noun.ent_type_:
            continue
        if noun.dep_ not in ("nsubjpass", "dobj", "nsubj"):
            continue
        figures.append(Figure(start=token.i, end=token.i + 1, low=1))
    return figures


def _coordinated(first: Finding, second: Finding) -> bool:
    """True when a hedge on `first` carries over to `second` (same clause)."""
    a, b = first.anchor, second.anchor
    if b.dep_ == "conj" and b.head == a:
        return True
    if a.dep_ == "conj" and a.head == b:
        return False
    va, vb = first.outcome_token, second.outcome_token
    if va is None or vb is None:
        return False
    if (
        vb.dep_ == "conj"
        and vb.head == va
        and not any(c.dep_ in ("aux", "auxpass") for c in vb.children)
    ):
        # "at least 9 were killed and 13 injured": the second verb is elided
        return b.dep_ in SUBJECTS or b.i < vb.i
    if va == vb:
        return True
    return False


def _distribute_hedges(findings: list[Finding]) -> None:
    for i, finding in enumerate(findings):
        if finding.qualifier is None:
            for previous in reversed(findings[:i]):
                if previous.qualifier not in (None, "vague", "range") and _coordinated(
                    previous, finding
                ):
                    finding.qualifier = previous.qualifier
                    break
        if finding.qualifier is None:
            finding.qualifier = "exact"
