"""Casualty claims from document text: every figure with its quote and source.

`extract_claims(doc)` reads one document; `extract_documents(docs)` streams many
through one batched spaCy pipeline.  See `pipeline.py` for the flow,
`candidates.py`, `numbers.py`, `rules.py` and `attribution.py` for each step.
"""

from tollbook.extraction.pipeline import EXTRACTOR, extract_claims, extract_documents, load_model

__all__ = ["EXTRACTOR", "extract_claims", "extract_documents", "load_model"]
