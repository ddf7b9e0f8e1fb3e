"""Reading reports from files, directories and URLs into `Document`s.

    read(["report.html", "wiki/", "https://example.org/feed.rss"])

yields a `Document` per report, and a `SourceError` for each input (or JSON
line, or feed entry) that cannot be read, then goes on with the rest: one bad
file never stops a batch.  The format of a file comes from its extension, else
from its first bytes (`sniff`); the format of a URL from its content type.
One module per format (`text`, `html`, `wikitext`, `jsonl`, `feeds`, `urls`);
`files` holds the rules on size, binary input and character encodings.

Directories are walked recursively in sorted order, skipping hidden files and
directories (`.git`, `.DS_Store`): the order of a batch is reproducible.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from tollbook.errors import SourceError
from tollbook.models import Document
from tollbook.sources.files import DEFAULT_MAX_BYTES, ReadOptions
from tollbook.sources.jsonl import read_jsonl
from tollbook.sources.parse import parse_bytes, read_path
from tollbook.sources.urls import is_url, read_url

__all__ = [
    "DEFAULT_MAX_BYTES",
    "ReadOptions",
    "expand",
    "parse_bytes",
    "read",
    "read_jsonl",
    "read_one",
]


def read(
    inputs: Iterable[str], options: ReadOptions | None = None
) -> Iterator[Document | SourceError]:
    """Every document from files, directories (recursively) and URLs, in order."""
    options = options or ReadOptions()
    for item in expand(inputs):
        yield from read_one(item, options)


def expand(inputs: Iterable[str]) -> Iterator[str]:
    """Inputs with directories replaced by the files under them (sorted, hidden ones skipped)."""
    for item in inputs:
        if is_url(item) or not os.path.isdir(item):
            yield item
            continue
        found = False
        for root, dirs, files in os.walk(item):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                if not name.startswith("."):
                    found = True
                    yield os.path.join(root, name)
        if not found:
            yield item  # reading it says why nothing came of it


def read_one(item: str, options: ReadOptions | None = None) -> Iterator[Document | SourceError]:
    """The documents of one file or URL (a directory is `expand`ed first)."""
    options = options or ReadOptions()
    if is_url(item):
        yield from read_url(item, options)
    elif "://" in item:
        yield SourceError(item, "unsupported URL scheme (use http:// or https://)")
    elif item.lower().endswith(".csv"):  # ACLED / UCDP-GED exports, one document a row
        from tollbook.sources.datasets import read_dataset_documents

        yield from read_dataset_documents(item)
    else:
        yield from read_path(Path(item), options)
