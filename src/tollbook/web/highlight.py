"""A document's text cut into slices at its claims' offsets, for highlighting.

The page never builds HTML from the text: it gets plain slices and the claims
each slice belongs to, and the template escapes every slice like any other
value.  So a document containing `<script>` or a `javascript:` link can only
ever show as text.

Claims may overlap (two figures in one clause) or nest; each slice lists every
claim covering it.  Offsets outside the text, or empty spans, cannot be
highlighted; they are returned separately so the page can say so instead of
silently dropping a claim.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from tollbook.models import Claim


@dataclass
class Slice:
    text: str
    claims: list[Claim] = field(default_factory=list)
    starts: list[Claim] = field(default_factory=list)  # claims whose quote begins here

    @property
    def claim_ids(self) -> str:
        return " ".join(str(c.id) for c in self.claims)

    @property
    def status(self) -> str:
        """The status a highlight shows: the least settled of the claims it covers."""
        order = ("unreviewed", "corrected", "accepted", "rejected")
        return min((c.status for c in self.claims), key=order.index, default="")


def slices(text: str, claims: Sequence[Claim]) -> tuple[list[Slice], list[Claim]]:
    """(slices covering the whole text in order, claims whose offsets do not fit the text)."""
    placed = [c for c in claims if 0 <= c.start < c.end <= len(text)]
    unplaced = [c for c in claims if c not in placed]
    cuts = sorted({0, len(text), *(c.start for c in placed), *(c.end for c in placed)})
    pieces: list[Slice] = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        covering = [c for c in placed if c.start <= start and end <= c.end]
        if pieces and not covering and not pieces[-1].claims:
            pieces[-1].text += text[start:end]
        else:
            pieces.append(
                Slice(text[start:end], covering, [c for c in covering if c.start == start])
            )
    return pieces, unplaced
