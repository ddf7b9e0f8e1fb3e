"""Reconciliation: bounds traced to claims, toll curves, contradictions."""

from __future__ import annotations

import pytest

from tollbook import Claim, Document, Event
from tollbook.reconcile import reconcile, reconcile_event, render_text
from tollbook.store import Store

EVENT = Event(
    "Coast clashes", "coast", "2025-03-06", "2025-03-31", ["Latakia", "Tartus", "Baniyas"]
)


class Ledger:
    """Builds documents and claims the way the extractor would hand them over."""

    def __init__(self) -> None:
        self.documents: dict[str, Document] = {}
        self.claims: list[Claim] = []

    def says(
        self,
        publisher: str,
        date: str,
        count: int,
        *,
        group: str = "civilians",
        qualifier: str = "exact",
        source: str | None = None,
        high: int | None = None,
        outcome: str = "killed",
        place: str | None = None,
        status: str = "unreviewed",
    ) -> Claim:
        n = len(self.claims)
        text = f"{source or publisher} reported {count} {group} {outcome} ({date}, {n})."
        doc = Document(text=text, publisher=publisher, published=date)
        self.documents[doc.doc_id or ""] = doc
        claim = Claim(
            doc.doc_id or "",
            text,
            0,
            len(text),
            outcome,
            count,
            high,
            qualifier,
            group,
            source,
            place,
            None,
            id=len(self.claims) + 1,
            status=status,
        )
        self.claims.append(claim)
        return claim

    def reconcile(self):  # type: ignore[no-untyped-def]
        return reconcile(EVENT, self.claims, self.documents)


def test_latest_figure_of_a_source_supersedes_its_earlier_ones() -> None:
    ledger = Ledger()
    ledger.says("Reuters", "2025-03-08", 745, source="SOHR")
    ledger.says("AFP", "2025-03-12", 1383, source="Syrian Observatory for Human Rights")
    ledger.says("UN News", "2025-03-11", 111, source="UN human rights office")
    tally = ledger.reconcile().tally("killed", "civilians")
    assert tally is not None
    assert len(tally.curves) == 2  # SOHR's two names are one source
    sohr = next(c for c in tally.curves if "Observatory" in c.source)
    assert [f.claim.count_low for f in sohr.figures] == [745, 1383]
    assert sohr.current.claim.count_low == 1383
    assert (tally.low.value, tally.high.value) == (111, 1383)
    assert [f.claim.count_low for f in tally.low.figures] == [111]


def test_best_is_a_stated_figure_never_an_average() -> None:
    ledger = Ledger()
    for i, (who, n) in enumerate([("A", 100), ("B", 140), ("C", 900), ("D", 1000)]):
        ledger.says(who, f"2025-03-1{i}", n)
    tally = ledger.reconcile().tally("killed", "civilians")
    assert tally is not None
    assert tally.best.value in {100, 140, 900, 1000}
    assert tally.best.value == 140
    assert tally.best.figures[0].source == "B"


def test_sources_that_cannot_both_be_right_are_flagged() -> None:
    ledger = Ledger()
    ledger.says("UN", "2025-03-10", 111)
    ledger.says("Monitor", "2025-03-10", 700, qualifier="at_least")
    ledger.says("Network", "2025-03-10", 650, qualifier="about")
    rec = ledger.reconcile()
    kinds = [(c.kind, {f.source for f in c.figures}) for c in rec.contradictions]
    assert ("disagreement", {"UN", "Monitor"}) in kinds
    assert ("disagreement", {"UN", "Network"}) in kinds
    # "about 650" reaches 715, so it does not contradict "at least 700".
    assert ("disagreement", {"Monitor", "Network"}) not in kinds


def test_a_source_reporting_a_local_figure_beside_its_total_is_not_falling() -> None:
    ledger = Ledger()
    ledger.says("Monitor", "2025-03-08", 745)
    ledger.says("Monitor", "2025-03-09", 60)  # one town's dead, same day as the total
    ledger.says("Monitor", "2025-03-09", 1000, qualifier="more_than")
    ledger.says("Monitor", "", 1500, qualifier="at_least")  # undated: supersedes nothing
    rec = ledger.reconcile()
    assert [c for c in rec.contradictions if c.kind == "falling"] == []
    tally = rec.tally("killed", "civilians")
    assert tally is not None and tally.curves[0].current.claim.count_low == 1000


def test_a_falling_figure_is_flagged() -> None:
    ledger = Ledger()
    ledger.says("Ministry", "2025-03-07", 231, group="security forces")
    ledger.says("Ministry", "2025-03-20", 200, group="security forces", qualifier="about")
    ledger.says("Ministry", "2025-03-30", 150, group="security forces")
    rec = ledger.reconcile()
    falling = [c for c in rec.contradictions if c.kind == "falling"]
    assert falling and "fell from 231" in falling[-1].message


def test_a_subgroup_larger_than_its_whole_is_flagged() -> None:
    ledger = Ledger()
    ledger.says("Monitor", "2025-03-08", 60, group="civilians")
    ledger.says("Monitor", "2025-03-08", 75, group="children")
    ledger.says("Monitor", "2025-03-09", 10, group="women")
    rec = ledger.reconcile()
    sub = [c for c in rec.contradictions if c.kind == "subgroup"]
    assert len(sub) == 1 and sub[0].message.startswith("children killed")


def test_rejected_claims_are_left_out_and_places_get_their_own_tally() -> None:
    ledger = Ledger()
    ledger.says("Monitor", "2025-03-08", 745)
    ledger.says("Monitor", "2025-03-09", 7450, status="rejected")
    ledger.says("Monitor", "2025-03-09", 60, place="Baniyas")
    ledger.says("Monitor", "2025-03-09", 800, place="Latakia and Tartus")
    country = ledger.says("Wire", "2025-03-09", 790, place="Syria")
    country.location = {"name": "Syria", "kind": "country"}
    town = ledger.says("Monitor", "2025-03-10", 12, place="Homs")  # not one of the event's
    town.location = {"name": "Homs", "kind": "place", "country_iso": "SY"}
    rec = ledger.reconcile()
    wide = rec.tally("killed", "civilians")
    assert wide is not None and wide.high.value == 800
    assert {c.source for c in wide.curves} == {"Monitor", "Wire"}
    homs = rec.tally("killed", "civilians", "Homs")
    assert homs is not None and homs.best.value == 12
    baniyas = rec.tally("killed", "civilians", "Baniyas")
    assert baniyas is not None and baniyas.best.value == 60
    assert not [c for c in rec.contradictions if c.kind == "falling"]


def test_a_place_abroad_is_where_someone_spoke_not_the_scene() -> None:
    ledger = Ledger()
    for n in (40, 50):
        scene = ledger.says("Monitor", "2025-03-08", n, place="Jableh")
        scene.location = {"name": "Jableh", "kind": "place", "country_iso": "SY"}
    speaker = ledger.says("UN", "2025-03-11", 111, place="Geneva")
    speaker.location = {"name": "Geneva", "kind": "place", "country_iso": "CH"}
    rec = ledger.reconcile()
    wide = rec.tally("killed", "civilians")
    assert wide is not None and [c.source for c in wide.curves] == ["UN"]


def test_ranges_and_hedges_set_the_bounds_they_state() -> None:
    ledger = Ledger()
    ledger.says("A", "2025-03-08", 20, high=30, qualifier="range", outcome="wounded")
    ledger.says("B", "2025-03-08", 50, qualifier="up_to", outcome="wounded")
    tally = ledger.reconcile().tally("wounded", "civilians")
    assert tally is not None
    assert (tally.low.value, tally.high.value) == (20, 50)


def test_reconcile_from_the_store_counts_corrections(store: Store) -> None:
    doc = Document(
        text="Monitors in Latakia said 40 civilians were killed.",
        publisher="Monitor",
        published="2025-03-08",
    )
    store.add_document(doc)
    store.save_claims(
        doc.doc_id or "",
        [Claim(doc.doc_id or "", doc.text, 0, len(doc.text), "killed", 40, group="civilians")],
    )
    event = store.create_event(EVENT)
    store.assign_documents(event.id or 0, store.matching_documents(event))
    claim = store.claims(event_id=event.id)[0]
    store.review(claim.id or 0, "ana", "correct", {"count_low": 41})
    rec = reconcile_event(store, event)
    tally = rec.tally("killed", "civilians")
    assert tally is not None and tally.best.value == 41
    assert "41" in render_text(rec)


@pytest.mark.parametrize(
    "qualifier,expected",
    [("at_least", "at least 1,383"), ("range", "1,383–1,400"), ("about", "about 1,383")],
)
def test_figures_read_as_their_words(qualifier: str, expected: str) -> None:
    from tollbook.reconcile import format_figure

    claim = Claim("d", "q", 0, 1, "killed", 1383, 1400 if qualifier == "range" else None, qualifier)
    assert format_figure(claim) == expected


def test_an_article_figure_is_backed_by_the_reference_after_it() -> None:
    from tollbook import Citation

    text = "The monitor counted 745 dead.\n\nThe UN verified 111 deaths. Later text."
    cite_un = Citation(
        url="https://un.example/1",
        publisher="UN News",
        date="2025-03-11",
        offsets=[text.index(" Later")],
    )
    cite_far = Citation(
        url="https://x.example", publisher="Elsewhere", date="2025-03-01", offsets=[len(text)]
    )
    article = Document(text=text, format="wikitext", citations=[cite_far, cite_un])
    first = text.index("The monitor")
    claims = [
        Claim(
            article.doc_id or "",
            "The monitor counted 745 dead.",
            first,
            first + 29,
            "killed",
            745,
            group="civilians",
            id=1,
        ),
        Claim(
            article.doc_id or "",
            "The UN verified 111 deaths.",
            text.index("The UN"),
            text.index(" Later"),
            "killed",
            111,
            group="civilians",
            id=2,
        ),
    ]
    rec = reconcile(EVENT, claims, {article.doc_id or "": article})
    tally = rec.tally("killed", "civilians")
    assert tally is not None
    by_count = {f.claim.count_low: f for f in tally.figures}
    assert by_count[111].document.url == "https://un.example/1"
    assert (by_count[111].source, by_count[111].reported) == ("UN News", "2025-03-11")
    # No reference follows the first figure within its paragraph: the article stands.
    assert by_count[745].document is article


@pytest.mark.parametrize(
    "label,folded",
    [
        ("General Security directorate members", "security forces"),
        ("army and security forces", "security forces"),
        ("security personnel", "security forces"),
        ("police officers", "security forces"),
        ("pro-Assad fighters", "pro-assad fighters"),
        ("Alawite civilians", "alawite civilians"),
        ("Children", "children"),
        (None, "unspecified"),
    ],
)
def test_group_labels_fold_so_sources_meet(label: str | None, folded: str) -> None:
    from tollbook.reconcile.groups import normalise_group

    assert normalise_group(label) == folded


def test_source_names_fold_their_many_forms() -> None:
    from tollbook.reconcile.sources import SourceNames

    names = SourceNames([
        "Syrian Observatory for Human Rights", "SOHR", "the Observatory", "SOHR activists",
        "Rami Abdul Rahman, director of the Syrian Observatory for Human Rights (SOHR)",
        "Rami Abdul Rahman", "the UN Human Rights Office", "The United Nations human rights office",
        "a local official", "a local official in Damascus", "UN News", "according to the Ministry",
        "the Ministry", "The Britain-based Syrian Observatory for Human Rights",
    ])  # fmt: skip
    sohr = "Syrian Observatory for Human Rights"
    assert names("The Britain-based Syrian Observatory for Human Rights") == sohr
    for form in ("SOHR", "the Observatory", "SOHR activists", "Rami Abdul Rahman"):
        assert names(form) == sohr, form
    assert names("the UN Human Rights Office") == names("The United Nations human rights office")
    assert names("a local official") == "a local official in Damascus"
    assert names("UN News") == "UN News"  # a publisher, not the rights office
    assert names("according to the Ministry") == names("the Ministry")
