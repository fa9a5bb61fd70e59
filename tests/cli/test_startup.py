"""Each command imports only what it uses: `rapport --help` lists every command without
importing one, and `validate` and `play --json` load no database, window, live server,
learning-record client, chart library or full schema validator.

Speed is measured by benchmarks/bench_startup.py; here a small wrapper runs the real
`rapport` entry point in a fresh interpreter and reports which modules were loaded.
"""

from __future__ import annotations

import importlib
import json
import os
import pkgutil
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

import game.cli
from game.cli import COMMANDS, cli
from game.core.analysis import analyze
from game.core.decisions import play_decisions
from game.core.scoring import result_of
from game.loader import DEFAULT_SCENARIOS_DIR, load_scenario

ROOT = Path(__file__).resolve().parents[2]
SCENARIO = DEFAULT_SCENARIOS_DIR / "loaner-counter.yaml"

# Runs `rapport ARGS...` as the console script does, then writes the names of the loaded
# modules to the file given first (stdout and the exit status stay the command's own).
WRAPPER = """
import json, sys
report, sys.argv = sys.argv[1], ["rapport", *sys.argv[2:]]
try:
    from game.cli import main
    main()
finally:
    with open(report, "w", encoding="utf-8") as file:
        json.dump(sorted(sys.modules), file)
"""

# What no command that only reads scenario files may load.
HEAVY = (
    "sqlalchemy",
    "psycopg",
    "matplotlib",
    "starlette",
    "uvicorn",
    "websockets",
    "segno",
    "pygame",
    "jsonschema",
    "game.store",
    "game.lrs",
    "game.live",
    "game.trainer",
    "game.ui",
)


def rapport(tmp_path: Path, *args: str) -> tuple[subprocess.CompletedProcess[str], set[str]]:
    report = tmp_path / "modules.json"
    env = {**os.environ, "RAPPORT_HOME": str(tmp_path / "home")}
    done = subprocess.run(
        [sys.executable, "-c", WRAPPER, str(report), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    return done, set(json.loads(report.read_text(encoding="utf-8")))


def loaded(modules: set[str], *names: str) -> list[str]:
    """Those of `names` (packages count with their submodules) that were imported."""
    return sorted(n for n in names if any(m == n or m.startswith(f"{n}.") for m in modules))


def test_help_lists_every_command_and_imports_none_of_them(tmp_path: Path) -> None:
    done, modules = rapport(tmp_path, "--help")
    assert done.returncode == 0, done.stderr
    listed = done.stdout.split("Commands:")[1].split()
    assert all(name in listed for name in COMMANDS)
    assert sorted(m for m in modules if m.startswith("game")) == ["game", "game.cli"]
    assert loaded(modules, "yaml", "fastjsonschema", *HEAVY) == []


def test_validate_needs_no_schema_validator_for_a_valid_file_nor_yaml_once_cached(
    tmp_path: Path,
) -> None:
    first, modules = rapport(tmp_path, "validate", str(SCENARIO))
    assert first.returncode == 0, first.stderr
    assert "All good" in first.stdout
    assert loaded(modules, *HEAVY) == []
    assert loaded(modules, "yaml", "fastjsonschema") == ["fastjsonschema", "yaml"]
    again, modules = rapport(tmp_path, "validate", str(SCENARIO))  # unchanged: from the cache
    assert again.stdout == first.stdout
    assert loaded(modules, "yaml", "fastjsonschema", *HEAVY) == []


def test_a_file_that_breaks_the_schema_gets_the_full_validator(tmp_path: Path) -> None:
    broken = tmp_path / "loaner-counter.yaml"
    broken.write_text(
        SCENARIO.read_text(encoding="utf-8").replace("title:", "titel:", 1), encoding="utf-8"
    )
    done, modules = rapport(tmp_path, "validate", str(broken))
    assert done.returncode == 1
    assert "unknown key `titel`" in done.stdout
    assert loaded(modules, "jsonschema") == ["jsonschema"]


def best_play() -> tuple[str, float | None]:
    """The best playthrough of SCENARIO as `--choices` takes it, and its overall percent."""
    scenario = load_scenario(SCENARIO).scenario
    assert scenario is not None
    analysis = analyze(scenario)
    assert analysis.best is not None and analysis.ranges is not None
    overall = result_of(play_decisions(scenario, analysis.best), analysis.ranges).overall
    return ",".join(str(d) for d in analysis.best), overall


def test_play_with_json_loads_only_the_scenario_and_the_engine(tmp_path: Path) -> None:
    choices, overall = best_play()
    for _ in range(2):  # the first run fills the reload cache, the second reads it
        done, modules = rapport(tmp_path, "play", "loaner-counter", "--choices", choices, "--json")
        assert done.returncode == 0, done.stderr
        assert json.loads(done.stdout)["overall"] == overall
        assert loaded(modules, *HEAVY) == []
    assert loaded(modules, "yaml", "fastjsonschema", "game.core.surface") == []


def test_recording_a_result_loads_the_database_layer(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'results.db'}"
    args = ("play", "loaner-counter", "--choices", best_play()[0], "--json", "--player", "Ana")
    done, modules = rapport(tmp_path, *args, "--db", db)
    assert done.returncode == 0, done.stderr
    assert "Recorded the result for Ana" in done.stderr
    assert loaded(modules, "sqlalchemy", "game.store") == ["game.store", "sqlalchemy"]


def test_lrs_status_reads_the_queue_without_the_http_client(tmp_path: Path) -> None:
    done, modules = rapport(tmp_path, "lrs", "status")
    assert done.returncode == 0, done.stderr
    assert "Queued: 0 statements" in done.stdout
    assert loaded(modules, "game.lrs.client", "urllib.request", "sqlalchemy") == []


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_each_listed_command_is_where_the_table_says_with_its_own_short_help(name: str) -> None:
    context = click.Context(cli)
    command = cli.get_command(context, name)
    assert command is not None
    assert command.name == name
    assert command.get_short_help_str(limit=10_000) == COMMANDS[name][1]


def test_every_command_of_the_command_line_has_a_row() -> None:
    """A command written in game/cli but missing from COMMANDS could never be run."""
    found: dict[str, click.Command] = {}
    for info in pkgutil.iter_modules(game.cli.__path__, "game.cli."):
        module = importlib.import_module(info.name)
        for attribute, value in vars(module).items():
            written_here = getattr(getattr(value, "callback", None), "__module__", "") == info.name
            if isinstance(value, click.Command) and written_here:
                found[f"{info.name}:{attribute}"] = value
    groups = [c for c in found.values() if isinstance(c, click.Group)]
    inside = {id(sub) for group in groups for sub in group.commands.values()}
    top = {where for where, command in found.items() if id(command) not in inside}
    assert top | {"game.ui.command:window_command"} == {where for where, _ in COMMANDS.values()}


def unloaded() -> click.Group:
    """The `rapport` group as it starts: no command imported yet."""
    return type(cli)(
        cli.name,
        callback=cli.callback,
        params=cli.params,
        help=cli.help,
        context_settings=cli.context_settings,
    )


@pytest.mark.parametrize("width", [60, 80, 200])
def test_help_reads_as_if_every_command_were_loaded(width: int) -> None:
    lazy = CliRunner().invoke(unloaded(), ["--help"], terminal_width=width).output
    eager = click.Group(
        cli.name,
        help=cli.help,
        params=cli.params,
        context_settings=cli.context_settings,
        commands=[
            command
            for name in COMMANDS
            if (command := cli.get_command(click.Context(cli), name)) is not None
        ],
    )
    assert lazy == CliRunner().invoke(eager, ["--help"], terminal_width=width).output


def test_a_mistyped_command_is_matched_against_every_command() -> None:
    result = CliRunner().invoke(unloaded(), ["sesion"])
    assert result.exit_code == 2
    assert "No such command 'sesion'. Did you mean 'session'?" in result.output
