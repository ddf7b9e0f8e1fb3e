"""The bundled demo corpus: short reports on the March 2025 western Syria clashes.

`make run` ingests `corpus_path()`, creates `DEMO_EVENT`, extracts, reconciles and
prints the infobox, so a newcomer sees the whole pipeline without any download.

The reports are the project's own retellings of real, attributed figures (see
README.md beside this module); they are package data so that an installed
tollbook finds them through importlib.resources, not through a path relative to
a source checkout.  The README lives outside `reports/` so that ingesting the
directory reads only the reports.

The event's dates are those of the fighting (6 March, the ambush near Jableh, to
10 March, when the defence ministry declared its operation over), because they
are what the infobox prints as the conflict's date.  Reports run later (to
14 August 2025, the UN Commission of Inquiry): a document belongs to the
event when it names one of its places and is not published before it starts,
so the later tallies that supersede the March ones still count.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from tollbook.models import Event

__all__ = ["DEMO_EVENT", "corpus_path"]

CORPUS_DIRNAME = "reports"

DEMO_EVENT = Event(
    name="March 2025 western Syria clashes",
    slug="march-2025-western-syria-clashes",
    start_date="2025-03-06",
    end_date="2025-03-10",
    # Governorates first, then towns, then the ways reports name the region as a
    # whole: a report joins the event when its text contains one of these.
    place_keywords=[
        "Latakia",
        "Tartus",
        "Hama",
        "Jableh",
        "Baniyas",
        "Beit Ana",
        "Hmeimim",
        "Syrian coast",
        "Syria's coast",
        "Syria's Mediterranean coast",
    ],
    part_of="Western Syria clashes (December 2024–present)",
)


def corpus_path() -> Path:
    """The directory holding the bundled demo reports (text, HTML, wikitext, JSONL, RSS)."""
    path = Path(str(resources.files(__package__).joinpath(CORPUS_DIRNAME)))
    if not path.is_dir():
        raise FileNotFoundError(f"the demo corpus is missing from the installation: {path}")
    return path
