"""Citations remember where their reference stood in the document's text.

A wikitext article's figures are backed by the `<ref>` that follows them; the
offsets (a JSON list, as a reference may be reused) let reconciliation and the
infobox cite that reference rather than the article.
"""

from __future__ import annotations

from sqlalchemy import Connection, text


def upgrade(conn: Connection) -> None:
    conn.execute(text("ALTER TABLE citations ADD COLUMN offsets TEXT NOT NULL DEFAULT '[]'"))
