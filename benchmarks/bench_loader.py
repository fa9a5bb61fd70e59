"""The loader: loading and checking scenarios against a bare YAML parse of the same text.

- loader: `load_scenario_text` (YAML, structure, meaning and analysis) on every
  shipped scenario against `yaml.load` of the same texts with libyaml.
- reload: loading an unchanged scenario file again, as the window and `--watch`
  do, through `load_scenario(path)` (which may use the reload cache), against
  reading and parsing the same file with libyaml. The first load, which fills
  any cache, is not timed. The user's folders point into a scratch folder.
"""

from __future__ import annotations

from pathlib import Path

from benchmarks.harness import Measured, Mode, Row, alternate, in_thread, ratio_result

LOADER_GOAL = 1.3  # load and check / bare YAML parse on the shipped scenarios, at most
RELOAD_GOAL = 0.2  # reloading an unchanged scenario / its YAML load, at most


def _shipped() -> list[Path]:
    from game.loader import DEFAULT_SCENARIOS_DIR

    return sorted(p for p in DEFAULT_SCENARIOS_DIR.glob("*.yaml") if p.name != "modules.yaml")


def _yaml_loader() -> type:
    import yaml

    return yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader


def loader_row(mode: Mode) -> Measured:
    import yaml

    from game.loader import load_scenario_text

    files = [(p.name, p.read_text(encoding="utf-8")) for p in _shipped()]
    repeats = mode.size(20, 1)
    loader = _yaml_loader()

    def load() -> list[str]:
        ids = []
        for _ in range(repeats):
            for name, text in files:
                report = load_scenario_text(text, name)
                assert report.scenario is not None, report.errors[:1]
                ids.append(report.scenario.id)
        return ids

    def parse() -> list[str]:
        ids = []
        for _ in range(repeats):
            for _, text in files:
                ids.append(yaml.load(text, Loader=loader)["id"])
        return ids

    return ratio_result(
        alternate(in_thread(load), in_thread(parse), mode.rounds_or(15)), LOADER_GOAL
    )


def reload_row(mode: Mode) -> Measured:
    import yaml

    from game.loader import load_scenario

    home = mode.scratch / "home"
    mode.environ(RAPPORT_HOME=str(home), XDG_CACHE_HOME=str(home / "cache"))
    paths = _shipped()
    for path in paths:  # the first load, which may fill a cache
        assert load_scenario(path).scenario is not None
    repeats = mode.size(20, 1)
    loader = _yaml_loader()

    def reload() -> list[str]:
        ids = []
        for _ in range(repeats):
            for path in paths:
                scenario = load_scenario(path).scenario
                assert scenario is not None
                ids.append(scenario.id)
        return ids

    def parse() -> list[str]:
        ids = []
        for _ in range(repeats):
            for path in paths:
                ids.append(yaml.load(path.read_bytes(), Loader=loader)["id"])
        return ids

    ratios = alternate(in_thread(reload), in_thread(parse), mode.rounds_or(15))
    return ratio_result(ratios, RELOAD_GOAL)


def rows() -> list[Row]:
    return [
        Row(
            "loader",
            "loader",
            "load and check / bare YAML parse (shipped scenarios)",
            f"≤ {LOADER_GOAL}×",
            loader_row,
        ),
        Row(
            "reload",
            "loader",
            "reloading an unchanged scenario / its YAML load (shipped scenarios)",
            f"≤ {RELOAD_GOAL}×",
            reload_row,
        ),
    ]
