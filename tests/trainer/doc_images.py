"""Makes the pictures in docs/trainers.md: `python -m tests.trainer.doc_images`.

The graph is the starter scenario's; the report is the shipped Loaner Counter
after a made-up session of eight players, photographed by headless Chromium.
"""

from __future__ import annotations

import random
import tempfile
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

from game.core.engine import Playthrough
from game.loader import DEFAULT_SCENARIOS_DIR, load_scenario
from game.store import open_store
from game.store.recording import record_playthrough
from game.trainer.graph import render, scenario_dot
from game.trainer.report import build_report, render_html
from game.trainer.starter import write_starter
from tests.trainer.test_report import screenshot

IMAGES = Path(__file__).parents[2] / "docs" / "images" / "trainer"
TEAM = ("Amira", "Ben", "Chloé", "Dmitri", "Eva", "Farid", "Grace", "Hugo")


def graph_png(folder: Path) -> bytes:
    report = load_scenario(write_starter("gift-shop", folder))
    assert report.scenario is not None
    return render(scenario_dot(report.scenario, report.analysis), "png")


def report_png(folder: Path) -> bytes:
    loaded = load_scenario(DEFAULT_SCENARIOS_DIR / "loaner-counter.yaml")
    scenario, analysis = loaded.scenario, loaded.analysis
    assert scenario is not None and analysis is not None and analysis.ranges is not None
    store = open_store(f"sqlite:///{folder / 'results.db'}", outbox_path=folder / "outbox")
    chance = random.Random(7)
    start = datetime(2025, 3, 4, 9, 30, tzinfo=UTC)
    for number, player in enumerate(TEAM):
        for attempt in range(chance.choice([1, 1, 2])):
            playthrough = Playthrough(scenario)
            while not playthrough.finished:
                options: list[int | str] = list(range(1, len(playthrough.choices) + 1))
                if playthrough.timer_seconds is not None:
                    options.append("t")
                # Most players lean towards the best choice, as a trained team would.
                best = (
                    analysis.best[len(playthrough.decisions)]
                    if analysis.best and len(playthrough.decisions) < len(analysis.best)
                    else None
                )
                choice = (
                    best if best in options and chance.random() < 0.45 else chance.choice(options)
                )
                playthrough.decide(choice)
            record_playthrough(
                store,
                scenario,
                analysis.ranges,
                playthrough.decisions,
                player=player,
                seconds=chance.uniform(150, 420),
                module="outcomes-not-transactions",
                played_at=start + timedelta(minutes=4 * number + attempt),
                result_id=uuid.uuid4().hex,
            )
    records = store.results_for(scenario.id)
    store.close()
    report = build_report(
        scenario,
        analysis,
        records,
        session="Tuesday team",
        generated_at=datetime(2025, 3, 4, 11, 0, tzinfo=UTC),
    )
    page = folder / "report.html"
    page.write_text(render_html(report, analysis), encoding="utf-8")
    png = folder / "report.png"
    screenshot(page, png, folder / "profile")
    return png.read_bytes()


def main() -> None:
    IMAGES.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        (IMAGES / "graph.png").write_bytes(graph_png(folder))
        (IMAGES / "report.png").write_bytes(report_png(folder))
    print(f"Wrote {IMAGES / 'graph.png'} and {IMAGES / 'report.png'}")


if __name__ == "__main__":
    main()
