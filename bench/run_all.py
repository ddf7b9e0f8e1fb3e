"""Run every benchmark in this folder, one after another, and print their figures.

Benchmarks print measurements and ratios against their goals; none asserts a
time.  `make bench` runs them all; each can also run alone with its own options
(`python bench/bench_extract.py --help`).
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    scripts = sorted(HERE.glob("bench_*.py"))
    if len(sys.argv) > 1:
        scripts = [s for s in scripts if any(word in s.stem for word in sys.argv[1:])]
    failed = []
    for script in scripts:
        print(f"\n=== {script.stem} ===", flush=True)
        started = time.perf_counter()
        code = subprocess.call([sys.executable, str(script)])
        print(f"({script.stem}: {time.perf_counter() - started:.1f} s, exit {code})", flush=True)
        if code:
            failed.append(script.stem)
    if failed:
        print(f"\nfailed: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
