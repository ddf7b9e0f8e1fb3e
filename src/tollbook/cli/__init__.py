"""Command-line interface: each module adds the commands of one pipeline stage.

Importing a module registers its commands on `cli`; add one line per module.
"""

from tollbook.cli.main import cli

__all__ = ["cli"]

# isort: off
import tollbook.cli.events  # noqa: E402,F401
import tollbook.cli.reconcile  # noqa: E402,F401
import tollbook.cli.export  # noqa: E402,F401
import tollbook.cli.ingest  # noqa: E402,F401
import tollbook.cli.demo  # noqa: E402,F401
import tollbook.cli.extract  # noqa: E402,F401
import tollbook.cli.serve  # noqa: E402,F401
import tollbook.cli.victims  # noqa: E402,F401
import tollbook.cli.estimate  # noqa: E402,F401
import tollbook.cli.incidents  # noqa: E402,F401
import tollbook.cli.compare  # noqa: E402,F401
