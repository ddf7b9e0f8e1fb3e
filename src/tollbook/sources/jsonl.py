"""JSON Lines documents: the `docs.jsonl` contract (doc_id, text, url, title, publisher, published).

(A plain JSON file holding one such record, or an array of them, is read too.)

The file is streamed line by line, so a large export never sits in memory and
a bad line costs only itself: it becomes a `SourceError` naming `FILE:LINE`
and the problem, and the lines after it are still read.  The size limit of
`ReadOptions` applies to each line (one document), not to the file.

Fields other than the contract's are ignored; `text` is required and must be
a non-empty string; the optional fields must be strings or null, and
`published` must be a readable date (normalised to ISO).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from tollbook.errors import SourceError
from tollbook.models import Document
from tollbook.sources.dates import iso_date
from tollbook.sources.files import ReadOptions, check_not_binary, decode, human_size

OPTIONAL_FIELDS = ("doc_id", "url", "title", "publisher", "published", "retrieved")
_CHUNK = 1024 * 1024


def read_jsonl(
    path: str | Path, options: ReadOptions | None = None
) -> Iterator[Document | SourceError]:
    """Each line of a JSON Lines file as a Document, or as a SourceError for a bad line."""
    options = options or ReadOptions()
    origin = str(path)
    try:
        handle = open(path, "rb")  # noqa: SIM115  closed below; a generator owns it
    except FileNotFoundError:
        yield SourceError(origin, "no such file or directory")
        return
    except OSError as error:
        yield SourceError(origin, f"cannot read: {error.strerror or error}")
        return
    with handle:
        yield from parse_jsonl(handle, origin, options)


def parse_jsonl(
    stream: IO[bytes], origin: str, options: ReadOptions, *, declared: str | None = None
) -> Iterator[Document | SourceError]:
    """Documents from an open binary stream of JSON Lines (a file or a downloaded body)."""
    head = stream.read(8192).removeprefix(b"\xef\xbb\xbf")  # a UTF-8 BOM is harmless
    try:
        check_not_binary(head, origin)
    except SourceError as error:
        yield error
        return
    if not head.strip():
        yield SourceError(origin, "empty file" if not head else "no text (only whitespace)")
        return
    lines = _lines(head, stream, options.max_bytes)
    for number, raw in enumerate(lines, start=1):
        where = f"{origin}:{number}"
        if raw is None:
            yield SourceError(
                where, f"line longer than the limit of {human_size(options.max_bytes)}"
            )
            continue
        if not raw.strip():
            continue
        try:
            text = decode(raw, where, declared=declared, options=options, boms=False)
            yield document_from_record(json.loads(text), where)
        except SourceError as error:
            yield error
        except json.JSONDecodeError as error:
            yield SourceError(where, f"invalid JSON ({error.msg} at column {error.colno})")


def _lines(head: bytes, stream: IO[bytes], limit: int) -> Iterator[bytes | None]:
    """Lines as bytes (without the newline); None stands for a line over the limit, skipped.

    The buffer is scanned by position and compacted once per chunk, so a chunk
    of many short lines is not copied once per line.
    """
    buffer, start, skipping = head, 0, False
    while True:
        newline = buffer.find(b"\n", start)
        if newline >= 0:
            line = buffer[start:newline]
            start = newline + 1
            yield None if skipping or len(line) > limit else line
            skipping = False
            continue
        if len(buffer) - start > limit:  # drop what we hold; skip on to the next newline
            buffer, start, skipping = b"", 0, True
        else:
            buffer, start = buffer[start:], 0
        chunk = stream.read(_CHUNK)
        if not chunk:
            break
        buffer += chunk
    rest = buffer[start:]
    if skipping:
        yield None
    elif rest:
        yield rest if len(rest) <= limit else None


def parse_json(text: str, origin: str) -> Iterator[Document | SourceError]:
    """A whole JSON file: one record of the contract, or an array of them (`FILE[i]`)."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        yield SourceError(
            origin, f"invalid JSON ({error.msg} at line {error.lineno}, column {error.colno})"
        )
        return
    if not isinstance(data, list):
        yield document_from_record(data, origin, format="json")
        return
    if not data:
        yield SourceError(origin, "empty JSON array")
    for index, record in enumerate(data):
        try:
            yield document_from_record(record, f"{origin}[{index}]", format="json")
        except SourceError as error:
            yield error


def document_from_record(record: Any, where: str, *, format: str = "jsonl") -> Document:
    """A Document from one decoded JSON object of the docs.jsonl contract."""
    if not isinstance(record, dict):
        raise SourceError(where, f"expected a JSON object, got {type(record).__name__}")
    text = record.get("text")
    if not isinstance(text, str):
        problem = "missing" if text is None else f"a {type(text).__name__}, not a string"
        raise SourceError(where, f'"text" is {problem}')
    if not text.strip():
        raise SourceError(where, '"text" is empty')
    fields: dict[str, str | None] = {}
    for name in OPTIONAL_FIELDS:
        value = record.get(name)
        if isinstance(value, int | float) and name == "doc_id" and not isinstance(value, bool):
            value = str(value)
        if value is not None and not isinstance(value, str):
            raise SourceError(where, f'"{name}" is a {type(value).__name__}, not a string')
        fields[name] = value.strip() if isinstance(value, str) and value.strip() else None
    published = fields.pop("published")
    if published is not None:
        normalised = iso_date(published)
        if normalised is None:
            raise SourceError(where, f'"published" is not a date: {published!r}')
        published = normalised
    retrieved = fields.pop("retrieved")
    extra = {"retrieved": retrieved} if retrieved else {}
    return Document(
        text=text,
        published=published,
        format=format,
        origin=where,
        **fields,  # type: ignore[arg-type]
        **extra,  # type: ignore[arg-type]
    )
