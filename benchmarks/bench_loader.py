"""Loader speed: loading and checking a scenario against a bare YAML parse of it.

Run with `python benchmarks/bench_loader.py`. The target is a ratio of at most
1.3 on scenarios of realistic size (the shipped ones, about 25 nodes): loading
may cost little more than reading the YAML at all. The ratio is printed with
and without the analysis, whose cost grows with the number of states rather
than with the size of the file.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from game.core.analysis import analyze  # noqa: E402
from game.loader import DEFAULT_SCENARIOS_DIR, load_scenario_text  # noqa: E402

REPEATS = 30  # best of this many runs per measurement
LARGE_NODES = 1000  # nodes in the generated large scenario


def best_of(run: Callable[[], object], repeats: int = REPEATS) -> float:
    """The fastest of `repeats` runs, in seconds (the least disturbed by other work)."""
    fastest = float("inf")
    for _ in range(repeats):
        started = time.perf_counter()
        run()
        fastest = min(fastest, time.perf_counter() - started)
    return fastest


def generated_scenario(nodes: int) -> str:
    """A scenario shaped like the shipped ones: choices with scores, feedback and conditions."""
    endings = max(3, nodes // 8)
    deciders = nodes - endings
    lines = [
        "format: 1",
        "id: generated",
        "title: A generated scenario",
        "summary: A customer needs help and the player decides how to respond.",
        "source:",
        "  title: Getting to know your customer's passion",
        "  lesson: Let people pick, let them connect.",
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


def measure(name: str, text: str) -> tuple[float, float]:
    """Print one file's figures; return the ratio with and without the analysis."""
    report = load_scenario_text(text, f"{name}.yaml")
    scenario = report.scenario
    if scenario is None:
        raise SystemExit(f"{name} does not load: {report.errors[0].format()}")
    bare = best_of(lambda: yaml.load(text, Loader=yaml.CSafeLoader))
    full = best_of(lambda: load_scenario_text(text, f"{name}.yaml"))
    analysis = best_of(lambda: analyze(scenario))
    print(
        f"{name:22} {len(text) / 1024:6.1f} KiB {len(scenario.nodes):5} nodes  "
        f"bare parse {bare * 1e3:7.2f} ms  load+validate {full * 1e3:7.2f} ms "
        f"(analysis {analysis * 1e3:6.2f} ms)  ratio {full / bare:4.2f} "
        f"(without analysis {(full - analysis) / bare:4.2f})"
    )
    return full / bare, (full - analysis) / bare


def main() -> None:
    if not yaml.__with_libyaml__:
        print("note: PyYAML has no libyaml here, so both sides use the pure parser")
    realistic = []
    for path in sorted(DEFAULT_SCENARIOS_DIR.glob("*.yaml")):
        if path.name != "modules.yaml":
            realistic.append(measure(path.stem, path.read_text(encoding="utf-8")))
    realistic.append(measure("generated-30", generated_scenario(30)))
    large, _ = measure(f"generated-{LARGE_NODES}", generated_scenario(LARGE_NODES))
    worst = max(r for r, _ in realistic)
    worst_without = max(w for _, w in realistic)
    print(f"loader: load+validate / bare parse = {worst:.2f} (worst realistic file)")
    print(f"loader: load+validate / bare parse = {worst_without:.2f} (same, analysis left out)")
    print(f"loader: load+validate / bare parse = {large:.2f} ({LARGE_NODES} nodes)")


if __name__ == "__main__":
    main()
