"""Time expressions resolved against a report's publication date."""

from __future__ import annotations

from datetime import date

import pytest

from tollbook.dates import DateError, Period, resolve_claim_period, resolve_period
from tollbook.models import Claim, Document

SATURDAY = "2025-03-08"  # the report's date in most cases below

CASES = [
    # expression, start, end, ACLED time_precision, UCDP date_prec
    ("on Thursday", "2025-03-06", "2025-03-06", 1, 1),
    ("late on Thursday", "2025-03-06", "2025-03-06", 1, 1),
    ("Thursday night", "2025-03-06", "2025-03-06", 1, 1),
    ("early Saturday", "2025-03-08", "2025-03-08", 1, 1),
    ("Earlier Saturday", "2025-03-08", "2025-03-08", 1, 1),
    ("last Saturday", "2025-03-01", "2025-03-01", 1, 1),
    ("since Thursday", "2025-03-06", "2025-03-08", 2, 2),
    ("since Sunday", "2025-03-02", "2025-03-08", 2, 3),
    ("since yesterday", "2025-03-07", "2025-03-08", 2, 2),
    ("yesterday", "2025-03-07", "2025-03-07", 1, 1),
    ("last night", "2025-03-07", "2025-03-07", 1, 1),
    ("today", "2025-03-08", "2025-03-08", 1, 1),
    ("two days ago", "2025-03-06", "2025-03-06", 1, 1),
    ("last week", "2025-02-24", "2025-03-02", 2, 3),
    ("this week", "2025-03-03", "2025-03-08", 2, 2),
    ("on March 6", "2025-03-06", "2025-03-06", 1, 1),
    ("on 6 March", "2025-03-06", "2025-03-06", 1, 1),
    ("March 6, 2025", "2025-03-06", "2025-03-06", 1, 1),
    ("the early hours of March 7", "2025-03-07", "2025-03-07", 1, 1),
    ("between 6 and 8 March", "2025-03-06", "2025-03-08", 2, 2),
    ("between March 6 and 8", "2025-03-06", "2025-03-08", 2, 2),
    ("6-8 March", "2025-03-06", "2025-03-08", 2, 2),
    ("from March 1 to March 7", "2025-03-01", "2025-03-07", 2, 3),
    ("in March", "2025-03-01", "2025-03-08", 3, 4),  # never past the report
    ("in early March", "2025-03-01", "2025-03-08", 3, 4),
    ("in late February", "2025-02-21", "2025-02-28", 3, 4),
    ("last month", "2025-02-01", "2025-02-28", 3, 4),
    ("February", "2025-02-01", "2025-02-28", 3, 4),
    ("In July", "2024-07-01", "2024-07-31", 3, 4),  # the past July
    ("Oct. 7", "2024-10-07", "2024-10-07", 1, 1),
    ("since the October 7 2023 attack", "2023-10-07", "2025-03-08", 3, 5),
    ("Since February last year", "2024-02-01", "2025-03-08", 3, 5),
    ("September 2019", "2019-09-01", "2019-09-30", 3, 4),
    ("in 2019", "2019-01-01", "2019-12-31", 3, 5),
    ("from 1 March 2011 to 31 March 2021", "2011-03-01", "2021-03-31", 3, 5),
    ("in the violence that broke out on March 6", "2025-03-06", "2025-03-06", 1, 1),
    ("on Thursday and Friday", "2025-03-06", "2025-03-07", 2, 2),
    ("in the past 24 hours", "2025-03-07", "2025-03-08", 2, 2),
    ("over the past three days", "2025-03-06", "2025-03-08", 2, 2),
    ("Thursday's attack", "2025-03-06", "2025-03-06", 1, 1),
    ("on the 6th of March", "2025-03-06", "2025-03-06", 1, 1),
]


@pytest.mark.parametrize(("expression", "start", "end", "acled", "ucdp"), CASES)
def test_expressions_resolve(expression: str, start: str, end: str, acled: int, ucdp: int) -> None:
    period = resolve_period(expression, SATURDAY)
    assert period is not None
    assert (period.start.isoformat(), period.end.isoformat()) == (start, end)
    assert (period.time_precision, period.date_prec) == (acled, ucdp)
    assert period.flags == ()


def test_on_the_weekday_of_publication_is_that_day() -> None:
    period = resolve_period("on Saturday", SATURDAY)
    assert period is not None and period.start == date(2025, 3, 8)


def test_year_boundary() -> None:
    period = resolve_period("on December 30", "2025-01-02")
    assert period is not None and period.start == date(2024, 12, 30)
    week = resolve_period("last week", "2025-01-02")
    assert week is not None and (week.start, week.end) == (date(2024, 12, 23), date(2024, 12, 29))


@pytest.mark.parametrize(
    "expression", ["so far", "during the war", "13-year conflict", "recently", ""]
)
def test_non_dates_give_none(expression: str) -> None:
    assert resolve_period(expression, SATURDAY) is None


def test_future_dates_are_errors() -> None:
    with pytest.raises(DateError, match="after the report"):
        resolve_period("on March 20, 2025", SATURDAY)


def test_impossible_dates_and_reversed_spans_are_errors() -> None:
    with pytest.raises(DateError, match="no such date"):
        resolve_period("on February 30", SATURDAY)
    with pytest.raises(DateError, match="before it starts"):
        resolve_period("between 8 and 6 March", SATURDAY)
    with pytest.raises(DateError, match="not an ISO date"):
        resolve_period("on Thursday", "last spring")


def test_missing_publication_date_uses_retrieval_and_flags_it() -> None:
    period = resolve_period("on Thursday", None, "2025-03-08T09:30:00+00:00")
    assert period is not None
    assert period.start == date(2025, 3, 6)
    assert period.flags == ("no_publication_date",)


def test_claim_period_contract() -> None:
    doc = Document(text="On Thursday gunmen killed 16.", published=SATURDAY)
    claim = Claim(doc.doc_id or "", "gunmen killed 16", 0, 10, "killed", 16, when="on Thursday")
    assert resolve_claim_period(claim, doc) == {
        "start": "2025-03-06",
        "end": "2025-03-06",
        "precision": 1,
        "date_prec": 1,
        "flags": [],
    }
    claim.when = None  # falls back to a time expression in the quote
    claim.quote = "Since Thursday, gunmen killed 16."
    found = resolve_claim_period(claim, doc)
    assert found is not None and (found["start"], found["end"]) == ("2025-03-06", "2025-03-08")
    claim.quote = "Gunmen killed 16."
    assert resolve_claim_period(claim, doc) is None
    claim.when = "on March 20, 2025"
    problems: list[str] = []
    assert resolve_claim_period(claim, doc, problems) is None
    assert problems and "after the report" in problems[0]


def test_period_precision_codes_follow_the_span() -> None:
    def span(days: int) -> Period:
        return Period(date(2025, 1, 1), date(2025, 1, days), "x")

    assert [(span(d).time_precision, span(d).date_prec) for d in (1, 3, 7, 20, 31)] == [
        (1, 1), (2, 2), (2, 3), (3, 4), (3, 4),
    ]  # fmt: skip
    assert Period(date(2025, 1, 1), date(2025, 3, 1), "x").date_prec == 5
