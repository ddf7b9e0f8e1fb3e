"""The accuracy floor: the reference scorer on the hand-annotated dev split.

Runs the real `tollbook extract` on ../shared/gold/dev/docs.jsonl and the real
scorer on its output.  The issue's target is figure F1 >= 0.85; the floor here
is 0.80 so that a real regression fails while small wording changes do not.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from tollbook.cli import cli

F1_FLOOR = 0.80


def test_dev_set_figure_f1_is_above_the_floor(shared_dir: Path, tmp_path: Path) -> None:
    gold = shared_dir / "gold"
    out = tmp_path / "claims.jsonl"
    result = CliRunner().invoke(
        cli, ["extract", str(gold / "dev" / "docs.jsonl"), "-o", str(out), "--no-progress"]
    )
    assert result.exit_code == 0, result.output
    scored = subprocess.run(
        [sys.executable, str(gold / "score.py"), str(gold / "dev" / "docs.jsonl"),
         str(gold / "dev" / "claims.jsonl"), str(out), "--json"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    score = json.loads(scored.stdout)
    assert score["f1"] >= F1_FLOOR, score
    assert score["qualifier_accuracy"] >= 0.85, score
    assert score["group_accuracy"] >= 0.80, score
    assert score["attribution_accuracy"] >= 0.75, score
