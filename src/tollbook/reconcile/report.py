"""The reconciliation as a plain-text table for the terminal."""

from __future__ import annotations

from tollbook.reconcile.tally import Reconciliation, Tally


def _sources(tally: Tally) -> str:
    return "; ".join(
        f"{c.source}: "
        + " → ".join(f"{f.label()} ({f.day[5:] if f.reported else f.day})" for f in c.figures)
        for c in tally.curves
    )


def render_text(rec: Reconciliation, width: int = 100) -> str:
    lines = [f"{rec.event.name} — {len(rec.tallies)} tallies from {len(rec.documents)} documents"]
    header = f"{'outcome':<10} {'group':<26} {'low':>8} {'best':>8} {'high':>8}  sources"
    lines += ["", header, "-" * min(width, len(header) + 20)]
    for t in sorted(rec.tallies, key=lambda t: (t.scope, t.outcome, t.group)):
        group = t.group + (f" @ {t.scope}" if t.scope else "")
        lines.append(
            f"{t.outcome:<10} {group[:26]:<26} {t.low.value:>8,} {t.best.value:>8,} "
            f"{t.high.value:>8,}  {len(t.curves)}"
        )
        lines.append(f"{'':<11}{_sources(t)}"[: width * 3])
    if rec.contradictions:
        lines += ["", f"Contradictions ({len(rec.contradictions)}):"]
        lines += [f"  [{c.kind}] {c.message}" for c in rec.contradictions]
    return "\n".join(lines) + "\n"
