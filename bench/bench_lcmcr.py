"""LCMCR speed: 10,000 Gibbs iterations on a five-list table (goal: under a minute).

Runs one chain of the latent-class sampler on the UK 2013 modern-slavery
table (five lists, 31 patterns, 2,744 people) from ../shared/mse, and on a
simulated five-list table of 100,000 documented people to show the cost
does not grow with the number of people (the sampler works on pattern
counts). Prints wall and CPU time (the machine is shared: wall time grows
with other people's load), iterations per second, and the effective sample
size of N, since speed without mixing is not worth much.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

from tollbook.estimation import SamplerSettings, from_frame, read_csv
from tollbook.estimation.diagnostics import effective_sample_size
from tollbook.estimation.lcmcr import LatentClassSampler

SHARED = Path(__file__).resolve().parents[2] / "shared" / "mse"
GOAL_SECONDS = 60.0


def simulated(people: int, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    probabilities = np.array([0.3, 0.2, 0.4, 0.15, 0.25])
    hard_to_reach = rng.uniform(size=people) < 0.3  # a class the lists rarely record
    on_list = rng.uniform(size=(people, 5)) < np.where(
        hard_to_reach[:, None], probabilities / 4, probabilities
    )
    seen = on_list[on_list.any(axis=1)].astype(int)
    frame = pd.DataFrame(seen, columns=[f"L{j + 1}" for j in range(5)])
    return frame.value_counts().rename("count").reset_index()


def run(name: str, table, iterations: int, seed: int) -> float:  # type: ignore[no-untyped-def]
    settings = SamplerSettings(burn_in=0, samples=iterations, thin=1, chains=1, seed=seed)
    sampler = LatentClassSampler(table, settings, seed)
    started, cpu_started = time.perf_counter(), time.process_time()
    draws, _ = sampler.run()
    elapsed = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    kept = draws[iterations // 2 :]
    print(
        f"{name}: {table.n_lists} lists, {table.documented:,} documented, "
        f"{iterations:,} iterations in {elapsed:.1f} s wall, {cpu:.1f} s CPU "
        f"({iterations / elapsed:,.0f}/s; "
        f"goal < {GOAL_SECONDS:.0f} s: {'met' if elapsed < GOAL_SECONDS else 'MISSED'}); "
        f"N median of 2nd half {np.median(kept):,.0f}, "
        f"ESS {effective_sample_size(kept[None, :]):.0f} of {len(kept):,}"
    )
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--iterations", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    uk = SHARED / "uk_modern_slavery_2013_5lists.csv"
    if not uk.is_file():
        print(f"missing {uk}", file=sys.stderr)
        return 1
    run("UK 2013 (5 lists)", read_csv(uk), args.iterations, args.seed)
    run("simulated (5 lists)", from_frame(simulated(150_000)), args.iterations, args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
