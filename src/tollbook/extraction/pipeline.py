"""From documents to claims: split, choose, parse in batches, apply the rules.

`extract_documents` streams: it splits each document into sentences, keeps the
ones worth parsing (`candidates.py`), sends all of them through one batched
parse across documents (batching is what makes spaCy fast), and yields each
document with its claims as soon as all its sentences are back, in input order.

`parsing.py` loads the model once and runs the trimmed pipeline.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from spacy.tokens import Doc as SpacyDoc

from tollbook.extraction.attribution import (
    Source,
    SourceResolver,
    opens_quotation,
    source_in_sentence,
)
from tollbook.extraction.candidates import (
    Sentence,
    continues_a_count,
    is_candidate,
    sentences_to_parse,
    split_sentences,
)
from tollbook.extraction.context import place_of, when_of
from tollbook.extraction.parsing import MODEL_NAME, load_model, parse
from tollbook.extraction.rules import Finding, find_casualties
from tollbook.models import Claim, Document

EXTRACTOR = f"rules-v1+{MODEL_NAME}"
# A sentence that turns to the past or to background: it does not continue the
# previous sentence's report, so it borrows no source from it.
BACKGROUND = re.compile(
    r"^(?:Last (?:year|month|week)|Since\b|In (?:19|20)\d\d|In (?:January|February|March|April|"
    r"May|June|July|August|September|October|November|December)\b|Previously|Earlier this year|"
    r"This year|Over the past|In the past)|\b(?:19|20)\d\d\b"
)


@dataclass
class _Work:
    """A document on its way through the parser."""

    document: Document
    sentences: list[Sentence]
    wanted: set[int]
    parsed: dict[int, SpacyDoc] = field(default_factory=dict)

    @property
    def complete(self) -> bool:
        return len(self.parsed) == len(self.wanted)


def extract_claims(doc: Document) -> list[Claim]:
    """Every casualty claim a document states."""
    return next(extract_documents([doc]))[1]


def extract_documents(
    docs: Iterable[Document], batch_size: int = 512
) -> Iterator[tuple[Document, list[Claim]]]:
    """Each document with its claims, in input order, parsing sentences in batches."""
    load_model()  # fail early, before reading any input
    pending: deque[_Work] = deque()

    def sentence_stream() -> Iterator[tuple[str, tuple[_Work, int]]]:
        for document in docs:
            sentences = split_sentences(document.text)
            chosen = sentences_to_parse(sentences, document.text)
            work = _Work(document, sentences, {s.index for s in chosen})
            pending.append(work)
            for sentence in chosen:
                yield document.text[sentence.start : sentence.end], (work, sentence.index)

    for parsed, (work, index) in parse(sentence_stream(), batch_size):
        work.parsed[index] = parsed
        while pending and pending[0].complete:
            done = pending.popleft()
            yield done.document, claims_from_parsed(done.document, done.sentences, done.parsed)
    while pending:
        done = pending.popleft()
        yield done.document, claims_from_parsed(done.document, done.sentences, done.parsed)


def claims_from_parsed(
    document: Document, sentences: list[Sentence], parsed: dict[int, SpacyDoc]
) -> list[Claim]:
    """Apply the rules to a document's parsed sentences, in reading order."""
    text = document.text
    own_source = {i: source_in_sentence(d) for i, d in parsed.items()}
    resolver = SourceResolver()
    claims: list[Claim] = []
    carried: tuple[int, str] | None = None  # (paragraph, outcome of its last claim)
    for position, sentence in enumerate(sentences):
        spacy_doc = parsed.get(sentence.index)
        if spacy_doc is None:
            continue
        body = text[sentence.start : sentence.end]
        outcome = carried[1] if carried and carried[0] == sentence.paragraph else None
        findings = []
        if is_candidate(body) or (outcome and continues_a_count(body)):
            findings = find_casualties(spacy_doc, outcome)
        if findings:
            carried = (sentence.paragraph, findings[-1].outcome)
        background = BACKGROUND.search(body) is not None
        lent = _lent_source(sentences, position, own_source, opens_quotation(body), background)
        for finding in findings:
            source = source_in_sentence(spacy_doc, finding.anchor)
            if source is None and not _in_relative_clause(finding):
                source = lent
            claims.append(_claim(document, sentence, spacy_doc, finding, resolver.resolve(source)))
            resolver.remember(source)
        resolver.remember(own_source[sentence.index])
    return claims


def _lent_source(
    sentences: list[Sentence],
    position: int,
    own: dict[int, Source | None],
    opens_quote: bool,
    background: bool,
) -> Source | None:
    """The source a sentence without one borrows from its paragraph.

    A sentence opening a quotation takes the speaker named where the quotation
    closes (the next sentence); otherwise the previous sentence's source when
    a reporting verb named it (not an "according to" aside, which qualifies its
    own sentence only), unless the sentence turns to background ("Last year,
    ...", "In 2019, ...").
    """
    sentence = sentences[position]
    if opens_quote and position + 1 < len(sentences):
        following = sentences[position + 1]
        if following.paragraph == sentence.paragraph and own.get(following.index):
            return own[following.index]
    if position > 0 and not background:
        previous = sentences[position - 1]
        source = own.get(previous.index)
        if previous.paragraph == sentence.paragraph and source is not None and source.speech:
            return source
    return None


def _in_relative_clause(finding: Finding) -> bool:
    return any(t.dep_ == "relcl" for t in [finding.anchor, *finding.anchor.ancestors])


def _claim(
    document: Document,
    sentence: Sentence,
    spacy_doc: SpacyDoc,
    finding: Finding,
    attributed_to: str | None,
) -> Claim:
    figure = finding.figure
    qualifier = finding.qualifier or "exact"
    return Claim(
        doc_id=document.doc_id or "",
        quote=document.text[sentence.start : sentence.end],
        start=sentence.start,
        end=sentence.end,
        outcome=finding.outcome,
        count_low=figure.low,
        count_high=figure.high if qualifier == "range" else None,
        qualifier=qualifier,
        group=finding.group,
        attributed_to=attributed_to,
        place=place_of(spacy_doc, finding.anchor.i, finding.outcome_token),
        when=when_of(spacy_doc, figure.start),
    )
