"""Makes the pictures in docs/live.md: `python -m tests.live.doc_images`.

A race and a huddle of the shipped Loaner Counter on this computer, with
phones 360 px wide and a 1600×900 projector, photographed in Chromium.
"""

from __future__ import annotations

import random
import tempfile
from pathlib import Path

from game.core.engine import Playthrough
from game.live.host import LiveHost
from game.live.session import Plan, Stage
from game.live.words import default_name_filter
from game.loader import DEFAULT_SCENARIOS_DIR, load_scenario
from game.store import SQLAlchemyResultsStore
from tests.live.browser import Watch, browser, huddle, race

IMAGES = Path(__file__).parents[2] / "docs" / "images" / "live"


def plan() -> tuple[Plan, list[int], list[int], list[int]]:
    """The Loaner Counter, its best playthrough and two made-up ones."""
    report = load_scenario(DEFAULT_SCENARIOS_DIR / "loaner-counter.yaml")
    scenario, analysis = report.scenario, report.analysis
    assert scenario is not None and analysis is not None and analysis.best is not None
    best = [d for d in analysis.best if isinstance(d, int)]
    assert len(best) == len(analysis.best), "the pictures need a playthrough without timers"
    walks = []
    for seed in (3, 11):
        chance = random.Random(seed)
        walk = Playthrough(scenario)
        while not walk.finished:
            walk.choose(chance.randint(1, len(walk.choices)))
        walks.append([d for d in walk.decisions if isinstance(d, int)])
    return Plan((Stage(scenario, analysis),), title=scenario.title), best, walks[0], walks[1]


def main() -> None:
    loaner, best, second, third = plan()
    IMAGES.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder, browser() as (_, chromium):
        store = SQLAlchemyResultsStore(
            f"sqlite:///{Path(folder) / 'results.db'}", outbox_path=Path(folder) / "outbox"
        )
        for mode in ("race", "huddle"):
            host = LiveHost(
                loaner,
                store,
                session="Monday team meeting",
                mode=mode,
                bind="127.0.0.1",
                port=0,
                names=default_name_filter(),
            )
            host.start()
            watch = Watch()
            if mode == "race":
                race(chromium, host, watch, IMAGES, {"Amira": best, "Ben": second, "Chloé": third})
            else:
                votes = {"Dmitri": best, "Eva": best, "Farid": [1] * len(best)}
                huddle(chromium, host, watch, IMAGES, votes)
            host.stop(timeout_s=60)
            assert watch.problems == [], watch.problems
        store.close()
    for path in sorted(IMAGES.glob("*.png")):
        print(path)


if __name__ == "__main__":
    main()
