"""`{{cite news}}` references for documents, named so each source is cited once."""

from __future__ import annotations

import re

from tollbook.models import Document


def ref_name(doc: Document) -> str:
    """A stable, readable ref name: publisher and date, then the id to keep it unique."""
    publisher = re.sub(r"[^a-z0-9]+", "-", (doc.publisher or "source").lower()).strip("-")
    date = (doc.published or "")[:10]
    return "-".join(p for p in (publisher[:30], date, (doc.doc_id or "")[-6:]) if p)


def _param(value: str | None) -> str:
    # Pipes and braces would break the template; equals signs are safe in values.
    return (value or "").replace("|", "{{!}}").replace("}}", "} }").replace("\n", " ").strip()


def cite_news(doc: Document) -> str:
    fields = {
        "url": doc.url,
        "title": doc.title or (doc.text.strip().splitlines() or [""])[0][:90],
        "publisher": doc.publisher,
        "date": (doc.published or "")[:10],
        "access-date": (doc.retrieved or "")[:10],
    }
    body = " |".join(f"{k}={_param(v)}" for k, v in fields.items() if v)
    return "{{cite news |" + body + "}}"


class References:
    """Hands out `<ref>` tags: the full citation the first time, a named ref after."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def __call__(self, doc: Document) -> str:
        name = ref_name(doc)
        if name in self.used:
            return f'<ref name="{name}" />'
        self.used.add(name)
        return f'<ref name="{name}">{cite_news(doc)}</ref>'
