"""Command-line interface: each module adds the commands of one pipeline stage."""

from tollbook.cli.main import cli

# Importing a module registers its commands on `cli`.
from tollbook.cli import (  # noqa: E402,F401  isort: skip
)

__all__ = ["cli"]
