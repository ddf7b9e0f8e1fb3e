"""Extraction throughput and memory on a generated corpus.

    .venv/bin/python bench/bench_extract.py [--docs 5000] [--batch-size 256]

Generates the corpus first (`corpus.py`, fixed seed), loads the spaCy model,
then times `extract_documents` alone: documents/s, sentences/s (all sentences
of the corpus, parsed or not, which is what a user feeds in) and parsed
sentences/s, with the peak resident memory of the process.  The goal of the
issue is 500 sentences/s per core: the process keeps to one core (thinc runs
single-threaded here), and sentences per CPU-second is printed beside the wall
clock rate because on a shared machine the wall clock also counts other work.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import generate_documents  # noqa: E402

from tollbook.extraction import extract_documents, load_model  # noqa: E402
from tollbook.extraction.candidates import sentences_to_parse, split_sentences  # noqa: E402

GOAL_SENTENCES_PER_SECOND = 500


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=5000, help="documents to generate")
    parser.add_argument("--batch-size", type=int, default=512, help="nlp.pipe batch size")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    docs = list(generate_documents(args.docs, seed=args.seed))
    sentences = parsed = 0
    for doc in docs:
        split = split_sentences(doc.text)
        sentences += len(split)
        parsed += len(sentences_to_parse(split, doc.text))
    characters = sum(len(d.text) for d in docs)
    started = time.perf_counter()
    load_model()
    loaded = time.perf_counter() - started
    rss_before = peak_rss_mb()

    started = time.perf_counter()
    cpu_started = time.process_time()
    claims = 0
    for _, found in extract_documents(docs, batch_size=args.batch_size):
        claims += len(found)
    elapsed = time.perf_counter() - started
    cpu = time.process_time() - cpu_started

    print(f"corpus: {len(docs):,} documents, {sentences:,} sentences, {characters:,} characters")
    print(f"parsed: {parsed:,} sentences ({parsed / sentences:.0%} chosen as candidates/context)")
    print(f"model load: {loaded:.2f} s")
    print(f"extraction: {elapsed:.1f} s, {claims:,} claims")
    print(f"  documents/s: {len(docs) / elapsed:,.0f}")
    rate = sentences / elapsed
    print(f"  sentences/s: {rate:,.0f} (goal {GOAL_SENTENCES_PER_SECOND}/core: {rate / 500:.1f}x)")
    print(f"  parsed sentences/s: {parsed / elapsed:,.0f}")
    # On a shared machine the wall clock counts other people's work too; CPU time
    # counts this process only, so sentences per CPU-second is the per-core rate.
    per_core = sentences / cpu
    print(f"  CPU time: {cpu:.1f} s; sentences per CPU-second (per core): {per_core:,.0f}")
    print(f"load average while running: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"peak memory: {peak_rss_mb():,.0f} MB resident ({rss_before:,.0f} MB after model load)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
