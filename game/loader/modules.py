"""`modules.yaml` to Module objects: the onboarding tracks of a scenario folder."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from game.core.expressions import did_you_mean
from game.core.model import DEFAULT_PASS_PERCENT, Module
from game.loader import diagnostics as codes
from game.loader.diagnostics import Diagnostic, capped, diagnostic, internal_error
from game.loader.source import decode, decode_text, read_bytes

MODULES_FILE = "modules.yaml"


def load_modules(
    path: str | Path, known_ids: set[str] | None = None
) -> tuple[list[Module], list[Diagnostic]]:
    """The modules in `path` and every problem found.

    With `known_ids`, every scenario a module names must be one of them. A file
    with a structural error gives no modules; a module naming an unknown scenario
    or repeating an id is left out and the others are returned.
    """
    data, problem = read_bytes(Path(path))
    if data is None:
        assert problem is not None
        return [], [problem]
    return load_modules_text(data, str(path), known_ids)


def load_modules_text(
    text: str | bytes, path: str, known_ids: set[str] | None = None
) -> tuple[list[Module], list[Diagnostic]]:
    """The modules in `text` and every problem found (see `load_modules`)."""
    try:
        return _load(text, path, known_ids)
    except Exception as problem:  # a mistake of ours costs this file only
        return [], [internal_error(path, problem)]


def _load(
    text: str | bytes, path: str, known_ids: set[str] | None
) -> tuple[list[Module], list[Diagnostic]]:
    from game.loader.schema import MODULES_SCHEMA, structure_problems  # with yaml: when used
    from game.loader.tree import parse_tree

    source, problems = decode_text(text, path) if isinstance(text, str) else decode(text, path)
    if source is None:
        return [], problems
    tree, problems = parse_tree(source, path)
    if tree is None:
        return [], capped(problems, path)
    structure, unlisted = structure_problems(tree.data, tree, path, MODULES_SCHEMA)
    problems.extend(structure)
    # A file whose structure is wrong gives no modules; a module that names an
    # unknown scenario or repeats an id is left out on its own.
    file_broken = any(d.severity == "error" for d in problems)
    broken: set[int] = set()

    modules: list[Module] = []
    raw_modules = tree.data.get("modules")
    seen: dict[str, int] = {}
    if isinstance(raw_modules, list):
        for index, raw in enumerate(raw_modules):
            if not isinstance(raw, dict):
                continue
            here = ("modules", index)
            module_id = raw.get("id")
            if isinstance(module_id, str):
                if module_id in seen:
                    line, column = tree.line_column((*here, "id"))
                    problems.append(
                        diagnostic(
                            path,
                            line,
                            column,
                            codes.DUPLICATE_MODULE,
                            f"the module id `{module_id}` is already used by module "
                            f"{seen[module_id] + 1}; give each module its own id",
                        )
                    )
                    broken.add(index)
                else:
                    seen[module_id] = index
            scenarios = raw.get("scenarios")
            if known_ids is not None and isinstance(scenarios, list):
                for position, scenario_id in enumerate(scenarios):
                    if isinstance(scenario_id, str) and scenario_id not in known_ids:
                        line, column = tree.line_column((*here, "scenarios", position))
                        problems.append(
                            diagnostic(
                                path,
                                line,
                                column,
                                codes.UNKNOWN_SCENARIO,
                                f"module `{module_id}` names the scenario `{scenario_id}`, which "
                                f"is not in this folder{did_you_mean(scenario_id, known_ids)}; "
                                "check the id or add the scenario",
                            )
                        )
                        broken.add(index)
            percent = raw.get("pass_percent", DEFAULT_PASS_PERCENT)
            if isinstance(percent, float) and not math.isfinite(percent):
                line, column = tree.line_column((*here, "pass_percent"))
                problems.append(
                    diagnostic(
                        path,
                        line,
                        column,
                        codes.NOT_FINITE,
                        f"the pass mark of module `{module_id}` is {percent}; "
                        "write a percent from 0 to 100",
                    )
                )
                broken.add(index)
            if file_broken or index in broken:
                continue
            modules.append(_module(raw))
    return modules, capped(problems, path, unlisted)


def _module(raw: dict[str, Any]) -> Module:
    return Module(
        id=raw["id"],
        title=raw["title"].strip(),
        scenarios=tuple(raw["scenarios"]),
        summary=str(raw.get("summary", "")).strip(),
        pass_percent=float(raw.get("pass_percent", DEFAULT_PASS_PERCENT)),
        unlock=raw.get("unlock", "sequential"),
    )
