"""Read a named-victims list (CSV, XLSX, JSON Lines) into records, with a column mapping.

Each list names its columns its own way; a mapping says which column holds which
field (`--map name=full_name`... on the command line, field=column).  Columns named
like a field (or a common synonym: `name`, `dob`, `id`, `gender`) are mapped without
being asked.  Every row keeps its line number and its values as read (`raw`).

A row with a problem (no name at all, an age that is not a number, a date that is
not a date, a sex that is not one) is reported with its line number and kept out:
values are never guessed or silently changed.  The only rewriting is of form: dates
written DD/MM/YYYY become ISO, surrounding spaces go.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from tollbook.errors import SourceError
from tollbook.victims.features import normalise_sex

FIELDS = (
    "record_ref", "full_name", "alt_name", "given_name", "father_name", "grandfather_name",
    "family_name", "mother_name", "sex", "age", "birth_date", "birth_year", "death_date",
    "death_place", "residence", "region", "national_id", "cause", "perpetrator",
)  # fmt: skip
NAME_FIELDS = ("full_name", "alt_name", "given_name", "family_name")
SYNONYMS = {
    "name": "full_name", "fullname": "full_name", "en_name": "alt_name", "name_en": "alt_name",
    "first_name": "given_name", "firstname": "given_name", "surname": "family_name",
    "last_name": "family_name", "lastname": "family_name", "father": "father_name",
    "mother": "mother_name", "gender": "sex", "dob": "birth_date", "date_of_birth": "birth_date",
    "id": "record_ref", "record_id": "record_ref", "date_of_death": "death_date",
    "place_of_death": "death_place", "governorate": "region", "province": "region",
}  # fmt: skip


@dataclass
class Row:
    line: int
    values: dict[str, str | int | None]
    raw: dict[str, str]


@dataclass
class ParsedList:
    rows: list[Row]
    rejected: list[tuple[int, str]] = field(default_factory=list)
    content_hash: str = ""
    mapping: dict[str, str] = field(default_factory=dict)


def parse_mapping(pairs: list[str]) -> dict[str, str]:
    """`field=column` strings (or `column=field`, the field side is recognised) -> dict."""
    mapping = {}
    for pair in pairs:
        left, sep, right = pair.partition("=")
        if not sep or not left.strip() or not right.strip():
            raise SourceError("--map", f"{pair!r} is not FIELD=COLUMN")
        left, right = left.strip(), right.strip()
        if left in FIELDS:
            mapping[left] = right
        elif right in FIELDS:
            mapping[right] = left
        else:
            raise SourceError("--map", f"{pair!r} names no field (fields: {', '.join(FIELDS)})")
    return mapping


def _table_rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    suffix = path.suffix.lower()
    if suffix in {".csv", ".tsv", ".txt"}:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle, delimiter="\t" if suffix == ".tsv" else ",")
            for row in reader:
                yield reader.line_num, {k: v for k, v in row.items() if k is not None}
    elif suffix in {".jsonl", ".ndjson"}:
        with path.open(encoding="utf-8-sig") as handle:
            for number, text in enumerate(handle, start=1):
                if not text.strip():
                    continue
                try:
                    obj = json.loads(text)
                except json.JSONDecodeError as exc:
                    yield number, {"__error__": f"not JSON ({exc.msg})"}
                    continue
                if not isinstance(obj, dict):
                    yield number, {"__error__": "not a JSON object"}
                    continue
                yield number, {k: "" if v is None else str(v) for k, v in obj.items()}
    elif suffix in {".xlsx", ".xlsm"}:
        from openpyxl import load_workbook

        book = load_workbook(path, read_only=True, data_only=True)
        rows = book.worksheets[0].iter_rows(values_only=True)
        header = [str(h).strip() if h is not None else "" for h in next(rows, ())]
        for number, values in enumerate(rows, start=2):
            if all(v is None for v in values):
                continue
            yield number, {h: _cell(v) for h, v in zip(header, values, strict=False) if h}
        book.close()
    else:
        raise SourceError(str(path), f"unknown list format {suffix!r} (use .csv, .xlsx, .jsonl)")


def _cell(value: object) -> str:
    if value is None:
        return ""
    if hasattr(value, "date") and hasattr(value, "isoformat"):
        return value.date().isoformat() if hasattr(value, "hour") else value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _date(value: str) -> str:
    if re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value):
        return value
    match = re.fullmatch(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})", value)
    if match:
        day, month, year = (int(g) for g in match.groups())
        if 1 <= month <= 12 and 1 <= day <= 31:
            return f"{year:04d}-{month:02d}-{day:02d}"
    raise ValueError(f"not a date: {value!r}")


def _check(values: dict[str, str]) -> dict[str, str | int | None]:
    """Typed values of one row; ValueError names the first problem."""
    out: dict[str, str | int | None] = {}
    for name, value in values.items():
        value = value.strip()
        if not value:
            out[name] = None
        elif name == "age":
            if not re.fullmatch(r"\d{1,3}", value) or int(value) > 130:
                raise ValueError(f"age is not a number of years: {value!r}")
            out[name] = int(value)
        elif name == "birth_year":
            if not re.fullmatch(r"\d{4}", value):
                raise ValueError(f"birth year is not a year: {value!r}")
            out[name] = int(value)
        elif name in {"birth_date", "death_date"}:
            out[name] = _date(value)
        elif name == "sex":
            if normalise_sex(value) is None:
                raise ValueError(f"sex is neither male nor female: {value!r}")
            out[name] = normalise_sex(value)
        else:
            out[name] = value
    if not any(out.get(name) for name in NAME_FIELDS):
        raise ValueError("no name")
    return out


def read_list(path: Path, mapping: Mapping[str, str] | None = None) -> ParsedList:
    """Rows of a list file, checked; problems reported by line number, never imported."""
    if not path.is_file():
        raise SourceError(str(path), "no such file")
    digest = hashlib.sha256(path.read_bytes())
    parsed = ParsedList(rows=[])
    chosen: dict[str, str] | None = None
    for line, raw in _table_rows(path):
        if "__error__" in raw:
            parsed.rejected.append((line, raw["__error__"]))
            continue
        if chosen is None:
            chosen = _resolve_mapping(path, list(raw), dict(mapping or {}))
        try:
            values = _check({f: raw.get(col, "") or "" for f, col in chosen.items()})
        except ValueError as exc:
            parsed.rejected.append((line, str(exc)))
            continue
        parsed.rows.append(Row(line, values, raw))
    parsed.mapping = chosen or dict(mapping or {})
    digest.update(json.dumps(parsed.mapping, sort_keys=True).encode())
    parsed.content_hash = digest.hexdigest()
    return parsed


def _resolve_mapping(path: Path, columns: list[str], mapping: dict[str, str]) -> dict[str, str]:
    missing = [col for col in mapping.values() if col not in columns]
    if missing:
        raise SourceError(str(path), f"no column {missing[0]!r} (columns: {', '.join(columns)})")
    taken = set(mapping.values())
    for column in columns:
        key = column.strip().lower().replace(" ", "_")
        name = key if key in FIELDS else SYNONYMS.get(key)
        if name and name not in mapping and column not in taken:
            mapping[name] = column
    if not any(name in mapping for name in NAME_FIELDS):
        raise SourceError(str(path), "no name column: map one with --map full_name=COLUMN")
    return mapping
