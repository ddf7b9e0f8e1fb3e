"""End to end into SQLite: ingest a generated JSONL corpus, extract, enrich, save.

    .venv/bin/python bench/bench_pipeline.py [--docs 5000]

What a user waits for with `tollbook ingest corpus.jsonl && tollbook extract`:
reading and storing each document (one transaction each), extracting its
claims, resolving their places and dates, and saving them.  The model and the
gazetteer are loaded before the clock starts (a one-off cost, printed apart).
The goal of issue 3 is 500 sentences/s per core end to end; sentences per
CPU-second is printed beside the wall-clock rate because a shared machine's
wall clock also counts other people's work.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import write_jsonl  # noqa: E402

from tollbook.extraction import load_model  # noqa: E402
from tollbook.extraction.candidates import split_sentences  # noqa: E402
from tollbook.geo import default_gazetteer  # noqa: E402
from tollbook.ingest import ingest  # noqa: E402
from tollbook.pipeline import extract_stored  # noqa: E402
from tollbook.store import Store  # noqa: E402

GOAL = 500


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=5000, help="documents to generate")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        corpus = write_jsonl(Path(tmp) / "corpus.jsonl", args.docs)
        store = Store.open(str(Path(tmp) / "bench.db"))
        started = time.perf_counter()
        load_model()
        default_gazetteer()
        print(f"one-off: model and gazetteer loaded in {time.perf_counter() - started:.1f} s")

        wall, cpu = time.perf_counter(), time.process_time()
        report = ingest(store, [str(corpus)], progress=False)
        ingest_wall, ingest_cpu = time.perf_counter() - wall, time.process_time() - cpu
        sentences = sum(len(split_sentences(d.text)) for d in store.iter_documents())

        wall, cpu = time.perf_counter(), time.process_time()
        extracted = extract_stored(store)
        extract_wall, extract_cpu = time.perf_counter() - wall, time.process_time() - cpu
        db_size = (Path(tmp) / "bench.db").stat().st_size
        store.close()

    total_wall, total_cpu = ingest_wall + extract_wall, ingest_cpu + extract_cpu
    docs = len(report.added)
    print(f"corpus: {docs:,} documents, {sentences:,} sentences; {extracted.claims:,} claims saved")
    print(f"ingest: {ingest_wall:.1f} s ({docs / ingest_wall:,.0f} documents/s)")
    print(
        f"extract + resolve + save: {extract_wall:.1f} s ({docs / extract_wall:,.0f} documents/s)"
    )
    rate = sentences / total_wall
    print(
        f"end to end: {sentences / total_wall:,.0f} sentences/s wall ({rate / GOAL:.1f}x the goal)"
    )
    per_core = sentences / total_cpu
    print(f"  per CPU-second (per core): {per_core:,.0f} sentences ({per_core / GOAL:.1f}x)")
    print(f"database: {db_size / 1e6:.1f} MB")
    print(f"load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory: {peak:,.0f} MB resident")
    return 0


if __name__ == "__main__":
    sys.exit(main())
