"""The live web client in Debian's Chromium, driven by Playwright: a race and a huddle.

Used by the end-to-end test (screenshots into a temp folder) and by
`python -m tests.live.doc_images` (screenshots into docs/images/live/).
Playwright cannot download its own browsers here, so it launches the
system's Chromium; phones are 360 px wide touch screens.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, ConsoleMessage, Page, Playwright, sync_playwright

from game.live.host import LiveHost
from tests.tools import chromium_path as installed_chromium

PHONE: dict[str, Any] = {
    "viewport": {"width": 360, "height": 740},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
}
PROJECTOR = {"viewport": {"width": 1600, "height": 900}}
WAIT_MS = 20_000  # milliseconds a page may take to show what the test waits for


def chromium_path() -> str:
    found = installed_chromium()
    assert found, "Chromium is needed: tests that use it carry the needs('chromium') marker"
    return found


@dataclass
class Watch:
    """Problems a page reports: console errors (a CSP violation is one) and dialogs."""

    problems: list[str] = field(default_factory=list)

    def attach(self, page: Page) -> Page:
        def console(message: ConsoleMessage) -> None:
            if message.type in ("error", "warning"):
                self.problems.append(f"{page.url}: {message.text}")

        page.on("console", console)
        page.on("pageerror", lambda error: self.problems.append(f"{page.url}: {error}"))
        page.on("dialog", lambda dialog: self._dialog(dialog))
        return page

    def _dialog(self, dialog: Any) -> None:
        if dialog.type == "confirm":  # the host's "End the session?" is the only one expected
            dialog.accept()
            return
        self.problems.append(f"unexpected {dialog.type}: {dialog.message}")
        dialog.dismiss()


@contextmanager
def browser() -> Iterator[tuple[Playwright, Browser]]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=chromium_path(), args=["--no-sandbox", "--disable-gpu"]
        )
        try:
            yield playwright, launched
        finally:
            launched.close()


def phone(chromium: Browser, watch: Watch) -> Page:
    page = chromium.new_context(**PHONE).new_page()
    page.set_default_timeout(WAIT_MS)
    return watch.attach(page)


def projector(chromium: Browser, watch: Watch, host: LiveHost) -> Page:
    page = chromium.new_context(**PROJECTOR).new_page()  # type: ignore[arg-type]
    page.set_default_timeout(WAIT_MS)
    watch.attach(page)
    page.goto(host.info.board_url)
    page.wait_for_selector("#code:not(:empty)")
    return page


def join(page: Page, host: LiveHost, name: str) -> None:
    page.goto(host.info.join_link)
    assert page.get_by_label("Code").input_value() == host.info.code
    page.get_by_label("Your name").fill(name)
    page.get_by_role("button", name="Join").click()
    page.wait_for_selector("#play:not([hidden])")


def wait_until(page: Page, predicate: str, arg: Any = None, timeout_s: float = 15.0) -> None:
    """Wait until the JavaScript function `predicate` (given `arg`) is true on `page`.

    Asked through `page.evaluate`, as the tests' other questions are: Playwright's own
    `wait_for_function` compiles its predicate inside the page, which the page's Content
    Security Policy (no eval) refuses whenever the answer is not there at once.
    """
    deadline = time.monotonic() + timeout_s
    while not page.evaluate(predicate, arg):
        if time.monotonic() > deadline:
            raise AssertionError(f"waited {timeout_s:g} s for {predicate}")
        page.wait_for_timeout(25)


def choose(page: Page, number: int) -> None:
    """Tap choice `number` of the view on screen and wait for the next view or the result."""
    before = page.locator("#lines .line").count()
    page.locator(f'button.choice[data-number="{number}"]').tap()
    wait_until(
        page,
        "n => document.querySelectorAll('#lines .line').length > n + 1"
        " || !document.getElementById('result').hidden",
        before,
    )


def shoot(page: Page, folder: Path | None, name: str, *, full: bool = False) -> None:
    if folder is not None:
        folder.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(folder / f"{name}.png"), full_page=full)


RACE = {"Ana": [2, 2, 1], "Ben": [2, 2, 1], "<img src=x onerror=alert(1)>": [1, 2, 3]}
HUDDLE = {"Dana": [2, 2, 1], "Eli": [2, 1, 1], "Fay": [1, 2, 3]}  # votes per decision


def race(
    chromium: Browser,
    host: LiveHost,
    watch: Watch,
    shots: Path | None,
    plays: dict[str, list[int]] = RACE,
) -> dict[str, Any]:
    """Three phones play; the second reloads after its first choice and carries on."""
    board = projector(chromium, watch, host)
    shoot(board, shots, "projector-join")
    pages = {name: phone(chromium, watch) for name in plays}
    names = list(plays)
    for number, name in enumerate(names):
        join(pages[name], host, name)
        if number == 0:
            shoot(pages[name], shots, "phone-play", full=True)
    reloaded = pages[names[1]]
    choose(reloaded, plays[names[1]][0])
    reloaded.reload()  # mid-scenario: the stored token brings the player back where they were
    reloaded.wait_for_selector("#play:not([hidden])")
    left = {name: list(choices) for name, choices in plays.items()}
    left[names[1]] = left[names[1]][1:]
    for name in names:
        for number in left[name]:
            choose(pages[name], number)
        pages[name].wait_for_selector("#result:not([hidden])")
    first = pages[names[0]]
    first.wait_for_selector("#result-place:not(:empty)")
    wait_until(
        board, "n => document.querySelectorAll('#podium li, #rows li').length === n", len(names)
    )
    shoot(first, shots, "phone-result", full=True)
    shoot(board, shots, "projector-race")
    return {
        "names": board.locator("#podium .player").all_text_contents(),
        "first_place": first.locator("#result-place").text_content(),
        "first_overall": first.locator("#result-scores .overall td").text_content(),
        "pages": (board, *pages.values()),
    }


def huddle(
    chromium: Browser,
    host: LiveHost,
    watch: Watch,
    shots: Path | None,
    votes: dict[str, list[int]] = HUDDLE,
) -> dict[str, Any]:
    """Three phones vote; the host reveals and advances on the projector page."""
    board = projector(chromium, watch, host)
    phones = [phone(chromium, watch) for _ in votes]
    for page, name in zip(phones, votes, strict=True):
        join(page, host, name)
    picks = list(votes.values())
    steps = len(picks[0])
    for step in range(steps):
        for page, pick in zip(phones, picks, strict=True):
            page.locator(f'button.choice[data-number="{pick[step]}"]').tap()
            page.wait_for_selector(
                f'button.choice[data-number="{pick[step]}"][aria-pressed="true"]'
            )
        wait_until(
            board,
            "n => document.getElementById('voters').textContent.startsWith(`${n} of ${n}`)",
            len(phones),
        )
        if step == 0:
            shoot(phones[0], shots, "phone-huddle-vote", full=True)
            shoot(board, shots, "projector-huddle-tally")
        board.get_by_role("button", name="Reveal answers").click()
        board.wait_for_selector("#options .option.best")
        phones[0].wait_for_selector("#choices .revealed")
        if step == 0:
            shoot(board, shots, "projector-huddle-reveal")
            shoot(phones[0], shots, "phone-huddle-reveal", full=True)
        board.get_by_role("button", name="Go with the most votes").click()
        if step < steps - 1:
            wait_until(
                phones[0],
                "() => document.querySelectorAll('button.choice').length > 0 &&"
                " !document.querySelector('button.choice[aria-pressed=\"true\"]')",
            )
    for page in phones:
        page.wait_for_selector("#result:not([hidden])")
    board.wait_for_selector("#room-result:not(:empty)")
    shoot(board, shots, "projector-huddle-result")
    result = board.locator("#room-result").text_content()
    board.get_by_role("button", name="End the session").click()
    for page in phones:
        page.wait_for_selector("#ended:not([hidden])")
    return {"result": result, "pages": (board, *phones)}
