"""One scenario file to a checked Scenario: YAML, structure, meaning, then analysis.

Every check reports with the line and column of the value concerned and keeps
going, so a trainer sees all the problems of a file in one run. The model is
built only when nothing is wrong.
"""

from __future__ import annotations

import gc
import hashlib
import json
import re
from collections.abc import Collection, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from game.core.analysis import Analysis, analyze
from game.core.expressions import ExpressionError, compile_expression, did_you_mean
from game.core.expressions import literal_expression as literal
from game.core.model import (
    NARRATOR,
    ZERO,
    Assignment,
    CastMember,
    Choice,
    Ending,
    Expression,
    Node,
    Scenario,
    Scores,
    Source,
    Timer,
    Value,
)
from game.loader import diagnostics as codes
from game.loader.art import Pictures, PictureUse, picture_uses
from game.loader.cache import Entry, ReloadCache
from game.loader.diagnostics import (
    Diagnostic,
    Unlisted,
    capped,
    diagnostic,
    internal_error,
    shorten,
    sort_key,
)
from game.loader.source import decode, decode_text, read_bytes

if TYPE_CHECKING:
    from game.loader.tree import Tree, ValuePath

# Reading a file back from the reload cache needs none of the checks: the YAML
# reader (tree), the schema (schema), the behaviour table and the naive
# strategies are imported where a check runs, so an unchanged file costs
# neither their import nor yaml's, fastjsonschema's or jsonschema's.

MAX_SET_INTEGER = 1_000_000_000  # the largest whole number a `set` may write
# Name comparisons spent on did-you-mean per file: about 0.1 s. A scenario with
# thousands of nodes and as many misspelt `goto`s gets suggestions for the
# first few; the rest still say what is wrong, only without a guess.
SUGGESTION_BUDGET = 100_000
SHOWN_NAMES = 8  # names listed in a message before "and N more"
_EXPRESSION_WORDS = frozenset({"true", "false", "not", "and", "or"})
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_TAG = re.compile(r"[a-z0-9][a-z0-9-]*")  # a badly formed tag is the schema's error
_YAML_SUFFIXES = (".yaml", ".yml")


@dataclass
class LoadReport:
    """What loading one file gave: the scenario (None on any error) and every problem."""

    scenario: Scenario | None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    # Present whenever the file got as far as the analysis, even when it found errors.
    analysis: Analysis | None = None
    # The scenario's id when the file states a usable one, even if it has errors,
    # and where it is written (line, column): for checks across files.
    scenario_id: str | None = None
    scenario_id_at: tuple[int, int] = (1, 1)
    # Where `start` is written: scenario-wide warnings (RP408) point here.
    start_at: tuple[int, int] = (1, 1)
    # Every place the file names a picture, checked against a folder's art.
    picture_uses: tuple[PictureUse, ...] = ()

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "warning"]

    @property
    def ok(self) -> bool:
        return self.scenario is not None


def load_scenario(
    path: str | Path,
    *,
    pictures: Pictures | None = None,
    reload_cache: ReloadCache | None = None,
    surface: bool = False,
) -> LoadReport:
    """Read, check and build the scenario in the file at `path`.

    Its pictures are checked against `pictures`, by default the art beside the
    file and the shipped assets. An unchanged file is read back from
    `reload_cache` (by default the user's) instead of being checked again.
    `surface` adds the authoring check of naive strategies (RP408), which
    `rapport validate` runs; playing a scenario does not need it.
    """
    path = Path(path)
    data, problem = read_bytes(path)
    if data is None:
        assert problem is not None
        return LoadReport(None, [problem])
    if pictures is None:
        pictures = Pictures.for_folder(path.parent)
    kept = reload_cache if reload_cache is not None else _default_cache()
    name = str(path)
    with _guarded(name) as outcome:
        entry = kept.get(path, data)
        if entry is not None:
            report = _from_entry(entry, name)
            if entry.picture_warnings is not None and pictures.shipped_only:
                # Only the shipped pictures, unchanged since (the entry's fingerprint says so).
                warnings = [Diagnostic(name, *item) for item in entry.picture_warnings]
            else:
                warnings = pictures.check(report.picture_uses, name)
            outcome.append(_finished(report, name, warnings))
            if surface:
                _check_surface(outcome[0], name)
            return outcome[0]
        report, unlisted = _load(data, name)
        warnings = pictures.check(report.picture_uses, name)
        if report.scenario is not None and report.analysis is not None:
            kept.put(
                path,
                data,
                Entry(
                    report.scenario,
                    report.analysis,
                    [_item(d) for d in report.diagnostics],
                    report.scenario_id_at,
                    report.start_at,
                    [use.to_list() for use in report.picture_uses],
                    [_item(d) for d in warnings] if pictures.shipped_only else None,
                ),
            )
        outcome.append(_finished(report, name, warnings, unlisted))
        if surface:
            _check_surface(outcome[0], name)
    return outcome[0]


def _item(diagnostic: Diagnostic) -> list[Any]:
    """A diagnostic as kept in the cache, without its path."""
    return [
        diagnostic.line,
        diagnostic.column,
        diagnostic.severity,
        diagnostic.code,
        diagnostic.message,
    ]


def load_scenario_text(
    text: str | bytes, path: str, *, pictures: Pictures | None = None, surface: bool = False
) -> LoadReport:
    """Check and build a scenario from its text; `path` is only used in messages.

    Pictures are checked only when `pictures` says which ones there are;
    `surface` as for `load_scenario`.
    """
    with _guarded(path) as outcome:
        report, unlisted = _load(text, path)
        warnings = pictures.check(report.picture_uses, path) if pictures is not None else []
        outcome.append(_finished(report, path, warnings, unlisted))
        if surface:
            _check_surface(outcome[0], path)
    return outcome[0]


@contextmanager
def _guarded(path: str) -> Iterator[list[LoadReport]]:
    """Run a load with the collector paused; a mistake of ours becomes the file's RP117.

    The load appends its report to the list it is given; on a mistake the list
    holds the RP117 report instead.
    """
    # Loading makes many small objects and no cycles; pausing the collector
    # saves a noticeable share of the time.
    collecting = gc.isenabled()
    gc.disable()
    outcome: list[LoadReport] = []
    try:
        yield outcome
    except Exception as problem:  # a mistake of ours costs this file only, never the folder
        import logging  # only on a mistake of ours, not at start-up

        logging.getLogger("game.loader").debug("checking %s failed", path, exc_info=True)
        outcome[:] = [LoadReport(None, [internal_error(path, problem)])]
    finally:
        if collecting:
            gc.enable()


def _check_surface(report: LoadReport, path: str) -> None:
    """Warn (RP408) for every naive strategy that can reach a success ending."""
    from game.core.surface import SURFACE_MIN_DECISIONS, surface_report

    scenario, analysis = report.scenario, report.analysis
    if scenario is None or analysis is None or analysis.ranges is None or analysis.approximate:
        return
    if analysis.shortest is None or analysis.shortest < SURFACE_MIN_DECISIONS:
        return
    line, column = report.start_at
    for naive in surface_report(scenario, analysis.ranges).problems(scenario.start):
        report.diagnostics.append(
            Diagnostic(path, line, column, "warning", naive.code, naive.message)
        )
    report.diagnostics.sort(key=sort_key)


@cache
def _default_cache() -> ReloadCache:
    return ReloadCache()


def _from_entry(entry: Entry, path: str) -> LoadReport:
    return LoadReport(
        entry.scenario,
        [Diagnostic(path, *item) for item in entry.diagnostics],
        entry.analysis,
        entry.scenario.id,
        entry.scenario_id_at,
        entry.start_at,
        tuple(PictureUse.from_list(item) for item in entry.picture_uses),
    )


def _finished(
    report: LoadReport,
    path: str,
    picture_warnings: list[Diagnostic],
    unlisted: Unlisted | None = None,
) -> LoadReport:
    """The report with the warnings about its pictures, its problems sorted and capped."""
    report.diagnostics = capped([*report.diagnostics, *picture_warnings], path, unlisted)
    return report


def _load(text: str | bytes, path: str) -> tuple[LoadReport, Unlisted | None]:
    """The report with every problem found, not yet capped, and those left unread."""
    from game.loader.schema import structure_problems
    from game.loader.tree import parse_tree

    if isinstance(text, str):
        source, problems = decode_text(text, path)
    else:
        source, problems = decode(text, path)
    if source is None:
        return LoadReport(None, problems), None
    tree, problems = parse_tree(source, path)
    if tree is None:
        return LoadReport(None, problems), None
    structure, unlisted = structure_problems(tree.data, tree, path)
    problems.extend(structure)
    builder = _Builder(tree, source, path, problems)
    scenario = builder.build()
    report = LoadReport(
        None,
        problems,
        None,
        builder.scenario_id,
        tree.line_column(("id",)),
        tree.line_column(("start",)),
    )
    report.picture_uses = tuple(picture_uses(tree.data, tree))
    if scenario is not None and not report.errors:
        analysis = analyze(scenario)
        report.analysis = analysis
        for problem in analysis.problems:
            if problem.choice_index is not None:
                line, column = tree.line_column(
                    ("nodes", problem.node, "choices", problem.choice_index)
                )
            else:
                line, column = tree.key_line_column(("nodes", problem.node))
            problems.append(diagnostic(path, line, column, problem.code, problem.message))
        if not report.errors and unlisted is None:
            report.scenario = scenario
    report.diagnostics = problems
    return report, unlisted


def content_hash(data: Mapping[str, Any]) -> str:
    """A fingerprint of what the file says, blind to comments, layout and key order."""
    canonical = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


class _Builder:
    """Checks the meaning of a document and builds its model in the same walk."""

    def __init__(self, tree: Tree, text: str, path: str, problems: list[Diagnostic]) -> None:
        self.tree = tree
        self.text = text
        self.path = path
        self.problems = problems
        self.data = tree.data
        self.failed = any(p.severity == "error" for p in problems)
        self.variables: dict[str, Value] = {}
        self.node_ids: set[str] = set()
        self.cast_ids: set[str] = set()
        self.scenario_id: str | None = None
        self._lines: list[str] | None = None
        self._suggestions_left = SUGGESTION_BUDGET

    def suggest(self, name: str, known: Collection[str]) -> str:
        """` (did you mean `x`?)` while the file's budget for guessing lasts, else ``."""
        if len(known) > self._suggestions_left:
            self._suggestions_left = 0
            return ""
        self._suggestions_left -= len(known)
        return did_you_mean(name, known)

    # -- reporting ---------------------------------------------------------------
    def report(
        self,
        location: ValuePath,
        code: str,
        message: str,
        at_key: bool = False,
        column_offset: int = 0,
    ) -> None:
        tree = self.tree
        line, column = tree.key_line_column(location) if at_key else tree.line_column(location)
        if (line - 1, column - 1) in tree.flagged:
            return
        found = diagnostic(self.path, line, column + column_offset, code, message)
        if found.severity == "error":
            self.failed = True
        self.problems.append(found)

    # -- the walk ----------------------------------------------------------------
    def build(self) -> Scenario | None:
        data = self.data
        scenario_id = data.get("id")
        if isinstance(scenario_id, str):
            self.scenario_id = scenario_id
            self._check_file_name(scenario_id)
        self.variables = self._variables(data.get("variables"))
        cast = self._cast(data.get("cast"))
        nodes_data = data.get("nodes")
        if isinstance(nodes_data, dict):
            self.node_ids = {k for k in nodes_data if isinstance(k, str)}
        start = data.get("start")
        if isinstance(start, str) and start not in self.node_ids:
            self._unknown_node(start, ("start",), "`start` names")
        if "source" not in data:
            self.report(
                (),
                codes.NO_SOURCE,
                "the scenario has no `source`; name the article or story it teaches from "
                "and its lesson, for the debrief",
            )
        for key in ("format", "minutes"):
            self._whole(data.get(key), (key,))

        nodes: dict[str, Node] = {}
        if isinstance(nodes_data, dict):
            for node_id, node_data in nodes_data.items():
                if isinstance(node_data, dict):
                    node = self._node(node_id, node_data)
                    if node is not None:
                        nodes[node_id] = node
        if self.failed:
            return None
        source = data.get("source")
        return Scenario(
            id=data["id"],
            title=data["title"].strip(),
            start=data["start"],
            nodes=nodes,
            summary=data.get("summary", "").strip(),
            source=(
                Source(source["title"].strip(), source.get("lesson", "").strip())
                if source
                else None
            ),
            minutes=data.get("minutes"),
            setting=data.get("setting"),
            cast=cast,
            variables=self.variables,
            content_hash=content_hash(data),
        )

    def _check_file_name(self, scenario_id: str) -> None:
        name = Path(self.path).name
        for suffix in _YAML_SUFFIXES:
            if name.endswith(suffix):
                stem = name[: -len(suffix)]
                if stem != scenario_id and stem != "modules":
                    self.report(
                        ("id",),
                        codes.FILE_NAME,
                        f"the id `{scenario_id}` differs from the file name `{name}`; "
                        f"name the file `{scenario_id}{suffix}` so the scenario can be found "
                        "by its id",
                    )
                return

    def _variables(self, raw: Any) -> dict[str, Value]:
        variables: dict[str, Value] = {}
        if not isinstance(raw, dict):
            return variables
        for name, value in raw.items():
            if name in _EXPRESSION_WORDS:
                self.report(
                    ("variables", name),
                    codes.RESERVED_NAME,
                    f"`{name}` is a word of the expression language and cannot name a "
                    "variable; choose another name",
                    at_key=True,
                )
            if isinstance(value, bool | int):
                variables[name] = value
            elif not self._whole(value, ("variables", name)):
                # `3.0`, reported: checked on as the number it means, to spare
                # every expression that uses it a misleading "not declared".
                variables[name] = int(value)
        return variables

    def _cast(self, raw: Any) -> dict[str, CastMember]:
        cast: dict[str, CastMember] = {}
        if not isinstance(raw, dict):
            return cast
        for cast_id, member in raw.items():
            self.cast_ids.add(cast_id)
            if cast_id == NARRATOR:
                self.report(
                    ("cast", cast_id),
                    codes.RESERVED_NAME,
                    "`narrator` is always there and cannot be a cast member; "
                    "give this cast member another id",
                    at_key=True,
                )
            if isinstance(member, dict) and isinstance(member.get("name"), str):
                cast[cast_id] = CastMember(cast_id, member["name"].strip(), member.get("portrait"))
        return cast

    def _node(self, node_id: str, raw: dict[str, Any]) -> Node | None:
        here: ValuePath = ("nodes", node_id)
        speaker = raw.get("speaker", NARRATOR)
        if isinstance(speaker, str) and speaker != NARRATOR and speaker not in self.cast_ids:
            known = sorted(self.cast_ids | {NARRATOR})
            self.report(
                (*here, "speaker"),
                codes.UNKNOWN_SPEAKER,
                f"the speaker `{shorten(speaker)}` of node `{node_id}` is not in the cast"
                f"{self.suggest(speaker, known)}; add them under `cast:` or use "
                f"{_names(known)}",
            )
        assignments = self._assignments(raw["set"], (*here, "set")) if "set" in raw else ()

        choices: list[Choice] = []
        raw_choices = raw.get("choices")
        if isinstance(raw_choices, list):
            for index, choice in enumerate(raw_choices):
                if isinstance(choice, dict):
                    built = self._choice(choice, (*here, "choices", index), node_id, index)
                    if built is not None:
                        choices.append(built)

        next_id = raw.get("next")
        if isinstance(next_id, str) and next_id not in self.node_ids:
            self._unknown_node(next_id, (*here, "next"), f"`next` of node `{node_id}` names")

        timer: Timer | None = None
        raw_timer = raw.get("timer")
        if raw_timer is not None:
            if "choices" not in raw:
                self.report(
                    (*here, "timer"),
                    codes.TIMER_WITHOUT_CHOICES,
                    f"node `{node_id}` has a `timer` but no `choices`; a timer only makes "
                    "sense while the player is choosing, so remove it or add choices",
                    at_key=True,
                )
            if isinstance(raw_timer, dict):
                timer = self._timer(raw_timer, (*here, "timer"), node_id)

        ending: Ending | None = None
        raw_ending = raw.get("ending")
        if isinstance(raw_ending, dict):
            scores = self._scores(raw_ending.get("scores"), (*here, "ending", "scores"))
            if isinstance(raw_ending.get("title"), str) and isinstance(
                raw_ending.get("outcome"), str
            ):
                lesson = raw_ending.get("lesson")
                ending = Ending(
                    title=raw_ending["title"].strip(),
                    outcome=raw_ending["outcome"],
                    text=_text(raw_ending.get("text")),
                    scores=scores,
                    lesson=lesson.strip() if isinstance(lesson, str) else None,
                )
        if self.failed:
            return None
        return Node(
            id=node_id,
            text=_text(raw.get("text")),
            speaker=speaker,
            mood=raw.get("mood"),
            assignments=assignments,
            choices=tuple(choices),
            next=next_id,
            ending=ending,
            timer=timer,
        )

    def _choice(
        self, raw: dict[str, Any], here: ValuePath, node_id: str, index: int
    ) -> Choice | None:
        goto = raw.get("goto")
        if isinstance(goto, str) and goto not in self.node_ids:
            self._unknown_node(
                goto, (*here, "goto"), f"choice {index + 1} of node `{node_id}` goes to"
            )
        condition: Expression | None = None
        source = raw.get("if")
        if isinstance(source, str):
            condition = self._expression(source, (*here, "if"))
            if condition is not None and condition.kind is not bool:
                self.report(
                    (*here, "if"),
                    codes.BAD_EXPRESSION,
                    f"the condition `{shorten(source)}` is a number, not true or false; "
                    f"compare it, e.g. `{shorten(source)} > 0`",
                )
                condition = None
        assignments = self._assignments(raw["set"], (*here, "set")) if "set" in raw else ()
        scores = self._scores(raw.get("scores"), (*here, "scores"))
        feedback = raw.get("feedback")
        # An empty `feedback:` is a wrong type, reported by the structure check.
        if "feedback" not in raw or (isinstance(feedback, str) and not feedback.strip()):
            self.report(
                here,
                codes.NO_FEEDBACK,
                f"choice {index + 1} of node `{node_id}` has no `feedback`; add the coach's "
                "comment so coaching mode and the debrief can explain it",
            )
        tags = self._tags(raw.get("tags"), (*here, "tags"), scores, node_id, index)
        text = raw.get("text")
        if self.failed or not isinstance(text, str) or not isinstance(goto, str):
            return None
        return Choice(
            text=text.strip(),
            goto=goto,
            condition=condition,
            assignments=assignments,
            scores=scores,
            feedback=feedback.strip() if isinstance(feedback, str) and feedback.strip() else None,
            tags=tags,
        )

    def _tags(
        self, raw: Any, location: ValuePath, scores: Scores, node_id: str, index: int
    ) -> tuple[str, ...]:
        """A choice's behaviour tags; unknown, repeated and straying ones are warnings."""
        from game.core import behaviours

        if not isinstance(raw, list):
            return ()
        tags: list[str] = []
        for position, tag in enumerate(raw):
            if not isinstance(tag, str):
                continue
            if tag in tags:
                self.report(
                    (*location, position),
                    codes.TAG_TWICE,
                    f"the tag `{shorten(tag)}` is listed twice in choice {index + 1} of node "
                    f"`{node_id}`; list each behaviour once",
                )
                continue
            if tag not in behaviours.BY_NAME and _TAG.fullmatch(tag):
                self.report(
                    (*location, position),
                    codes.UNKNOWN_TAG,
                    f"`{shorten(tag)}` in choice {index + 1} of node `{node_id}` is not a "
                    f"behaviour of the scoring guide's table{did_you_mean(tag, behaviours.BY_NAME)}"
                    "; use a name from docs/scoring-guide.md or remove the tag",
                )
            tags.append(tag)
        for stray in behaviours.strays(tags, scores):
            named = " and ".join(f"`{t}`" for t in tags if t in behaviours.BY_NAME)
            self.report(
                location,
                codes.TAG_STRAYS,
                f"choice {index + 1} of node `{node_id}` scores {stray.competency} "
                f"{stray.score:+d}, but {named} stand{'s' if ' and ' not in named else ''} for "
                f"{stray.standard:+d} in the scoring guide; score it {stray.standard - 1:+d} to "
                f"{stray.standard + 1:+d}, or change the tags",
                at_key=True,
            )
        return tuple(tags)

    def _timer(self, raw: dict[str, Any], here: ValuePath, node_id: str) -> Timer | None:
        goto = raw.get("goto")
        if isinstance(goto, str) and goto not in self.node_ids:
            self._unknown_node(goto, (*here, "goto"), f"the timer of node `{node_id}` goes to")
        assignments = self._assignments(raw["set"], (*here, "set")) if "set" in raw else ()
        scores = self._scores(raw.get("scores"), (*here, "scores"))
        seconds = raw.get("seconds")
        if isinstance(seconds, float) and seconds != seconds:  # NaN passes every bound
            self.report(
                (*here, "seconds"),
                codes.NOT_FINITE,
                f"the timer of node `{node_id}` has `.nan` seconds; write a number of "
                "seconds above 0",
            )
        feedback = raw.get("feedback")
        if self.failed or not isinstance(goto, str) or not isinstance(seconds, int | float):
            return None
        return Timer(
            seconds=float(seconds),
            goto=goto,
            assignments=assignments,
            scores=scores,
            feedback=feedback.strip() if isinstance(feedback, str) and feedback.strip() else None,
        )

    # -- pieces --------------------------------------------------------------------
    def _unknown_node(self, target: str, location: ValuePath, what: str) -> None:
        self.report(
            location,
            codes.UNKNOWN_NODE,
            f"{what} `{shorten(target)}`, which is not a node"
            f"{self.suggest(target, self.node_ids)}; check the spelling or add the node",
        )

    def _whole(self, value: Any, location: ValuePath) -> bool:
        """False (and reported) for a float where a whole number belongs, e.g. `2.0`."""
        if isinstance(value, float) and value.is_integer():
            from game.loader.schema import describe_field

            self.report(
                location,
                codes.NOT_WHOLE,
                f"{describe_field(location, self.data)} is {value}, but it must be a whole "
                f"number; write {int(value)}",
            )
            return False
        return True

    def _scores(self, raw: Any, location: ValuePath) -> Scores:
        if raw is None or raw.__class__ is not dict:
            return ZERO
        empathy = raw.get("empathy", 0)
        anticipation = raw.get("anticipation", 0)
        upsell = raw.get("upsell", 0)
        if type(empathy) is int and type(anticipation) is int and type(upsell) is int:
            return (empathy, anticipation, upsell)
        for competency, points in raw.items():  # `2.0` is caught here; the rest was reported
            self._whole(points, (*location, competency))
        return ZERO

    def _assignments(self, raw: Any, location: ValuePath) -> tuple[Assignment, ...]:
        if not isinstance(raw, dict):
            return ()
        built: list[Assignment] = []
        names = list(self.variables)
        for name, value in raw.items():
            here = (*location, name)
            if not isinstance(name, str):
                continue
            if name not in self.variables:
                self.report(
                    here,
                    codes.UNDECLARED_VARIABLE,
                    f"`set` changes `{shorten(name)}`, which is not declared"
                    f"{self.suggest(name, self.variables)}; declare it under `variables:` "
                    "with its starting value",
                    at_key=True,
                )
                continue
            declared = self.variables[name]
            wanted = bool if isinstance(declared, bool) else int
            expression: Expression | None
            if isinstance(value, bool) or (
                isinstance(value, int) and -MAX_SET_INTEGER <= value <= MAX_SET_INTEGER
            ):
                expression = literal(value)
            elif isinstance(value, int):
                self.report(
                    here,
                    codes.OUT_OF_RANGE,
                    f"`{name}` is set to {value}, but it must be {-MAX_SET_INTEGER} to "
                    f"{MAX_SET_INTEGER}",
                )
                continue
            elif isinstance(value, str):
                expression = self._expression(value, here)
            else:
                self._whole(value, here)
                continue
            if expression is None:
                continue
            if expression.kind is not wanted:
                self.report(
                    here,
                    codes.SET_TYPE,
                    f"`{name}` is {_kind(wanted)} (it starts as {_literal(declared)}), "
                    f"but `{expression.source}` is {_kind(expression.kind)}; "
                    "a variable keeps its type",
                )
                continue
            built.append(Assignment(name, names.index(name), expression))
        return tuple(built)

    def _expression(self, source: str, location: ValuePath) -> Expression | None:
        """Compile an `if` or `set` expression, reporting at the exact column."""
        undeclared = False
        for match in _NAME.finditer(source):
            name = match.group()
            if name not in _EXPRESSION_WORDS and name not in self.variables:
                undeclared = True
                self.report(
                    location,
                    codes.UNDECLARED_VARIABLE,
                    f"the variable `{shorten(name)}` in `{shorten(source)}` is not declared"
                    f"{self.suggest(name, self.variables)}; declare it under `variables:` "
                    "with its starting value",
                    column_offset=self._offset(source, location, match.start()),
                )
        if undeclared:
            return None
        try:
            return compile_expression(source, self.variables)
        except ExpressionError as problem:
            from game.loader.schema import describe_field

            self.report(
                location,
                problem.code or codes.BAD_EXPRESSION,  # the parser's limits have their own
                f"{describe_field(location, self.data)}: {problem.message}",
                column_offset=self._offset(source, location, problem.offset),
            )
            return None

    def _offset(self, source: str, location: ValuePath, offset: int) -> int:
        """Columns from a scalar's start to character `offset` of its text.

        Exact for a one-line plain or quoted scalar; 0 (the scalar's start) when
        escapes or line folding make the file text differ from the value.
        """
        mark = self.tree.values.get(location)
        if mark is None:
            return 0
        if self._lines is None:
            self._lines = self.text.splitlines()
        line_number, column = mark
        if line_number >= len(self._lines):
            return 0
        line = self._lines[line_number]
        for skip in (0, 1):  # 1 skips an opening quote
            if line[column + skip : column + skip + len(source)] == source:
                return skip + offset
        return 0


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _names(names: list[str]) -> str:
    """`a`, `b`, `c`: at most SHOWN_NAMES of them, then how many more."""
    listed = ", ".join(f"`{shorten(n)}`" for n in names[:SHOWN_NAMES])
    rest = len(names) - SHOWN_NAMES
    return f"{listed} and {rest:,} more" if rest > 0 else listed


def _kind(kind: type) -> str:
    return "true/false" if kind is bool else "a number"


def _literal(value: Value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
