"""Geocoding and date-resolution throughput, and the cost of the gazetteer.

    .venv/bin/python bench/bench_geo.py [--mentions 100000] [--distinct 10000] [--seed 7]

Builds the gazetteer into a temporary file (build time, file size), opens it
(load time), then geocodes `--mentions` place mentions made from random
GeoNames places: a random one of their Latin spellings, perturbed half of the
time the way romanisations differ (e→a, ou→u, a doubled letter, an "al-"
article, -ah→-eh), wrapped in news phrasing ("the town of X", "near X",
"X province"), with the place's country as hint four times in five.  A corpus
names the same places again and again, so the mentions are drawn from
`--distinct` different ones; the first pass over the distinct mentions shows
the uncached rate.  Also printed: how often the mention comes back to the place
it was made from (a self-consistency figure, not accuracy on real news, which
tests/test_geo_accuracy.py measures).  Last, as many time expressions
("since Thursday", "in March", ...) are resolved against random publication
dates.
"""

from __future__ import annotations

import argparse
import random
import resource
import sqlite3
import tempfile
import time
from pathlib import Path

from tollbook.geo import Gazetteer, geocode
from tollbook.geo.gazetteer import build
from tollbook.geo.resolve import _geocode

TEMPLATES = ["{}", "{}", "in {}", "the town of {}", "near {}", "the village of {}", "{} area"]


def perturb(name: str, rng: random.Random) -> str:
    rules = [
        lambda s: s.replace("e", "a", 1),
        lambda s: s.replace("ou", "u"),
        lambda s: s.replace("i", "e", 1),
        lambda s: s[:2] + s[1] + s[2:] if len(s) > 3 and s[1].isalpha() else s,
        lambda s: "al-" + s,
        lambda s: s[:-2] + "eh" if s.endswith("ah") else s + "h" if s.endswith("a") else s,
    ]
    return rng.choice(rules)(name)


def sample_mentions(path: Path, distinct: int, rng: random.Random) -> list[tuple[str, str, int]]:
    conn = sqlite3.connect(path)
    rows = conn.execute(
        "SELECT p.id, p.name, p.cc, p.kind FROM places p WHERE p.kind = 'place'"
        " AND p.population >= 1000"
    ).fetchall()
    chosen = rng.sample(rows, distinct)
    wanted = {row[0] for row in chosen}
    spellings_of: dict[int, list[str]] = {}
    for spelling, place_id in conn.execute("SELECT spelling, place_id FROM names"):
        if place_id in wanted:
            spellings_of.setdefault(place_id, []).append(spelling)
    mentions = []
    for place_id, name, cc, _kind in chosen:
        spellings = spellings_of.get(place_id, [])
        spelling = rng.choice(spellings).title() if spellings else name
        if rng.random() < 0.5:
            spelling = perturb(spelling, rng)
        mentions.append((rng.choice(TEMPLATES).format(spelling), cc, place_id))
    conn.close()
    return mentions


TIME_WORDS = [
    "on Thursday", "since Thursday", "last week", "on March 6", "early Saturday", "on 6 March",
    "between 6 and 8 March", "in March", "late on Friday", "yesterday", "two days ago",
    "September 2019", "Oct. 7", "since early March", "the past 24 hours", "so far",
]  # fmt: skip


def bench_dates(count: int, rng: random.Random) -> None:
    """Time expressions resolved against random publication dates of 2024–2025."""
    from datetime import date, timedelta

    from tollbook.dates import DateError, resolve_period

    bases = [date(2024, 1, 1) + timedelta(days=rng.randrange(730)) for _ in range(count)]
    words = [rng.choice(TIME_WORDS) for _ in range(count)]
    started = time.perf_counter()
    resolved = 0
    for text, base in zip(words, bases, strict=True):
        try:
            resolved += resolve_period(text, base) is not None
        except DateError:
            pass  # e.g. "on March 6" in a report of 2 March
    elapsed = time.perf_counter() - started
    print(
        f"dates: {count:,} time expressions in {elapsed:.1f} s = {count / elapsed:,.0f}/s;"
        f" resolved {resolved / count:.1%}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mentions", type=int, default=100_000)
    parser.add_argument("--distinct", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "gazetteer.sqlite"
        started, cpu = time.perf_counter(), time.process_time()
        counts = build(path)
        wall, cpu = time.perf_counter() - started, time.process_time() - cpu
        size = path.stat().st_size / 1e6
        print(
            f"build: {wall:.1f} s wall, {cpu:.1f} s CPU; {counts['places']:,} entries,"
            f" {counts['names']:,} names; file {size:.1f} MB"
        )
        started = time.perf_counter()
        gz = Gazetteer.open(path)
        print(f"open: {1000 * (time.perf_counter() - started):.1f} ms")

        distinct = sample_mentions(path, args.distinct, rng)
        hints = [cc if rng.random() < 0.8 else None for _, cc, _ in distinct]
        _geocode.cache_clear()
        started, cpu = time.perf_counter(), time.process_time()
        back = resolved = 0
        for (mention, _cc, place_id), hint in zip(distinct, hints, strict=True):
            location = geocode(mention, hint, gazetteer=gz)
            resolved += location is not None
            back += location is not None and location.geonames_id == place_id
        elapsed, count = time.perf_counter() - started, len(distinct)
        cpu = time.process_time() - cpu
        print(
            f"uncached: {count:,} distinct mentions in {elapsed:.1f} s = {count / elapsed:,.0f}"
            f" mentions/s ({1000 * elapsed / count:.2f} ms each, {1000 * cpu / count:.2f} ms CPU);"
            f" resolved {resolved / count:.1%}, back to the place they were made from"
            f" {back / count:.1%}"
        )
        picks = [rng.randrange(len(distinct)) for _ in range(args.mentions)]
        started = time.perf_counter()
        for index in picks:
            geocode(distinct[index][0], hints[index], gazetteer=gz)
        elapsed = time.perf_counter() - started
        print(
            f"corpus: {args.mentions:,} mentions ({len(distinct):,} distinct) in {elapsed:.2f} s"
            f" = {args.mentions / elapsed:,.0f} mentions/s"
        )
        bench_dates(args.mentions, rng)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"peak memory: {peak:.0f} MB")
        gz.close()


if __name__ == "__main__":
    main()
