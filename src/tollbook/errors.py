"""Exceptions raised by the library; the CLI turns each into a one-line message.

TollbookError
├── SourceError        an input could not be read (names the input)
├── StoreError         the database refused or is of an unknown schema
│   ├── NotFound       an event, document or claim that does not exist
│   └── Conflict       a review made against a claim that changed meanwhile
└── ExportError        an export was asked of something it cannot render
"""

from __future__ import annotations


class TollbookError(Exception):
    """Base class of every error tollbook raises on purpose."""


class SourceError(TollbookError):
    """An input (file, URL, line) that could not be ingested."""

    def __init__(self, source: str, problem: str) -> None:
        self.source = source
        self.problem = problem
        super().__init__(f"{source}: {problem}")


class StoreError(TollbookError):
    """The database could not do what was asked."""


class NotFound(StoreError):
    """The named record does not exist."""


class ExportError(TollbookError):
    """An export that cannot be produced."""


class Conflict(StoreError):
    """A change was made against a version of a record that has since changed."""
