"""`docs.jsonl` in, `claims.jsonl` out: the file contract of `tollbook extract`.

Documents are read with the sources' JSON Lines reader (one way to read
`docs.jsonl` in the whole project), so a malformed line is reported with its
`FILE:LINE` and skipped while the others are extracted.  Claims are written to
a temporary file beside the output and renamed over it at the end: an
interrupted run never leaves a half-written claims file behind.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from tqdm import tqdm

from tollbook.enrich import enrich_claims
from tollbook.errors import SourceError, TollbookError
from tollbook.extraction.pipeline import extract_documents
from tollbook.models import Document
from tollbook.sources import read_jsonl

# Show a progress bar only for inputs at least this long (lines).
PROGRESS_FROM = 200


@dataclass
class ExtractionReport:
    """What one run did: documents read, claims written, lines that failed."""

    documents: int = 0
    claims: int = 0
    failed: list[SourceError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed

    def summary(self) -> str:
        return f"{self.claims} claims from {self.documents} documents, {len(self.failed)} failed"


def extract_jsonl(
    source: str | Path, output: str | Path | None, progress: bool = True
) -> ExtractionReport:
    """Extract the claims of every document in a JSON Lines file.

    `output` None or "-" writes to standard output; otherwise the file is
    replaced only once every document has been read.
    """
    source = Path(source)
    if not source.exists():
        raise TollbookError(f"{source}: no such file")
    if source.is_dir():
        raise TollbookError(f"{source}: is a directory, expected a JSON Lines file")
    report = ExtractionReport()
    if output is None or str(output) == "-":
        _write(source, sys.stdout, report, progress)
        return report
    target = Path(output)
    directory = target.parent if str(target.parent) else Path(".")
    if not directory.is_dir():
        raise TollbookError(f"{target}: directory {directory} does not exist")
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=directory)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            _write(source, stream, report, progress)
        os.replace(temporary, target)
    except BaseException:
        os.unlink(temporary)
        raise
    return report


def _write(source: Path, stream: IO[str], report: ExtractionReport, progress: bool) -> None:
    lines = _count_lines(source)
    with tqdm(
        total=lines,
        unit="doc",
        desc="extract",
        file=sys.stderr,
        disable=not progress or lines < PROGRESS_FROM,
        leave=False,
    ) as bar:
        for doc, found in extract_documents(_documents(source, report)):
            claims = enrich_claims(found, doc)
            report.documents += 1
            report.claims += len(claims)
            for claim in claims:
                stream.write(json.dumps(claim.to_json(), ensure_ascii=False) + "\n")
            bar.update(1)


def _documents(source: Path, report: ExtractionReport) -> Iterator[Document]:
    for item in read_jsonl(source):
        if isinstance(item, SourceError):
            report.failed.append(item)
        else:
            yield item


def _count_lines(path: Path) -> int:
    with open(path, "rb") as handle:
        return sum(chunk.count(b"\n") for chunk in iter(lambda: handle.read(1 << 20), b""))
