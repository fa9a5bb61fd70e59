"""The engine: a Playthrough steps through one Scenario, choice by choice.

Pure: it never reads a clock, a file or a random source. The host says when a
node's timer ran out (`let_timer_expire`) and how much time passed (`add_time`).
Presenters (the window, the terminal player) drive the same Playthrough.

Node kinds: a *decision* node has choices (and maybe a timer); a *passage*
node has `next` and is passed through automatically; an *ending* node ends the
playthrough. `current` is always a decision or an ending node; `passage` lists
the nodes entered since the last decision so presenters can show their text.
"""

from __future__ import annotations

from typing import Any, NamedTuple, cast

from game.core.model import (
    ZERO,
    Assignment,
    Choice,
    Ending,
    Node,
    Scenario,
    Scores,
    Value,
    Values,
    scores_to_dict,
)

SAVE_FORMAT = "rapport-save"
SAVE_VERSION = 1  # written into every save
MIN_COMPATIBLE_SAVE_VERSION = 1  # the oldest save this engine can still read

TIMER = "t"  # how a timer that ran out is written in a list of decisions
Decision = int | str  # a 1-based number among the visible choices, or TIMER


class PlayError(ValueError):
    """A decision that is not possible in the current state."""


class SaveError(ValueError):
    """A save that cannot be read: damaged, too new, or for another scenario."""


class ScenarioChangedError(SaveError):
    """The save is sound but its scenario has changed since it was made."""


class Step(NamedTuple):
    """One decision taken: a choice, or a timer that ran out.

    A named tuple rather than a dataclass: one is made for every decision, and
    a tuple is the cheapest immutable record Python builds.
    """

    node: str
    decision: Decision  # visible number (1-based) or TIMER
    # The choice's position in the node's file order; -1 for a timer. (The name
    # hides tuple.index, which nothing here needs.)
    index: int  # type: ignore[assignment]
    text: str  # the choice text, or "" for a timer
    scores: Scores
    feedback: str | None


def apply(assignments: tuple[Assignment, ...], values: Values) -> Values:
    """Run `set` assignments in file order; later ones see earlier ones."""
    if not assignments:
        return values
    updated = list(values)
    if len(assignments) == 1:
        first = assignments[0]
        updated[first.index] = first.expression.evaluate(values)
        return tuple(updated)
    # Expressions read variables by index, so they can read the list being updated.
    reading = cast(Values, updated)
    for assignment in assignments:
        updated[assignment.index] = assignment.expression.evaluate(reading)
    return tuple(updated)


def add_scores(a: Scores, b: Scores) -> Scores:
    if b is ZERO:
        return a
    return (a[0] + b[0], a[1] + b[1], a[2] + b[2])


def visible_choices(node: Node, values: Values) -> list[tuple[int, Choice]]:
    """The choices shown at `node`: (file index, choice), `if` filtered, file order."""
    return [
        (i, c)
        for i, c in enumerate(node.choices)
        if c.condition is None or c.condition.evaluate(values)
    ]


def settle(scenario: Scenario, node_id: str, values: Values) -> tuple[Node, Values, list[str]]:
    """Enter `node_id` and follow `next` until a decision or an ending node.

    Returns that node, the variables after every `set` on entry, and the ids of
    every node entered. A `next` loop is a scenario error the loader reports; here
    it stops after visiting more nodes than the scenario has.
    """
    nodes = scenario.nodes
    entered: list[str] = []
    node = nodes[node_id]
    limit = len(nodes)
    while True:
        entered.append(node.id)
        if node.assignments:
            values = apply(node.assignments, values)
        if node.next is None:
            return node, values, entered
        if len(entered) > limit:
            raise PlayError(f"the `next` chain from node `{node_id}` never reaches a choice")
        node = nodes[node.next]


# Steps are made with tuple.__new__ directly: it skips the named tuple's own
# Python-level constructor, on the path every decision takes.
_new_step = tuple.__new__

# What undo restores, one per decision: the step taken, then the node, the
# values, the scores, the length of the path and the passage before it.
_Undo = tuple[Step, Node, Values, Scores, int, tuple[str, ...]]


class Playthrough:
    """One player's way through one scenario (ink's Story, Yarn's Dialogue).

    Each decision costs one Step, one undo record and the lists it extends;
    the visible choices are worked out once per node, when first asked for.
    """

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self._nodes = scenario.nodes
        node, values, entered = settle(scenario, scenario.start, scenario.initial_values)
        self._node = node
        self._values = values
        self._scores: Scores = node.ending.scores if node.ending else ZERO
        self._path: list[str] = entered
        self._passage: tuple[str, ...] = tuple(entered)
        self._undo: list[_Undo] = []
        # The visible choices at the current node and their file positions (None: in
        # file order, all of them); both None until first asked for.
        self._shown: tuple[Choice, ...] | None = None
        self._shown_at: tuple[int, ...] | None = None
        self.elapsed_s = 0.0  # seconds played, as told by the host

    # -- what a presenter reads ------------------------------------------------
    @property
    def current(self) -> Node:
        """The decision node waiting for the player, or the ending node."""
        return self._node

    @property
    def passage(self) -> tuple[str, ...]:
        """Node ids entered since the last decision, ending with `current`."""
        return self._passage

    @property
    def choices(self) -> tuple[Choice, ...]:
        """The visible choices at the current node, in file order."""
        shown = self._shown
        return shown if shown is not None else self._show()

    @property
    def timer_seconds(self) -> float | None:
        node = self._node
        timer = node.timer
        return timer.seconds if timer is not None and node.ending is None else None

    @property
    def finished(self) -> bool:
        return self._node.ending is not None

    @property
    def ending(self) -> Ending | None:
        return self._node.ending

    @property
    def raw_scores(self) -> Scores:
        return self._scores

    @property
    def scores(self) -> dict[str, int]:
        return scores_to_dict(self._scores)

    @property
    def values(self) -> dict[str, Value]:
        return dict(zip(self.scenario.variables, self._values, strict=True))

    @property
    def path(self) -> list[str]:
        """Every node entered, in order, the start node first."""
        return list(self._path)

    @property
    def history(self) -> list[Step]:
        return [record[0] for record in self._undo]

    @property
    def decisions(self) -> list[Decision]:
        """The decisions so far, as `play --choices` takes them."""
        return [record[0].decision for record in self._undo]

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    # -- what a presenter does -------------------------------------------------
    def choose(self, number: int) -> Step:
        """Take the `number`-th visible choice (1-based)."""
        node = self._node
        shown = self._shown
        if shown is None:
            shown = self._show()
        if node.ending is not None:
            raise PlayError(f"the scenario already ended at `{node.id}`")
        if number.__class__ is not int and isinstance(number, int) and not isinstance(number, bool):
            number = int(number)  # an int subclass; bools are not numbers here
        if number.__class__ is not int or not 0 < number <= len(shown):
            raise PlayError(
                f"choice {number!r} is not shown at node `{node.id}`; "
                f"choose 1 to {len(shown)}" + (" or t for the timer" if node.timer else "")
            )
        choice = shown[number - 1]
        at = self._shown_at
        index = number - 1 if at is None else at[number - 1]
        d = choice.scores
        step = _new_step(Step, (node.id, number, index, choice.text, d, choice.feedback))
        goto = choice.goto
        target = self._nodes[goto]
        if choice.assignments or target.next is not None or target.assignments:
            self._advance(step, choice.assignments, goto)
            return step
        # The common case, inline: no `set` on the way and no `next` to follow.
        path = self._path
        scores = self._scores
        self._undo.append((step, node, self._values, scores, len(path), self._passage))
        path.append(goto)
        self._passage = (goto,)
        if d is not ZERO:
            scores = (scores[0] + d[0], scores[1] + d[1], scores[2] + d[2])
        ending = target.ending
        if ending is not None and ending.scores is not ZERO:
            e = ending.scores
            scores = (scores[0] + e[0], scores[1] + e[1], scores[2] + e[2])
        self._node = target
        self._scores = scores
        self._shown = self._shown_at = None
        return step

    def let_timer_expire(self) -> Step:
        """The node's timer ran out before the player chose."""
        timer = self._node.timer
        if self.finished or timer is None:
            raise PlayError(f"node `{self._node.id}` has no timer")
        step = Step(self._node.id, TIMER, -1, "", timer.scores, timer.feedback)
        self._advance(step, timer.assignments, timer.goto)
        return step

    def decide(self, decision: Decision) -> Step:
        """Take a decision as written in a choices list: a number or "t"."""
        if decision == TIMER:
            return self.let_timer_expire()
        if isinstance(decision, int):
            return self.choose(decision)
        raise PlayError(f"{decision!r} is neither a choice number nor `t`")

    def undo(self) -> bool:
        """Go back one decision. Returns False when there is nothing to undo."""
        if not self._undo:
            return False
        _, self._node, self._values, self._scores, path_length, self._passage = self._undo.pop()
        del self._path[path_length:]
        self._shown = self._shown_at = None
        return True

    def add_time(self, seconds: float) -> None:
        self.elapsed_s += seconds

    # -- saves -----------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready save: the decisions replay to the exact same state."""
        return {
            "format": SAVE_FORMAT,
            "save_version": SAVE_VERSION,
            "min_compatible_version": MIN_COMPATIBLE_SAVE_VERSION,
            "scenario": self.scenario.id,
            "content_hash": self.scenario.content_hash,
            "decisions": self.decisions,
            "elapsed_s": self.elapsed_s,
        }

    @classmethod
    def from_dict(cls, scenario: Scenario, data: Any) -> Playthrough:
        """Rebuild a playthrough from `to_dict()` output, checking everything."""
        if not isinstance(data, dict) or data.get("format") != SAVE_FORMAT:
            raise SaveError("this is not a Rapport save")
        version = data.get("save_version")
        if not isinstance(version, int) or isinstance(version, bool):
            raise SaveError("the save has no version")
        if version > SAVE_VERSION:
            raise SaveError(
                f"the save was made by a newer Rapport (save version {version}); "
                "update Rapport to continue it"
            )
        if version < MIN_COMPATIBLE_SAVE_VERSION:
            raise SaveError(f"the save version {version} is too old to continue")
        if data.get("scenario") != scenario.id:
            raise SaveError(
                f"the save is for scenario `{data.get('scenario')}`, not `{scenario.id}`"
            )
        decisions = data.get("decisions")
        elapsed = data.get("elapsed_s", 0.0)
        if not isinstance(decisions, list) or not all(
            (isinstance(d, int) and not isinstance(d, bool)) or d == TIMER for d in decisions
        ):
            raise SaveError("the save's decisions are damaged")
        if (
            not isinstance(elapsed, int | float)
            or isinstance(elapsed, bool)
            or not (0 <= elapsed < 10**9)
        ):
            raise SaveError("the save's playing time is damaged")
        if data.get("content_hash") != scenario.content_hash:
            raise ScenarioChangedError(
                f"scenario `{scenario.id}` has changed since this save was made"
            )
        playthrough = cls(scenario)
        try:
            for decision in decisions:
                playthrough.decide(decision)
        except PlayError as error:
            raise SaveError(f"the save's decisions do not fit the scenario: {error}") from None
        playthrough.elapsed_s = float(elapsed)
        return playthrough

    # -- inside ------------------------------------------------------------------
    def _show(self) -> tuple[Choice, ...]:
        """Work out the visible choices once per node; most nodes show all of theirs."""
        choices = self._node.choices
        values = self._values
        for choice in choices:
            if choice.condition is not None:
                break
        else:
            self._shown = choices
            return choices
        at = [
            i for i, c in enumerate(choices) if c.condition is None or c.condition.evaluate(values)
        ]
        shown = tuple([choices[i] for i in at])
        self._shown, self._shown_at = shown, tuple(at)
        return shown

    def _advance(self, step: Step, assignments: tuple[Assignment, ...], goto: str) -> None:
        path = self._path
        scores = self._scores
        values = self._values
        self._undo.append((step, self._node, values, scores, len(path), self._passage))
        if assignments:
            values = apply(assignments, values)
        node = self._nodes[goto]
        if node.next is None and not node.assignments:  # the common case, made quick
            path.append(goto)
            self._passage = (goto,)
        else:
            node, values, entered = settle(self.scenario, goto, values)
            path.extend(entered)
            self._passage = tuple(entered)
        d = step.scores
        if d is not ZERO:
            scores = (scores[0] + d[0], scores[1] + d[1], scores[2] + d[2])
        ending = node.ending
        if ending is not None:
            e = ending.scores
            if e is not ZERO:
                scores = (scores[0] + e[0], scores[1] + e[1], scores[2] + e[2])
        self._node = node
        self._values = values
        self._scores = scores
        self._shown = self._shown_at = None
