"""A small event for the incident tests: three towns, four reports, known answers.

Claims carry their `location` and `period` already (as `tollbook.enrich` would
give them), so these tests do not depend on the gazetteer build.
"""

from __future__ import annotations

from tollbook.models import Claim, Document, Event
from tollbook.reconcile import Reconciliation, reconcile

BANIYAS = {
    "name": "Baniyas", "lat": 35.182, "lon": 35.948, "admin1": "Tartus",
    "country_iso": "SY", "geonames_id": 173480, "precision": 1, "kind": "place",
}  # fmt: skip
JABLEH = {
    "name": "Jableh", "lat": 35.361, "lon": 35.926, "admin1": "Latakia",
    "country_iso": "SY", "geonames_id": 171179, "precision": 1, "kind": "place",
}  # fmt: skip
TARTUS = {
    "name": "Tartus", "lat": 34.889, "lon": 35.887, "admin1": "Tartus",
    "country_iso": "SY", "geonames_id": None, "precision": 3, "kind": "admin1",
}  # fmt: skip

MAR6 = {"start": "2025-03-06", "end": "2025-03-06"}
MAR8 = {"start": "2025-03-08", "end": "2025-03-08"}
MAR6_8 = {"start": "2025-03-06", "end": "2025-03-08"}

# (doc_id, publisher, published, [(sentence, claim fields or None)])
REPORTS: list[tuple[str, str, str, list[tuple[str, dict | None]]]] = [
    ("mon-0306", "Coast Monitor", "2025-03-06", [
        ("Gunmen loyal to the former regime ambushed security forces near Jableh on Thursday.",
         None),
        ("At least 16 members of the security forces were killed in the ambush near Jableh.",
         dict(outcome="killed", count_low=16, qualifier="at_least", group="security forces",
              place="Jableh", location=JABLEH, period=MAR6)),
        ("Interior Minister Anas Khattab said the attackers would be pursued.", None),
    ]),
    ("wire-0306", "Example Wire", "2025-03-06", [
        ("A local official said 13 members of the security forces died in the Jableh ambush.",
         dict(outcome="killed", count_low=13, group="security forces", place="Jableh",
              location=JABLEH, period=MAR6,
              attributed_to="a local official")),
        ("Kuwait condemned the attack on the security forces.", None),
    ]),
    ("mon-0308", "Coast Monitor", "2025-03-08", [
        ("In the city of Baniyas, 60 civilians were killed during raids by armed groups on "
         "Saturday.",
         dict(outcome="killed", count_low=60, group="civilians", place="Baniyas",
              location=BANIYAS, period=MAR8)),
        ("In Tartus province, the monitor counted 90 civilians killed since Thursday.",
         dict(outcome="killed", count_low=90, group="civilians", place="Tartus province",
              location=TARTUS, period=MAR6_8)),
        ("Across the coast, 300 civilians have been killed so far, the monitor said.",
         dict(outcome="killed", count_low=300, group="civilians", place=None,
              period=MAR6_8)),
    ]),
    ("wire-0312", "Example Wire", "2025-03-12", [
        ("About 200 civilians were killed in Baniyas alone, the monitor said.",
         dict(outcome="killed", count_low=200, qualifier="about", group="civilians",
              place="Baniyas", location=BANIYAS, attributed_to="Coast Monitor")),
        ("Syria's interim president, Ahmed al-Sharaa, urged the insurgents to surrender.", None),
    ]),
]  # fmt: skip

EVENT = Event(
    "Coastal clashes", "coastal-clashes", "2025-03-06", "2025-03-10", ["Jableh", "Baniyas"]
)


def build() -> tuple[list[Document], list[Claim]]:
    docs, claims = [], []
    for doc_id, publisher, published, sentences in REPORTS:
        text, spans = "", []
        for sentence, fields in sentences:
            start = len(text)
            text += sentence + " "
            spans.append((start, sentence, fields))
        docs.append(
            Document(text=text.strip(), doc_id=doc_id, publisher=publisher, published=published,
                     url=f"https://example.org/{doc_id}", title=f"Report {doc_id}")
        )  # fmt: skip
        for start, sentence, fields in spans:
            if fields:
                claims.append(Claim(doc_id, sentence, start, start + len(sentence), **fields))
    return docs, claims


def store_event(store):  # type: ignore[no-untyped-def]
    """Put the corpus in a store as one event; returns the event."""
    docs, claims = build()
    for doc in docs:
        store.add_document(doc)
        store.save_claims(doc.doc_id, [c for c in claims if c.doc_id == doc.doc_id])
    event = store.create_event(EVENT)
    store.assign_documents(event.id, [d.doc_id for d in docs])
    return event


def reconciled() -> Reconciliation:
    """The corpus reconciled as one event, its claims numbered as the store would."""
    docs, claims = build()
    for n, claim in enumerate(claims, start=1):
        claim.id = n
    return reconcile(EVENT, claims, {d.doc_id: d for d in docs})
