"""Convergence diagnostics for Markov chains: effective sample size, split R-hat, Geweke z.

Written out here (rather than taken from ArviZ, a heavy dependency) because
the three quantities are short formulas:

- effective sample size: draws / (1 + 2 * sum of autocorrelations), the sum
  truncated by Geyer's initial positive sequence, with the autocorrelation
  of all chains combined as in Gelman et al., Bayesian Data Analysis 3rd
  ed., section 11.5;
- split R-hat: each chain cut in half, between- versus within-half
  variance; values above about 1.01-1.05 mean the chains disagree;
- Geweke z: the mean of the first 10% of a chain against the last 50%,
  standardised by their Monte Carlo errors; |z| > 2 suggests the burn-in
  was too short.
"""

from __future__ import annotations

import numpy as np


def _autocovariance(chain: np.ndarray) -> np.ndarray:
    """Autocovariance at every lag, by FFT."""
    n = len(chain)
    centred = chain - chain.mean()
    size = 1 << (2 * n - 1).bit_length()
    spectrum = np.fft.rfft(centred, size)
    return np.fft.irfft(spectrum * np.conj(spectrum), size)[:n] / n


def effective_sample_size(chains: np.ndarray) -> float:
    """ESS of draws shaped (chains, draws)."""
    chains = np.atleast_2d(np.asarray(chains, dtype=float))
    m, n = chains.shape
    if n < 4:
        return float(m * n)
    autocov = np.array([_autocovariance(c) for c in chains])
    within = autocov[:, 0].mean() * n / (n - 1)
    chain_means = chains.mean(axis=1)
    between_part = chain_means.var(ddof=1) if m > 1 else 0.0
    pooled = within * (n - 1) / n + between_part
    if pooled <= 0:
        return float(m * n)  # a constant chain: every draw is the same value
    rho = 1.0 - (within - autocov.mean(axis=0)) / pooled
    rho[0] = 1.0
    # Geyer: sum consecutive pairs while positive, forcing them non-increasing.
    total = 0.0
    previous = np.inf
    for t in range(0, n - 1, 2):
        pair = rho[t] + rho[t + 1]
        if pair <= 0:
            break
        pair = min(pair, previous)
        total += pair
        previous = pair
    tau = -1.0 + 2.0 * total
    return float(m * n / max(tau, 1.0 / np.log10(max(m * n, 10))))


def split_rhat(chains: np.ndarray) -> float:
    """Potential scale reduction with each chain split in two halves."""
    chains = np.atleast_2d(np.asarray(chains, dtype=float))
    half = chains.shape[1] // 2
    if half < 2:
        return float("nan")
    halves = np.vstack([chains[:, :half], chains[:, half : 2 * half]])
    within = halves.var(axis=1, ddof=1).mean()
    between = half * halves.mean(axis=1).var(ddof=1)
    if within == 0:
        return 1.0 if between == 0 else float("inf")
    pooled = (half - 1) / half * within + between / half
    return float(np.sqrt(pooled / within))


def geweke_z(chain: np.ndarray, first: float = 0.1, last: float = 0.5) -> float:
    """Geweke's z-score comparing the start and the end of one chain."""
    chain = np.asarray(chain, dtype=float)
    start = chain[: max(2, int(first * len(chain)))]
    end = chain[int((1 - last) * len(chain)) :]
    error = start.var(ddof=1) / effective_sample_size(start) + end.var(
        ddof=1
    ) / effective_sample_size(end)
    if error == 0:
        return 0.0
    return float((start.mean() - end.mean()) / np.sqrt(error))
