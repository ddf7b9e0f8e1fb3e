"""Geocoding: romanisation variants, context, precision codes, refusals, the claim contract."""

from __future__ import annotations

from pathlib import Path

import pytest
from geo_fixtures import session_gazetteer

from tollbook.geo import (
    Gazetteer,
    Location,
    UnknownCountry,
    country_code,
    geocode,
    haversine_km,
    variant_key,
)
from tollbook.geo.context import document_context, locate_claim
from tollbook.geo.countries import document_country
from tollbook.geo.gazetteer import default_path
from tollbook.geo.mentions import parse_mention
from tollbook.models import Claim, Document


@pytest.fixture(scope="session")
def gazetteer(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    return session_gazetteer(tmp_path_factory)


VARIANTS = [
    ["Jableh", "Jablah", "Jebleh", "Djeble", "Dschabla"],
    ["Baniyas", "Banias", "Bāniyās"],
    ["Latakia", "Lattakia"],
    ["Al-Ladhiqiyah", "Al Lādhiqīyah", "El Ladhiqiya"],
    ["Tartus", "Tartous", "Ţarţūs"],
    ["Sweida", "Suwayda", "As-Suwayda"],
    ["Masyaf", "Misyaf", "Maşyāf"],
    ["Qardaha", "Al-Qardahah", "Al Qardāḩah"],
    ["Deir ez-Zor", "Dayr az Zawr", "Deir Ezzor"],
    ["Kharkiv", "Kharkov"],
    ["Kyiv", "Kiev"],
    ["Mosul", "Al-Mawsil"],
    # other scripts' romanisations, by the same rules
    ["Zaporizhzhia", "Zaporozhye"],
    ["Mazar-i-Sharif", "Mazar-e Sharif", "Mazari Sharif"],
    ["Mekelle", "Mek'ele", "Mekele"],
    ["Kismayo", "Kismaayo"],
    ["Myawaddy", "Myawadi"],
    ["Ouagadougou", "Wagadugu"],
    ["Gonaïves", "Gonaives"],
]


@pytest.mark.parametrize("spellings", VARIANTS, ids=lambda s: s[0])
def test_romanisation_variants_share_one_key(spellings: list[str]) -> None:
    assert len({variant_key(name) for name in spellings}) == 1


def test_different_names_keep_different_keys() -> None:
    assert variant_key("Homs") != variant_key("Hama")
    assert variant_key("Idlib") != variant_key("Aleppo")


def _point(location: Location | None) -> tuple[float, float]:
    assert location is not None
    return location.lat, location.lon


@pytest.mark.parametrize(
    "mention", ["Jableh", "Jablah", "Jebleh", "in the town of Jableh", "the coastal city of Jableh"]
)
def test_variants_resolve_to_the_same_town(gazetteer: Gazetteer, mention: str) -> None:
    location = geocode(mention, "SY", gazetteer=gazetteer)
    assert location is not None
    assert (location.country_iso, location.admin1, location.geonames_id) == (
        "SY",
        "Latakia",
        169304,
    )
    assert (location.kind, location.geo_precision, location.where_prec) == ("place", 1, 1)


def test_region_words_give_first_level_precision(gazetteer: Gazetteer) -> None:
    for mention, region in [("Latakia province", "Latakia"), ("Hama countryside", "Hama")]:
        location = geocode(mention, "SY", gazetteer=gazetteer)
        assert location is not None
        assert (location.kind, location.admin1, location.geonames_id) == ("admin1", region, None)
        assert (location.geo_precision, location.where_prec) == (3, 4)


def test_a_region_of_several_provinces_resolves_as_a_part_of_the_country(
    gazetteer: Gazetteer,
) -> None:
    darfur = geocode("Darfur", "SD", gazetteer=gazetteer)
    assert darfur is not None and (darfur.country_iso, darfur.kind) == ("SD", "part_of_country")
    assert 20 < darfur.lon < 27 and (darfur.geo_precision, darfur.where_prec) == (3, 5)
    kivu = geocode("Kivu", "CD", gazetteer=gazetteer)
    assert kivu is not None and kivu.kind == "part_of_country"


def test_bare_name_is_the_town_not_its_province(gazetteer: Gazetteer) -> None:
    location = geocode("Latakia", "SY", gazetteer=gazetteer)
    assert location is not None and location.kind == "place"


def test_near_and_part_lower_the_precision(gazetteer: Gazetteer) -> None:
    near = geocode("5 km north of Idlib", "SY", gazetteer=gazetteer)
    assert near is not None and near.kind == "near_place" and near.where_prec == 2
    country = geocode("Syria", gazetteer=gazetteer)
    assert country is not None and (country.kind, country.where_prec) == ("country", 6)
    part = geocode("southern Israel", "IL", gazetteer=gazetteer)
    assert part is not None and (part.kind, part.where_prec) == ("part_of_country", 5)


def test_country_context_picks_the_right_namesake(gazetteer: Gazetteer) -> None:
    # Tripoli in Lebanon and in Libya: the document's country decides.
    lebanon = geocode("Tripoli", "LB", gazetteer=gazetteer)
    libya = geocode("Tripoli", "Libya", gazetteer=gazetteer)
    assert lebanon is not None and lebanon.country_iso == "LB"
    assert libya is not None and libya.country_iso == "LY"


def test_nearby_mentions_pick_the_closer_namesake(gazetteer: Gazetteer) -> None:
    # Many Ukrainian villages share a name; the one near the other places in the text wins.
    candidates = [
        e
        for e in gazetteer.lookup(variant_key("Mykolaivka"))
        if e.country_iso == "UA" and e.matched == "mykolaivka"
    ]
    far_apart = [
        (a, b)
        for a in candidates
        for b in candidates
        if haversine_km(a.lat, a.lon, b.lat, b.lon) > 300
    ]
    assert far_apart, "the gazetteer should hold several Ukrainian Mykolaivka"
    first, second = far_apart[0]
    for target in (first, second):
        anchor = Location(
            "anchor", target.lat + 0.05, target.lon, "UA", None, None, None, "place", 1, 1, "x"
        )
        location = geocode("Mykolaivka", "UA", near=[anchor], gazetteer=gazetteer)
        assert location is not None
        assert haversine_km(location.lat, location.lon, target.lat, target.lon) < 50


def test_namesake_villages_without_context_are_not_guessed(gazetteer: Gazetteer) -> None:
    # Dozens of Ukrainian villages are called Mykolaivka: without a nearby mention
    # to choose by, none is picked; the city of Mykolaiv outweighs its namesakes.
    assert geocode("Mykolaivka", "UA", gazetteer=gazetteer) is None
    city = geocode("Mykolaiv", "UA", gazetteer=gazetteer)
    assert city is not None and city.population > 400_000


def test_within_narrows_and_falls_back(gazetteer: Gazetteer) -> None:
    shaas = geocode("Shaas near Tartus", "SY", gazetteer=gazetteer)
    assert shaas is not None and shaas.name == "Ţarţūs" and shaas.kind == "near_place"
    state = geocode("Zacatecas, a state in central Mexico", gazetteer=gazetteer)
    assert state is not None and (state.country_iso, state.kind) == ("MX", "admin1")
    pale = geocode("Pale Township, Sagaing Region", "MM", gazetteer=gazetteer)
    assert pale is not None and pale.country_iso == "MM" and pale.geo_precision >= 2


def test_unknown_places_are_not_guessed(gazetteer: Gazetteer) -> None:
    assert geocode("the village of Beit Ana", "SY", gazetteer=gazetteer) is None
    assert geocode("Zamzam camp", "SD", gazetteer=gazetteer) is None
    assert geocode("Blorptown", gazetteer=gazetteer) is None
    assert geocode("", "SY", gazetteer=gazetteer) is None
    # A village-sized namesake abroad is not taken for a place in the document's country.
    assert geocode("Bohong", "CF", gazetteer=gazetteer) is None


def test_an_unknown_country_hint_is_an_error(gazetteer: Gazetteer) -> None:
    with pytest.raises(UnknownCountry, match="Narnia"):
        geocode("Jableh", "Narnia", gazetteer=gazetteer)
    assert geocode("Jableh", "SYR", gazetteer=gazetteer) is not None  # ISO alpha-3 works
    assert country_code("Ghana", gazetteer) == "GH" and country_code("Guinea", gazetteer) == "GN"
    assert country_code("Syrian Arab Republic", gazetteer) == "SY"
    assert country_code("Sirya", gazetteer) == "SY"  # a variant spelling of one country


def test_a_city_abroad_still_resolves(gazetteer: Gazetteer) -> None:
    moscow = geocode("Moscow", "SY", gazetteer=gazetteer)
    assert moscow is not None and moscow.country_iso == "RU"
    sderot = geocode("Sderot", "PS", gazetteer=gazetteer)  # across the border
    assert sderot is not None and sderot.country_iso == "IL"


def test_mentions_are_taken_apart() -> None:
    mention = parse_mention("Russia's Khmeimim air base")
    assert (mention.name, mention.within, mention.near) == ("Khmeimim", "Russia", True)
    assert parse_mention("the outskirts of Homs").near
    assert parse_mention("Hama countryside").scope == "admin1"
    assert parse_mention("Jableh, Latakia").within == "Latakia"


def test_document_country_from_names_and_demonyms(gazetteer: Gazetteer) -> None:
    text = "Syrian security forces clashed with gunmen; the Syrian Observatory said."
    assert document_country(text, gazetteer) == "SY"
    assert document_country("Congolese troops and Ugandan allies", gazetteer) == "CD"
    assert document_country("Nothing here names a state.", gazetteer) is None


def test_named_places_vote_for_the_document_country(gazetteer: Gazetteer) -> None:
    doc = Document(text="Gunmen opened fire on tourists in Pahalgam; the wounded reached Srinagar.")
    assert document_context(doc, gazetteer).country == "IN"


def test_a_demonym_with_a_common_noun_is_part_of_that_country(gazetteer: Gazetteer) -> None:
    coast = geocode("the Syrian coast", gazetteer=gazetteer)
    assert coast is not None and (coast.country_iso, coast.kind) == ("SY", "part_of_country")
    assert geocode("Syrian Observatory", gazetteer=gazetteer) is None


def test_locate_claim_gives_the_contract_object(gazetteer: Gazetteer) -> None:
    doc = Document(
        text="Syrian forces clashed with gunmen in Jableh and near Latakia on Thursday. "
        "In Baniyas, at least 60 people were killed.",
        published="2025-03-08",
    )
    claim = Claim(doc.doc_id or "", "at least 60 people were killed", 0, 10, "killed", 60)
    claim.place = "Baniyas"
    location = locate_claim(claim, doc, gazetteer)
    assert location is not None
    assert set(location) >= {
        "name",
        "lat",
        "lon",
        "admin1",
        "country_iso",
        "geonames_id",
        "precision",
    }
    assert (location["country_iso"], location["admin1"], location["precision"]) == (
        "SY",
        "Tartus",
        1,
    )
    claim.place = None  # falls back to the one place named in the quote
    claim.quote = "In Baniyas, at least 60 people were killed."
    fallback = locate_claim(claim, doc, gazetteer)
    assert fallback is not None and fallback["geonames_id"] == location["geonames_id"]
    claim.place = "the village of Beit Ana"
    assert locate_claim(claim, doc, gazetteer) is None


def test_gazetteer_is_built_once_and_reopened(gazetteer: Gazetteer, tmp_path: Path) -> None:
    stats = gazetteer.stats()
    assert stats["place"] > 200_000 and stats["admin1"] > 3_000 and stats["country"] > 240
    stamp = gazetteer.path.stat().st_mtime
    again = Gazetteer.open(gazetteer.path)
    assert again.path.stat().st_mtime == stamp
    again.close()


def test_default_path_follows_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("TOLLBOOK_GAZETTEER", raising=False)
    monkeypatch.setenv("TOLLBOOK_HOME", str(tmp_path))
    assert default_path().parent == tmp_path
    monkeypatch.setenv("TOLLBOOK_GAZETTEER", str(tmp_path / "elsewhere.sqlite"))
    assert default_path() == tmp_path / "elsewhere.sqlite"


def test_a_stale_or_broken_file_is_refused(gazetteer: Gazetteer, tmp_path: Path) -> None:
    # Refused files are what `Gazetteer.open` rebuilds (building takes tens of seconds,
    # so only the refusal is tested here; the session fixture covers the build).
    import shutil
    import sqlite3

    stale = tmp_path / "stale.sqlite"
    shutil.copy(gazetteer.path, stale)
    conn = sqlite3.connect(stale)
    conn.execute("UPDATE meta SET value = '0' WHERE key = 'version'")
    conn.commit()
    conn.close()
    with pytest.raises(ValueError, match="another version"):
        Gazetteer(stale)
    broken = tmp_path / "broken.sqlite"
    broken.write_bytes(b"not a database at all, just some bytes to fill a page")
    with pytest.raises(sqlite3.DatabaseError):
        Gazetteer(broken)


def test_public_api_is_complete() -> None:
    import tollbook.geo

    assert all(hasattr(tollbook.geo, name) for name in tollbook.geo.__all__)
