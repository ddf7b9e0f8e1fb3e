"""Benchmark: linking named-victims lists end to end (prints figures; asserts nothing).

    python bench/bench_linkage.py                   both figures below (what `make bench` runs)
    python bench/bench_linkage.py --real            two real releases (../shared/victims)
    python bench/bench_linkage.py --records 100000  generated records across 4 lists
    python bench/bench_linkage.py --records 1000000 the issue's target: < 10 min, 2 cores

Times are wall-clock for each stage: generation (not part of linkage), the compared
columns, the Splink model (training, scoring, clustering); then pairwise
precision / recall / F1 against the truth.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared"


def real(folder: Path) -> None:
    from tollbook.victims.releases import link_releases

    start = time.perf_counter()
    score, result, records = link_releases(
        folder / "gaza_moh_2024-04-13.csv", folder / "gaza_moh_2024-09-21.csv"
    )
    took = time.perf_counter() - start
    print(
        f"real releases: {len(records):,} records -> {result.people['person_id'].nunique():,} "
        f"people in {took:.1f} s (read, features, train, score, cluster)"
    )
    print(f"  cross-release links scored against national IDs: {score}")


def generated(size: int, lists: int, seed: int) -> None:
    from tollbook.victims.evaluate import score_people
    from tollbook.victims.features import features_frame
    from tollbook.victims.generator import DEFAULT_LISTS, generate
    from tollbook.victims.linkage import link_records

    coverage = sum(spec.coverage for spec in DEFAULT_LISTS[:lists])
    start = time.perf_counter()
    _, records = generate(int(size / coverage), lists=lists, seed=seed)
    generated_at = time.perf_counter()
    print(f"generated {len(records):,} records on {lists} lists in {generated_at - start:.1f} s")
    features = features_frame(records)
    featured_at = time.perf_counter()
    result = link_records(features)
    linked_at = time.perf_counter()
    print(
        f"  features {featured_at - generated_at:.1f} s, Splink {linked_at - featured_at:.1f} s, "
        f"linkage total {linked_at - generated_at:.1f} s ({len(result.pairs):,} pairs kept)"
    )
    print(f"  {score_people(result.people, records.set_index('unique_id')['true_person'])}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--real", action="store_true", help="link the two real releases")
    parser.add_argument("--records", type=int, default=0, help="generated records to link")
    parser.add_argument("--lists", type=int, default=4)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if not args.real and not args.records:  # `make bench`: both of the figures
        args.real, args.records = True, 1_000_000
    print(f"cores: {os.cpu_count()}, python {sys.version.split()[0]}")
    if args.real:
        real(SHARED / "victims")
    if args.records:
        generated(args.records, args.lists, args.seed)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory {peak:,.0f} MB")


if __name__ == "__main__":
    main()
