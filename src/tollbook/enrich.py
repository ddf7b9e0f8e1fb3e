"""Claims with their place and time resolved: the `location` and `period` contract.

`enrich_claims(claims, doc)` fills each claim's `location` from the gazetteer
(`tollbook.geo.context.locate_claim`) and its `period` from the date resolver
(`tollbook.dates.resolve_claim_period`), and leaves either `None` when it
could not be resolved: an unknown or ambiguous place is never guessed, and a
time expression that cannot be a day of the report's past (a future date, an
end before its start) is refused.  Nothing is lost either way: the claim's
`place` and `when` text stay as the report wrote them, and the reasons a
period was refused are handed back in `problems` for the caller to show.

The claims given are not changed; enriched copies are returned.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from tollbook.dates import resolve_claim_period
from tollbook.geo import Gazetteer
from tollbook.geo.context import locate_claim
from tollbook.models import Claim, Document


def enrich_claims(
    claims: Iterable[Claim],
    doc: Document,
    problems: list[str] | None = None,
    gazetteer: Gazetteer | None = None,
) -> list[Claim]:
    """Copies of `claims` (all from `doc`) with `location` and `period` filled where resolved.

    `gazetteer` defaults to the one built in the user's data directory.
    """
    enriched = []
    for claim in claims:
        location = claim.location or locate_claim(claim, doc, gazetteer)
        found: list[str] = []
        period = claim.period or resolve_claim_period(claim, doc, found)
        if problems is not None:
            problems.extend(f"{doc.doc_id} claim at {claim.start}: {p}" for p in found)
        enriched.append(replace(claim, location=location, period=period))
    return enriched
