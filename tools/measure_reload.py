"""Figures for the reload cache: loading an unchanged scenario from the cache against loading it.

    python tools/measure_reload.py [--rounds N] [--large NODES ...]

For every shipped scenario and generated ones of the sizes given, each round
times, one right after the other and in alternating order, a load with an
empty cache (read, parse, check, analyse: what every load cost before the
cache), a bare YAML parse of the same bytes (libyaml's CSafeLoader, the floor
of any YAML load), and a load from the cache. Times are process CPU time; the
figures are the median of the per-round ratios, with their min and max, so a
busy machine moves both sides alike. The cache lives in a temporary folder.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from game.loader import DEFAULT_SCENARIOS_DIR, load_scenario  # noqa: E402
from game.loader.cache import Entry, ReloadCache  # noqa: E402

REPEATS = 5  # loads per side and round; the round's time is their mean


class NoCache(ReloadCache):
    """A cache that never has the entry and never keeps one: every load is a full load."""

    def get(self, source: Path, data: bytes) -> Entry | None:
        return None

    def put(self, *args: object, **kwargs: object) -> None:
        return None


def cpu(run: Callable[[], object], repeats: int) -> float:
    started = time.process_time()
    for _ in range(repeats):
        run()
    return (time.process_time() - started) / repeats


def generated(nodes: int) -> str:
    """A valid scenario shaped like the shipped ones (texts, three choices, conditions, timers)."""
    endings = max(3, nodes // 8)
    deciders = nodes - endings
    lines = [
        "format: 1",
        f"id: generated-{nodes}",
        "title: A generated scenario",
        "summary: A customer needs help and the player decides how to respond.",
        "source: {title: Generated, lesson: Let people pick.}",
        "minutes: 5",
        "setting: dealership",
        "cast:",
        "  customer: {name: Dana, portrait: dana}",
        "variables:",
        "  asked_model: false",
        "start: n0",
        "nodes:",
    ]
    for i in range(deciders):
        lines += [
            f"  n{i}:",
            "    speaker: customer",
            "    mood: neutral",
            "    text: >-",
            "      Hi! I'm here for new tires, and I'll need a loaner for the day.",
            "      Could you tell me how long this is going to take?",
            "    choices:",
        ]
        for c in range(3):
            target = min(i + 1 + c, nodes - 1)
            lines += [
                f'      - text: "Here are your keys, option {c}. They\'re all the same."',
                f"        scores: {{empathy: {c - 1}, upsell: {1 - c}}}",
                "        feedback: Sameness ignores what this driver is passionate about.",
                f"        goto: n{target}",
            ]
            if c == 1:
                lines += ["        if: not asked_model", "        set: {asked_model: true}"]
        if i % 3 == 0:
            lines += [f"    timer: {{seconds: 20, goto: n{nodes - 1}, scores: {{empathy: -1}}}}"]
    for j in range(deciders, nodes):
        lines += [
            f"  n{j}:",
            "    ending:",
            "      title: A grandma-red loaner",
            f"      outcome: {('success', 'partial', 'failure')[j % 3]}",
            "      text: Dana drives off annoyed and wants her own car back.",
            "      scores: {upsell: -2}",
        ]
    return "\n".join(lines) + "\n"


def measure(path: Path, rounds: int, cache: ReloadCache) -> None:
    data = path.read_bytes()
    report = load_scenario(path, reload_cache=cache)  # fills the cache
    if report.scenario is None:
        raise SystemExit(f"{path} does not load: {report.errors[0].format()}")
    warm = load_scenario(path, reload_cache=cache)
    assert type(warm.analysis).__name__ in ("_Remembered", "Analysis")
    empty = NoCache()
    repeats = max(1, min(REPEATS, int(2_000_000 / len(data))))
    sides: dict[str, Callable[[], object]] = {
        "full": lambda: load_scenario(path, reload_cache=empty),
        "yaml": lambda: yaml.load(data, Loader=yaml.CSafeLoader),
        "cached": lambda: load_scenario(path, reload_cache=cache),
    }
    to_full: list[float] = []
    to_yaml: list[float] = []
    times: dict[str, list[float]] = {name: [] for name in sides}
    for index in range(rounds):
        order = list(sides) if index % 2 == 0 else list(reversed(sides))
        took = {name: cpu(sides[name], repeats) for name in order}
        for name, seconds in took.items():
            times[name].append(seconds)
        to_full.append(took["cached"] / took["full"])
        to_yaml.append(took["cached"] / took["yaml"])

    def ms(name: str) -> str:
        return f"{statistics.median(times[name]) * 1e3:8.2f}"

    print(
        f"{path.stem:22} {len(data) / 1024:7.0f} KiB {len(report.scenario.nodes):6} nodes  "
        f"full {ms('full')} ms  yaml {ms('yaml')} ms  cached {ms('cached')} ms  "
        f"cached/full {statistics.median(to_full):.3f} ({min(to_full):.3f}-{max(to_full):.3f})  "
        f"cached/yaml {statistics.median(to_yaml):.3f} ({min(to_yaml):.3f}-{max(to_yaml):.3f})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--large", type=int, nargs="*", default=[1000, 10_000])
    options = parser.parse_args()
    print(f"load average: {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
    with tempfile.TemporaryDirectory() as folder:
        cache = ReloadCache(Path(folder) / "cache")
        for path in sorted(DEFAULT_SCENARIOS_DIR.glob("*.yaml")):
            if path.name != "modules.yaml":
                measure(path, options.rounds, cache)
        for nodes in options.large:
            path = Path(folder) / f"generated-{nodes}.yaml"
            path.write_text(generated(nodes), encoding="utf-8")
            measure(path, max(3, options.rounds // (5 if nodes >= 10_000 else 1)), cache)


if __name__ == "__main__":
    main()
