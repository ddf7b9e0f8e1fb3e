"""Turn victims' records into the columns linkage compares.

A record may carry its name in one string (`full_name`), in another script as well
(`alt_name`: a romanisation of an Arabic name, or the reverse) or in parts
(`given_name`, `father_name`, `grandfather_name`, `family_name`).  Each name part gets
two compared forms: `*_ar`, the canonical Arabic spelling when the record has one (the
most exact evidence), and `*_sk`, the script-neutral consonant skeleton that lets a
romanised list be compared with one written in Arabic.  Whole names are compared
without spaces (`name_ar`, `name_lat`, `name_sk`) because lists join and split
compounds differently.  Birth year comes from the birth date, else from age and the date
of death; age is kept as given, lists recorded months apart disagree on it by a year.
"""

from __future__ import annotations

import re

import pandas as pd

from tollbook.victims.names import (
    arabic_form,
    has_arabic,
    latin_form,
    skeleton,
    split_name,
    strip_article,
)

NAME_PARTS = ("given", "father", "grandfather", "family")
FEATURE_COLUMNS = (
    "unique_id", "source_dataset", "name_ar", "name_lat", "name_sk",
    *(f"{part}_{form}" for part in NAME_PARTS for form in ("ar", "sk")),
    "mother_sk", "sex", "age", "birth_date", "birth_year", "death_date", "place",
    "residence", "national_id",
)  # fmt: skip

_SEX = {"m": "m", "male": "m", "man": "m", "boy": "m", "ذكر": "m", "f": "f", "female": "f",
        "woman": "f", "girl": "f", "انثى": "f", "أنثى": "f"}  # fmt: skip


def normalise_sex(value: object) -> str | None:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    return _SEX.get(str(value).strip().lower())


def _text(value: object) -> str | None:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    text = " ".join(str(value).split())
    return text or None


def _arabic_and_latin(record: dict) -> tuple[str | None, str | None]:
    arabic = latin = None
    for key in ("full_name", "alt_name"):
        text = _text(record.get(key))
        if text is None:
            continue
        if has_arabic(text):
            arabic = arabic or text
        else:
            latin = latin or text
    if arabic is None and latin is None:
        parts = [_text(record.get(f"{p}_name")) for p in NAME_PARTS]
        joined = " ".join(p for p in parts if p)
        if joined:
            arabic, latin = (joined, None) if has_arabic(joined) else (None, joined)
    return arabic, latin


def record_features(record: dict) -> dict:
    """The compared columns of one record (a dict of importer fields)."""
    arabic, latin = _arabic_and_latin(record)
    primary = arabic or latin
    out: dict = {"unique_id": record["unique_id"], "source_dataset": record["source_dataset"]}
    out["name_ar"] = arabic_form(arabic).replace(" ", "") if arabic else None
    out["name_lat"] = latin_form(latin).replace(" ", "") if latin else None
    ar_parts = split_name(arabic) if arabic else None
    parts = split_name(primary) if primary else None
    out["name_sk"] = skeleton(" ".join(parts.tokens)) if parts and parts.tokens else None
    for part in NAME_PARTS:
        given_field = _text(record.get(f"{part}_name"))
        ar_value = getattr(ar_parts, part) if ar_parts else None
        value = given_field or (getattr(parts, part) if parts else None)
        if given_field and has_arabic(given_field):
            ar_value = arabic_form(given_field).replace(" ", "")
        if part == "family":
            # al-Zoubi, Alzoubi, Zu'bi, الزعبي: lists keep or drop the article
            ar_value = strip_article(ar_value) if ar_value else ar_value
            value = strip_article(value) if value else value
        out[f"{part}_ar"] = ar_value
        out[f"{part}_sk"] = skeleton(value) or None if value else None
    mother = _text(record.get("mother_name"))
    out["mother_sk"] = skeleton(mother) or None if mother else None
    out["sex"] = normalise_sex(record.get("sex"))
    age = _int(record.get("age"))
    out["age"] = age if age is not None and 0 <= age <= 130 else None
    out["birth_date"] = _iso_date(record.get("birth_date"))
    out["death_date"] = _iso_date(record.get("death_date"))
    out["birth_year"] = _birth_year(record, out)
    place = _text(record.get("death_place"))
    out["place"] = latin_form(place).replace(" ", "") if place else None
    residence = _text(record.get("residence"))
    out["residence"] = latin_form(residence) if residence else None
    national_id = _text(record.get("national_id"))
    out["national_id"] = re.sub(r"\D", "", national_id) or None if national_id else None
    return out


def _int(value: object) -> int | None:
    text = _text(value)
    if text is None:
        return None
    try:
        return int(float(text))
    except ValueError:
        return None


def _iso_date(value: object) -> str | None:
    text = _text(value)
    if text is None:
        return None
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text[:10])
    return match.group(0) if match else None


def _birth_year(record: dict, out: dict) -> int | None:
    if out["birth_date"]:
        return int(out["birth_date"][:4])
    explicit = _int(record.get("birth_year"))
    if explicit:
        return explicit
    if out["age"] is not None and out["death_date"]:
        return int(out["death_date"][:4]) - out["age"]
    return None


def features_frame(records: pd.DataFrame) -> pd.DataFrame:
    """Compared columns for every record; `records` needs unique_id and source_dataset."""
    rows = [record_features(r) for r in records.to_dict("records")]
    frame = pd.DataFrame(rows, columns=list(FEATURE_COLUMNS))
    for column in ("age", "birth_year"):
        frame[column] = frame[column].astype("Int64")
    return frame
