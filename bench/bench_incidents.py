"""Incident grouping and roll-up on a large synthetic event.

    .venv/bin/python bench/bench_incidents.py [--claims 100000] [--places 3000] [--seed 7]

Makes `--claims` claims about incidents in `--places` towns (in 40 provinces
of two countries) over 90 days: each true incident is reported by one to
eight outlets on the day or a few days later, with figures that differ
(an early count and a later, larger one), a few running totals per province
and for the whole event, and some claims whose place was not resolved (its
text only).  Prints the time to group them into nested incidents, to reconcile
and roll them up, the peak memory, and how well the grouping recovered the
true incidents (pairwise precision and recall over claims of one town).
"""

from __future__ import annotations

import argparse
import random
import resource
import time
from collections import defaultdict
from datetime import date, timedelta

from tollbook.incidents import group_incidents, reconcile_incidents
from tollbook.models import Claim, Document, Event

SITES = ["market", "school", "checkpoint", "hospital", "mosque", "bakery", "camp", "convoy"]
MEANS = ["an air strike", "shelling", "gunmen", "a car bomb", "a drone"]
GROUPS = ["civilians", "security forces", "fighters", "unspecified", "children"]


def make(claims_wanted: int, places: int, seed: int) -> tuple[list[Claim], dict, dict]:
    rng = random.Random(seed)
    towns: list[dict] = []
    for n in range(places):
        country = "SY" if n % 2 else "SD"
        towns.append(
            {
                "name": f"Town{n}", "lat": 30 + rng.random() * 5, "lon": 30 + rng.random() * 5,
                "admin1": f"Province{n % 40}", "country_iso": country, "geonames_id": 10_000 + n,
                "precision": 1, "kind": "place",
            }
        )  # fmt: skip
    first = date(2025, 1, 1)
    claims: list[Claim] = []
    documents: dict[str, Document] = {}
    truth: dict[int, int] = {}  # id(claim) -> true incident number
    incident = 0
    while len(claims) < claims_wanted:
        incident += 1
        town = rng.choice(towns)
        day = first + timedelta(days=rng.randrange(90))
        site, means = rng.choice(SITES), rng.choice(MEANS)
        group = rng.choice(GROUPS)
        dead = rng.randint(1, 60)
        for _ in range(rng.randint(1, 8)):
            lag = rng.choice((0, 0, 1, 1, 2, 3))
            doc_id = f"d{len(documents)}"
            published = (day + timedelta(days=lag)).isoformat()
            outlet = f"Outlet{rng.randrange(60)}"
            documents[doc_id] = Document("x", doc_id=doc_id, publisher=outlet, published=published)
            count = dead + rng.randint(0, dead) * (lag > 0)
            quote = f"{count} {group} were killed by {means} at the {site} in {town['name']}."
            resolved = rng.random() > 0.05
            claim = Claim(
                doc_id, quote, 0, len(quote), "killed", count, group=group, place=town["name"],
                location=town if resolved else None,
                period={"start": day.isoformat(), "end": day.isoformat(), "precision": 1}
                if rng.random() > 0.2 else None,
            )  # fmt: skip
            claims.append(claim)
            truth[id(claim)] = incident
    # Running totals: per province and event-wide.
    for n in range(claims_wanted // 200):
        doc_id = f"t{n}"
        published = (first + timedelta(days=n % 90)).isoformat()
        documents[doc_id] = Document("x", doc_id=doc_id, publisher="Monitor", published=published)
        province = {"name": f"Province{n % 40}", "lat": 32.0, "lon": 32.0,
                    "admin1": f"Province{n % 40}", "country_iso": "SY" if n % 2 else "SD",
                    "geonames_id": None, "precision": 3, "kind": "admin1"}  # fmt: skip
        quote = "The monitor's toll across the province rose to 500 civilians."
        claims.append(Claim(doc_id, quote, 0, len(quote), "killed", 500 + n, group="civilians",
                            location=province if n % 3 else None))  # fmt: skip
    return claims, documents, truth


def pair_scores(root, truth: dict[int, int]) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    found = {id(c): inc.key for inc in root.walk() if inc.level != "event" for c in inc.claims}
    by_place: dict[str, list[int]] = defaultdict(list)
    for inc in root.walk():
        for c in inc.claims:
            if id(c) in truth:
                by_place[c.place or ""].append(id(c))
    tp = fp = fn = 0
    for ids in by_place.values():
        for i, a in enumerate(ids):
            for b in ids[i + 1 :]:
                said = a in found and found.get(a) == found.get(b)
                same = truth[a] == truth[b]
                tp += said and same
                fp += said and not same
                fn += same and not said
    return tp / max(tp + fp, 1), tp / max(tp + fn, 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--places", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    started = time.perf_counter()
    claims, documents, truth = make(args.claims, args.places, args.seed)
    print(f"made {len(claims):,} claims in {len(documents):,} reports "
          f"({time.perf_counter() - started:.1f} s)")  # fmt: skip

    event = Event("Synthetic event", "synthetic")
    started, cpu = time.perf_counter(), time.process_time()
    root = group_incidents(claims, documents, event)
    grouped, grouped_cpu = time.perf_counter() - started, time.process_time() - cpu
    incidents = list(root.walk())
    levels: dict[str, int] = defaultdict(int)
    for inc in incidents:
        levels[inc.level] += 1
    print(f"grouping: {grouped:.2f} s wall, {grouped_cpu:.2f} s CPU "
          f"({len(claims) / grouped:,.0f} claims/s); "
          f"{len(incidents):,} incidents ({dict(levels)})")  # fmt: skip

    started, cpu = time.perf_counter(), time.process_time()
    result = reconcile_incidents(root, event, documents)
    rolled, rolled_cpu = time.perf_counter() - started, time.process_time() - cpu
    killed = result.get("killed", "civilians")
    assert killed is not None
    print(f"reconcile + roll-up: {rolled:.2f} s wall, {rolled_cpu:.2f} s CPU; civilians killed "
          f"{killed.low:,}–{killed.high:,}")  # fmt: skip

    precision, recall = pair_scores(root, truth)
    print(f"same-incident pairs within a town: precision {precision:.3f}, recall {recall:.3f}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory: {peak:,.0f} MB")


if __name__ == "__main__":
    main()
