"""Actors of incidents (perpetrators, targets, commanders with their side) and ACLED coding."""

from __future__ import annotations

from datetime import date

import incident_corpus
import pytest

from tollbook.actors import (
    actor_side,
    classify,
    code_incident,
    commanders,
    incident_actors,
    perpetrators_in,
)
from tollbook.incidents import group_incidents
from tollbook.incidents.grouping import Incident
from tollbook.models import Claim, Document


@pytest.mark.parametrize(
    ("sentence", "name", "side"),
    [
        ("Gunmen loyal to former President Bashar Assad ambushed security forces near Jableh.",
         "Gunmen loyal to former President Bashar Assad", 2),
        ("Sixty civilians were killed during raids by armed groups taking part in the security "
         "campaign.", "armed groups", 1),
        ("Government helicopters struck the village of Beit Ana, killing four people.",
         "Government helicopters", 1),
        ("Rebels attacked an army checkpoint, killing nine soldiers.", "Rebels", 2),
        ("Twelve people were killed by Israeli air strikes on a school in Gaza City.",
         "Israeli air strikes", 1),
    ],
)  # fmt: skip
def test_perpetrators_and_their_side(sentence, name, side):
    found = dict(perpetrators_in(sentence))
    assert name in found
    assert actor_side(name, found[name])[0] == side


def test_classify_codes():
    assert classify("Civilians") == (3, 7)
    assert classify("security forces") == (1, 1)
    assert classify("insurgents") == (2, 2)
    assert classify("an unidentified armed group") == (2, 3)
    assert classify("tribal militia") == (2, 4)
    assert classify("militias affiliated with the government forces") == (1, 3)
    assert classify("fighters loyal to the ousted president") == (2, 2)


def test_commanders_with_their_office_and_side():
    docs, _ = incident_corpus.build()
    people = {p.name: p for p in commanders(docs)}
    assert people["Ahmed al-Sharaa"].title == "Syria's interim president"
    assert people["Anas Khattab"].title == "Interior Minister"
    assert people["Ahmed al-Sharaa"].side == 1
    assert people["Ahmed al-Sharaa"].doc_id == "wire-0312"


def test_a_former_office_holder_is_not_a_commander():
    doc = Document(
        "Fighters loyal to ousted president Bashar al-Assad attacked a checkpoint. "
        "Defence Minister Murhaf Abu Qasra visited the front.",
        doc_id="d1",
    )
    names = [p.name for p in commanders([doc])]
    assert "Bashar al-Assad" not in names
    assert "Murhaf Abu Qasra" in names


def _coded(quotes: list[tuple[str, str, str, int]]) -> tuple:
    text = " ".join(q for q, *_ in quotes)
    doc = Document(text, doc_id="r1", published="2025-03-08")
    claims, offset = [], 0
    for quote, outcome, group, count in quotes:
        claims.append(Claim("r1", quote, offset, offset + len(quote), outcome, count, group=group))
        offset += len(quote) + 1
    day = date(2025, 3, 8)
    incident = Incident("k", "local", "Town", day, day, claims, location={"country_iso": "SY"})
    actors = incident_actors(incident, {"r1": doc})
    return code_incident(incident, actors), actors


def test_attack_on_civilians_is_violence_against_civilians():
    coding, actors = _coded(
        [("Gunmen stormed the village and killed 20 civilians.", "killed", "civilians", 20)]
    )
    assert (coding.disorder_type, coding.event_type, coding.sub_event_type) == (
        "Political violence", "Violence against civilians", "Attack",
    )  # fmt: skip
    assert coding.civilian_targeting == "Civilian targeting"
    assert coding.actor2 == "Civilians (Syria)" and coding.inter2 == 7
    assert coding.actor1 == "Unidentified Armed Group (Syria)" and coding.interaction == 37
    assert {a.role for a in actors} == {"perpetrator", "target"}


def test_losses_on_both_sides_are_a_battle():
    coding, _ = _coded(
        [("Clashes killed 12 soldiers and 30 insurgents.", "killed", "soldiers", 12),
         ("Clashes killed 12 soldiers and 30 insurgents.", "killed", "insurgents", 30)]
    )  # fmt: skip
    assert (coding.event_type, coding.sub_event_type) == ("Battles", "Armed clash")
    assert coding.interaction == 12 and coding.civilian_targeting == ""
    assert coding.actor1 == "Military Forces of Syria"


def test_air_strike_is_remote_violence():
    coding, _ = _coded(
        [("An air strike on a market killed 9 civilians.", "killed", "civilians", 9)]
    )
    assert (coding.event_type, coding.sub_event_type) == (
        "Explosions/Remote violence", "Air/drone strike",
    )  # fmt: skip


def test_arrests_are_a_strategic_development():
    coding, _ = _coded(
        [("Police detained 40 protesters in the square.", "detained", "protesters", 40)]
    )
    assert (coding.disorder_type, coding.sub_event_type) == ("Strategic developments", "Arrests")


def test_identity_of_civilian_victims_is_the_associated_actor():
    docs, claims = incident_corpus.build()
    claims[2].group = "Alawite civilians"
    root = group_incidents(claims, {d.doc_id: d for d in docs}, incident_corpus.EVENT)
    baniyas = next(i for i in root.walk() if i.name.startswith("Baniyas"))
    coding = code_incident(baniyas, incident_actors(baniyas, {d.doc_id: d for d in docs}))
    assert coding.assoc_actor_2 == "Alawite Group (Syria)"
    assert coding.actor1 == "Unidentified Armed Group (Syria)"  # ACLED names unnamed groups so
