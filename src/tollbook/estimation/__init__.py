"""Multiple systems estimation: how many people were never documented by any list.

tables           capture-history tables (CSV or DataFrame), validation, strata
identifiability  models without a maximum-likelihood estimate, non-identifiable ones
loglinear        Poisson log-linear models, AIC/BIC selection, profile-likelihood intervals
dga              Bayesian model averaging over decomposable graphs (Madigan & York)
lcmcr            Bayesian non-parametric latent-class model (Manrique-Vallier), Gibbs sampler
diagnostics      effective sample size, split R-hat, Geweke z
plots            PNG of the posterior of N and of the model comparison
run              one call for the CLI: load, estimate each stratum, plot
"""

from tollbook.estimation.dga import estimate_dga
from tollbook.estimation.lcmcr import SamplerSettings, estimate_lcmcr
from tollbook.estimation.loglinear import estimate_loglinear, fit_model, profile_interval
from tollbook.estimation.plots import plot_estimates
from tollbook.estimation.results import ModelSummary, PopulationEstimate
from tollbook.estimation.run import (
    METHODS,
    EstimationOptions,
    estimate_population,
    estimate_table,
    load_tables,
)
from tollbook.estimation.tables import CaptureTable, from_frame, read_csv, stratify

__all__ = [
    "METHODS",
    "CaptureTable",
    "EstimationOptions",
    "ModelSummary",
    "PopulationEstimate",
    "SamplerSettings",
    "estimate_dga",
    "estimate_lcmcr",
    "estimate_loglinear",
    "estimate_population",
    "estimate_table",
    "fit_model",
    "from_frame",
    "load_tables",
    "plot_estimates",
    "profile_interval",
    "read_csv",
    "stratify",
]
