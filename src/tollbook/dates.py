"""Time expressions in news, resolved against the document's publication date.

"on Thursday", "since Thursday", "last week", "early Saturday", "on 6 March",
"between 6 and 8 March", "in March" all mean a day or a span only relative to
when the report was published.  `resolve_period` turns one such expression
into a `Period` (first day, last day, precision codes).

How:

* modifiers that do not move the date are dropped first ("early", "late on",
  "the night of", "the early hours of"), because `dateparser` returns nothing
  for "late on Thursday";
* spans are read by our own rules: "between A and B", "from A to B",
  "6-8 March", "since X" (X to the publication date), "last week" (the
  previous Monday to Sunday), "this month", "early/mid/late March";
* a single day, month or year is read by `dateparser` (offline) with the
  publication date as RELATIVE_BASE and PREFER_DATES_FROM="past", which also
  tells whether it read a day, a week, a month or a year;
* a span never runs past the publication date: "in March" in a report of
  8 March is 1–8 March.

Precision follows the span: ACLED time_precision 1 = a day, 2 = within a
week, 3 = within a month or more; UCDP date_prec 1 = a day, 2 = 2–6 days,
3 = a week, 4 = 8–31 days or a month, 5 = longer.

A document without a publication date is resolved against its retrieval date
and the period carries the flag "no_publication_date".  A date after the
publication, an impossible date (30 February) and a span that ends before it
starts raise `DateError`, a `TollbookError` naming the expression.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any

from tollbook.errors import TollbookError
from tollbook.models import Claim, Document

_MONTHS = {
    name: index
    for index, month in enumerate(calendar.month_name)
    if month
    for name in (month.lower(), month[:3].lower(), month[:4].lower())
}
_MONTH = r"(?P<{}>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAYS = {name.lower(): index for index, name in enumerate(calendar.day_name)}
_WEEKDAY = r"(?P<weekday>" + "|".join(_WEEKDAYS) + r")"
_YEAR = r"(?P<{}>(?:19|20)\d\d)"
_DAY = r"(?P<{}>[0-3]?\d)(?:st|nd|rd|th)?"
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "a few": 3, "several": 3,
}  # fmt: skip
_NOISE = re.compile(
    r"\b(?:early|late|earlier|later|mid|around|about|approximately|overnight|on|at|by|as of|"
    r"in the early hours of|in the late hours of|the early hours of|the night of|"
    r"the morning of|the evening of|the afternoon of|night|morning|afternoon|evening|"
    r"midnight|dawn|noon)\b",
    re.IGNORECASE,
)


_MONTH_NAMES = "|".join(sorted(_MONTHS, key=len, reverse=True))
_WEEKDAY_NAMES = "|".join(_WEEKDAYS)
_RELATIVE_YEAR = re.compile(r"\b(" + _MONTH_NAMES + r")\.? (last|this) year\b")
_EMBEDDED_DATE = re.compile(
    r"\b(?:[0-3]?\d\s+(?:" + _MONTH_NAMES + r")\.?|(?:" + _MONTH_NAMES + r")\.?\s+[0-3]?\d\b)"
    r"(?:,?\s+(?:19|20)\d\d)?|\b(?:" + _MONTH_NAMES + r")\.?\s+(?:19|20)\d\d\b"
)


class DateError(TollbookError):
    """A time expression that cannot be a period of the report's past."""

    def __init__(self, expression: str, problem: str) -> None:
        self.expression = expression
        self.problem = problem
        super().__init__(f"{expression!r}: {problem}")


@dataclass(frozen=True)
class Period:
    """A resolved span of days (inclusive) with the precision codes it implies."""

    start: date
    end: date
    expression: str
    flags: tuple[str, ...] = field(default=())

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def time_precision(self) -> int:
        """ACLED time_precision (1–3)."""
        return 1 if self.days == 1 else 2 if self.days <= 7 else 3

    @property
    def date_prec(self) -> int:
        """UCDP GED date_prec (1–5)."""
        days = self.days
        if days == 1:
            return 1
        if days <= 6:
            return 2
        if days == 7:
            return 3
        return 4 if days <= 31 else 5

    def to_contract(self) -> dict[str, Any]:
        """The `period` object of the claims JSONL contract."""
        return {
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "precision": self.time_precision,
            "date_prec": self.date_prec,
            "flags": list(self.flags),
        }


def parse_day(value: str | date | datetime | None) -> date | None:
    """A date from an ISO date or datetime string (or a date); None for None or ''."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return datetime.fromisoformat(value.strip().replace("Z", "+00:00")).date()
    except ValueError:
        try:
            return date.fromisoformat(value.strip()[:10])
        except ValueError as error:
            raise DateError(value, "not an ISO date") from error


def resolve_period(
    expression: str,
    published: str | date | datetime | None,
    retrieved: str | date | datetime | None = None,
) -> Period | None:
    """The period `expression` names, seen from the publication date.

    None when the words are not a time expression this module can place
    ("so far", "during the war").  Raises DateError for dates after the
    publication, impossible dates and reversed spans.
    """
    flags: tuple[str, ...] = ()
    base = parse_day(published)
    if base is None:
        base = parse_day(retrieved) or date.today()
        flags = ("no_publication_date",)
    text = " ".join(expression.lower().replace("’", "'").split()).strip(" .,;:")
    text = re.sub(r"(?<=day)'s\b", "", text)  # "Monday's attack"
    text = re.sub(r"\b(\d{1,2})(?:st|nd|rd|th)? of\b", r"\1", text)  # "the 6th of March"
    span = _read(text, base, expression)
    if span is None:
        return None
    start, end = span
    if start > end:
        raise DateError(expression, f"span ends ({end}) before it starts ({start})")
    if start > base + timedelta(days=1):
        raise DateError(expression, f"{start} is after the report's date {base}")
    # Nothing after the report, except a day of slack for time zones ("as of March 9").
    return Period(start, max(min(end, base), start), expression, flags)


def _read(text: str, base: date, expression: str) -> tuple[date, date] | None:
    text = _RELATIVE_YEAR.sub(lambda m: f"{m.group(1)} {base.year - (m.group(2) == 'last')}", text)
    for reader in (_since, _between, _relative, _part_of_month):
        span = reader(text, base, expression)
        if span is not None:
            return span
    span = _single(_strip_noise(text), base, expression)
    if span is None:
        # A date inside longer words: "the violence that broke out on March 6".
        match = _EMBEDDED_DATE.search(text)
        if match and match.group(0) != text:
            return _single(match.group(0), base, expression)
    return span


def _strip_noise(text: str) -> str:
    text = _NOISE.sub(" ", text)
    text = re.sub(r"^\s*(?:in|during|of|the|this past|last|past|this)\s+", " ", text)
    return " ".join(text.replace(",", " ").split())


def _since(text: str, base: date, expression: str) -> tuple[date, date] | None:
    match = re.match(r"^(?:ever\s+)?since\s+(?:the\s+)?(.+)$", text)
    if not match:
        return None
    inner = _read(match.group(1), base, expression)
    if inner is None:
        return None
    return inner[0], base


def _between(text: str, base: date, expression: str) -> tuple[date, date] | None:
    patterns = (
        # between 6 and 8 March (2025) / 6-8 March / from 6 to 8 March
        r"^(?:between|from)?\s*" + _DAY.format("d1") + r"\s*(?:and|to|-|–|until|till)\s*"
        + _DAY.format("d2") + r"\s+" + _MONTH.format("m2")
        + r"(?:\s*,?\s*" + _YEAR.format("y2") + r")?$",
        # between March 6 and 8 / Nov. 15 and 18 / March 6-8
        r"^(?:between|from)?\s*" + _MONTH.format("m1") + r"\s*" + _DAY.format("d1")
        + r"\s*(?:and|to|-|–|until|till)\s*" + _DAY.format("d2")
        + r"(?:\s*,?\s*" + _YEAR.format("y2") + r")?$",
    )  # fmt: skip
    for pattern in patterns:
        match = re.match(pattern, text)
        if match:
            parts = match.groupdict()
            month = _MONTHS[parts.get("m2") or parts["m1"]]
            year = int(parts["y2"]) if parts.get("y2") else None
            end = _make_day(year, month, int(parts["d2"]), base, expression)
            start = _make_day(end.year, month, int(parts["d1"]), base, expression)
            return start, end
    match = re.match(r"^(?:between|from)\s+(.+?)\s+(?:and|to|until|till|through)\s+(.+)$", text)
    if not match:
        match = re.match(
            r"^([a-z]+(?:\s+(?:19|20)\d\d)?)\s*(?:-|–|to)\s*([a-z]+(?:\s+(?:19|20)\d\d)?)$", text
        )
    if not match:  # "on Thursday and Friday"
        match = re.match(
            r"^(?:on\s+)?(" + _WEEKDAY_NAMES + r")\s+and\s+(" + _WEEKDAY_NAMES + r")$", text
        )
    if match:
        second = _read(match.group(2), base, expression)
        first = _read(match.group(1), second[0] if second else base, expression)
        if first and second:
            return first[0], second[1]
    return None


def _relative(text: str, base: date, expression: str) -> tuple[date, date] | None:
    text = re.sub(r"^(?:early|late|earlier|later)\s+(?:on\s+)?", "", text)
    simple = {
        "today": (base, base),
        "tonight": (base, base),
        "this morning": (base, base),
        "this afternoon": (base, base),
        "this evening": (base, base),
        "yesterday": (base - timedelta(days=1),) * 2,
        "last night": (base - timedelta(days=1),) * 2,
        "overnight": (base - timedelta(days=1), base),
        "the day before yesterday": (base - timedelta(days=2),) * 2,
        "this week": (base - timedelta(days=base.weekday()), base),
        "last week": _week(base - timedelta(days=7)),
        "this month": (base.replace(day=1), base),
        "last month": _month(*_previous_month(base)),
        "this year": (date(base.year, 1, 1), base),
        "last year": (date(base.year - 1, 1, 1), date(base.year - 1, 12, 31)),
        "the weekend": _weekend(base),
        "the past week": (base - timedelta(days=6), base),
        "the past month": (base - timedelta(days=30), base),
    }
    cleaned = re.sub(r"^(?:on|in|over|during|earlier|since)\s+", "", text)
    cleaned = re.sub(r"^earlier\s+", "", cleaned)
    for key in (cleaned, cleaned.replace("past ", "last "), "the " + cleaned):
        if key in simple:
            return simple[key]
    if cleaned in ("last weekend", "this weekend", "the weekend", "weekend"):
        return _weekend(base)
    match = re.match(r"^(\d+|[a-z]+(?: few)?) (day|week|month|year)s? ago$", cleaned)
    if match and match.group(1) in _NUMBER_WORDS or match and match.group(1).isdigit():
        amount = int(match.group(1)) if match.group(1).isdigit() else _NUMBER_WORDS[match.group(1)]
        unit = match.group(2)
        if unit == "day":
            day = base - timedelta(days=amount)
            return day, day
        if unit == "week":
            return _week(base - timedelta(days=7 * amount))
        if unit == "month":
            year, month = base.year, base.month
            for _ in range(amount):
                year, month = _previous_month(date(year, month, 1))
            return _month(year, month)
        return date(base.year - amount, 1, 1), date(base.year - amount, 12, 31)
    match = re.match(
        r"^(?:the\s+)?(?:past|last)\s+(\d+|[a-z]+)\s+(hour|day|week|month|year)s$", cleaned
    )
    if match and (match.group(1).isdigit() or match.group(1) in _NUMBER_WORDS):
        amount = int(match.group(1)) if match.group(1).isdigit() else _NUMBER_WORDS[match.group(1)]
        if match.group(2) == "hour":  # the past 24 hours reach into the day before
            return base - timedelta(days=-(-amount // 24)), base
        days = amount * {"day": 1, "week": 7, "month": 30, "year": 365}[match.group(2)]
        return base - timedelta(days=days - 1), base
    match = re.match(
        r"^(?:(last|this|on|this past|past)\s+)?" + _WEEKDAY + r"(?:\s+\w+)?$", cleaned
    )
    if match:
        back = (base.weekday() - _WEEKDAYS[match.group("weekday")]) % 7
        if match.group(1) in ("last", "past", "this past") and back == 0:
            back = 7
        day = base - timedelta(days=back)
        return day, day
    return None


def _part_of_month(text: str, base: date, expression: str) -> tuple[date, date] | None:
    match = re.match(
        r"^(?:in\s+|since\s+)?(?:the\s+)?(early|mid|late|beginning of|middle of|end of|start of)"
        r"[\s-]*" + _MONTH.format("m") + r"(?:\s+" + _YEAR.format("y") + r")?$",
        text,
    )
    if not match:
        return None
    month = _MONTHS[match.group("m")]
    year = int(match.group("y")) if match.group("y") else _past_year(month, 1, base)
    last = calendar.monthrange(year, month)[1]
    third = {
        "early": (1, 10), "beginning of": (1, 10), "start of": (1, 10),
        "mid": (11, 20), "middle of": (11, 20), "late": (21, last), "end of": (21, last),
    }  # fmt: skip
    first_day, last_day = third[match.group(1)]
    return date(year, month, first_day), date(year, month, last_day)


def _single(text: str, base: date, expression: str) -> tuple[date, date] | None:
    if not text or not re.search(r"[a-z0-9]", text):
        return None
    match = re.match(r"^(?:the\s+)?end of (?:(?:19|20)\d\d)$", text)
    if match:
        end_year = int(text[-4:])
        return date(end_year, 10, 1), date(end_year, 12, 31)
    optional_year = r"(?:\s+" + _YEAR.format("y") + r")?$"
    match = re.match(r"^" + _DAY.format("d") + r"\s+" + _MONTH.format("m") + optional_year, text)
    match = match or re.match(
        r"^" + _MONTH.format("m") + r"\s+" + _DAY.format("d") + optional_year, text
    )
    if match:
        year = int(match.group("y")) if match.group("y") else None
        day = _make_day(year, _MONTHS[match.group("m")], int(match.group("d")), base, expression)
        return day, day
    match = re.match(r"^" + _MONTH.format("m") + optional_year, text)
    if match:  # "March", "September 2019": the most recent such month
        month = _MONTHS[match.group("m")]
        year = int(match.group("y")) if match.group("y") else _past_year(month, 1, base)
        return _month(year, month)
    if re.fullmatch(r"(?:19|20)\d\d", text):
        return date(int(text), 1, 1), date(int(text), 12, 31)
    return _with_dateparser(text, base)


def _with_dateparser(text: str, base: date) -> tuple[date, date] | None:
    if not re.search(
        r"\d|" + "|".join(_MONTHS) + "|" + "|".join(_WEEKDAYS) + "|ago|year|week|month", text
    ):
        return None  # dateparser reads almost anything as "now"; only give it dates
    data = _dateparser(base).get_date_data(text)
    if data.date_obj is None:
        return None
    day = data.date_obj.date()
    if data.period == "year":
        return date(day.year, 1, 1), date(day.year, 12, 31)
    if data.period == "month":
        return _month(day.year, day.month)
    if data.period == "week":
        return _week(day)
    return day, day


@lru_cache(maxsize=64)
def _dateparser(base: date) -> Any:
    """A dateparser reading relative to `base` (building one costs milliseconds)."""
    from dateparser.date import DateDataParser

    return DateDataParser(
        languages=["en"],
        settings={
            "RELATIVE_BASE": datetime(base.year, base.month, base.day),
            "PREFER_DATES_FROM": "past",
        },
    )


def _make_day(year: int | None, month: int, day: int, base: date, expression: str) -> date:
    if year is None:
        year = _past_year(month, day, base)
    try:
        return date(year, month, day)
    except ValueError as error:
        raise DateError(expression, f"no such date ({error})") from error


def _past_year(month: int, day: int, base: date) -> int:
    """The year that puts month/day on or before the report (a day of slack for time zones)."""
    limit = base + timedelta(days=1)
    if (month, min(day, 28)) > (limit.month, limit.day):
        return base.year - 1
    return base.year


def _week(day: date) -> tuple[date, date]:
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


def _weekend(base: date) -> tuple[date, date]:
    saturday = base - timedelta(days=(base.weekday() - 5) % 7)
    return saturday, saturday + timedelta(days=1)


def _month(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _previous_month(day: date) -> tuple[int, int]:
    return (day.year - 1, 12) if day.month == 1 else (day.year, day.month - 1)


def claim_period(claim: Claim, doc: Document) -> Period | None:
    """The period of a claim's time expression (or of one found in its quote).

    Raises DateError when the expression cannot be a date of the report's past.
    """
    expressions = [claim.when] if claim.when else _time_words_in(claim.quote)
    for expression in expressions:
        period = resolve_period(expression, doc.published, doc.retrieved)
        if period is not None:
            return period
    return None


def resolve_claim_period(
    claim: Claim, doc: Document, problems: list[str] | None = None
) -> dict[str, Any] | None:
    """The claim's `period` contract object, or None; problems go to `problems` if given."""
    try:
        period = claim_period(claim, doc)
    except DateError as error:
        if problems is not None:
            problems.append(str(error))
        return None
    return period.to_contract() if period else None


_TIME_IN_QUOTE = re.compile(
    r"\b(?:(?:since|on|early|late|last|this)\s+)?(?:" + "|".join(_WEEKDAYS) + r")\b"
    r"|\b(?:since|on|in)\s+(?:early\s+|late\s+|mid-)?(?:"
    + "|".join(m for m in _MONTHS if len(m) > 3)
    + r")(?:\s+\d{1,2})?(?:,?\s+(?:19|20)\d\d)?\b"
    r"|\b(?:yesterday|last night|last week|this week|last month"
    r"|(?:\d+|two|three|four|five) days ago)\b",
    re.IGNORECASE,
)


def _time_words_in(quote: str) -> list[str]:
    return [match.group(0) for match in _TIME_IN_QUOTE.finditer(quote)][:1]
