"""A PNG of each source's toll curve: how its figure moved as reports came in."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from tollbook.errors import ExportError
from tollbook.reconcile import Reconciliation, Tally
from tollbook.reconcile.tally import EVENT_WIDE

MAX_PANELS = 6


def _panels(rec: Reconciliation) -> list[Tally]:
    wide = [t for t in rec.tallies if t.scope == EVENT_WIDE]
    # The tallies with the most reports say the most about how figures moved.
    wide.sort(key=lambda t: (-len(t.figures), t.outcome, t.group))
    return wide[:MAX_PANELS]


def timeline_png(rec: Reconciliation, path: Path) -> Path:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt

    panels = [t for t in _panels(rec) if any(f.reported for f in t.figures)]
    if not panels:
        raise ExportError(f"{rec.event.slug}: no dated figures to draw")
    fig, axes = plt.subplots(len(panels), 1, figsize=(9, 3.2 * len(panels)), squeeze=False)
    for ax, tally in zip(axes[:, 0], panels, strict=True):
        for curve in tally.curves:
            points = [
                (date.fromisoformat(f.reported), f.stated) for f in curve.figures if f.reported
            ]
            if not points:
                continue
            xs, ys = zip(*sorted(points), strict=True)
            ax.step(xs, ys, where="post", marker="o", label=curve.source[:40])
        ax.set_title(f"{tally.group} {tally.outcome}: each source's figure over time", fontsize=10)
        ax.set_ylabel("reported")
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%d %b"))
        ax.grid(alpha=0.3)
        ax.legend(fontsize=7, loc="upper left")
    fig.suptitle(rec.event.name)
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path
