"""Rules over the dependency parse: is a figure a casualty count, of whom, how hedged.

For each figure of a parsed sentence (see `numbers.py`):

1. *What it counts.*  The noun the figure quantifies (its `nummod` head, the
   noun right after it, or the object of "of" in "hundreds of civilians", "six
   of its passengers") must name people ("civilians", "Alawites", "others"),
   name a casualty ("deaths", "bodies"), or be absent ("at least 19 were
   killed").  A figure counting villages, vehicles, massacres or years is
   dropped here, as are figures in sentences about averages ("on average six
   people died each day").
2. *Outcome* (`outcomes.py`): from the counted noun, the word after the figure,
   the verb before it, or up the parse.  A bare figure in a list after a
   casualty figure repeats its verb ("in Tartus 384 were killed, in Hama 171").
3. *Group* (`groups.py`): whom the figure counts, in the annotators' words.
4. *Hedge distribution.*  A figure with no hedge takes the hedge of the figure
   it is coordinated with ("at least 211 civilians and 172 soldiers", "at least
   9 were killed and 13 injured"), but not across a new verb phrase ("killing
   at least 19 and injuring 30") nor into a breakdown ("among them 49 women").
5. *Negation.*  A negated outcome ("were not harmed") gives no claim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from tollbook.extraction import lexicon as lx
from tollbook.extraction import outcomes as oc
from tollbook.extraction.candidates import FLIGHT_CONTEXT
from tollbook.extraction.groups import (
    context_group,
    described_as,
    group_of,
    is_person,
    partitive_group,
)
from tollbook.extraction.numbers import Figure, find_figures

SUBJECTS = oc.SUBJECTS
# Nouns for several people at once: "one family" is no claim of one.
COLLECTIVE_NOUNS = {"family", "household", "group", "crowd", "community", "clan", "tribe",
                    "gang", "militia", "crew", "unit", "team", "couple"}  # fmt: skip
# People counted as the sample of a study: "a survey of 1,000 displaced people".
SAMPLE_NOUNS = {"survey", "poll", "sample", "interview", "questionnaire", "census"}
CONDITION_WORDS = {"critical", "serious", "stable", "grave", "severe", "hospitalised",
                   "hospitalized", "unconscious"}  # fmt: skip
BREAKDOWN_WORDS = {"among", "including", "includes", "include", "them", "whom", "of", "—", "–"}
AVERAGES = re.compile(
    r"\b(?:on average|an average of|per (?:day|week|month)|(?:each|every) (?:single )?"
    r"(?:day|week|month)|(?:people|civilians|children) a (?:day|week|month))\b",
    re.I,
)


@dataclass
class Finding:
    """A casualty figure found in one parsed sentence, before attribution."""

    figure: Figure
    outcome: str
    group: str
    anchor: Token  # the counted noun, or the figure when it stands alone
    outcome_token: Token | None
    qualifier: str | None
    single: bool = False  # "a policeman was killed"


def find_casualties(doc: Doc, carried: str | None = None) -> list[Finding]:
    """Every casualty figure in one parsed sentence.

    `carried` is the outcome of the last figure of the paragraph's previous
    sentence, for breakdowns that leave it unsaid ("80 were women").
    """
    if AVERAGES.search(doc.text):
        return []
    findings: list[Finding] = []
    for figure in _without_pools(doc, find_figures(doc)):
        finding = _classify(doc, figure, findings, carried=carried)
        if finding is not None:
            findings.append(finding)
    taken = {f.anchor.i for f in findings}
    for figure in _single_victims(doc):
        if figure.end not in taken:
            finding = _classify(doc, figure, findings, single=True)
            if finding is not None:
                findings.append(finding)
    findings.sort(key=lambda f: f.figure.start)
    _distribute_hedges(doc, findings)
    return findings


def _without_pools(doc: Doc, figures: list[Figure]) -> list[Figure]:
    """'3 of the 5 suspects were arrested': the 5 is the pool the count is drawn from."""
    kept: list[Figure] = []
    for figure in figures:
        words = [t.lower_ for t in doc[max(0, figure.start - 2) : figure.start]]
        follows_figure = kept and kept[-1].end == figure.start - 2
        if follows_figure and words == ["of", "the"]:
            continue
        kept.append(figure)
    return kept


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
        noun = head.head
        if noun.dep_ == "compound" and noun.head.pos_ == "NOUN" and noun.head.i > noun.i:
            noun = noun.head  # "21 IS militants": the militants are counted
        if noun.lower_ in oc.OUTCOME_GAP and noun.i == figure.end:
            return None, False  # "1,500 confirmed killed": a bare figure, then its outcome
        if noun.lower_ in ("more", "additional", "further") and noun.i == figure.end:
            return None, False  # "wounded at least 30 more": a bare figure
        return noun, False
    nxt = doc[figure.end] if figure.end < len(doc) else None
    if nxt is None:
        return None, False
    if nxt.lower_ == "of":
        objects = [c for c in nxt.children if c.dep_ == "pobj"]
        if objects:
            if objects[0].lower_ in ("them", "whom", "those", "these", "us"):
                return None, True
            return objects[0], False
    if nxt.pos_ == "NOUN" and nxt.lower_ not in lx.OUTCOME_ADJECTIVES.keys() | oc.OUTCOME_GAP:
        return nxt, False  # "Guayas 1 prison", "others"
    return None, False


def _classify(
    doc: Doc,
    figure: Figure,
    earlier: list[Finding],
    single: bool = False,
    carried: str | None = None,
) -> Finding | None:
    head = _figure_head(doc, figure)
    noun, partitive = _counted_noun(doc, figure, head)
    default = earlier[0].outcome if earlier else carried
    outcome: str | None = None
    outcome_token: Token | None = None
    noun_is_outcome = False
    if noun is not None and single:
        outcome, outcome_token = oc.outcome_of_word(noun), noun  # not "a displaced girl walks"
        outcome_token = outcome_token if outcome else None
    elif noun is not None:
        outcome, outcome_token = oc.noun_outcome(noun)
        noun_is_outcome = outcome_token is noun
        if noun_is_outcome and noun.dep_ == "pobj" and noun.head.lower_ == "of":
            # "two of the injured later died": what happens to the part comes first
            verb_says, verb_token = oc.climb(head, default)
            if verb_says:
                outcome, outcome_token, noun_is_outcome = verb_says, verb_token, False
            elif _in_a_condition(head):
                return None  # "17 of the wounded were in critical condition": same people
        if outcome is None and noun.lower_ in lx.OUTCOME_ADJECTIVES and noun.i == figure.end:
            outcome, outcome_token = lx.OUTCOME_ADJECTIVES[noun.lower_], noun
        elif (
            outcome is None
            and not is_person(noun)
            and noun.lemma_.lower() not in (lx.WEAK_OUTCOME_NOUNS)
        ):
            if noun.pos_ == "PROPN" and noun.i < figure.start:
                noun = None  # a misparse of "in Hama 171": the figure stands alone
            else:
                return None
    if any(a.lemma_.lower() in SAMPLE_NOUNS for a in list(head.ancestors)[:4]):
        return None  # "a survey of 1,000 displaced people": the sample, not a toll
    if noun is not None and noun.lower_ in COLLECTIVE_NOUNS and figure.low == 1:
        return None  # "members of one family": one family is no count of people
    anchor = noun if noun is not None else head
    for finder in (
        lambda: oc.adjacent_outcome(doc, max(anchor.i, figure.end - 1) + 1),
        lambda: oc.verb_before(doc, figure.hedge_start or figure.start),
        lambda: oc.climb(anchor, default),
        lambda: oc.climb(head, default) if anchor is not head else (None, None),
        lambda: (None, None) if single else _elided(doc, figure, noun, earlier),
        lambda: oc.lexical_outcome(doc, anchor.i + 1),
        lambda: _included(anchor, earlier, carried),
        lambda: _part_of_previous(partitive, earlier),
        lambda: _weak_noun(noun, head),
        lambda: _carried(head, carried),
        lambda: _arrival(doc, anchor, noun, carried),
    ):
        if outcome is not None:
            break
        outcome, outcome_token = finder()
    if outcome is None:
        return None
    if outcome_token is not None and (oc.negated(outcome_token) or oc.either_or(outcome_token)):
        return None
    if oc.negated(anchor) or (figure.start > 0 and doc[figure.start - 1].lower_ == "no"):
        return None  # "no one was killed", "no 5 ..."
    if partitive:
        group = partitive_group(doc, figure) or (earlier[-1].group if earlier else "unspecified")
    elif noun_is_outcome and noun is not None and noun.dep_ == "pobj":
        group = described_as(head) or group_of(noun, True) or "unspecified"
    else:
        first_group = earlier[0].group if earlier else None
        group = group_of(noun, noun_is_outcome) or context_group(
            doc, figure, outcome_token, first_group
        )
    return Finding(figure, outcome, group, anchor, outcome_token, figure.qualifier, single)


def _in_a_condition(head: Token) -> bool:
    """'... were in critical condition', '... remain in serious condition', '... are
    stable': the state of people counted already."""
    verb = head.head
    if head.dep_ not in SUBJECTS or verb.lemma_.lower() not in ("be", "remain", "stay"):
        return False
    for child in verb.children:
        if child.dep_ == "acomp" and child.lower_ in CONDITION_WORDS:
            return True
        if child.dep_ == "prep" and child.lower_ == "in":
            if any(o.lemma_.lower() in ("condition", "state") for o in child.children):
                return True
    return False


def _part_of_previous(partitive: bool, earlier: list[Finding]) -> tuple[str | None, Token | None]:
    """'At least seven people were killed, five of them members of one family': "N of
    them" with no verb of its own is a part of the figure before it."""
    if partitive and earlier:
        return earlier[-1].outcome, earlier[-1].outcome_token
    return None, None


def _weak_noun(noun: Token | None, head: Token) -> tuple[str | None, Token | None]:
    """'Three male victims were confirmed' (but not '12 of the victims were identified')."""
    if noun is not None and noun.lemma_.lower() in lx.WEAK_OUTCOME_NOUNS and head.head == noun:
        return lx.WEAK_OUTCOME_NOUNS[noun.lemma_.lower()], noun
    return None, None


def _included(
    anchor: Token, earlier: list[Finding], carried: str | None = None
) -> tuple[str | None, Token | None]:
    """'... killed 50,000 people, including more than 8,000 civilians' when the parse
    hangs 'including' on the wrong word: a part takes the outcome of the figure before it;
    'Among them were 60 children.' after a sentence of killings takes that outcome."""
    marked = any(c.lower_ == "among" for c in anchor.children)  # "among them two children"
    for ancestor in list(anchor.ancestors)[:3]:
        marked = marked or ancestor.lower_ in ("including", "among")
        marked = marked or any(
            c.dep_ == "prep" and c.lower_ == "among" and c.i < anchor.i for c in ancestor.children
        )  # "Among them were 60 children": the part is the subject of "were"
    if not marked:
        return None, None
    if earlier:
        return earlier[-1].outcome, earlier[-1].outcome_token
    return carried, None


def _arrival(
    doc: Doc, anchor: Token, noun: Token | None, carried: str | None
) -> tuple[str | None, Token | None]:
    """'16,000 Syrians have crossed into Lebanon': people arriving from a flight.

    Arrival verbs count displacement only where the sentence speaks of flight
    or violence, or the paragraph has been counting casualties; travellers
    arriving somewhere are no claim.
    """
    verb = anchor.head
    if anchor.dep_ not in ("nsubj", "nsubjpass") or verb.lemma_.lower() not in lx.ARRIVAL_VERBS:
        return None, None
    if noun is None or not is_person(noun) or noun.lemma_.lower() in lx.TRAVELLER_NOUNS:
        return None, None
    if carried is not None or FLIGHT_CONTEXT.search(doc.text):
        return "displaced", verb
    return None, None


def _carried(head: Token, carried: str | None) -> tuple[str | None, Token | None]:
    """'At least 590 were women, and 65 were children.' after a sentence of killings."""
    if carried is not None and described_as(head):
        return carried, None
    return None, None


def _elided(
    doc: Doc, figure: Figure, noun: Token | None, earlier: list[Finding]
) -> tuple[str | None, Token | None]:
    """A bare figure repeating the verb of the figure before it: 'in Tartus 384 were
    killed, in Hama 171 and in Homs 12'; 'from 80 deaths to 335'."""
    if not earlier or noun is not None:
        return None, None
    previous = earlier[-1]
    if previous.single or previous.figure.end > figure.start:
        return None, None
    nxt = doc[figure.end] if figure.end < len(doc) else None
    if nxt is not None and nxt.pos_ in ("NOUN", "PROPN", "ADJ", "VERB"):
        return None, None
    own_verb = doc[figure.start].head
    if doc[figure.start].dep_ in SUBJECTS and own_verb != previous.outcome_token:
        if not described_as(doc[figure.start]):  # "..., 80 were women" is a breakdown
            return None, None  # "3 people died and 17 were hospitalised": a verb of its own
    between = doc[previous.figure.end : figure.start]
    same = previous.outcome_token.lemma_.lower() if previous.outcome_token is not None else ""
    if any(t.pos_ == "VERB" and t.lemma_.lower() not in ("be", same) for t in between):
        return None, None
    words = {t.lower_ for t in between}
    before_previous = doc[previous.figure.start - 1].lower_ if previous.figure.start else ""
    from_to = before_previous == "from" and doc[figure.start - 1].lower_ == "to"
    if words & {"and", ",", ";"} or from_to:
        return previous.outcome, previous.outcome_token
    return None, None


def _single_victims(doc: Doc) -> list[Figure]:
    """'a policeman was killed', 'an elderly man was wounded': claims of one."""
    figures = []
    for token in doc:
        if token.lower_ not in ("a", "an") or token.dep_ != "det":
            continue
        noun = token.head
        if noun.tag_ != "NN" or not is_person(noun) or noun.lower_ in COLLECTIVE_NOUNS:
            continue
        role = noun
        while role.dep_ == "conj" and role.head != role:
            role = role.head  # "two brothers and a nephew were killed"
        pool = role.head.head
        part_of_total = role.dep_ == "pobj" and (
            role.head.lower_ in ("including", "among")
            or (role.head.lower_ == "of" and pool.tag_ == "NNS" and oc.outcome_of_word(pool))
        )  # "including a child", "the bodies of a woman and her two daughters"
        among = role.dep_ == "attr" and any(c.lower_ == "among" for c in role.head.children)
        if role.dep_ not in ("nsubjpass", "dobj", "nsubj") and not (part_of_total or among):
            continue  # "killed seven people, including a child" counts the child
        after = noun.right_edge.i + 1
        if after < len(doc) and doc[after].lemma_.lower() in lx.SPEECH_VERBS:
            continue  # "..., residents and a health official said": a source, not a victim
        figures.append(Figure(start=token.i, end=noun.i, low=1))
    return figures


def _in_same_list(a: Token, b: Token) -> bool:
    """True when b is coordinated with a ('211 civilians and 172 soldiers')."""
    current = b
    while current.dep_ == "conj" and current.head != current:
        current = current.head
        if current == a:
            return True
    return False


def _coordinated(doc: Doc, first: Finding, second: Finding) -> bool:
    """True when a hedge on `first` carries over to `second` (same clause)."""
    if _in_same_list(first.anchor, second.anchor):
        return True
    va, vb = first.outcome_token, second.outcome_token
    if va is None or vb is None:
        return False
    if va == vb:
        # both subjects of one verb, joined by "and" (a flat parse of a coordination);
        # a breakdown ("among them", "including") does not share the total's hedge
        between = {t.lower_ for t in doc[first.figure.end : second.figure.start]}
        return (
            first.anchor.dep_ == second.anchor.dep_
            and "and" in between
            and not between & BREAKDOWN_WORDS
            and not any(t.pos_ == "VERB" for t in doc[first.figure.end : second.figure.start])
        )
    if (
        vb.dep_ == "conj"
        and vb.head == va
        and not any(c.dep_ in ("aux", "auxpass") for c in vb.children)
    ):
        # "at least 9 were killed and 13 injured": the second verb is elided
        return second.anchor.dep_ in SUBJECTS or second.anchor.i < vb.i
    # "... were killed in hostilities and 3,593 wounded": an elliptical participle
    start = second.figure.start
    return (
        vb.i == second.figure.end
        and vb.tag_ == "VBN"
        and start > 0
        and doc[start - 1].lower_ in ("and", ",")
        and va.tag_ == "VBN"
    )


def _distribute_hedges(doc: Doc, findings: list[Finding]) -> None:
    for i, finding in enumerate(findings):
        if finding.qualifier is None:
            for previous in reversed(findings[:i]):
                if previous.qualifier not in (None, "vague", "range") and _coordinated(
                    doc, previous, finding
                ):
                    finding.qualifier = previous.qualifier
                    break
        if finding.qualifier is None:
            finding.qualifier = "exact"
