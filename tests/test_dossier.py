"""The cited event dossier: wikitext that parses back into the same fields, and Markdown."""

from __future__ import annotations

import re

import incident_corpus
import mwparserfromhell
import pytest

from tollbook.exports import render
from tollbook.exports.dossier import build_dossier, to_markdown, to_wikitext


@pytest.fixture(scope="module")
def rec():
    return incident_corpus.reconciled()


@pytest.fixture(scope="module")
def dossier(rec):
    return build_dossier(rec)


def _plain(wikicode) -> str:  # type: ignore[no-untyped-def]
    """Text of wikitext without its <ref> tags."""
    for tag in wikicode.filter_tags(recursive=False):
        if str(tag.tag) == "ref":
            wikicode.remove(tag)
    return str(wikicode).strip()


def test_infobox_parses_back_into_the_same_fields(rec, dossier):
    code = mwparserfromhell.parse(to_wikitext(dossier))
    box = code.filter_templates(matches=lambda t: t.name.matches("Infobox military conflict"))[0]
    assert box.get("conflict").value.strip() == "Coastal clashes"
    assert box.get("date").value.strip() == "2025-03-06 – 2025-03-10"
    for side, lines in ((1, dossier.commanders[0]), (2, dossier.commanders[1])):
        if not lines:
            continue
        value = box.get(f"commander{side}").value
        shown = [_plain(mwparserfromhell.parse(part)) for part in str(value).split("<br />")]
        assert shown == [line.text for line in lines]
    commanders = " ".join(line.text for line in dossier.commanders[0])
    assert "Ahmed al-Sharaa (Syria's interim president)" in commanders
    assert "Anas Khattab (Interior Minister)" in commanders
    combatants2 = str(box.get("combatant2").value)
    assert "Gunmen loyal to the former regime" in combatants2
    assert "<ref" in combatants2  # each belligerent with its reference
    assert "casualties3" in [str(p.name).strip() for p in box.params]


def test_every_sentence_carries_a_reference(dossier):
    text = to_wikitext(dossier)
    body = text.split("}}\n", 1)[1].split("== References ==")[0]
    for line in body.splitlines():
        if not line.strip() or line.startswith("=="):
            continue
        # A line may hold several sentences (the lead): each ends with refs.
        for sentence in re.split(r"(?:(?<=</ref>)|(?<=/>)) (?=[A-Z])", line):
            assert re.search(r"(<ref[^>]*>.*?</ref>|<ref[^>]*/>)$", sentence), sentence


def test_sections_parse_back_into_the_same_lines(dossier):
    code = mwparserfromhell.parse(to_wikitext(dossier))
    titles = [str(h.title).strip() for h in code.filter_headings()]
    assert titles == ["Timeline", "Casualties", "Reactions", "References"]
    for section in dossier.sections:
        wiki = code.get_sections(matches=section.title)[0]
        items = [ln for ln in str(wiki).splitlines() if ln.startswith("*")]
        assert [_plain(mwparserfromhell.parse(i.lstrip("* "))) for i in items] == [
            line.text for line in section.lines
        ]


def test_named_refs_are_defined_once_and_reused(dossier):
    text = to_wikitext(dossier)
    code = mwparserfromhell.parse(text)
    defined: dict[str, set[str]] = {}
    used = set()
    for tag in code.filter_tags(matches=lambda t: str(t.tag) == "ref"):
        name = str(tag.get("name").value)
        if tag.self_closing:
            used.add(name)
        else:
            defined.setdefault(name, set()).add(str(tag.contents))
    assert used <= set(defined)
    assert all(len(contents) == 1 for contents in defined.values())  # never two texts, one name
    box, body = text.split("}}\n", 1)
    in_box = set(re.findall(r'<ref name="([^"]+)">', box))
    assert not in_box & set(re.findall(r'<ref name="([^"]+)">', body))


def test_timeline_is_dated_and_nested(dossier):
    timeline = dossier.sections[0]
    texts = [line.text for line in timeline.lines]
    assert texts[0].startswith("6 March 2025, Jableh (Latakia)")
    baniyas = next(line for line in timeline.lines if "Baniyas" in line.text)
    tartus = next(line for line in timeline.lines if line.text.split(", ")[1].startswith("Tartus"))
    assert baniyas.depth == tartus.depth + 1
    assert "60 civilians killed (Coast Monitor)" in baniyas.text


def test_casualties_show_competing_figures_with_who_reported_them(dossier):
    casualties = [line.text for line in dossier.sections[1].lines]
    assert (
        "Security forces killed: 13–16 (best estimate 13, counting 1 separate incident)."
        in casualties
    )
    assert "A local official in Jableh (Latakia): 13 (6 March 2025)." in casualties
    assert (
        "Coast Monitor in Baniyas (Tartus): 60 (8 March 2025), then about 200 (12 March 2025)."
        in casualties
    )
    # Who reported what sits under the figure it is about.
    security = casualties.index(
        "Security forces killed: 13–16 (best estimate 13, counting 1 separate incident)."
    )
    assert casualties[security + 1].endswith("at least 16 (6 March 2025).")


def test_reactions_are_statements_by_named_speakers(dossier):
    reactions = [line.text for line in dossier.sections[2].lines]
    assert "6 March 2025: Kuwait condemned the attack on the security forces." in reactions
    assert any("Ahmed al-Sharaa, urged the insurgents to surrender" in t for t in reactions)
    assert not any("the monitor counted" in t for t in reactions)


def test_markdown_cites_with_footnotes(dossier):
    md = to_markdown(dossier)
    assert md.startswith("# Coastal clashes\n")
    marks = set(re.findall(r"\[\^(\d+)\](?!:)", md))
    notes = set(re.findall(r"^\[\^(\d+)\]:", md, re.M))
    assert marks == notes and marks
    assert "[Report wire-0306](https://example.org/wire-0306), Example Wire, 2025-03-06." in md
    for heading in ("## Timeline", "## Casualties", "## Reactions", "## References"):
        assert heading in md


def test_render_gives_both_forms(rec):
    assert render(rec, "dossier-wiki").startswith("{{Infobox military conflict")
    assert render(rec, "dossier-md").startswith("# Coastal clashes")
