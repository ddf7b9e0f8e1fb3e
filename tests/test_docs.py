"""Docs that cannot drift: every command has help and is named in the README."""

from __future__ import annotations

from pathlib import Path

import click
import pytest
from click.testing import CliRunner

import tollbook
from tollbook.cli import cli

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def command_paths(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    paths = []
    for name, command in sorted(group.commands.items()):
        path = (*prefix, name)
        paths.append(path)
        if isinstance(command, click.Group):
            paths.extend(command_paths(command, path))
    return paths


@pytest.mark.parametrize("path", command_paths(cli), ids=" ".join)
def test_every_command_has_help(path: tuple[str, ...]) -> None:
    result = CliRunner().invoke(cli, [*path, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output
    command = cli
    for name in path:
        command = command.commands[name]  # type: ignore[attr-defined]
    assert (command.help or "").strip(), f"tollbook {' '.join(path)} has no help text"


@pytest.mark.parametrize("path", [p[:1] for p in command_paths(cli) if len(p) == 1], ids=" ".join)
def test_every_top_level_command_is_in_the_readme(path: tuple[str, ...]) -> None:
    assert f"tollbook {path[0]}" in README, f"README does not mention `tollbook {path[0]}`"


def test_readme_opens_with_the_two_setup_commands() -> None:
    first_screen = "\n".join(README.splitlines()[:30])
    assert "make run" in first_screen and "make test" in first_screen


def test_version_option() -> None:
    result = CliRunner().invoke(cli, ["--version"])
    assert result.exit_code == 0 and tollbook.__version__ in result.output


def test_public_api_exports_everything_it_names() -> None:
    for name in tollbook.__all__:
        assert hasattr(tollbook, name), name
    public = {n for n in vars(tollbook) if not n.startswith("_")} - {
        "annotations", "errors", "models", "cli", "store", "reconcile", "exports", "sources",
        "extraction", "pipeline", "ingest", "demo", "geo", "dates", "incidents", "actors",
        "enrich", "victims", "estimation", "web", "compare",
    }  # fmt: skip
    assert public <= set(tollbook.__all__), public - set(tollbook.__all__)
