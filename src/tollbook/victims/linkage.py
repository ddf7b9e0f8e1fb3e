"""Probabilistic record linkage of victims' lists with Splink (DuckDB backend).

One model links across lists and deduplicates within each (`link_and_dedupe`): the
same person can be on a list twice.  The model is Fellegi-Sunter as Splink implements
it: u probabilities from random pairs, m probabilities by expectation maximisation on
blockings that each leave part of the evidence free to be learnt, and the prior from
records agreeing on the whole name.  Comparisons are built only for the columns the
lists actually fill, so a list of romanised names without birth dates and a list in
Arabic script with national ID numbers are linked by the same code.

The given name is compared first on its canonical Arabic spelling (when both records
have one), then on the script-neutral skeleton, then on a Jaro-Winkler similarity of
the skeleton; term frequencies weigh a shared "Muhammad" less than a shared rare name.
The father's, grandfather's and family names form one comparison (`lineage`), so that
brothers, who share all three, are not taken for one person.  Ages tolerate the drift
of lists recorded months apart; dates tolerate errors of days.

Pairs at or above `threshold` become people (`clusters.py`: strongest links first,
two records of one list joined only through a link of `within_threshold`); pairs
between `REVIEW_LOW` and `threshold` are the doubtful ones a person should look at
(`review.py`).  Human decisions override the model: a confirmed pair is linked, a
rejected pair is never in one person.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from tollbook.errors import TollbookError
from tollbook.victims.clusters import connected_people
from tollbook.victims.features import NAME_PARTS

DEFAULT_THRESHOLD = 0.9
# A list's own compilers have usually merged its duplicates already, so two records on
# one list are more often two relatives than one person twice: a link within a list
# needs stronger evidence before it may join (and chain) clusters.
WITHIN_LIST_THRESHOLD = 0.999
REVIEW_LOW = 0.5
_MIN_FILLED = 0.02  # a column filled on fewer records than this is not compared
_MIN_BUDGET = 2_000_000  # pairs one blocking rule may make whatever the size
_PAIRS_PER_RECORD = 20  # ... and per record beyond that
_EM_MAX_PAIRS = 300_000  # EM learns as well from a sample of a training blocking


class LinkageError(TollbookError):
    """The records could not be linked (too few, or nothing to compare them on)."""


@dataclass
class LinkageResult:
    """Scored pairs and the people they make."""

    pairs: pd.DataFrame  # unique_id_l, unique_id_r, match_probability, match_weight, same_list
    people: pd.DataFrame  # unique_id, person_id
    threshold: float
    comparisons: list[str]
    charts: list[Path]


def _filled(features: pd.DataFrame, column: str) -> bool:
    return column in features and features[column].notna().mean() >= _MIN_FILLED


# m probabilities of the lineage levels: no blocking can leave the father's,
# grandfather's and family name free while making true matches common, so EM cannot
# learn them; these are set from what list errors do to a true match (most copy the
# chain, some misspell or drop one name) and renormalised over the levels present.
_LINEAGE_M = {"ar": 0.80, "all": 0.06, "missing": 0.08, "close": 0.04, "but_one": 0.03,
              "family": 0.02, "family_close": 0.01, "else": 0.01}  # fmt: skip


def _same(column: str) -> str:
    return f'"{column}_l" = "{column}_r"'


def _lineage_comparison(features: pd.DataFrame):  # type: ignore[no-untyped-def]
    """Father's, grandfather's and family name compared together, as one piece of evidence.

    Siblings and cousins share them all: compared one by one, three agreeing names
    would count as three independent proofs of identity and outweigh a different given
    name.  Together they count once, and the given name decides between brothers.
    """
    import splink.comparison_level_library as cll
    import splink.comparison_library as cl

    kin = [p for p in ("father", "grandfather", "family") if _filled(features, f"{p}_sk")]
    if not kin:
        return None
    wanted: list[tuple[str, str, str]] = []  # (sql, label, key of _LINEAGE_M)
    if all(_filled(features, f"{p}_ar") for p in kin) and len(kin) > 1:
        wanted.append(
            (" and ".join(_same(f"{p}_ar") for p in kin), "all kin names equal (Arabic)", "ar")
        )
    wanted.append((" and ".join(_same(f"{p}_sk") for p in kin), "all kin names equal", "all"))
    if len(kin) == 3:
        wanted.append(
            (
                f"{_same('father_sk')} and {_same('family_sk')} and "
                '("grandfather_sk_l" is null or "grandfather_sk_r" is null)',
                "father and family equal, grandfather missing",
                "missing",
            )
        )
    if len(kin) >= 2:
        agree = " + ".join(f"(case when {_same(f'{p}_sk')} then 1 else 0 end)" for p in kin)
        close = " + ".join(
            f'(case when jaro_winkler_similarity("{p}_sk_l", "{p}_sk_r") >= 0.88 then 1 else 0 end)'
            for p in kin
        )
        wanted.append(
            (
                f"({agree}) >= {len(kin) - 1} and ({close}) = {len(kin)}",
                "one kin name close, the others equal",
                "close",
            )
        )
        wanted.append((f"({agree}) >= {len(kin) - 1}", "all kin names but one equal", "but_one"))
    if "family" in kin:
        wanted.append((_same("family_sk"), "family name equal", "family"))
        wanted.append(
            (
                'jaro_winkler_similarity("family_sk_l", "family_sk_r") >= 0.88',
                "family name close",
                "family_close",
            )
        )
    m = dict(_LINEAGE_M)
    if wanted[0][2] != "ar":
        m["all"] += m["ar"]  # without Arabic script the skeleton level takes its place
    total = sum(m[key] for _, _, key in wanted) + m["else"]
    null = " and ".join(f'("{p}_sk_l" is null or "{p}_sk_r" is null)' for p in kin)
    levels: list[Any] = [
        cll.CustomLevel(null, "no kin names to compare").configure(is_null_level=True)
    ]
    levels += [
        cll.CustomLevel(sql, label).configure(m_probability=m[key] / total, fix_m_probability=True)
        for sql, label, key in wanted
    ]
    levels.append(
        cll.ElseLevel().configure(m_probability=m["else"] / total, fix_m_probability=True)
    )
    return cl.CustomComparison(comparison_levels=levels, output_column_name="lineage")


def _comparisons(features: pd.DataFrame) -> list:
    import splink.comparison_level_library as cll
    import splink.comparison_library as cl

    comparisons: list[Any] = []
    if _filled(features, "given_sk"):
        levels: list[Any] = [cll.NullLevel("given_sk")]
        if _filled(features, "given_ar"):
            levels.append(
                cll.ExactMatchLevel("given_ar").configure(tf_adjustment_column="given_ar")
            )
        levels += [
            cll.ExactMatchLevel("given_sk").configure(tf_adjustment_column="given_sk"),
            cll.JaroWinklerLevel("given_sk", 0.88),
            cll.ElseLevel(),
        ]
        comparisons.append(
            cl.CustomComparison(comparison_levels=levels, output_column_name="given")
        )
    lineage = _lineage_comparison(features)
    if lineage is not None:
        comparisons.append(lineage)
    if _filled(features, "mother_sk"):
        comparisons.append(cl.JaroWinklerAtThresholds("mother_sk", [0.88]))
    if _filled(features, "sex"):
        comparisons.append(cl.ExactMatch("sex"))
    if _filled(features, "birth_date"):
        comparisons.append(
            cl.CustomComparison(
                output_column_name="birth_date",
                comparison_levels=[
                    cll.NullLevel("birth_date"),
                    cll.ExactMatchLevel("birth_date"),
                    cll.AbsoluteDateDifferenceLevel(
                        "birth_date", input_is_string=True, threshold=31, metric="day"
                    ),
                    cll.AbsoluteDateDifferenceLevel(
                        "birth_date", input_is_string=True, threshold=1, metric="year"
                    ),
                    cll.ElseLevel(),
                ],
            )
        )
    if _filled(features, "age"):
        comparisons.append(
            cl.CustomComparison(
                output_column_name="age",
                comparison_levels=[
                    cll.NullLevel("age"),
                    cll.ExactMatchLevel("age"),
                    cll.AbsoluteDifferenceLevel("age", 1),
                    cll.AbsoluteDifferenceLevel("age", 3),
                    cll.ElseLevel(),
                ],
            )
        )
    if _filled(features, "death_date"):
        comparisons.append(
            cl.AbsoluteDateDifferenceAtThresholds(
                "death_date", input_is_string=True, metrics=["day", "day"], thresholds=[3, 31]
            )
        )
    for column in ("place", "residence"):
        if _filled(features, column):
            comparisons.append(cl.JaroWinklerAtThresholds(column, [0.95, 0.85]))
    if _filled(features, "national_id"):
        comparisons.append(cl.DamerauLevenshteinAtThresholds("national_id", [1]))
    return comparisons


def _pairs_in_blocks(features: pd.DataFrame, columns: tuple[str, ...]) -> int:
    """How many pairs blocking on `columns` makes (records sharing all their values)."""
    sizes = features.dropna(subset=list(columns)).groupby(list(columns), sort=False).size()
    return int((sizes * (sizes - 1) // 2).sum())


def _blocking_rules(features: pd.DataFrame, budget: int | None = None) -> list:
    """Rules generating the pairs to score, each kept within a budget of pairs.

    A rule on two names makes blocks of every "Muhammad, son of Ahmad": fine for tens
    of thousands of records, quadratic for a million.  A rule over `budget` is replaced
    by its refinements with birth year, with date of death and with age, each kept
    when it is under the budget (together they still catch a pair whose birth year is
    off by one); a rule that nothing brings under is dropped.
    """
    from splink import block_on

    if budget is None:
        budget = max(_MIN_BUDGET, _PAIRS_PER_RECORD * len(features))
    candidates = [
        ("given_sk", "father_sk"),
        ("given_sk", "family_sk"),
        ("father_sk", "grandfather_sk"),
        ("father_sk", "family_sk"),
        ("name_ar",),
        ("name_sk",),
        ("given_sk", "birth_date"),
        ("family_sk", "birth_date"),
        ("national_id",),
    ]
    rules = []
    for columns in candidates:
        if not all(_filled(features, c) for c in columns):
            continue
        if _pairs_in_blocks(features, columns) <= budget:
            rules.append(block_on(*columns))
            continue
        for extra in ("birth_year", "death_date", "age"):
            refined = (*columns, extra)
            if _filled(features, extra) and _pairs_in_blocks(features, refined) <= budget:
                rules.append(block_on(*refined))
    return rules


def _training_blocks(features: pd.DataFrame) -> list:
    """Blockings for EM, each leaving free the comparisons it is to learn.

    Blocking on the father's and grandfather's names alone gives blocks of siblings
    and cousins, in which EM learns "same family" instead of "same person"; so the
    second blocking also asks for ages within a year, where most pairs are one person
    and the given name's weight is learnt.
    """
    from splink import block_on

    blocks: list = []
    trained: set[str] = set()

    def add(rule: object, fixed: set[str]) -> None:
        blocks.append(rule)
        trained.update(
            c
            for c in ("given_sk", "father_sk", "grandfather_sk", "family_sk")
            if c not in fixed and _filled(features, c)
        )

    if _filled(features, "family_sk"):
        add(block_on("given_sk", "family_sk"), {"given_sk", "family_sk"})
    kin = [c for c in ("father_sk", "grandfather_sk", "family_sk") if _filled(features, c)]
    if len(kin) >= 2:
        sql = " and ".join(f"l.{c} = r.{c}" for c in kin)
        if _filled(features, "age"):
            sql += " and abs(l.age - r.age) <= 1"
        elif _filled(features, "birth_year"):
            sql += " and abs(l.birth_year - r.birth_year) <= 1"
        add(sql, set(kin))
    chain = [c for c in ("given_sk", "father_sk", "grandfather_sk") if _filled(features, c)]
    if len(chain) >= 2 and _filled(features, "family_sk"):
        add(block_on(*chain), set(chain))
    names = {
        c for c in ("given_sk", "father_sk", "grandfather_sk", "family_sk") if _filled(features, c)
    }
    if names - trained and _filled(features, "birth_date"):
        add(block_on("birth_date"), set())
    return blocks


def _duckdb_connection():  # type: ignore[no-untyped-def]
    """An in-memory DuckDB capped at a share of the machine's memory, spilling to disk.

    Uncapped, DuckDB takes up to 80 % of RAM for a million records; the cap keeps a
    linkage from crowding out everything else on a shared machine.
    """
    import tempfile

    import duckdb

    connection = duckdb.connect()
    total = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    cap_mb = max(1024, min(8192, int(total * 0.3) // 2**20))
    connection.execute(f"SET memory_limit = '{cap_mb}MB'")
    connection.execute(f"SET temp_directory = '{tempfile.gettempdir()}/tollbook-duckdb'")
    return connection


def link_records(
    features: pd.DataFrame,
    threshold: float = DEFAULT_THRESHOLD,
    decisions: Iterable[tuple[int, int, bool]] = (),
    within_threshold: float = WITHIN_LIST_THRESHOLD,
    charts_dir: Path | None = None,
    seed: int = 1,
) -> LinkageResult:
    """Score record pairs, keep those at or above `review_low`, cluster into people.

    `features` is `features.features_frame(records)`.  `decisions` are human verdicts
    (record id, record id, same person?) applied before clustering.
    """
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    _zero_m_is_unobserved()
    if len(features) < 2:
        raise LinkageError("linkage needs at least two records")
    comparisons = _comparisons(features)
    if not any(_filled(features, f"{part}_sk") for part in NAME_PARTS):
        raise LinkageError("no names to compare: map a name column when importing")
    lists = sorted(features["source_dataset"].unique())
    settings = SettingsCreator(
        link_type="link_and_dedupe" if len(lists) > 1 else "dedupe_only",
        comparisons=comparisons,
        blocking_rules_to_generate_predictions=_blocking_rules(features),
        retain_intermediate_calculation_columns=False,
        retain_matching_columns=False,  # only ids and scores come back: 4M pairs at 1M records
        max_iterations=12,  # levels never seen among matches underflow past ~25 rounds
        additional_columns_to_retain=["source_dataset"] if len(lists) == 1 else [],
    )
    db_api = DuckDBAPI(_duckdb_connection())
    frames = [features[features["source_dataset"] == name] for name in lists]
    tables = [
        db_api.register(frame, table_name=f"victims_list_{i}") for i, frame in enumerate(frames)
    ]
    linker = Linker(tables if len(tables) > 1 else tables[0], settings, log_level=None)
    # The prior comes from records agreeing on the whole name: in the Arabic spelling
    # when every list has one, else on the skeleton, which every script shares.
    name = "name_ar" if features["name_ar"].notna().mean() > 0.95 else "name_sk"
    prior_rule = block_on(name, "sex") if _filled(features, "sex") else block_on(name)
    linker.training.estimate_probability_two_random_records_match([prior_rule], recall=0.7)
    linker.training.estimate_u_using_random_sampling(max_pairs=1e6, seed=seed)
    for block in _training_blocks(features):
        linker.training.estimate_parameters_using_expectation_maximisation(
            block, max_pairs=_EM_MAX_PAIRS, record_sample_proportion=0.05
        )
    predictions = linker.inference.predict(threshold_match_probability=REVIEW_LOW)
    pairs = predictions.as_pandas_dataframe()
    pairs = pairs[["unique_id_l", "unique_id_r", "match_probability", "match_weight"]].copy()
    source = features.set_index("unique_id")["source_dataset"]
    pairs["same_list"] = (
        source.reindex(pairs["unique_id_l"]).to_numpy()
        == source.reindex(pairs["unique_id_r"]).to_numpy()
    )
    people = connected_people(
        features["unique_id"], pairs, threshold, decisions, within_threshold, source.to_dict()
    )
    charts = _save_charts(linker, predictions, charts_dir) if charts_dir else []
    names = [c.get_comparison("duckdb").output_column_name for c in comparisons]
    return LinkageResult(pairs, people, threshold, names, charts)


def _save_charts(linker, predictions, charts_dir: Path) -> list[Path]:  # type: ignore[no-untyped-def]
    """Splink's charts as self-contained HTML (libraries inlined: no internet to view)."""
    charts_dir.mkdir(parents=True, exist_ok=True)
    drawn = {
        "match_weights": linker.visualisations.match_weights_chart,
        "m_u_parameters": linker.visualisations.m_u_parameters_chart,
        "match_weights_histogram": lambda: linker.visualisations.match_weights_histogram(
            predictions
        ),
    }
    saved = []
    for name, draw in drawn.items():
        path = charts_dir / f"{name}.html"
        path.write_text(draw().to_html(inline=True), encoding="utf-8")
        saved.append(path)
    return saved


logger = logging.getLogger(__name__)
logging.getLogger("splink").setLevel(logging.ERROR)


def _zero_m_is_unobserved() -> None:
    """Treat an m probability that EM drove to (or below float range near) zero as "not observed".

    Splink 5 raises when EM assigns a level no matched pair at all (its m underflows
    to 0.0), which happens on small or sharply separated data; a level unseen among
    matches in one blocking is better left to the other sessions (as Splink does for
    levels absent from the blocked pairs) than made a veto or a crash.
    """
    from splink.internals import expectation_maximisation as em

    original = em.populate_m_u_from_lookup
    if getattr(original, "_tollbook", False):
        return

    def populate(fixed, level, column, lookup):  # type: ignore[no-untyped-def]
        record = lookup.get(column, {}).get(level.comparison_vector_value)
        if record is not None and (record.get("m_probability") or 0.0) < 1e-300:
            lookup = {
                **lookup,
                column: {
                    k: v for k, v in lookup[column].items() if k != level.comparison_vector_value
                },
            }
        return original(fixed, level, column, lookup)

    populate._tollbook = True  # type: ignore[attr-defined]
    em.populate_m_u_from_lookup = populate
