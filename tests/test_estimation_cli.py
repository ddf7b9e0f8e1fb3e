"""`tollbook estimate` from a table or from linked lists: plain words, plots, refusals."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from tollbook.cli import cli

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.fixture
def mse(shared_dir: Path) -> Path:
    return shared_dir / "mse"


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, ["estimate", *args])


def test_loglinear_prints_estimate_interval_documented_and_undocumented(mse: Path) -> None:
    result = run("--method", "loglinear", "--table", str(mse / "rcapture_hiv_rome_4lists.csv"))
    assert result.exit_code == 0, result.output
    assert "Documented: 1,896 people" in result.output
    assert "Estimated total: 12,318 people" in result.output
    assert "profile-likelihood interval: 10,266 to 14,992" in result.output
    assert "Estimated undocumented: 10,422 (8,370 to 13,096)" in result.output


def test_dga_with_a_plot_writes_a_png(mse: Path, tmp_path: Path) -> None:
    plot = tmp_path / "posterior.png"
    result = run(
        "--method", "dga", "--table", str(mse / "dga_madigan_york_3lists_spina_bifida.csv"),
        "--delta", "1", "--prior-a", "13.14", "--prior-b", "55.17", "--plot", str(plot),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "Estimated total: 731 people" in result.output
    assert plot.read_bytes().startswith(PNG_MAGIC) and plot.stat().st_size > 10_000


def test_lcmcr_reports_a_credible_interval_and_plots_its_chains(mse: Path, tmp_path: Path) -> None:
    plot = tmp_path / "chains.png"
    result = run(
        "--method", "lcmcr", "--table", str(mse / "dga_madigan_york_3lists_spina_bifida.csv"),
        "--burn-in", "500", "--samples", "200", "--thin", "2", "--seed", "4", "--plot", str(plot),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "95% credible interval" in result.output and "Estimated undocumented" in result.output
    assert plot.read_bytes().startswith(PNG_MAGIC)


def test_a_model_without_estimate_is_reported_with_no_number(mse: Path) -> None:
    result = run(
        "--method", "loglinear", "--table", str(mse / "sparsemse_artificial_3lists.csv"),
        "--model", "A*B",
    )  # fmt: skip
    assert result.exit_code == 1
    assert "No estimate: no maximum-likelihood estimate" in result.output
    assert "Estimated" not in result.output
    # the only figure printed is the documented count
    assert re.findall(r"\d[\d,]*", result.output.split("Caution")[0]) == ["96"]


def test_by_estimates_each_stratum(tmp_path: Path) -> None:
    north = pd.DataFrame({"A": [1, 1, 0], "B": [1, 0, 1], "count": [40, 60, 50]})
    south = pd.DataFrame({"A": [1, 1, 0], "B": [1, 0, 1], "count": [10, 30, 20]})
    table = pd.concat([north.assign(region="north"), south.assign(region="south")])
    path = tmp_path / "strata.csv"
    table.to_csv(path, index=False)
    plot = tmp_path / "strata.png"
    result = run("--method", "loglinear", "--table", str(path), "--by", "region",
                 "--plot", str(plot))  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "== north ==" in result.output and "== south ==" in result.output
    # Lincoln-Petersen: 100 * 90 / 40 = 225 and 40 * 30 / 10 = 120
    assert "Estimated total: 225 people" in result.output
    assert "Estimated total: 120 people" in result.output
    assert "== total of all strata ==" in result.output
    assert "Estimated total: 345 people (no interval)" in result.output
    assert plot.read_bytes().startswith(PNG_MAGIC)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--table", "missing.csv"], "missing.csv: no such file"),
        (["--table", "{bad}"], "not 0 or 1"),
        (["--table", "{bad}", "--by", "province"], "cannot stratify by province"),
        (["--table", "{good}", "--model", "A*Z"], "interaction 'A*Z'"),
    ],
)
def test_bad_input_is_one_line_naming_it(tmp_path: Path, args: list[str], message: str) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("A,B,count\n1,yes,3\n0,1,4\n", encoding="utf-8")
    good = tmp_path / "good.csv"
    good.write_text("A,B,count\n1,1,3\n1,0,4\n0,1,5\n", encoding="utf-8")
    args = [a.format(bad=bad, good=good) for a in args]
    result = run("--method", "loglinear", *args)
    assert result.exit_code == 1
    assert message in result.output and len(result.output.strip().splitlines()) == 1


def test_estimate_from_linked_lists_in_the_ledger(tmp_path: Path) -> None:
    from tollbook.victims.generator import generate

    people, records = generate(600, lists=3, seed=5)
    db = str(tmp_path / "ledger.db")
    runner = CliRunner()
    for name, frame in records.groupby("source_dataset"):
        path = tmp_path / f"{name}.csv"
        frame.drop(columns=["unique_id", "source_dataset", "true_person"]).to_csv(path, index=False)
        imported = runner.invoke(
            cli, ["victims", "import", str(path), "--list", str(name),
                  "--map", "full_name=full_name", "--db", db],
        )  # fmt: skip
        assert imported.exit_code == 0, imported.output
    linked = runner.invoke(cli, ["victims", "link", "--db", db])
    assert linked.exit_code == 0, linked.output

    from tollbook.store import Store
    from tollbook.victims import capture_histories

    store = Store.open(db)
    try:
        linked_people = int(capture_histories(store)["count"].sum())
    finally:
        store.close()
    result = run("--method", "loglinear", "--db", db)
    assert result.exit_code == 0, result.output
    assert f"Documented: {linked_people:,} people" in result.output
    total = int(re.search(r"Estimated total: ([\d,]+)", result.output)[1].replace(",", ""))
    assert linked_people < total
    assert abs(total - len(people)) < 0.25 * len(people)  # 600 people really existed
