"""The review web app: `create_app(store_or_db, settings)`, served by `tollbook serve`."""

from tollbook.web.app import create_app
from tollbook.web.settings import Settings

__all__ = ["Settings", "create_app"]
