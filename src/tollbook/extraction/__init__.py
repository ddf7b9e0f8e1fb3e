"""Casualty claims from document text: every figure with its quote and source.

`extract_claims(doc)` reads one document; `extract_documents(docs)` streams many
through one batched parse; `extract_jsonl(path, output)` is the file contract of
`tollbook extract`.  The stages, one module each:

* `candidates`: paragraphs, sentences, and which of them are worth parsing;
* `parsing`: the spaCy model, loaded once, and the trimmed pipeline;
* `numbers`: figures in digits and words, with their hedges;
* `rules` and `outcomes`: is a figure a casualty count, of what outcome, of whom;
* `attribution`: who says so, across sentences and pronouns;
* `context`: place and time copied from the quote;
* `lexicon`: the word lists all of them consult;
* `pipeline`: the flow from documents to `Claim`s; `files`: JSON Lines in and out.
"""

from tollbook.extraction.files import ExtractionReport, extract_jsonl
from tollbook.extraction.pipeline import EXTRACTOR, extract_claims, extract_documents, load_model

__all__ = [
    "EXTRACTOR",
    "ExtractionReport",
    "extract_claims",
    "extract_documents",
    "extract_jsonl",
    "load_model",
]
