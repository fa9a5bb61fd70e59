"""The web client in a real browser (Debian's Chromium): phones and the projector page."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.store import SQLAlchemyResultsStore
from tests.live.browser import PHONE, Watch, browser, huddle, projector, race, wait_until
from tests.live.conftest import StartHost
from tests.live.support import eventually, umbrella_plan

pytestmark = pytest.mark.needs("chromium")

ESCAPED = "<img src=x onerror=alert(1)>"


def test_three_phones_race_one_reloads_and_the_board_fills(
    start_host: StartHost, store: SQLAlchemyResultsStore, tmp_path: Path
) -> None:
    host = start_host(umbrella_plan())
    watch = Watch()
    with browser() as (_, chromium):
        seen = race(chromium, host, watch, tmp_path / "shots")
        board = seen["pages"][0]
        podium = board.locator("#podium").text_content() or ""
        assert ESCAPED in podium and board.locator("#podium img").count() == 0
        assert sorted(seen["names"][:2]) == ["Ana", "Ben"]  # both 100%: the quicker first
        assert seen["first_overall"] == "100.0%"
        assert seen["first_place"] in {
            f"You are {n} of 3 (overall 100.0%)." for n in ("1st", "2nd")
        }
    assert watch.problems == []
    assert eventually(lambda: len(list(store.all_results())) == 3)
    decisions = {r.player: r.decisions for r in store.all_results()}
    assert decisions == {"Ana": (2, 2, 1), "Ben": (2, 2, 1), ESCAPED: (1, 2, 3)}
    assert (tmp_path / "shots" / "phone-play.png").stat().st_size > 10_000


def test_a_huddle_votes_reveals_and_advances_on_the_projector(
    start_host: StartHost, store: SQLAlchemyResultsStore, tmp_path: Path
) -> None:
    host = start_host(umbrella_plan(), mode="huddle")
    watch = Watch()
    with browser() as (_, chromium):
        seen = huddle(chromium, host, watch, tmp_path / "shots")
    assert watch.problems == []
    assert "success" in seen["result"] and "100.0%" in seen["result"]
    assert host.wait(10)  # ended from the projector page
    assert eventually(lambda: len(list(store.all_results())) == 1)
    [record] = list(store.all_results())
    assert record.player == "Room: Monday meeting" and record.decisions == (2, 2, 1)


def test_the_phone_page_works_with_the_keyboard_and_a_screen_reader(
    start_host: StartHost,
) -> None:
    host = start_host(umbrella_plan())
    watch = Watch()
    with browser() as (_, chromium):
        page = watch.attach(chromium.new_context(viewport=PHONE["viewport"]).new_page())
        page.goto(host.info.url)
        assert page.locator("#lines").get_attribute("aria-live") == "polite"
        assert page.locator("#join-error").get_attribute("role") == "alert"
        page.get_by_label("Code").focus()
        page.keyboard.type(host.info.code)
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.id") == "name"
        page.keyboard.type("Kim")
        page.keyboard.press("Enter")
        page.wait_for_selector("#play:not([hidden])")
        assert page.evaluate("document.activeElement.id") == "choices-title"
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.dataset.number") == "1"
        page.keyboard.press("Tab")
        page.keyboard.press("Enter")  # choice 2
        page.wait_for_selector("#lines .line.you")
        wait_until(page, "() => document.querySelectorAll('button.choice').length === 3")
        box = page.locator("button.choice").first.bounding_box()
        assert box is not None and box["height"] >= 48 and box["width"] >= 300
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 360  # nothing wider than the phone
        other = watch.attach(chromium.new_context(viewport=PHONE["viewport"]).new_page())
        other.goto(host.info.join_link)
        other.get_by_label("Your name").fill("kim")
        other.get_by_role("button", name="Join").click()
        other.wait_for_selector("#join-error:not(:empty)")
        assert "already plays as Kim" in (other.locator("#join-error").text_content() or "")
        board = projector(chromium, watch, host)
        board.get_by_label("Remove a player (their name)").fill("kim")
        board.get_by_role("button", name="Remove").click()
        page.wait_for_selector("#join:not([hidden])")
        assert "removed you" in (page.locator("#join-error").text_content() or "")
    assert watch.problems == []
