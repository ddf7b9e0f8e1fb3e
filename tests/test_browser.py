"""The review app in a real browser: Debian's Chromium, headless, driven by Playwright.

`tollbook serve` runs as a subprocess on 127.0.0.1 over a ledger built through
the store.  The browser may only talk to 127.0.0.1: every other request is
aborted, so the map's tiles fail as they would for a reader offline (the
server is told to load them from a closed local port) and nothing leaves this
machine.  Screenshots of the event, document and review pages land in
tests/screenshots/ for a person to look at.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from test_web import PASSWORD, build_ledger

from tollbook.store import Store

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
SCREENSHOTS = Path(__file__).parent / "screenshots"
DEAD_TILES = "http://127.0.0.1:9/{z}/{x}/{y}.png"  # port 9 (discard): nothing listens


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, dict[str, object]]]:
    """A ledger and `tollbook serve` on it; yields (base URL, what the ledger holds)."""
    db = tmp_path / "ledger.db"
    store = Store.open(str(db))
    ledger = build_ledger(store)
    store.close()
    port = _free_port()
    command = [
        str(Path(sys.executable).with_name("tollbook")),
        "serve",
        "--db",
        str(db),
        "--port",
        str(port),
        "--tiles",
        DEAD_TILES,
    ]
    log = tmp_path / "serve.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            command, stdout=out, stderr=subprocess.STDOUT, env=os.environ.copy()
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 180  # a shared, busy machine can take long to import
        while True:
            try:
                if httpx.get(base + "/", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline or process.poll() is not None:
                pytest.fail(f"tollbook serve did not answer on {base}")
            time.sleep(0.1)
        printed = log.read_text()
        assert f"on {base}/" in printed, f"serve printed {printed!r}"
        yield base, ledger
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing: install Debian's chromium (make system, or "
            "apt-get install chromium) to run the browser tests"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


class Tab:
    """A page that may only reach 127.0.0.1 and that records script errors and CSP refusals."""

    def __init__(self, browser: object, base: str) -> None:
        self.base = base
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
        self.page = self.context.new_page()
        self.problems: list[str] = []
        self.dialogs: list[str] = []
        self.page.route(
            re.compile(r"^(?!https?://127\.0\.0\.1[:/]).*"), lambda route: route.abort()
        )
        self.page.on("pageerror", lambda error: self.problems.append(f"script error: {error}"))
        self.page.on("console", self._console)
        self.page.on("dialog", self._dialog)

    def _console(self, message: object) -> None:
        text = message.text  # type: ignore[attr-defined]
        if "Content Security Policy" in text or "Refused to" in text:
            self.problems.append(text)

    def _dialog(self, dialog: object) -> None:
        self.dialogs.append(dialog.message)  # type: ignore[attr-defined]
        dialog.dismiss()  # type: ignore[attr-defined]

    def go(self, path: str) -> object:
        return self.page.goto(self.base + path)

    def sign_in(self, name: str = "alice") -> None:
        self.go("/login")
        self.page.fill("input[name=name]", name)
        self.page.fill("input[name=password]", PASSWORD)
        self.page.click("form.stack button[type=submit]")
        self.page.wait_for_url(self.base + "/")
        assert self.page.locator(".who .user").inner_text() == name

    def shot(self, name: str, full_page: bool = True) -> None:
        SCREENSHOTS.mkdir(exist_ok=True)
        self.page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=full_page)


def _bound_values(page: object, group: str) -> list[str]:
    row = page.locator("table.tallies tr", has=page.locator(f"td:text-is('{group}')"))  # type: ignore[attr-defined]
    return row.locator(".bound .value").all_inner_texts()


def test_review_by_keyboard_updates_the_event_page_and_the_infobox(
    browser: object, server: tuple[str, dict[str, object]]
) -> None:
    base, _ = server
    tab = Tab(browser, base)
    tab.sign_in()
    page = tab.page
    tab.go("/review?event=coast")
    cards = page.locator(".card[data-claim]")
    assert cards.count() == 4
    tab.shot("review")
    # The third card is the UN's 111: move to it, correct it to 250 with a note, all by keyboard.
    page.keyboard.press("j")
    page.keyboard.press("j")
    third = cards.nth(2)
    assert "current" in (third.get_attribute("class") or "")
    assert "111 civilians killed" in third.locator(".figure").inner_text()
    page.keyboard.press("n")
    page.keyboard.type("UN update of the same day")
    page.keyboard.press("Escape")
    page.keyboard.press("c")
    page.keyboard.type("250")  # the low figure is focused and selected
    page.keyboard.press("Enter")
    third.locator(".message.ok").wait_for()
    assert "Saved: corrected" in third.locator(".message").inner_text()
    assert "250 civilians killed" in third.locator(".figure").inner_text()
    # The selection moved on to the hostile village report: reject it.
    fourth = cards.nth(3)
    assert "current" in (fourth.get_attribute("class") or "")
    page.keyboard.press("r")
    fourth.locator(".message.ok").wait_for()
    assert fourth.locator(".badge").inner_text() == "rejected"
    tab.shot("review-after-decisions", full_page=False)

    tab.go("/events/coast")
    assert _bound_values(page, "civilians") == ["250", "250", "1,383"]
    assert "villagers" not in page.locator("table.tallies").inner_text()  # rejected
    infobox = page.locator("#infobox-text").inner_text()
    assert "250–1,383 civilians killed" in infobox
    with page.expect_download() as download:
        page.click("a[href$='/export/infobox']")
    exported = Path(download.value.path()).read_text(encoding="utf-8")
    assert "250–1,383 civilians killed" in exported
    tab.shot("event")

    tab.go("/audit")
    audit = page.locator("table.audit").inner_text()
    assert "UN update of the same day" in audit and "alice" in audit
    assert not tab.problems, tab.problems


def test_event_page_map_copy_button_and_charts_work_offline(
    browser: object, server: tuple[str, dict[str, object]]
) -> None:
    base, _ = server
    tab = Tab(browser, base)
    tab.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base)
    page = tab.page
    tab.go("/events/coast")
    # Two located places and their two incidents, drawn although no tile could load.
    page.locator("#incident-status", has_text="(2)").wait_for()
    assert page.locator("#map .leaflet-interactive").count() == 4
    assert page.locator("#map path[stroke-dasharray]").count() == 2  # the incidents' rings
    assert page.locator("#map .leaflet-tile-loaded").count() == 0
    assert "Latakia" in page.locator("ul.places").inner_text()
    page.locator("#map .leaflet-interactive").first.click()
    assert page.locator(".leaflet-popup-content a").count() >= 1
    # The toll curve has one line per source and a point per figure.
    chart = page.locator("figure.chart", has_text="civilians killed")
    assert chart.locator("path").count() == 2 and chart.locator("circle").count() == 3
    page.click("button.copy")
    page.locator("#infobox .message:not(:empty)").wait_for()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("{{Infobox military conflict")
    assert not tab.problems, tab.problems


def test_upload_a_document_and_see_its_claims_highlighted(
    browser: object, server: tuple[str, dict[str, object]], tmp_path: Path
) -> None:
    base, _ = server
    report = tmp_path / "baniyas_report.txt"
    report.write_text(
        "Title: Killings in Baniyas\nPublisher: Example Monitor\nPublished: 2025-03-09\n\n"
        "The monitor said at least 60 civilians were killed in Baniyas on Saturday. "
        "Another 25 people were wounded, medics said.\n",
        encoding="utf-8",
    )
    tab = Tab(browser, base)
    tab.sign_in()
    page = tab.page
    tab.go("/documents/new")
    form = page.locator("#add-file")
    form.locator("input[type=file]").set_input_files(str(report))
    form.locator("select[name=event]").select_option("coast")
    form.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r"/documents/doc-"))
    assert page.locator("h1").inner_text() == "Killings in Baniyas"
    marks = page.locator(".doc-text mark.hl")
    assert marks.count() >= 2
    assert "at least 60 civilians were killed" in " ".join(marks.all_inner_texts())
    assert "Coastal clashes" in page.locator(".docmeta").inner_text()
    tab.shot("document")
    assert not tab.problems, tab.problems


def test_hostile_documents_show_as_text(
    browser: object, server: tuple[str, dict[str, object]]
) -> None:
    base, _ = server
    tab = Tab(browser, base)
    tab.sign_in()
    page = tab.page
    for path in ("/documents/hostile-1", "/events/coast", "/review", "/search?q=village"):
        tab.go(path)
        page.wait_for_load_state("load")
        assert page.evaluate("typeof window.__xss") == "undefined", path
        assert page.locator("a[href^='javascript:' i]").count() == 0, path
        assert page.locator("main script:not([src]):not([type='application/json'])").count() == 0
    tab.go("/documents/hostile-1")
    text = page.locator(".doc-text").inner_text()
    assert '<script>window.__xss = "text"</script>' in text
    assert '<a href="javascript:window.__xss=1">the list</a>' in text
    assert page.locator("h1").inner_text().startswith('<img src=x onerror="window.__xss=2">')
    assert page.locator(".unsafe-url").inner_text() == "javascript:window.__xss=3"
    tab.shot("document-hostile")
    tab.go("/events/coast")
    page.locator("#incident-status", has_text="(2)").wait_for()
    markers = page.locator("#map path.leaflet-interactive[fill='#c2410c']")  # claims, not rings
    popups = []
    for index in range(markers.count()):
        markers.nth(index).click()
        popups.append(page.locator(".leaflet-popup-content").last.inner_text())
    assert any("</script><script>window.__xss=5</script>" in text for text in popups), popups
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert not tab.dialogs and not tab.problems, (tab.dialogs, tab.problems)


def test_two_reviewers_on_one_claim_the_later_sees_a_conflict(
    browser: object, server: tuple[str, dict[str, object]]
) -> None:
    base, ledger = server
    claims = ledger["claims"]
    assert isinstance(claims, dict)
    claim_id = claims["sohr-0308"]
    alice, bob = Tab(browser, base), Tab(browser, base)
    alice.sign_in("alice")
    bob.sign_in("bob")
    alice.go(f"/claims/{claim_id}")
    bob.go(f"/claims/{claim_id}")
    alice.page.keyboard.press("a")
    alice.page.locator(".card .message.ok").wait_for()
    bob.page.keyboard.press("c")
    bob.page.keyboard.type("700")
    bob.page.keyboard.press("Enter")
    message = bob.page.locator(".card .message.conflict")
    message.wait_for()
    assert "someone else changed this claim" in message.inner_text()
    assert "It is now accepted" in message.inner_text()
    bob.shot("review-conflict", full_page=False)
    bob.go(f"/claims/{claim_id}")
    history = bob.page.locator("table.audit tbody tr").all_inner_texts()
    assert len(history) == 2
    assert "bob" in history[0] and "conflict" in history[0]
    assert "alice" in history[1] and "accept" in history[1]
    assert not alice.problems and not bob.problems
