"""Wikipedia wikitext: the article's prose, and each reference as a `Citation`.

The prose is what a reader sees, minus what carries no sentences: templates
(infoboxes, navboxes, maintenance tags) are dropped, except a few inline ones
whose text belongs to the sentence (`{{convert|5|km}}` reads "5 km");
files, categories, tables, comments and end-matter sections ("See also",
"References") go; headings stay as their own paragraph.  References are
taken out of the text (a figure's source is the citation, not part of the
sentence) and kept as citations, each with the offsets in the final text
where it stood, so that a figure can be traced to the reference after it.
A `{{cite news}}` / `{{cite web}}` / any `{{cite ...}}` gives url, title,
publisher (publisher, work, website, agency, newspaper) and date; a free-text
reference gives its first external link.  A named reference reused later
(`<ref name="x"/>`) is one citation with several offsets.

Broken markup is common in pasted pages.  mwparserfromhell never fails: an
unclosed `{{...` stays literal text, so we cut such a fragment from the `{{`
to the end of its line rather than let template syntax into the prose.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import mwparserfromhell
from mwparserfromhell.nodes import (
    Comment,
    ExternalLink,
    Heading,
    Node,
    Tag,
    Template,
    Wikilink,
)
from mwparserfromhell.wikicode import Wikicode

from tollbook.errors import SourceError
from tollbook.models import Citation, Document
from tollbook.sources.dates import iso_date

PUBLISHER_PARAMS = ("publisher", "work", "website", "agency", "newspaper", "magazine", "via")
HIDDEN_NAMESPACES = ("file:", "image:", "category:", "media:")
# End-matter sections: link lists and reference lists, no prose; left out whole.
APPENDIX_HEADINGS = {
    "references",
    "notes",
    "notes and references",
    "citations",
    "sources",
    "bibliography",
    "external links",
    "see also",
    "further reading",
}
# Inline templates whose last positional argument is text the reader sees.
TEXT_TEMPLATES = {"nowrap", "nobr", "lang", "transl", "small", "abbr", "nowrap begin", "em"}
_LEFTOVER_TEMPLATE = re.compile(r"\{\{[^\n]*")
_LEFTOVER_LINK = re.compile(r"\[\[(?:[^|\]\n]*\|)?([^\]\n]*)")
_MARK_OPEN, _MARK_CLOSE = "\ue000", "\ue001"
_MARKER = re.compile("\ue000(\\d+)\ue001")
_LEFTOVER_MARKUP = re.compile(r"\[\[|\]\]|\}\}|'''?|<[^>\n]{0,200}>")


def parse_wikitext(
    source: str, origin: str, *, title: str | None = None, url: str | None = None
) -> Document:
    """A Document from wikitext: rendered prose plus one citation per distinct reference."""
    code = mwparserfromhell.parse(source)
    citations = _take_references(code)
    _drop_invisible(code)
    prose = _place_references(_clean(code.strip_code(normalize=True, collapse=True)), citations)
    if not prose:
        raise SourceError(origin, "no article text in the wikitext (only templates or markup)")
    host = (urlsplit(url).hostname or "") if url else ""
    return Document(
        text=prose,
        url=url,
        title=title,
        publisher="Wikipedia"
        if host == "wikipedia.org" or host.endswith(".wikipedia.org")
        else None,
        format="wikitext",
        origin=origin,
        citations=citations,
    )


def _take_references(code: Wikicode) -> list[Citation]:
    """One citation per distinct reference; each `<ref>` in the text becomes a marker.

    The marker (private-use characters around the citation's index) rides
    through rendering and cleaning like any text, so `_place_references` can
    then note where each reference stood in the final prose.  A named
    reference may be defined after its first reuse, hence two passes.
    """
    refs = code.filter_tags(matches=lambda node: str(node.tag).strip().lower() == "ref")
    found: list[Citation] = []
    index_of_name: dict[str, int] = {}
    index_of_ref: dict[int, int] = {}
    for position, ref in enumerate(refs):
        name = str(ref.get("name").value).strip() if ref.has("name") else None
        if ref.contents is None or not ref.contents.strip() or name in index_of_name:
            continue
        citation = _citation(ref.contents)
        if citation is None:
            continue
        citation.ref_name = name
        index_of_ref[position] = len(found)
        if name:
            index_of_name[name] = len(found)
        found.append(citation)
    for position, ref in enumerate(refs):
        name = str(ref.get("name").value).strip() if ref.has("name") else None
        index = index_of_ref.get(position, index_of_name.get(name or "", -1))
        _replace(code, ref, _marker(index) if index >= 0 else "")
    # A {{cite ...}} outside any <ref> (inline, or in a "Sources" list) is a citation too.
    for template in code.filter_templates(matches=_is_cite):
        citation = _cite_template(template)
        same = [
            i for i, c in enumerate(found) if (c.url, c.title) == (citation.url, citation.title)
        ]
        if not same:
            found.append(citation)
        _replace(code, template, _marker(same[0] if same else len(found) - 1))
    return found


def _marker(index: int) -> str:
    return f"{_MARK_OPEN}{index}{_MARK_CLOSE}"


def _is_cite(template: Template) -> bool:
    return str(template.name).strip().lower().startswith("cite")


def _place_references(text: str, citations: list[Citation]) -> str:
    """The text without reference markers; each citation learns the offsets where it stood."""
    pieces: list[str] = []
    length = 0
    cursor = 0
    for match in _MARKER.finditer(text):
        piece = text[cursor : match.start()]
        if pieces and piece.startswith(" ") and pieces[-1].endswith(" "):
            piece = piece[1:]  # "killed <ref/> and" must not leave two spaces
        pieces.append(piece)
        length += len(piece)
        citations[int(match.group(1))].offsets.append(length)
        cursor = match.end()
    rest = text[cursor:]
    if pieces and rest.startswith(" ") and pieces[-1].endswith(" "):
        rest = rest[1:]
    pieces.append(rest)
    joined = "".join(pieces)
    prose = joined.strip()
    lead = len(joined) - len(joined.lstrip())  # a marker opened the text
    for citation in citations:
        citation.offsets = [min(max(offset - lead, 0), len(prose)) for offset in citation.offsets]
    return prose


def _citation(contents: Wikicode) -> Citation | None:
    for template in contents.filter_templates(recursive=False):
        if _is_cite(template):
            return _cite_template(template)
    links = contents.filter_external_links(recursive=True)
    text = _clean(contents.strip_code(normalize=True, collapse=True)) or None
    if not links and not text:
        return None
    link: ExternalLink | None = links[0] if links else None
    return Citation(
        url=str(link.url).strip() if link else None,
        title=(str(link.title).strip() if link and link.title else None) or text,
    )


def _cite_template(template: Template) -> Citation:
    return Citation(
        url=_param(template, "url"),
        title=_param(template, "title"),
        publisher=next((v for p in PUBLISHER_PARAMS if (v := _param(template, p))), None),
        date=_cite_date(_param(template, "date")),
    )


def _param(template: Template, name: str) -> str | None:
    if not template.has(name):
        return None
    value = template.get(name).value.strip_code().strip()
    return value or None


def _cite_date(raw: str | None) -> str | None:
    """ISO when the date can be read; the editor's own text otherwise (e.g. "March 2025")."""
    return (iso_date(raw) or raw) if raw else None


def _drop_invisible(code: Wikicode) -> None:
    for template in code.filter_templates(recursive=False):
        _replace(code, template, _template_text(template))
    appendix_level = 0  # > 0 while inside "See also", "References", ...: lists, not prose
    for node in list(code.nodes):
        if isinstance(node, Heading) and (not appendix_level or node.level <= appendix_level):
            heading = node.title.strip_code().strip()
            appendix_level = node.level if heading.lower() in APPENDIX_HEADINGS else 0
            # A heading is a paragraph of its own, never glued to the next one.
            _replace(code, node, "\n\n" if appendix_level else f"\n\n{heading}\n\n")
        elif appendix_level:
            _remove(code, node)
        elif isinstance(node, Comment):
            _remove(code, node)
        elif isinstance(node, Tag) and str(node.tag).strip().lower() in {"table", "gallery"}:
            _remove(code, node)
        elif isinstance(node, Wikilink) and str(node.title).strip().lower().startswith(
            HIDDEN_NAMESPACES
        ):
            _remove(code, node)


def _template_text(template: Template) -> str:
    name = str(template.name).strip().lower()
    positional = [str(p.value).strip() for p in template.params if not p.showkey]
    if name in ("convert", "cvt") and len(positional) >= 2:
        return f"{positional[0]} {positional[1]}"
    if name in TEXT_TEMPLATES and positional:
        return positional[-1]
    return ""


def _replace(code: Wikicode, node: Node, text: str) -> None:
    try:
        code.replace(node, text)
    except ValueError:  # already gone with a parent that was removed
        pass


def _remove(code: Wikicode, node: Node) -> None:
    _replace(code, node, "")


def _clean(text: str) -> str:
    """Tidy prose: no leftover markup or ragged spaces; paragraphs split by blank lines."""
    lines = []
    for line in text.splitlines():
        if line.lstrip().startswith("|"):  # a parameter of an unclosed template or table row
            continue
        line = _LEFTOVER_TEMPLATE.sub("", line)
        line = _LEFTOVER_LINK.sub(r"\1", line)
        line = _LEFTOVER_MARKUP.sub("", line)
        line = re.sub(r"[ \t]+", " ", line).strip(" \t*#:;")
        line = re.sub(r" ([.,;:])", r"\1", line)
        lines.append(line.strip())
    paragraphs = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", paragraphs).strip()
