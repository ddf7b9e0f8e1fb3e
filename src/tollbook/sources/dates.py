"""Publication dates as ISO strings, whatever shape the source wrote them in.

A document's `published` is `YYYY-MM-DD` when only the day is known, or a full
ISO datetime when the source gives a time.  ISO input is taken as is (fast
path); anything else ("7 March 2025", "Fri, 07 Mar 2025 10:00:00 GMT") goes
through dateparser, imported lazily because it costs half a second.  A date
without a day ("March 2025") is not turned into the first of the month: a
day nobody stated would later read as a fact.
"""

from __future__ import annotations

import re
import time
from datetime import UTC, date, datetime

_DATE_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_HAS_TIME = re.compile(r"\d{1,2}:\d{2}")
# The shapes reporters and wiki editors write most, read without dateparser.
_COMMON_FORMATS = ("%d %B %Y", "%B %d, %Y", "%d %b %Y", "%b %d, %Y", "%B %d %Y")


def iso_date(value: str | date | time.struct_time | None) -> str | None:
    """The ISO form of a date, or None when the value is empty or not a date."""
    if value is None:
        return None
    if isinstance(value, time.struct_time):  # feedparser's dates, always in UTC
        return _from_datetime(datetime(*value[:6], tzinfo=UTC), has_time=True)
    if isinstance(value, datetime):
        return _from_datetime(value, has_time=True)
    if isinstance(value, date):
        return value.isoformat()
    text = value.strip()
    if not text:
        return None
    if _DATE_ONLY.match(text):
        try:
            return date.fromisoformat(text).isoformat()
        except ValueError:
            return None
    try:
        return _from_datetime(datetime.fromisoformat(text), has_time=True)
    except ValueError:
        pass
    for pattern in _COMMON_FORMATS:
        try:
            return datetime.strptime(text, pattern).date().isoformat()
        except ValueError:
            continue
    return _parse_loosely(text)


def _from_datetime(moment: datetime, *, has_time: bool) -> str:
    if not has_time or (moment.hour, moment.minute, moment.second) == (0, 0, 0):
        if moment.tzinfo is None:
            return moment.date().isoformat()
    return moment.replace(microsecond=0).isoformat()


def _parse_loosely(text: str) -> str | None:
    import dateparser

    parsed = dateparser.parse(
        text,
        languages=["en"],
        settings={"REQUIRE_PARTS": ["day", "month", "year"]},
    )
    if parsed is None:
        return None
    return _from_datetime(parsed, has_time=bool(_HAS_TIME.search(text)))
