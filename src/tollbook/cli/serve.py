"""`tollbook serve` (the review app) and `tollbook user add` (reviewer accounts)."""

from __future__ import annotations

import sys

import click

from tollbook.cli.main import cli, database_option, open_store


@cli.command()
@database_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option(
    "--private",
    is_flag=True,
    help="Only signed-in reviewers may read (default: reading is public, changes need sign-in).",
)
@click.option(
    "--tiles",
    default="osm",
    show_default=True,
    metavar="URL|osm|none",
    help="Map tiles loaded by readers' browsers: OpenStreetMap's (osm), a URL template "
    "({z}/{x}/{y}), or none (markers without a background map).",
)
def serve(db: str, host: str, port: int, private: bool, tiles: str) -> None:
    """Serve the review app on the ledger in --db."""
    import uvicorn

    from tollbook.geo import default_gazetteer

    # Imported here: the web stack is heavy and every other command starts without it.
    from tollbook.web import Settings, create_app
    from tollbook.web.auth import list_users
    from tollbook.web.settings import OSM_TILES

    # Added documents have their places resolved: open (or, the first time,
    # build) the gazetteer now rather than make the first upload wait for it.
    default_gazetteer()
    with open_store(db) as store:
        settings = Settings(
            public_read=not private,
            tile_url={"none": None, "osm": OSM_TILES}.get(tiles.lower(), tiles),
        )
        app = create_app(store, settings)
        # The busiest events' pages are built while the server starts listening,
        # so the first reader of a large event does not wait for its reconciliation.
        app.state.cache.warm(store)
        shown = f"[{host}]" if ":" in host else host
        click.echo(f"tollbook review app on http://{shown}:{port}/  (Ctrl+C stops it)")
        if not list_users(store):
            click.echo(
                "no reviewer accounts yet: create one in another terminal with "
                f"`tollbook user add NAME --db {db}`, then sign in"
            )
        if not private:
            click.echo(
                "reading is public; sign in to review (create accounts: tollbook user add NAME)"
            )
        uvicorn.run(app, host=host, port=port, log_level="warning")


@cli.group()
def user() -> None:
    """Reviewer accounts for the review app."""


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return str(click.prompt("Password", hide_input=True, confirmation_prompt=True))


@user.command("add")
@click.argument("name")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
@database_option
def user_add(name: str, password_stdin: bool, db: str) -> None:
    """Create the reviewer NAME (asks for a password)."""
    from tollbook.web.auth import add_user

    with open_store(db) as store:
        add_user(store, name, _password(password_stdin))
    click.echo(f"created reviewer {name}")


@user.command("password")
@click.argument("name")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
@database_option
def user_password(name: str, password_stdin: bool, db: str) -> None:
    """Set a new password for NAME (signs them out everywhere)."""
    from tollbook.web.auth import set_password

    with open_store(db) as store:
        set_password(store, name, _password(password_stdin))
    click.echo(f"password of {name} changed")


@user.command("list")
@database_option
def user_list(db: str) -> None:
    """List reviewer accounts."""
    from tollbook.web.auth import list_users

    with open_store(db) as store:
        for name in list_users(store):
            click.echo(name)
