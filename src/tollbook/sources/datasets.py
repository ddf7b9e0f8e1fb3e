"""Reading ACLED and UCDP-GED CSV exports, to compare the ledger with them.

`read_dataset(path)` tells the two apart by their columns (`event_id_cnty` is
ACLED's, `date_start` with `best` the GED's), checks the columns and reads
every row into a `DatasetEvent`.  The rules on bad input:

* a file that is neither, or that lacks a column the comparison needs (date,
  place, deaths), is refused with a message naming the missing columns;
* missing columns the comparison can do without, and columns the format does
  not have, are reported in `Dataset.notices` but never stop the import, and
  every value of every row is kept in `DatasetEvent.row`;
* a row whose date or number cannot be read becomes a `SourceError` naming
  the file, the row and the value, and the other rows are read.

`read_dataset_documents` gives one `Document` per row for `tollbook ingest`:
the row's notes (or headline) as text, followed by every field as
`name: value` lines, so the stored document loses nothing of the row.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from tollbook.errors import SourceError
from tollbook.models import Document

ACLED_NEEDED = ("event_id_cnty", "event_date", "country", "location", "fatalities")
ACLED_ALL = (
    "event_id_cnty event_date year time_precision disorder_type event_type sub_event_type "
    "actor1 assoc_actor_1 inter1 actor2 assoc_actor_2 inter2 interaction civilian_targeting "
    "iso region country admin1 admin2 admin3 location latitude longitude geo_precision source "
    "source_scale notes fatalities tags timestamp"
).split()
UCDP_NEEDED = ("id", "date_start", "date_end", "best", "country")
UCDP_ALL = (
    "id relid year active_year code_status type_of_violence conflict_dset_id conflict_new_id "
    "conflict_name dyad_dset_id dyad_new_id dyad_name side_a_dset_id side_a_new_id side_a "
    "side_b_dset_id side_b_new_id side_b number_of_sources source_article source_office "
    "source_date source_headline source_original where_prec where_coordinates "
    "where_description adm_1 adm_2 latitude longitude geom_wkt priogrid_gid country "
    "country_id region event_clarity date_prec date_start date_end deaths_a deaths_b "
    "deaths_civilians deaths_unknown best high low gwnoa gwnob"
).split()
DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%d-%B-%Y", "%d/%m/%Y", "%Y-%m-%d %H:%M:%S.%f")


@dataclass
class DatasetEvent:
    """One event of an imported dataset, in the terms the comparison needs."""

    dataset: str  # acled | ucdp-ged
    event_id: str
    start: date
    end: date
    country: str
    admin1: str
    location: str
    lat: float | None
    lon: float | None
    low: int
    best: int
    high: int
    event_type: str
    notes: str
    row: dict[str, str] = field(default_factory=dict)

    @property
    def level(self) -> str:
        """local, regional or country: how precisely the dataset placed the event."""
        if self.dataset == "acled":
            return "regional" if self.row.get("geo_precision") == "3" else "local"
        prec = self.row.get("where_prec", "")
        if prec in ("4", "5"):
            return "regional"
        return "country" if prec in ("6", "7") else "local"


@dataclass
class Dataset:
    kind: str
    path: str
    events: list[DatasetEvent]
    errors: list[SourceError]
    notices: list[str]


def _day(value: str, where: str) -> date:
    text = value.strip()
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise SourceError(where, f"unreadable date {value!r}")


def _int(value: str, where: str, column: str) -> int:
    text = (value or "").strip().replace(",", "")
    if not text:
        return 0
    try:
        number = int(float(text))
    except ValueError:
        raise SourceError(where, f"{column} is not a number: {value!r}") from None
    if number < 0:
        raise SourceError(where, f"{column} is negative: {value!r}")
    return number


def _float(value: str) -> float | None:
    try:
        return float(value) if value and value.strip() else None
    except ValueError:
        return None


def kind_of(columns: list[str]) -> str | None:
    names = set(columns)
    if "event_id_cnty" in names:
        return "acled"
    if {"date_start", "best"} <= names:
        return "ucdp-ged"
    return None


def _check_columns(path: str, kind: str, columns: list[str]) -> list[str]:
    needed, full = (ACLED_NEEDED, ACLED_ALL) if kind == "acled" else (UCDP_NEEDED, UCDP_ALL)
    missing = [c for c in needed if c not in columns]
    if missing:
        raise SourceError(
            path, f"{kind} CSV without the column(s) {', '.join(missing)}; cannot compare without"
        )
    notices = []
    absent = [c for c in full if c not in columns]
    extra = [c for c in columns if c not in full]
    if absent:
        notices.append(f"{path}: {kind} columns missing (left empty): {', '.join(absent)}")
    if extra:
        notices.append(
            f"{path}: columns not in the {kind} format (kept as read): {', '.join(extra)}"
        )
    return notices


def _acled(row: dict[str, str], where: str) -> DatasetEvent:
    day = _day(row["event_date"], where)
    deaths = _int(row["fatalities"], where, "fatalities")
    return DatasetEvent(
        "acled", row["event_id_cnty"], day, day, row.get("country", ""), row.get("admin1", ""),
        row.get("location", ""), _float(row.get("latitude", "")), _float(row.get("longitude", "")),
        deaths, deaths, deaths, row.get("event_type", ""), row.get("notes", ""), row,
    )  # fmt: skip


def _ucdp(row: dict[str, str], where: str) -> DatasetEvent:
    start, end = _day(row["date_start"], where), _day(row["date_end"], where)
    if end < start:
        raise SourceError(
            where, f"date_end {row['date_end']} is before date_start {row['date_start']}"
        )
    best = _int(row["best"], where, "best")
    low = _int(row.get("low", ""), where, "low") if row.get("low") else best
    high = _int(row.get("high", ""), where, "high") if row.get("high") else best
    place = row.get("where_coordinates") or row.get("where_description") or row.get("adm_1", "")
    return DatasetEvent(
        "ucdp-ged", row["id"], start, end, row.get("country", ""), row.get("adm_1", ""), place,
        _float(row.get("latitude", "")), _float(row.get("longitude", "")), low, best, high,
        {"1": "state-based", "2": "non-state", "3": "one-sided"}.get(
            row.get("type_of_violence", ""), ""
        ),
        row.get("source_headline", ""), row,
    )  # fmt: skip


def parse_dataset(text: str, path: str) -> Dataset:
    """A dataset from CSV text; raises SourceError when it is not one we can compare with."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    columns = [c.strip() for c in (reader.fieldnames or [])]
    kind = kind_of(columns)
    if kind is None:
        raise SourceError(
            path, "a CSV that is neither an ACLED export (event_id_cnty, ...) nor UCDP-GED "
            "(id, date_start, best, ...)"
        )  # fmt: skip
    notices = _check_columns(path, kind, columns)
    events, errors = [], []
    for number, raw in enumerate(reader, start=2):  # line 1 is the header
        where = f"{path} line {number}"
        if None in raw:
            errors.append(SourceError(where, f"{len(raw[None])} more values than columns"))
            continue
        row = {k.strip(): (v or "").strip() for k, v in raw.items() if k is not None}
        try:
            events.append(_acled(row, where) if kind == "acled" else _ucdp(row, where))
        except SourceError as error:
            errors.append(error)
    return Dataset(kind, path, events, errors, notices)


def read_dataset(path: str | Path) -> Dataset:
    origin = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise SourceError(origin, "no such file") from None
    except UnicodeDecodeError as error:
        raise SourceError(origin, f"not UTF-8 text ({error.reason})") from None
    return parse_dataset(text, origin)


def event_document(event: DatasetEvent, origin: str) -> Document:
    fields = "\n".join(f"{k}: {v}" for k, v in event.row.items())
    body = event.notes or event.row.get("where_description") or event.location
    publisher = "ACLED" if event.dataset == "acled" else "UCDP GED"
    return Document(
        text=f"{body}\n\n{fields}\n",
        doc_id=f"{event.dataset}-{event.event_id}",
        title=f"{publisher} event {event.event_id}: {event.location}, {event.start.isoformat()}",
        publisher=publisher,
        published=event.start.isoformat(),
        format=event.dataset,
        origin=origin,
    )


def read_dataset_documents(path: str | Path) -> Iterator[Document | SourceError]:
    """One document per row of an ACLED or UCDP-GED CSV, then an error per unreadable row."""
    try:
        dataset = read_dataset(path)
    except SourceError as error:
        yield error
        return
    for event in dataset.events:
        yield event_document(event, f"{path}#{event.event_id}")
    yield from dataset.errors
