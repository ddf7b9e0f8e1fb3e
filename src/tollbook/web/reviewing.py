"""A reviewer's decision as it arrives from a form or the API, checked, then applied.

`Decision` is the one validation model at this boundary (pydantic): the
decision, the claim version the reviewer saw, an optional note, and for a
correction the fields they changed.  `apply` compares the corrected fields with
the claim as stored and passes only real changes to `Store.review`, with the
version the page was rendered with, so a decision made on a stale page is
refused as a conflict (and kept in the audit trail by the store).
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field, ValidationError, field_validator, model_validator

from tollbook.errors import TollbookError
from tollbook.models import OUTCOMES, QUALIFIERS, Claim
from tollbook.store import Store

Outcome = Literal[OUTCOMES]  # type: ignore[valid-type]
Qualifier = Literal[QUALIFIERS]  # type: ignore[valid-type]
CORRECTABLE = ("count_low", "count_high", "qualifier", "outcome", "group", "attributed_to")


class Decision(BaseModel):
    """Accept, reject or correct one claim, as the reviewer saw it at `version`."""

    decision: Literal["accept", "reject", "correct"]
    version: int = Field(ge=1, description="The claim version shown to the reviewer.")
    note: str | None = Field(None, max_length=2000)
    count_low: int | None = Field(None, ge=0, le=100_000_000)
    count_high: int | None = Field(None, ge=0, le=100_000_000)
    qualifier: Qualifier | None = None
    outcome: Outcome | None = None
    group: str | None = Field(None, max_length=120)
    attributed_to: str | None = Field(
        None, max_length=300, description="Who says so; empty for the document's own voice."
    )

    @field_validator("note", "group", "attributed_to")
    @classmethod
    def _strip(cls, value: str | None) -> str | None:
        return " ".join(value.split()) if value is not None else None

    @model_validator(mode="after")
    def _consistent(self) -> Decision:
        if self.count_high is not None and self.count_low is not None:
            if self.count_high < self.count_low:
                raise ValueError("the high figure is smaller than the low figure")
        if self.group is not None and not self.group:
            raise ValueError("the group cannot be empty (use 'unspecified')")
        return self


def parse_form(form: dict[str, str]) -> Decision:
    """A `Decision` from form fields (empty strings mean 'left blank')."""
    data: dict[str, Any] = {k: v for k, v in form.items() if k in Decision.model_fields}
    if data.get("decision") != "correct":
        data = {k: v for k, v in data.items() if k in ("decision", "version", "note")}
    for key in ("count_high", "note"):
        if data.get(key) == "":
            data[key] = None
    return checked(data)


def checked(data: dict[str, Any]) -> Decision:
    try:
        return Decision.model_validate(data)
    except ValidationError as error:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or 'decision'}: {e['msg']}"
            for e in error.errors()
        )
        raise TollbookError(f"this decision cannot be recorded ({problems})") from None


def changes_for(decision: Decision, current: Claim) -> dict[str, Any]:
    """The corrected fields that differ from the stored claim."""
    changes: dict[str, Any] = {}
    for name in CORRECTABLE:
        if name not in decision.model_fields_set:
            continue
        value = getattr(decision, name)
        if name == "attributed_to":
            value = value or None  # blank: the document says it in its own voice
        elif name in ("count_low", "qualifier", "outcome", "group") and value is None:
            continue  # these cannot be blanked
        if value != getattr(current, name):
            changes[name] = value
    low = changes.get("count_low", current.count_low)
    high = changes.get("count_high", current.count_high)
    if high is not None and high < low:
        raise TollbookError(f"the high figure ({high:,}) is smaller than the low figure ({low:,})")
    qualifier = changes.get("qualifier", current.qualifier)
    if qualifier == "range" and high is None:
        raise TollbookError("a range needs a high figure")
    return changes


def apply(store: Store, claim_id: int, reviewer: str, decision: Decision) -> Claim:
    """Record the decision; raises `Conflict` when the claim changed since `decision.version`."""
    current = store.get_claim(claim_id)
    changes = changes_for(decision, current) if decision.decision == "correct" else {}
    if decision.decision == "correct" and not changes:
        raise TollbookError("nothing was changed: accept the claim instead, or change a field")
    return store.review(
        claim_id,
        reviewer,
        decision.decision,
        changes=changes,
        note=decision.note or None,
        expected_version=decision.version,
    )
