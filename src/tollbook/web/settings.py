"""How a review app is configured: one frozen value handed to `create_app`.

Validation happens here, once, so the routes can trust the values.  Nothing is
read from the environment inside the app; the CLI (`tollbook serve`) decides.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from tollbook.errors import TollbookError

OSM_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
OSM_ATTRIBUTION = "&copy; OpenStreetMap contributors"


@dataclass(frozen=True)
class Settings:
    """Options of the review app; the defaults suit one reviewer on localhost."""

    public_read: bool = True  # False: every page, read or write, needs a signed-in reviewer
    secret_key: str | None = None  # None: a key kept in the database (survives restarts)
    session_days: int = 14
    secure_cookies: bool = False  # True behind HTTPS: cookies are then never sent in clear
    max_upload_bytes: int = 10 * 1024 * 1024
    page_size: int = 50
    # Map background tiles, loaded by the reader's browser; None draws markers on a blank map.
    tile_url: str | None = OSM_TILES
    tile_attribution: str = OSM_ATTRIBUTION
    allow_url_fetch: bool = True  # whether "add a document" may download a URL
    # Failed sign-ins allowed per account name and per client address within the window;
    # past either, sign-in is refused (HTTP 429) until the oldest failure leaves the window.
    sign_in_failures_per_name: int = 5
    sign_in_failures_per_address: int = 20
    sign_in_window_seconds: int = 15 * 60

    def __post_init__(self) -> None:
        if self.session_days < 1:
            raise TollbookError(f"session_days must be at least 1, not {self.session_days}")
        for option in (
            "sign_in_failures_per_name",
            "sign_in_failures_per_address",
            "sign_in_window_seconds",
            "max_upload_bytes",
        ):
            if getattr(self, option) < 1:
                raise TollbookError(f"{option} must be at least 1, not {getattr(self, option)}")
        if self.page_size < 1 or self.page_size > 500:
            raise TollbookError(f"page_size must be between 1 and 500, not {self.page_size}")
        if self.tile_url is not None and urlsplit(self.tile_url).scheme not in ("http", "https"):
            raise TollbookError(f"tile_url must be an http(s) URL, not {self.tile_url!r}")

    @property
    def tile_origin(self) -> str | None:
        """The scheme and host of the tile server, for the Content-Security-Policy."""
        if not self.tile_url:
            return None
        # "{s}" stands for the server's subdomains (a, b, c): allow them all.
        parts = urlsplit(self.tile_url.replace("{s}", "SUBDOMAIN"))
        return f"{parts.scheme}://{parts.netloc.replace('SUBDOMAIN', '*')}"
