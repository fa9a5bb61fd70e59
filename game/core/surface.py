"""Surface cues: how far a new hire gets by reading only the look of the choices.

A *naive strategy* ranks the visible choices by something a player can see
without understanding the customer: the length of a line, a question mark, the
word "you", feeling words, prices, or the position in the list. For every
strategy this module finds the best a player following it can do (where several
choices tie, the luckiest one counts, so a verdict never depends on how ties
are broken), whether it can reach a success ending, and the exact expected
overall of a player who picks at random. It also says where the best choice is
the longest line and how often each position holds it.

Standard library only, and no randomness: random play is an expectation computed
state by state, never a sample.
"""

from __future__ import annotations

import gc
import math
import re
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from game.core.analysis import Problem, _strongly_connected, _weights
from game.core.engine import TIMER, Decision, apply, settle, visible_choices
from game.core.model import COMPETENCIES, Choice, Node, Scenario, Scores, Values
from game.core.scoring import Ranges, overall, percents

NAIVE_SUCCESS = "RP408"  # documented in docs/diagnostics.md
# Decisions (fewest on the way to any ending) a scenario needs before naive
# strategies are worth warning about: in a shorter one some look always picks
# the right line.
SURFACE_MIN_DECISIONS = 3

_OUTCOME_RANK = {"failure": 0, "partial": 1, "success": 2}
_WORD = re.compile(r"[a-z0-9$€£%]+(?:['’][a-z]+)?")


def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words that make a line sound caring. A heuristic list: what a skimming player
# would take for warmth, not a judgement of the line.
FEELING_WORDS = _word_set(
    """
    sorry apologise apologize apologies love loved lovely glad happy wonderful worry
    worried worries worrying understand understood feel feeling feelings sad afraid
    congratulations thank thanks great delighted delight excited exciting enjoy care
    caring appreciate hope fear upset frustrating frustrated heart beautiful special
    perfect amazing kind gently softly promise fair trust pleasure welcome proud
    """
)
# Words that make a line sound like a sale: money, deals and goods.
PRICE_WORDS = _word_set(
    """
    price prices priced cost costs costing discount discounts deal deals offer offers
    sale sales special bundle bundles package packages warranty insurance upgrade
    upgrades premium fee fees charge charged free cheap cheaper cheapest buy buying
    bought sold paid pays sell selling dollars dollar euros euro pay paying financing
    quote model models product products kit accessory accessories brand subscription
    membership card voucher pack refund refunds refunded
    """
)
YOU_WORDS = frozenset(
    {"you", "your", "yours", "yourself", "you're", "you'll", "you've", "you'd", "ya"}
)
# Small words that say nothing about what a line is about: left out when a
# choice is compared with what the customer just said.
COMMON_WORDS = _word_set(
    """
    a an the and or but if so to of in on at for with from by as is are was were be been
    it it's its i i'm i'll i've me my we we'll our us he she they them his her their this
    that these those there here what who how when where why not no yes do does did can
    could would will just all any some one very too than then now up out about get got
    """
)


def words(text: str) -> list[str]:
    """The lower-case words of a line; `$150`, `20%` and `you're` count as one word each."""
    return [w.replace("’", "'") for w in _WORD.findall(text.lower())]


def _money(word: str) -> bool:
    return word[0] in "$€£" or word.endswith("%")


@dataclass(frozen=True, slots=True)
class Look:
    """What a choice looks like to a player who does not read it for meaning."""

    characters: int
    words: int
    question: bool
    addresses: bool  # names someone in the cast or says "you"
    feeling: int  # feeling words
    price: int  # price, deal and product words (and amounts of money)
    echo: int = 0  # words it repeats from what was just said before the choice

    @property
    def warmth(self) -> int:
        """Feeling words, a question and "you", minus sales words: the nicest-sounding line."""
        return self.feeling + int(self.question) + int(self.addresses) - self.price


def look(text: str, names: Iterable[str] = (), said: str = "") -> Look:
    """The surface of one choice's text; `names` are the cast's names (lower case) and
    `said` the line the choice answers (its node's text)."""
    found = words(text)
    named = set(names)
    heard = set(words(said)) - COMMON_WORDS
    return Look(
        characters=len(text.strip()),
        words=len(text.split()),
        question="?" in text,
        addresses=any(w in YOU_WORDS or w in named for w in found),
        feeling=sum(1 for w in found if w in FEELING_WORDS),
        price=sum(1 for w in found if w in PRICE_WORDS or _money(w)),
        echo=len(heard.intersection(found)),
    )


# A strategy's key: (the choice's look, its 1-based position, how many are shown)
# -> a number; the strategy takes a choice with the highest key.
Key = Callable[[Look, int, int], int]


@dataclass(frozen=True, slots=True)
class Strategy:
    id: str
    label: str  # "always choosing the longest line"
    wins_by: str  # "by length": ends the warning "a new hire can win by length"
    key: Key


def _position(k: int) -> Key:
    # Choice k, or the last one when fewer than k are shown.
    return lambda _look, position, count: int(position == min(k, count))


STRATEGIES: tuple[Strategy, ...] = (
    Strategy(
        "longest", "always choosing the longest line", "by length", lambda c, p, n: c.characters
    ),
    Strategy(
        "shortest", "always choosing the shortest line", "by brevity", lambda c, p, n: -c.characters
    ),
    Strategy(
        "most-words",
        "always choosing the line with the most words",
        "by length",
        lambda c, p, n: c.words,
    ),
    Strategy(
        "fewest-words",
        "always choosing the line with the fewest words",
        "by brevity",
        lambda c, p, n: -c.words,
    ),
    Strategy(
        "question",
        "always choosing a line with a question mark (when there is one)",
        "by asking questions",
        lambda c, p, n: int(c.question),
    ),
    Strategy(
        "no-question",
        "always choosing a line without a question mark (when there is one)",
        "by never asking",
        lambda c, p, n: -int(c.question),
    ),
    Strategy(
        "addresses",
        "always choosing a line that names someone or says “you”",
        "by saying “you”",
        lambda c, p, n: int(c.addresses),
    ),
    Strategy(
        "no-address",
        "always choosing a line that names nobody and never says “you”",
        "by avoiding “you”",
        lambda c, p, n: -int(c.addresses),
    ),
    Strategy(
        "most-feeling",
        "always choosing the line with the most feeling words",
        "by sounding caring",
        lambda c, p, n: c.feeling,
    ),
    Strategy(
        "fewest-feeling",
        "always choosing the line with the fewest feeling words",
        "by sounding matter-of-fact",
        lambda c, p, n: -c.feeling,
    ),
    Strategy(
        "fewest-price",
        "always choosing the line with the fewest price or product words",
        "by never mentioning a price",
        lambda c, p, n: -c.price,
    ),
    Strategy(
        "most-price",
        "always choosing the line with the most price or product words",
        "by always selling",
        lambda c, p, n: c.price,
    ),
    Strategy(
        "echo",
        "always choosing the line that repeats the most words the customer just said",
        "by echoing the customer's words",
        lambda c, p, n: c.echo,
    ),
    Strategy(
        "least-echo",
        "always choosing the line that repeats the fewest words the customer just said",
        "by ignoring what the customer said",
        lambda c, p, n: -c.echo,
    ),
    Strategy(
        "warmest",
        "always choosing the warmest-sounding line (feeling words, a question, “you”, no prices)",
        "by sounding warm",
        lambda c, p, n: c.warmth,
    ),
    *(
        Strategy(
            f"choice-{k}",
            f"always choosing choice {k} (or the last, when fewer are shown)",
            "by position",
            _position(k),
        )
        for k in range(1, 7)
    ),
    Strategy("last", "always choosing the last choice", "by position", lambda c, p, n: int(p == n)),
)


# Short names for tables, by strategy id.
SHORT_NAMES = {
    "longest": "longest line",
    "shortest": "shortest line",
    "most-words": "most words",
    "fewest-words": "fewest words",
    "question": "a question",
    "no-question": "no question",
    "addresses": "says “you” or a name",
    "no-address": "no “you”, no name",
    "most-feeling": "most feeling words",
    "fewest-feeling": "fewest feeling words",
    "fewest-price": "fewest price words",
    "most-price": "most price words",
    "echo": "echoes the customer",
    "least-echo": "ignores the customer",
    "warmest": "warmest-sounding",
    "last": "last choice",
    **{f"choice-{k}": f"choice {k}" for k in range(1, 7)},
}


@dataclass(frozen=True, slots=True)
class NaiveRun:
    """The best a player following one strategy can do (ties broken in the player's favour)."""

    strategy: str
    label: str
    wins_by: str
    finishes: bool  # False when the strategy goes round a loop for ever
    ending: str | None  # the ending of its best playthrough
    outcome: str | None
    overall: float | None  # the best overall it can reach
    decisions: tuple[Decision, ...]  # that playthrough, as `play --choices` takes it
    success_ending: str | None  # a success ending it can reach, if any

    @property
    def succeeds(self) -> bool:
        return self.success_ending is not None

    @property
    def name(self) -> str:
        """A short name for tables: `longest line`, `choice 2`."""
        return SHORT_NAMES.get(self.strategy, self.strategy)

    def to_dict(self) -> dict[str, object]:
        return {
            "strategy": self.strategy,
            "label": self.label,
            "finishes": self.finishes,
            "ending": self.ending,
            "outcome": self.outcome,
            "overall": self.overall,
            "choices": list(self.decisions),
            "success_ending": self.success_ending,
        }


@dataclass(frozen=True, slots=True)
class RandomPlay:
    """A player who picks among the shown choices at random: exact expectations."""

    overall: float | None  # expected overall (the mean of the expected percents)
    outcomes: dict[str, float]  # probability of each outcome, one decimal percent
    percent: tuple[float | None, ...] = ()  # expected percent per competency

    def to_dict(self) -> dict[str, object]:
        return {
            "overall": self.overall,
            "outcomes": dict(self.outcomes),
            "percent": dict(zip(COMPETENCIES, self.percent, strict=False)),
        }


@dataclass(frozen=True, slots=True)
class DecisionPoint:
    """A node with a given set of visible choices, and where its best choice sits."""

    node: str
    shown: int  # how many choices are visible
    best: tuple[int, ...]  # visible positions (1-based) of the best choice; several on a tie
    longest: tuple[int, ...]  # visible positions of the longest line(s)

    @property
    def best_is_longest(self) -> bool:
        return bool(set(self.best) & set(self.longest))


@dataclass(frozen=True)
class SurfaceReport:
    scenario: str
    runs: tuple[NaiveRun, ...]
    random: RandomPlay
    points: tuple[DecisionPoint, ...]  # decision points with two or more choices

    @property
    def winners(self) -> tuple[NaiveRun, ...]:
        """Strategies that can reach a success ending."""
        return tuple(run for run in self.runs if run.succeeds)

    @property
    def best_is_longest(self) -> tuple[DecisionPoint, ...]:
        return tuple(p for p in self.points if p.best_is_longest)

    def position_counts(self) -> dict[int, int]:
        """Position -> at how many decision points the best choice sits there."""
        counts: dict[int, int] = {}
        for point in self.points:
            for position in point.best:
                counts[position] = counts.get(position, 0) + 1
        return dict(sorted(counts.items()))

    def problems(self, start: str) -> tuple[Problem, ...]:
        """A warning for every strategy that can reach a success ending, located at `start`."""
        return tuple(
            Problem(
                NAIVE_SUCCESS,
                "warning",
                start,
                f"{run.label} reaches the success ending `{run.success_ending}`: a new hire "
                f"can win {run.wins_by}; make the way to success need at least one decision "
                "where that pick is a wrong answer (`rapport analyze` shows each strategy's "
                "playthrough)",
            )
            for run in self.winners
        )

    def to_dict(self) -> dict[str, object]:
        """The `surface` part of `analyze --json` (docs/cli.md)."""
        return {
            "strategies": [run.to_dict() for run in self.runs],
            "random": self.random.to_dict(),
            "decision_points": len(self.points),
            "best_is_longest": [p.node for p in self.best_is_longest],
            "best_position": {str(k): v for k, v in self.position_counts().items()},
        }


# -- the state graph ---------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class _Move:
    decision: Decision
    scores: Scores
    target: int
    choice: Choice | None  # None for a timer


class _States:
    """Every reachable decision or ending state, with its moves (choices first, then the timer)."""

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self.nodes: list[Node] = []
        self.values: list[Values] = []
        self.moves: list[list[_Move]] = []
        index: dict[tuple[str, Values], int] = {}

        def enter(node_id: str, values: Values) -> int:
            node, values, _ = settle(scenario, node_id, values)
            key = (node.id, values)
            found = index.get(key)
            if found is None:
                found = index[key] = len(self.nodes)
                self.nodes.append(node)
                self.values.append(values)
                self.moves.append([])
                queue.append(found)
            return found

        queue: deque[int] = deque()
        self.start = enter(scenario.start, scenario.initial_values)
        while queue:
            number = queue.popleft()
            node, values = self.nodes[number], self.values[number]
            if node.ending is not None:
                continue
            moves = self.moves[number]
            for position, (_, choice) in enumerate(visible_choices(node, values), start=1):
                target = enter(choice.goto, apply(choice.assignments, values))
                moves.append(_Move(position, choice.scores, target, choice))
            if node.timer is not None:
                timer = node.timer
                target = enter(timer.goto, apply(timer.assignments, values))
                moves.append(_Move(TIMER, timer.scores, target, None))

        self.shown = [[m for m in moves if m.choice is not None] for moves in self.moves]
        # The shown choices by identity: states with the same key rank alike.
        self.shown_key = [tuple(id(m.choice) for m in shown) for shown in self.shown]
        # Successors first, when the state graph has no loop: every strategy's
        # moves are a subset, so the same order serves them all.
        self.order: list[int] | None = self._loop_free_order()

    def choices(self, state: int) -> list[_Move]:
        return self.shown[state]

    def _loop_free_order(self) -> list[int] | None:
        count = len(self.nodes)
        succ = [[(i, m.target) for i, m in enumerate(self.moves[v])] for v in range(count)]
        groups = _strongly_connected(count, succ)
        if len(groups) != count or any(m.target == v for v in range(count) for m in self.moves[v]):
            return None
        return [members[0] for members in groups]


def _dot(scores: Scores, weights: tuple[int, int, int]) -> int:
    return scores[0] * weights[0] + scores[1] * weights[1] + scores[2] * weights[2]


def _best_values(
    states: _States, allowed: list[list[_Move]], weights: tuple[int, int, int]
) -> list[int | None]:
    """Per state, the highest weighted score to an ending using only `allowed` moves.

    None where no ending can be reached. Loops change no score (the loader refuses
    score farming), so inside a loop group every state has a potential.
    """
    count = len(states.nodes)
    value: list[int | None] = [None] * count
    if states.order is not None:
        nodes = states.nodes
        for u in states.order:
            ending = nodes[u].ending
            if ending is not None:
                value[u] = _dot(ending.scores, weights)
                continue
            best: int | None = None
            for m in allowed[u]:
                after = value[m.target]
                if after is not None:
                    option = _dot(m.scores, weights) + after
                    if best is None or option > best:
                        best = option
            value[u] = best
        return value
    succ = [[(i, m.target) for i, m in enumerate(allowed[v])] for v in range(count)]
    groups = _strongly_connected(count, succ)
    group_of = [0] * count
    for g, members in enumerate(groups):
        for v in members:
            group_of[v] = g
    for g, members in enumerate(groups):  # successors first
        potential = {members[0]: 0}
        if len(members) > 1:
            queue = deque([members[0]])
            while queue:
                u = queue.popleft()
                for m in allowed[u]:
                    if group_of[m.target] == g and m.target not in potential:
                        potential[m.target] = potential[u] + _dot(m.scores, weights)
                        queue.append(m.target)
        top: int | None = None
        for u in members:
            ending = states.nodes[u].ending
            if ending is not None:
                option = potential[u] + _dot(ending.scores, weights)
                top = option if top is None or option > top else top
            for m in allowed[u]:
                after = value[m.target]
                if group_of[m.target] == g or after is None:
                    continue
                option = potential[u] + _dot(m.scores, weights) + after
                top = option if top is None or option > top else top
        if top is not None:
            for v in members:
                value[v] = top - potential[v]
    return value


def _walk(
    states: _States,
    allowed: list[list[_Move]],
    value: list[int | None],
    weights: tuple[int, int, int],
) -> tuple[tuple[Decision, ...], Scores, int] | None:
    """A playthrough that reaches the best value from the start, preferring better outcomes.

    Follows only moves that keep the value (`value[u] == move + value[target]`);
    any such way to an ending is optimal. Returns decisions, raw scores and the
    ending state.
    """
    start = states.start
    if value[start] is None:
        return None
    came: dict[int, tuple[int, _Move] | None] = {start: None}
    queue = deque([start])
    endings: list[int] = []
    while queue:
        u = queue.popleft()
        ending = states.nodes[u].ending
        if ending is not None:
            endings.append(u)
            continue
        here = value[u]
        for m in allowed[u]:
            after = value[m.target]
            if after is None or here != _dot(m.scores, weights) + after:
                continue
            if m.target not in came:
                came[m.target] = (u, m)
                queue.append(m.target)
    best_end = max(
        (e for e in endings if value[e] == _ending_value(states, e, weights)),
        key=lambda e: _OUTCOME_RANK[_outcome(states, e)],
    )
    path: list[_Move] = []
    v = best_end
    while (step := came[v]) is not None:
        v, move = step
        path.append(move)
    path.reverse()
    ending = states.nodes[best_end].ending
    assert ending is not None
    total = ending.scores
    for move in path:
        total = (total[0] + move.scores[0], total[1] + move.scores[1], total[2] + move.scores[2])
    return tuple(m.decision for m in path), total, best_end


def _ending_value(states: _States, state: int, weights: tuple[int, int, int]) -> int:
    ending = states.nodes[state].ending
    assert ending is not None
    return _dot(ending.scores, weights)


def _outcome(states: _States, state: int) -> str:
    ending = states.nodes[state].ending
    assert ending is not None
    return ending.outcome


def _reaches_success(states: _States, allowed: list[list[_Move]]) -> str | None:
    """A success ending reachable from the start with `allowed` moves, or None."""
    seen = {states.start}
    queue = deque([states.start])
    found: list[str] = []
    while queue:
        u = queue.popleft()
        ending = states.nodes[u].ending
        if ending is not None:
            if ending.outcome == "success":
                found.append(states.nodes[u].id)
            continue
        for m in allowed[u]:
            if m.target not in seen:
                seen.add(m.target)
                queue.append(m.target)
    return found[0] if found else None


def _looks(scenario: Scenario) -> Callable[[Choice], Look]:
    names = [w for member in scenario.cast.values() for w in words(member.name)]
    said = {id(c): node.text or "" for node in scenario.nodes.values() for c in node.choices}
    cache: dict[int, Look] = {}

    def of(choice: Choice) -> Look:
        key = id(choice)
        if key not in cache:
            cache[key] = look(choice.text, names, said.get(key, ""))
        return cache[key]

    return of


def _allowed(
    states: _States, strategy: Strategy, looks: Callable[[Choice], Look]
) -> list[list[_Move]]:
    """Per state, the moves the strategy may take: its top-ranked choices (all of them on a tie).

    With no choice shown, the timer is the only way on.
    """
    allowed: list[list[_Move]] = []
    # Many states share a node and its shown choices: rank those once.
    ranked: dict[tuple[int, ...], list[int]] = {}
    for v in range(len(states.nodes)):
        shown = states.choices(v)
        if not shown:
            allowed.append([m for m in states.moves[v] if m.choice is None])
            continue
        key = states.shown_key[v]
        picks = ranked.get(key)
        if picks is None:
            count = len(shown)
            keys = []
            for m in shown:
                assert m.choice is not None and isinstance(m.decision, int)
                keys.append(strategy.key(looks(m.choice), m.decision, count))
            top = max(keys)
            picks = ranked[key] = [i for i, k in enumerate(keys) if k == top]
        allowed.append([shown[i] for i in picks])
    return allowed


def _run(
    states: _States,
    strategy: Strategy,
    looks: Callable[[Choice], Look],
    ranges: Ranges,
    weights: tuple[int, int, int],
) -> NaiveRun:
    allowed = _allowed(states, strategy, looks)
    value = _best_values(states, allowed, weights)
    walked = _walk(states, allowed, value, weights)
    success = _reaches_success(states, allowed)
    if walked is None:
        return NaiveRun(
            strategy.id, strategy.label, strategy.wins_by, False, None, None, None, (), success
        )
    decisions, raw, end = walked
    return NaiveRun(
        strategy=strategy.id,
        label=strategy.label,
        wins_by=strategy.wins_by,
        finishes=True,
        ending=states.nodes[end].id,
        outcome=_outcome(states, end),
        overall=overall(percents(raw, ranges)),
        decisions=decisions,
        success_ending=success,
    )


# -- random play ------------------------------------------------------------------
def _random_play(states: _States, ranges: Ranges) -> RandomPlay:
    """Expectations for a player who picks uniformly among the shown choices.

    Where no choice is shown the timer runs out. The expectation is computed, not
    sampled: state by state from the endings back, and a loop group is solved as
    an absorbing chain (Gauss-Jordan). Floating point keeps large scenarios quick;
    its error is far below the tenth of a percent that is shown.
    """
    count = len(states.nodes)
    moves = [states.choices(v) or list(states.moves[v]) for v in range(count)]
    outcomes = ("success", "partial", "failure")
    size = 6  # per state: expected raw scores (3) and outcome probabilities (3)
    result: list[list[float] | None] = [None] * count
    if states.order is not None:
        groups = [[v] for v in states.order]
    else:
        succ = [[(i, m.target) for i, m in enumerate(moves[v])] for v in range(count)]
        groups = _strongly_connected(count, succ)
    group_of = [0] * count
    for g, members in enumerate(groups):
        for v in members:
            group_of[v] = g
    nodes = states.nodes
    for g, members in enumerate(groups):
        if len(members) == 1 and all(m.target != members[0] for m in moves[members[0]]):
            v = members[0]
            ending = nodes[v].ending
            if ending is not None:
                row = [float(x) for x in ending.scores] + [0.0, 0.0, 0.0]
                row[3 + outcomes.index(ending.outcome)] = 1.0
                result[v] = row
                continue
            if not moves[v]:
                return RandomPlay(None, {})
            total = [0.0] * size
            for m in moves[v]:
                after = result[m.target]
                if after is None:
                    return RandomPlay(None, {})
                for c in range(3):
                    total[c] += m.scores[c]
                for c in range(size):
                    total[c] += after[c]
            share = len(moves[v])
            result[v] = [x / share for x in total]
            continue
        local = {v: i for i, v in enumerate(members)}
        n = len(members)
        # x_v = sum_m p (s_m + x_target): A x = b, over the group's states.
        matrix = [[0.0] * n for _ in range(n)]
        rhs = [[0.0] * size for _ in range(n)]
        for v in members:
            i = local[v]
            matrix[i][i] += 1.0
            ending = nodes[v].ending
            if ending is not None:
                rhs[i][:3] = [float(x) for x in ending.scores]
                rhs[i][3 + outcomes.index(ending.outcome)] = 1.0
                continue
            if not moves[v]:
                return RandomPlay(None, {})
            p = 1.0 / len(moves[v])
            for m in moves[v]:
                for c in range(3):
                    rhs[i][c] += p * m.scores[c]
                if group_of[m.target] == g:
                    matrix[i][local[m.target]] -= p
                else:
                    after = result[m.target]
                    if after is None:
                        return RandomPlay(None, {})
                    for c in range(size):
                        rhs[i][c] += p * after[c]
        solved = _solve(matrix, rhs)
        if solved is None:  # a loop the random player never leaves
            return RandomPlay(None, {})
        for v in members:
            result[v] = solved[local[v]]
    start = result[states.start]
    assert start is not None
    each = [
        (start[c] - span.min) / (span.max - span.min) * 100 if span.assessed else None
        for c, span in enumerate(ranges)
    ]
    shown = [p for p in each if p is not None]
    mean = sum(shown) / len(shown) if shown else None
    return RandomPlay(
        overall=None if mean is None else _tenth(mean),
        outcomes={o: _tenth(start[3 + i] * 100) for i, o in enumerate(outcomes)},
        percent=tuple(None if p is None else _tenth(p) for p in each),
    )


def _tenth(value: float) -> float:
    """One decimal, half up; a hair of tolerance absorbs floating-point error."""
    return math.floor(value * 10 + 0.5 + 1e-9) / 10


def _solve(matrix: list[list[float]], rhs: list[list[float]]) -> list[list[float]] | None:
    """Gauss-Jordan with partial pivoting; None when the system is singular."""
    n = len(matrix)
    a = [row[:] + rhs_row[:] for row, rhs_row in zip(matrix, rhs, strict=True)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(a[r][col]))
        if abs(a[pivot][col]) < 1e-12:
            return None
        a[col], a[pivot] = a[pivot], a[col]
        head = a[col][col]
        a[col] = [x / head for x in a[col]]
        for r in range(n):
            if r != col and a[r][col] != 0:
                factor = a[r][col]
                a[r] = [x - factor * y for x, y in zip(a[r], a[col], strict=True)]
    return [row[n:] for row in a]


# -- where the best choice sits -----------------------------------------------------
def _points(
    states: _States,
    value: list[int | None],
    weights: tuple[int, int, int],
    looks: Callable[[Choice], Look],
) -> tuple[DecisionPoint, ...]:
    """Decision points (a node with a given set of shown choices) and their best choices.

    The best choice leads to the highest overall still reachable. A node whose
    shown choices are the same in several states counts once, and its best
    positions are the union over those states (ties count against the author).
    """
    found: dict[tuple[str, tuple[int, ...]], tuple[set[int], tuple[int, ...], int]] = {}
    for v in range(len(states.nodes)):
        if value[v] is None:
            continue
        shown = states.choices(v)
        if len(shown) < 2:
            continue
        options = []
        for m in shown:
            after = value[m.target]
            options.append(None if after is None else _dot(m.scores, weights) + after)
        top = max((o for o in options if o is not None), default=None)
        if top is None:
            continue
        best = {int(m.decision) for m, o in zip(shown, options, strict=True) if o == top}
        lengths = [looks(m.choice).characters for m in shown if m.choice is not None]
        longest = tuple(i for i, n in enumerate(lengths, start=1) if n == max(lengths))
        node = states.nodes[v]
        key = (node.id, tuple(node.choices.index(m.choice) for m in shown if m.choice))
        if key in found:
            found[key][0].update(best)
        else:
            found[key] = (best, longest, len(shown))
    return tuple(
        DecisionPoint(node, shown, tuple(sorted(best)), longest)
        for (node, _), (best, longest, shown) in found.items()
    )


def surface_report(
    scenario: Scenario, ranges: Ranges, strategies: Sequence[Strategy] = STRATEGIES
) -> SurfaceReport:
    """Play every naive strategy and random play on `scenario`, scored against `ranges`.

    `ranges` come from the analysis (`Analysis.ranges`); the scenario must be one
    the loader accepted (no score farming).
    """
    # Like the analysis, this allocates many small objects and frees none until
    # it ends: the cycle collector only costs time.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _surface_report(scenario, ranges, strategies)
    finally:
        if collecting:
            gc.enable()


def _surface_report(
    scenario: Scenario, ranges: Ranges, strategies: Sequence[Strategy]
) -> SurfaceReport:
    states = _States(scenario)
    weights = _weights(ranges)
    looks = _looks(scenario)
    runs = tuple(_run(states, s, looks, ranges, weights) for s in strategies if _applies(s, states))
    full = [states.choices(v) or list(states.moves[v]) for v in range(len(states.nodes))]
    value = _best_values(states, full, weights)
    return SurfaceReport(
        scenario=scenario.id,
        runs=runs,
        random=_random_play(states, ranges),
        points=_points(states, value, weights, looks),
    )


def _applies(strategy: Strategy, states: _States) -> bool:
    """Position strategies beyond the most choices ever shown would repeat `last`."""
    if not strategy.id.startswith("choice-"):
        return True
    k = int(strategy.id.removeprefix("choice-"))
    most = max((len(states.choices(v)) for v in range(len(states.nodes))), default=0)
    return k <= most
