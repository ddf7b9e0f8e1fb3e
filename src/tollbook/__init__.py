"""tollbook: a sourced casualty ledger built from reports of violence."""

from tollbook.errors import Conflict, ExportError, NotFound, SourceError, StoreError, TollbookError
from tollbook.models import Citation, Claim, Document, Event

__version__ = "0.1.0"

__all__ = [
    "Citation",
    "Claim",
    "Conflict",
    "Document",
    "Event",
    "ExportError",
    "NotFound",
    "SourceError",
    "StoreError",
    "TollbookError",
    "__version__",
]
