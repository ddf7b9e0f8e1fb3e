"""What happened to the people a figure counts: killed, wounded, missing, ...

Each function reads one kind of evidence and returns an outcome (or None) with
the token that states it, so the caller can check negation on that token and
compare verbs when it distributes hedges:

* `noun_outcome`: the counted noun is itself a casualty ("deaths", "bodies"),
  or carries one ("displaced persons", "others who fled");
* `adjacent_outcome`: an outcome word right after the figure ("3,593 wounded",
  "over 1,500 confirmed killed");
* `verb_before`: an active outcome verb right before it ("killing at least 19",
  "wounding over a dozen"), which is sturdier than the parse of long lists;
* `climb`: up the dependency tree from the counted words, verb by verb, until
  an outcome or a reporting verb ends the clause.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from tollbook.extraction import lexicon as lx

MAX_CLIMB = 8
SUBJECTS = ("nsubj", "nsubjpass", "csubj")
# Prepositions that add victims to the ones a verb already has.
ADDITIVE_PREPS = {"including", "with", "plus", "besides", "among", "along", "alongside"}
# Words allowed between a figure and its outcome word ("1,500 confirmed killed").
OUTCOME_GAP = {"confirmed", "reportedly", "reported", "feared", "believed", "presumed",
               "already", "now", "also", "more", "so"}  # fmt: skip
# Verbs that bring about a casualty noun onto someone: "causing injuries to three".
RISE_VERBS = {
    "rise", "climb", "reach", "increase", "jump", "stand", "hit", "top", "surpass", "exceed",
    "grow", "mount", "soar", "pass",
}  # fmt: skip
# What "without" takes away when nobody was harmed: "without injuring anyone".
HARMLESS = {"casualty", "casualties", "harm", "injure", "hurt", "kill", "loss", "victim",
            "injury", "damage", "incident", "bloodshed"}  # fmt: skip
INJURY_VERBS = {"sustain", "suffer", "receive", "incur"}
TREATMENT_VERBS = {"treat", "hospitalize", "hospitalise", "admit", "take", "rush", "evacuate"}
EXPULSION_VERBS = {"force", "drive", "chase", "expel", "evict", "push", "uproot"}


def outcome_of_word(token: Token) -> str | None:
    """The outcome a casualty noun states: 'deaths' -> killed."""
    if token.pos_ not in ("NOUN", "PROPN", "ADJ", "VERB"):
        return None
    if token.pos_ == "VERB" and token.lower_ == "remains":
        return None  # "the toll remains unclear"; only the noun means a body
    return lx.OUTCOME_NOUNS.get(token.lemma_.lower()) or lx.OUTCOME_NOUNS.get(token.lower_)


def either_or(token: Token) -> bool:
    """'killed or wounded': casualties of no single outcome."""
    words = [token, *(c for c in token.children if c.dep_ == "conj")]
    if token.dep_ == "conj":
        words.append(token.head)
    has_or = any(c.lower_ == "or" for w in words for c in w.children if c.dep_ == "cc")
    outcomes = {
        lx.OUTCOME_VERBS.get(w.lemma_.lower()) or lx.OUTCOME_ADJECTIVES.get(w.lower_) for w in words
    } - {None}
    return has_or and len(outcomes) > 1


def negated(token: Token) -> bool:
    """'were not harmed', 'no one was killed'; 'without' only when what is missing is
    the harm itself ('ended without casualties'), not 'killed without trial' or 'left
    without shelter'."""
    for child in token.children:
        if child.lower_ == "without":
            objects = [o for o in child.children if o.dep_ in ("pobj", "pcomp")]
            if any(o.lemma_.lower() in HARMLESS or outcome_of_word(o) for o in objects):
                return True
        elif child.dep_ == "neg" or child.lower_ in lx.NEGATIONS:
            return True
    return False


def noun_outcome(noun: Token) -> tuple[str | None, Token | None]:
    """'60 deaths', '1.5 million displaced persons', '500,000 others who had fled'."""
    outcome = outcome_of_word(noun)
    if outcome:
        return outcome, noun
    if noun.lemma_.lower() in ("life", "lives") and noun.head.lemma_.lower() in lx.LIFE_VERBS:
        return "killed", noun.head  # "claimed 12 lives", "14 lives were lost"
    for child in noun.children:
        if child.dep_ in ("amod", "compound") and child.lower_ in lx.OUTCOME_ADJECTIVES:
            return lx.OUTCOME_ADJECTIVES[child.lower_], child
        if child.dep_ in ("relcl", "acl") and child.pos_ in ("VERB", "AUX"):
            rel = "nsubj" if any(c.dep_ in SUBJECTS for c in child.children) else "acl"
            found = verb_outcome(child, rel, None)
            if found:
                return found, child
    return None, None


def toll_outcome(noun: Token, default: str | None = None) -> str | None:
    """'death toll' -> killed, 'injury toll' -> wounded, 'the displaced total' -> displaced."""
    lemma = noun.lemma_.lower()
    if lemma not in lx.TOLL_NOUNS | lx.TOTAL_NOUNS:
        return None
    for child in noun.children:
        if child.dep_ in ("compound", "amod", "nmod"):
            outcome = outcome_of_word(child) or lx.OUTCOME_ADJECTIVES.get(child.lower_)
            if outcome:
                return outcome
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for obj in child.children:
                outcome = (
                    outcome_of_word(obj)
                    or lx.OUTCOME_ADJECTIVES.get(obj.lower_)
                    or lx.WEAK_OUTCOME_NOUNS.get(obj.lemma_.lower())
                    or _described_outcome(obj)
                )
                if outcome:
                    return outcome
    return "killed" if lemma in lx.TOLL_NOUNS else default


def _described_outcome(noun: Token) -> str | None:
    """'the number of displaced people', 'the number of people killed'."""
    for child in noun.children:
        if child.dep_ in ("amod", "acl", "relcl") and child.lower_ in lx.OUTCOME_ADJECTIVES:
            return lx.OUTCOME_ADJECTIVES[child.lower_]
    return None


def complement_outcome(verb: Token) -> tuple[str | None, Token | None]:
    """'were found dead', 'were reported missing', 'left N dead'."""
    for child in verb.children:
        if child.dep_ in ("acomp", "oprd", "xcomp", "ccomp", "advcl", "conj") and (
            child.lower_ in lx.OUTCOME_ADJECTIVES and child.i > verb.i
        ):
            if child.dep_ in ("conj", "advcl", "ccomp") and child.tag_ not in ("JJ", "VBN"):
                continue
            if any(c.dep_ in SUBJECTS + ("mark",) for c in child.children):
                continue  # a clause of its own: "informed AP that 13 were killed"
            return lx.OUTCOME_ADJECTIVES[child.lower_], child
    return None, None


def seeks_refuge(verb: Token) -> bool:
    """'escaped the massacres, seeking refuge at the base', 'took refuge'."""
    for child in [verb, *(c for c in verb.children if c.dep_ in ("advcl", "xcomp", "conj"))]:
        if child.lemma_.lower() in lx.REFUGE_VERBS and any(
            o.dep_ == "dobj" and o.lower_ in ("refuge", "shelter", "sanctuary")
            for o in child.children
        ):
            return True
    return False


def verb_outcome(
    verb: Token, rel: str, via: Token | None, default: str | None = None
) -> str | None:
    """The outcome a verb gives to the argument that reaches it through `rel` (and `via`)."""
    lemma = verb.lemma_.lower()
    if verb.lower_ in lx.STATE_ADJECTIVES and rel in SUBJECTS:
        return lx.OUTCOME_ADJECTIVES[verb.lower_]  # "six people were still missing"
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children) or (
        verb.tag_ == "VBN" and rel in ("nsubj", "acl")
    )
    if rel == "prep" and via is not None and via.lower_ in ADDITIVE_PREPS:
        rel = "nsubjpass" if passive else "dobj"  # "killed 28 loyalists along with 3 civilians"
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
    if rel in SUBJECTS and seeks_refuge(verb):
        return "displaced"
    for child in verb.children:
        # "have been forced to flee their homes"
        if child.dep_ == "xcomp" and child.lemma_.lower() in lx.INTRANSITIVE_OUTCOMES:
            if rel in SUBJECTS:
                return lx.INTRANSITIVE_OUTCOMES[child.lemma_.lower()]
    if rel in SUBJECTS + ("dobj",):
        outcome, _ = complement_outcome(verb)
        if outcome:
            return outcome
        outcome = phrase_outcome(verb, rel, passive)
        if outcome:
            return outcome
    if rel == "prep":
        for obj in objects:
            outcome = outcome_of_word(obj)
            if outcome:
                # "causing injuries to three of the personnel", "put the dead at 40"
                return outcome
    for child in verb.children:
        if (
            lemma == "be"
            and child.dep_ == "prep"
            and child.lower_ in ("among", "of")  # "of those killed, 21 were soldiers"
            and rel in SUBJECTS + ("attr",)
        ):
            for obj in child.children:
                outcome = outcome_of_word(obj) or lx.WEAK_OUTCOME_NOUNS.get(obj.lemma_.lower())
                participles = [
                    lx.OUTCOME_ADJECTIVES[c.lower_]
                    for c in obj.children
                    if c.dep_ in ("acl", "amod", "relcl") and c.lower_ in lx.OUTCOME_ADJECTIVES
                ]
                outcome = outcome or next(iter(participles), None)
                if outcome:
                    return outcome  # "two residents were among the victims / those killed"
        # a running count: "the death toll rose to 340", "is the official count of victims"
        if child.dep_ in SUBJECTS + ("dobj", "attr") and child.i != (via.i if via else -1):
            outcome = toll_outcome(child, default)
            if outcome:
                return outcome
            if lemma in RISE_VERBS and child.dep_ in SUBJECTS and rel in ("prep", "dobj"):
                outcome = outcome_of_word(child)
                if outcome:
                    return outcome  # "deaths have climbed to 300"
    return None


def phrase_outcome(verb: Token, rel: str, passive: bool) -> str | None:
    """Outcomes said with a phrase around a plain verb: 'hacked to death', 'taken
    hostage', 'taken into custody', 'rounded up', 'sustained injuries', 'treated for
    wounds', 'forced from their homes'."""
    lemma = verb.lemma_.lower()
    victim = rel in ("dobj", "nsubjpass") or (rel == "nsubj" and passive)
    children = list(verb.children)
    objects_of = {
        prep.lower_: [o for o in prep.children if o.dep_ == "pobj"]
        for prep in children
        if prep.dep_ == "prep"
    }
    words = lambda preposition: {o.lemma_.lower() for o in objects_of.get(preposition, [])}  # noqa: E731
    if victim and "death" in words("to"):
        return "killed"
    if victim and lemma == "take":
        if any(c.lower_ in lx.CAPTIVE_WORDS for c in children if c.dep_ != "nsubj"):
            return "kidnapped"
        if "custody" in words("into"):
            return "detained"
    if victim and lemma == "round" and any(c.lower_ == "up" for c in children):
        return "detained"
    if rel in SUBJECTS:
        injuries = {o.lemma_.lower() for o in children if o.dep_ == "dobj"}
        if lemma in INJURY_VERBS and injuries & lx.INJURY_NOUNS:
            return "wounded"
        if (words("for") | words("with")) & lx.INJURY_NOUNS and lemma in TREATMENT_VERBS:
            return "wounded"
    if victim and lemma in EXPULSION_VERBS and (words("from") | words("out")) & lx.HOME_NOUNS:
        return "displaced"
    if victim and lemma == "leave" and words("without") & {"shelter", "home", "roof", "house"}:
        return "displaced"  # "leaving 1,500 people without shelter"
    return None


def climb(anchor: Token, default: str | None = None) -> tuple[str | None, Token | None]:
    """Walk from the counted words up the parse until an outcome or a clause boundary."""
    current = anchor
    for _ in range(MAX_CLIMB):
        head = current.head
        if head == current:
            return None, None
        rel = current.dep_
        if head.pos_ in ("VERB", "AUX", "ADJ"):
            outcome = verb_outcome(head, rel, current, default)
            if outcome:
                return outcome, head
            lemma = head.lemma_.lower()
            if lemma in lx.OUTCOME_VERBS and rel == "nsubj":
                return None, None  # the killers, not the killed
            if lemma in lx.SPEECH_VERBS and rel != "dobj":
                return None, None
            if lemma in ("include", "comprise"):
                for subject in (c for c in head.children if c.dep_ in SUBJECTS):
                    outcome, token = noun_outcome(subject)
                    outcome = (
                        outcome
                        or _participle_inside(subject)
                        or lx.WEAK_OUTCOME_NOUNS.get(subject.lemma_.lower())
                    )
                    if outcome:
                        return outcome, subject
        elif head.pos_ in ("NOUN", "PROPN"):
            outcome = outcome_of_word(head)
            if outcome and rel in ("pobj", "prep", "nmod", "appos", "compound", "conj"):
                return outcome, head
            if head.lemma_.lower() in lx.TOLL_NOUNS and rel in ("pobj", "appos", "prep"):
                return toll_outcome(head, default), head
            if head.lemma_.lower() in lx.TOTAL_NOUNS and rel == "prep":
                said = toll_outcome(head)  # "estimates of the dead range from 133 to 600"
                if said:
                    return said, head
            event = lx.EVENT_NOUNS.get(head.lemma_.lower())
            if event and rel == "prep" and current.lower_ == "of":
                return event, head  # "the massacre of 30 villagers" (but "7 massacres")
        current = head
    return None, None


def _participle_inside(noun: Token) -> str | None:
    """'the 321 killed' used as a subject."""
    for token in noun.subtree:
        outcome = lx.OUTCOME_ADJECTIVES.get(token.lower_)
        if outcome:
            return outcome
    return None


def adjacent_outcome(doc: Doc, after: int) -> tuple[str | None, Token | None]:
    """An outcome word straight after the counted words: '3,593 wounded', '60 dead'."""
    while after < len(doc) and doc[after].lower_ in OUTCOME_GAP:
        after += 1
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


def lexical_outcome(doc: Doc, after: int) -> tuple[str | None, Token | None]:
    """'18 people, mostly women and children, were killed' when the parse lost the link:
    an aside between commas, auxiliaries, then a casualty participle."""
    j = after
    if j < len(doc) and doc[j].text == ",":
        close = next((k for k in range(j + 1, min(j + 12, len(doc))) if doc[k].text == ","), None)
        if close is None or any(t.pos_ == "VERB" for t in doc[j + 1 : close]):
            return None, None
        j = close + 1
    while j < len(doc) and (doc[j].pos_ == "AUX" or doc[j].lower_ in OUTCOME_GAP | {"all"}):
        j += 1
    if j >= len(doc) or j == after:
        return None, None
    token = doc[j]
    lemma = token.lemma_.lower()
    if token.tag_ == "VBN" and lemma in lx.OUTCOME_VERBS:
        return lx.OUTCOME_VERBS[lemma], token
    if token.tag_ in ("VBD", "VBN") and lemma in lx.INTRANSITIVE_OUTCOMES:
        return lx.INTRANSITIVE_OUTCOMES[lemma], token
    if token.lower_ in lx.STATE_ADJECTIVES:
        return lx.OUTCOME_ADJECTIVES[token.lower_], token
    return None, None


def verb_before(doc: Doc, start: int) -> tuple[str | None, Token | None]:
    """An active outcome verb right before the figure: 'killing at least 19'."""
    if start == 0:
        return None, None
    token = doc[start - 1]
    if token.tag_ in ("VBG", "VBD", "VBZ", "VBP", "VB") and token.lemma_.lower() in (
        lx.OUTCOME_VERBS
    ):
        return lx.OUTCOME_VERBS[token.lemma_.lower()], token
    return None, None
