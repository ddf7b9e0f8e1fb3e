"""Storage of the ledger: a small interface (`Store`) over one module per backend.

SQLite is the default (`sqlite.py`), PostgreSQL the alternative (`postgres.py`);
the tables are in `schema.py` and their history in `migrations/`.
"""

from tollbook.store.ledger import REVIEWABLE_FIELDS, Store

__all__ = ["REVIEWABLE_FIELDS", "Store"]
