"""The cited event dossier: a short encyclopedia article in wikitext or Markdown.

The article is first built as plain content (`Dossier`: infobox fields and
sections of cited sentences), then written out by one of two renderers, so
the wikitext and the Markdown always say the same thing.  Every sentence
carries the documents it rests on: `<ref>`s in wikitext (named, each source
defined once), numbered footnotes in Markdown.

Sections:

* **lead**: what, where and when, from the event and its incidents;
* **Timeline**: the incidents by date, nested incidents under their parent,
  each with its figures and who reported them;
* **Casualties**: for each outcome and group, the reconciled range and each
  source's figures over time, then the contradictions;
* **Reactions**: statements by states, officials and organisations found in
  the reports, sentences whose named subject condemned, urged, called on,
  pledged, vowed... something.

Infobox belligerents and commanders come from the incidents' actors (each line
cites the report it was read in); casualty lines from the lead's `infobox`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tollbook.actors import STATE, Actor
from tollbook.exports.citations import References
from tollbook.exports.infobox import infobox
from tollbook.extraction.candidates import split_sentences
from tollbook.incidents.analysis import Analysis, Row, analyse, day_label
from tollbook.models import Document
from tollbook.reconcile import Reconciliation
from tollbook.reconcile.groups import normalise_group
from tollbook.reconcile.tally import format_figure

REACTION_VERBS = re.compile(
    r"\b(condemn(?:ed|s)?|denounc(?:ed|es)|call(?:ed|s)? (?:on|for)|urg(?:ed|es)|pledg(?:ed|es)|"
    r"vow(?:ed|s)|promis(?:ed|es)|demand(?:ed|s)|express(?:ed|es) (?:deep |grave )?concern|"
    r"welcom(?:ed|es)|appeal(?:ed|s) (?:to|for)|deplor(?:ed|es))\b",
    re.I,
)
SPEAKER_LABELS = {"GPE", "ORG", "PERSON", "NORP"}
MAX_COMBATANTS = 4
MAX_LEAD_PLACES = 5


@dataclass
class Line:
    """One sentence of the article and the documents it cites."""

    text: str
    docs: list[Document]
    depth: int = 0  # list nesting, for the timeline


@dataclass
class Section:
    title: str
    lines: list[Line]
    bulleted: bool = True


@dataclass
class Dossier:
    title: str
    infobox_wikitext: str
    combatants: list[list[Line]]
    commanders: list[list[Line]]
    lead: list[Line]
    sections: list[Section] = field(default_factory=list)


def _docs(analysis: Analysis, doc_ids: list[str]) -> list[Document]:
    return [analysis.documents[d] for d in dict.fromkeys(doc_ids) if d in analysis.documents]


def _belligerents(analysis: Analysis) -> list[list[Line]]:
    sides: dict[int, dict[str, Line]] = {1: {}, 2: {}}
    for row in analysis.rows:
        for actor in row.actors:
            if actor.side not in sides or actor.role == "commander":
                continue
            name = actor.name[:1].upper() + actor.name[1:]
            key = name.lower()
            doc = analysis.documents.get(actor.doc_id)
            if key not in sides[actor.side] and len(sides[actor.side]) < MAX_COMBATANTS and doc:
                sides[actor.side][key] = Line(name, [doc])
    return [list(sides[1].values()), list(sides[2].values())]


def _commander_lines(people: list[Actor], analysis: Analysis) -> list[list[Line]]:
    sides: list[list[Line]] = [[], []]
    for person in people:
        doc = analysis.documents.get(person.doc_id)
        if doc is None:
            continue
        title = f" ({person.title})" if person.title else ""
        sides[0 if person.side == STATE else 1].append(Line(f"{person.name}{title}", [doc]))
    return sides


def _figures(row: Row, analysis: Analysis) -> str:
    parts = []
    for claim in row.incident.claims:
        doc = analysis.documents.get(claim.doc_id)
        source = claim.attributed_to or (doc.publisher if doc else None) or "a report"
        parts.append(f"{format_figure(claim)} {claim.group} {claim.outcome} ({source})")
    return "; ".join(dict.fromkeys(parts))


def _timeline(analysis: Analysis) -> Section:
    lines = []
    depth = {analysis.root.key: -1}
    for incident in analysis.incidents():
        parent = incident.parent_key
        depth[incident.key] = depth.get(parent or "", -1) + 1
    rows = {r.incident.key: r for r in analysis.rows}
    for incident in analysis.incidents():
        row = rows[incident.key]
        if not incident.claims or incident.level == "event":
            continue
        if not incident.dated:
            when = f"Reported {day_label(incident.end)}"
        else:
            when = day_label(incident.start)
            if incident.end != incident.start:
                when += f" – {day_label(incident.end)}"
        kind = row.coding.sub_event_type.lower()
        text = f"{when}, {incident.name}: {kind}; {_figures(row, analysis)}."
        lines.append(Line(text, _docs(analysis, incident.doc_ids), max(depth[incident.key] - 1, 0)))
    return Section("Timeline", lines)


def _casualties(analysis: Analysis) -> Section:
    """Each outcome and group: the range, then under it who reported what, where and when."""
    lines = []
    killed_first = sorted(
        analysis.result.rolled, key=lambda r: (r.outcome != "killed", r.outcome, -r.high)
    )
    for rolled in killed_first:
        figure = (
            f"{rolled.low:,}" if rolled.low == rolled.high else f"{rolled.low:,}–{rolled.high:,}"
        )
        plural = "s" if rolled.nested > 1 else ""
        basis = "" if not rolled.nested else f", counting {rolled.nested} separate incident{plural}"
        reports = []
        for node in analysis.result.walk():
            where = "" if node.incident.level == "event" else f" in {node.incident.name}"
            for tally in node.reconciliation.tallies:
                if (tally.outcome, normalise_group(tally.group)) != (rolled.outcome, rolled.group):
                    continue
                for curve in tally.curves:
                    steps = dict.fromkeys(
                        f"{f.label()} ({day_label_iso(f.reported)})" for f in curve.figures
                    )
                    source = curve.source[:1].upper() + curve.source[1:]
                    docs = {f.document.doc_id: f.document for f in curve.figures}
                    reports.append(
                        Line(f"{source}{where}: {', then '.join(steps)}.", list(docs.values()), 1)
                    )
        cited = {d.doc_id: d for line in reports for d in line.docs}
        lines.append(
            Line(
                f"{rolled.group[:1].upper() + rolled.group[1:]} {rolled.outcome}: {figure} "
                f"(best estimate {rolled.best:,}{basis}).",
                list(cited.values()),
            )
        )
        lines += reports
    # Disagreements about the event as a whole; those about one place show in its lines above.
    for c in analysis.result.reconciliation.contradictions:
        lines.append(Line(f"Disagreement: {c.message}.", [f.document for f in c.figures]))
    return Section("Casualties", lines)


def day_label_iso(value: str) -> str:
    from datetime import date

    try:
        return day_label(date.fromisoformat(value[:10]))
    except ValueError:
        return value or "an unknown date"


SPEAKER_WORDS = {
    "president", "minister", "ministry", "government", "office", "council", "commissioner",
    "envoy", "spokesperson", "spokesman", "spokeswoman", "secretary-general", "chief",
    "union", "nations", "organisation", "organization", "committee", "embassy", "king",
    "emir", "prime", "foreign", "observatory", "network", "amnesty", "watch",
}  # fmt: skip
PERFECT_AUX = {"has", "have"}  # "has promised to govern": background, not a reaction
REACTION_LEMMAS = {
    "condemn", "denounce", "call", "urge", "pledge", "vow", "promise", "demand", "express",
    "welcome", "appeal", "deplore",
}  # fmt: skip


def _speaker(sentence_doc) -> str | None:  # type: ignore[no-untyped-def]
    """The named subject of a reaction verb, if the sentence has one.

    Climbs from the verb through the clauses it is joined to ("X told them
    ... and urged them"), since the parser often hangs a second verb on the
    wrong one; a pronoun subject is passed over on the way up.
    """
    for token in sentence_doc:
        if token.lemma_.lower() not in REACTION_LEMMAS or token.pos_ != "VERB":
            continue
        if any(c.dep_ == "aux" and c.lower_ in PERFECT_AUX for c in token.children):
            continue
        verb = token
        for _ in range(4):
            for child in verb.children:
                if child.dep_ not in ("nsubj", "nsubjpass") or child.pos_ == "PRON":
                    continue
                span = sentence_doc[child.left_edge.i : child.right_edge.i + 1]
                named = any(e.label_ in SPEAKER_LABELS for e in span.ents)
                if named or {t.lower_ for t in span} & SPEAKER_WORDS:
                    return span.text
            if verb.dep_ not in ("conj", "ccomp", "xcomp", "advcl") or verb.head.i == verb.i:
                break
            verb = verb.head
    return None


def reactions(documents: list[Document]) -> list[Line]:
    """Statements by named states, officials and organisations, once each."""
    from tollbook.actors import _nlp

    found: dict[str, Line] = {}
    for doc in sorted(documents, key=lambda d: (d.published or "9999", d.doc_id or "")):
        for sentence in split_sentences(doc.text):
            text = " ".join(doc.text[sentence.start : sentence.end].split())
            if REACTION_VERBS.search(text) is None or len(text) > 400:
                continue
            if _speaker(_nlp()(text)) is None:
                continue
            key = text.lower()
            if key not in found:
                reported = day_label_iso(doc.published) if doc.published else "Undated report"
                found[key] = Line(f"{reported}: {text.rstrip('.')}.", [doc])
    return list(found.values())


def _lead(analysis: Analysis) -> list[Line]:
    event = analysis.event
    # Places the gazetteer confirmed, the most reported first.
    local = [i for i in analysis.incidents() if i.level != "event" and i.claims and i.resolved]
    local.sort(key=lambda i: (-len(i.doc_ids), i.day))
    places = list(dict.fromkeys(i.name for i in local))[:MAX_LEAD_PLACES]
    all_docs = _docs(analysis, [d for i in analysis.incidents() for d in i.doc_ids])
    first = sorted(all_docs, key=lambda d: d.published or "9999")[:2]
    start = day_label_iso(event.start_date) if event.start_date else day_label(analysis.root.start)
    end = day_label_iso(event.end_date) if event.end_date else day_label(analysis.root.end)
    where = f" in {', '.join(places)}" if places else ""
    lines = [Line(f"The {event.name} took place between {start} and {end}{where}.", first)]
    killed = [r for r in analysis.result.rolled if r.outcome == "killed"]
    if killed:
        top = max(killed, key=lambda r: r.high)
        lines.append(
            Line(
                f"Reports put the number of {top.group} killed between {top.low:,} and "
                f"{top.high:,}.",
                _sources_of(analysis, top.outcome, top.group),
            )
        )
    return lines


def _sources_of(analysis: Analysis, outcome: str, group: str) -> list[Document]:
    docs = {}
    for node in analysis.result.walk():
        for t in node.reconciliation.tallies:
            if (t.outcome, t.group) == (outcome, group):
                for bound in (t.low, t.high):
                    for f in bound.figures:
                        docs[f.document.doc_id] = f.document
    return list(docs.values())


def build_dossier(rec: Reconciliation, analysis: Analysis | None = None) -> Dossier:
    analysis = analysis or analyse(rec)
    combatants = _belligerents(analysis)
    commanders = _commander_lines(analysis.commanders, analysis)
    refs = References()
    wiki_box = infobox(
        rec,
        combatants=[[line.text + _refs(line, refs) for line in side] for side in combatants],
        commanders=[[line.text + _refs(line, refs) for line in side] for side in commanders],
    )
    sections = [_timeline(analysis), _casualties(analysis)]
    sections.append(Section("Reactions", reactions(list(analysis.documents.values()))))
    return Dossier(rec.event.name, wiki_box, combatants, commanders, _lead(analysis), sections)


def _refs(line: Line, refs: References) -> str:
    return "".join(dict.fromkeys(refs(d) for d in line.docs))


def to_wikitext(dossier: Dossier) -> str:
    refs = References()
    # The infobox defines its refs first; the body reuses them by name.
    for tag in re.finditer(r'<ref name="([^"]+)">', dossier.infobox_wikitext):
        refs.used.add(tag.group(1))
    out = [dossier.infobox_wikitext.rstrip("\n")]
    lead = " ".join(line.text + _refs(line, refs) for line in dossier.lead)
    out.append(lead.replace(dossier.title, f"'''{dossier.title}'''", 1))
    for section in dossier.sections:
        out.append(f"\n== {section.title} ==")
        if not section.lines:
            out.append("No entries were found in the reports.")
        for line in section.lines:
            bullet = "*" * (line.depth + 1) + " " if section.bulleted else ""
            out.append(bullet + line.text + _refs(line, refs))
    out.append("\n== References ==\n{{reflist}}")
    return "\n".join(out) + "\n"


def to_markdown(dossier: Dossier) -> str:
    numbers: dict[str, int] = {}
    notes: list[Document] = []

    def cite(line: Line) -> str:
        marks = []
        for doc in line.docs:
            if doc.doc_id not in numbers:
                numbers[doc.doc_id or ""] = len(numbers) + 1
                notes.append(doc)
            marks.append(f"[^{numbers[doc.doc_id or '']}]")
        return "".join(dict.fromkeys(marks))

    out = [f"# {dossier.title}", ""]
    rows = [("Belligerents", dossier.combatants), ("Commanders", dossier.commanders)]
    table = ["| | Side 1 | Side 2 |", "|---|---|---|"]
    for label, sides in rows:
        cells = [
            "<br>".join(line.text + cite(line) for line in side) for side in (sides + [[], []])[:2]
        ]
        table.append(f"| {label} | {cells[0]} | {cells[1]} |")
    out += table + [""]
    out.append(" ".join(line.text + cite(line) for line in dossier.lead))
    for section in dossier.sections:
        out += ["", f"## {section.title}", ""]
        if not section.lines:
            out.append("No entries were found in the reports.")
        for line in section.lines:
            out.append("  " * line.depth + "- " + line.text + cite(line))
    out += ["", "## References", ""]
    for doc in notes:
        title = doc.title or doc.doc_id
        link = f"[{title}]({doc.url})" if doc.url else title
        parts = [p for p in (doc.publisher, (doc.published or "")[:10]) if p]
        out.append(
            f"[^{numbers[doc.doc_id or '']}]: {link}"
            + (f", {', '.join(parts)}" if parts else "")
            + "."
        )
    return "\n".join(out) + "\n"
