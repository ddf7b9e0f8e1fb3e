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


_NAME_FIELDS = ("full_name", "alt_name", *(f"{p}_name" for p in NAME_PARTS))


def name_features(names: dict) -> dict:
    """The compared name columns of one record's name fields."""
    arabic, latin = _arabic_and_latin(names)
    primary = arabic or latin
    out: dict = {}
    out["name_ar"] = arabic_form(arabic).replace(" ", "") if arabic else None
    out["name_lat"] = latin_form(latin).replace(" ", "") if latin else None
    ar_parts = split_name(arabic) if arabic else None
    parts = split_name(primary) if primary else None
    out["name_sk"] = skeleton(" ".join(parts.tokens)) if parts and parts.tokens else None
    for part in NAME_PARTS:
        given_field = _text(names.get(f"{part}_name"))
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
    return out


def _column(records: pd.DataFrame, name: str) -> pd.Series:
    if name in records:
        return records[name].astype(object).where(records[name].notna(), None)
    return pd.Series([None] * len(records), index=records.index, dtype=object)


def _per_value(series: pd.Series, fn) -> pd.Series:  # type: ignore[no-untyped-def]
    """`fn` applied once per distinct value (lists repeat names and places a lot)."""
    values = series.dropna().unique()
    return series.map({v: fn(v) for v in values}).astype(object)


def features_frame(records: pd.DataFrame) -> pd.DataFrame:
    """Compared columns for every record; `records` needs unique_id and source_dataset."""
    keys = pd.Series(
        list(zip(*(_column(records, f) for f in _NAME_FIELDS), strict=True)), index=records.index
    )
    computed = {k: name_features(dict(zip(_NAME_FIELDS, k, strict=True))) for k in keys.unique()}
    names = pd.DataFrame([computed[k] for k in keys], index=records.index)
    frame = pd.DataFrame(
        {"unique_id": records["unique_id"], "source_dataset": records["source_dataset"]}
    )
    frame = pd.concat([frame, names], axis=1)
    mother = _column(records, "mother_name")
    frame["mother_sk"] = _per_value(mother, lambda v: skeleton(str(v)) or None)
    frame["sex"] = _per_value(_column(records, "sex"), normalise_sex)
    age = pd.to_numeric(_column(records, "age"), errors="coerce")
    frame["age"] = age.where((age >= 0) & (age <= 130)).astype("Int64")
    for name in ("birth_date", "death_date"):
        frame[name] = _per_value(_column(records, name), _iso_date)
    year = pd.to_numeric(frame["birth_date"].str[:4], errors="coerce")
    explicit = pd.to_numeric(_column(records, "birth_year"), errors="coerce")
    from_age = pd.to_numeric(frame["death_date"].str[:4], errors="coerce") - frame["age"]
    frame["birth_year"] = year.fillna(explicit).fillna(from_age).astype("Int64")
    frame["place"] = _per_value(
        _column(records, "death_place"), lambda v: latin_form(str(v)).replace(" ", "") or None
    )
    frame["residence"] = _per_value(
        _column(records, "residence"), lambda v: latin_form(str(v)) or None
    )
    frame["national_id"] = _per_value(
        _column(records, "national_id"), lambda v: re.sub(r"\D", "", str(v)) or None
    )
    return frame[list(FEATURE_COLUMNS)].reset_index(drop=True)


def _iso_date(value: object) -> str | None:
    text = _text(value)
    if text is None:
        return None
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text[:10])
    return match.group(0) if match else None
