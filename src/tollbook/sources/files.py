"""Turning raw bytes from a file or a response into text, or into a clear refusal.

Every reader goes through here, so the bad-input rules live in one place:

- **Size.**  An input above `ReadOptions.max_bytes` is refused before it is
  read (files: by `stat`; downloads: while streaming), so a 200 MB file never
  lands in memory.  JSON Lines is streamed instead, and the limit applies to
  each line.
- **Binary.**  NUL bytes, or the signature of a well-known binary format
  (PDF, ZIP/Office, images), mean the input is not text; we say which.
- **Encoding.**  UTF-8 (with or without a BOM) and UTF-16 with a BOM decode
  silently.  Anything else decodes only with a charset that is *known*: one
  the caller declared (HTTP `Content-Type`, an HTML `<meta charset>`, an XML
  declaration, or `ReadOptions.encoding`).  A statistical guess is never used
  to decode, because single-byte code pages (cp1256, cp1252, latin-1) accept
  any byte sequence: a wrong guess would store plausible-looking garbage whose
  hash and claims then look legitimate.  The guess is still useful to the
  person fixing the file, so the error message names it.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path

from tollbook.errors import SourceError

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
SNIFF_BYTES = 8192

_SIGNATURES = (
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or a .docx/.xlsx/.odt file)"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip-compressed file"),
    (b"SQLite format 3\x00", "an SQLite database"),
)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


@dataclass(frozen=True)
class ReadOptions:
    """How inputs are read; the defaults suit news reports."""

    max_bytes: int = DEFAULT_MAX_BYTES
    timeout: float = 20.0  # seconds, for URLs
    encoding: str | None = None  # decode undeclared non-UTF-8 input with this

    def __post_init__(self) -> None:
        if self.max_bytes <= 0:
            raise ValueError(f"the size limit must be positive, not {self.max_bytes}")
        if self.encoding is not None and _known_codec(self.encoding) is None:
            raise ValueError(f"unknown encoding {self.encoding!r}")


def human_size(size: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size} {unit}" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1024  # type: ignore[assignment]
    raise AssertionError("unreachable")


def too_large(size: int, options: ReadOptions) -> str:
    return (
        f"too large ({human_size(size)}; the limit is {human_size(options.max_bytes)}, "
        "raise it with --max-size)"
    )


def read_file_bytes(path: Path, options: ReadOptions) -> bytes:
    """The whole file, after checking that it exists, is not empty and is within the limit."""
    origin = str(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise SourceError(origin, "no such file or directory") from None
    except OSError as error:
        raise SourceError(origin, f"cannot read: {error.strerror or error}") from None
    if size == 0:
        raise SourceError(origin, "empty file")
    if size > options.max_bytes:
        raise SourceError(origin, too_large(size, options))
    try:
        with path.open("rb") as handle:
            data = handle.read(options.max_bytes + 1)
    except OSError as error:
        raise SourceError(origin, f"cannot read: {error.strerror or error}") from None
    if len(data) > options.max_bytes:  # grew since stat, or a special file
        raise SourceError(origin, too_large(len(data), options))
    return data


def check_not_binary(data: bytes, origin: str) -> None:
    """Refuse bytes that are clearly not a text format."""
    head = data[:SNIFF_BYTES]
    for signature, name in _SIGNATURES:
        if head.startswith(signature):
            raise SourceError(origin, f"binary file ({name}), not a text format tollbook reads")
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return  # UTF-16 text legitimately contains NUL bytes
    nul = data.find(b"\x00")  # the whole input: a text file corrupted past its start, too
    if 0 <= nul < SNIFF_BYTES:
        raise SourceError(origin, "binary file (contains NUL bytes), not text")
    if nul >= 0:
        raise SourceError(origin, f"NUL byte at offset {nul}: a damaged or binary file, not text")


_XML_DECLARATION = re.compile(rb"""^\s*<\?xml[^>]*\bencoding\s*=\s*["']([\w.:-]+)["']""")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)


def declared_charset(data: bytes, kind: str) -> str | None:
    """The charset the document itself declares (XML declaration or HTML meta), if any."""
    head = data[:SNIFF_BYTES]
    match = _XML_DECLARATION.match(head)
    if match is None and kind == "html":
        match = _META_CHARSET.search(head)
    return match.group(1).decode("ascii") if match else None


def _known_codec(name: str) -> str | None:
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _likely_encoding(data: bytes) -> str | None:
    """A statistical guess, only for the error message (see the module docstring)."""
    from charset_normalizer import from_bytes

    best = from_bytes(data[: 64 * 1024]).best()
    if best is None:
        return None
    language = f", {best.language}" if best.language and best.language != "Unknown" else ""
    return f"{best.encoding}{language}"


def decode(
    data: bytes, origin: str, *, declared: str | None, options: ReadOptions, boms: bool = True
) -> str:
    """Text from bytes: a BOM, then UTF-8, then a declared or configured charset, else an error.

    `boms=False` is for pieces of a larger input (a JSON line), where a BOM cannot occur.
    """
    for bom, codec in _BOMS if boms else ():
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as error:
                raise SourceError(origin, f"invalid {codec} text: {error.reason}") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        utf8_error = error
    charset = declared or options.encoding
    if charset:
        known = _known_codec(charset)
        if known is None:
            raise SourceError(origin, f"unknown charset {charset!r}")
        if known != "utf-8":
            try:
                return data.decode(known)
            except UnicodeDecodeError as error:
                raise SourceError(
                    origin, f"not valid {charset} text (byte offset {error.start})"
                ) from None
    guess = _likely_encoding(data)
    hint = f"; it looks like {guess}" if guess else ""
    raise SourceError(
        origin,
        f"not UTF-8 (invalid byte 0x{data[utf8_error.start]:02x} at offset {utf8_error.start})"
        f"{hint}; convert it to UTF-8 or pass --encoding",
    )


_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmg]?)i?b?\s*$", re.IGNORECASE)


def parse_size(text: str) -> int:
    """Bytes from a size such as "200MB", "500 KB", "1.5G" or "4096"."""
    match = _SIZE.match(text)
    if match is None:
        raise ValueError(f"not a size: {text!r} (use e.g. 500KB, 50MB, 1GB)")
    factor = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}[match.group(2).lower()]
    return int(float(match.group(1)) * factor)
