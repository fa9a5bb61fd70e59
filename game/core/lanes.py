"""State lanes: the exact analysis of a loop-free scenario, all states of a node at once.

Exploring states one by one costs a few microseconds per move in Python; a
10,000-node scenario with six flags has over half a million states and three
times as many moves. When the scenario has no loops and its variables take
few combinations of values (at most `MAX_VALUES`), this module does the same
work a node at a time instead:

- Every combination of values a playthrough can meet is numbered once (a
  *value id*), as exploring meets it. What a move's `set`s do becomes a table
  from value id to value id, and what a condition allows a bit mask over
  value ids; each is worked out once per value id, not once per state.
- The states of a node are a bit mask of value ids, so reaching them is a few
  integer operations per move, in the nodes' topological order.
- The figures of all states of a node (lowest and highest score per
  competency, fewest and most decisions to an ending, the number of
  playthroughs, the best way on) are packed side by side as fixed-width
  *lanes* in one Python integer, and each move updates all lanes at once with
  a handful of integer operations (SWAR: SIMD within a register). A guard bit
  on top of every lane makes lane-wise minimum and maximum exact.

The results are the same as the state-by-state exploration's (a property test
compares both on random scenarios). Standard library only.
"""

from __future__ import annotations

from array import array
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from operator import itemgetter

from game.core.engine import TIMER, Decision, apply
from game.core.model import (
    MAX_VISIBLE_CHOICES,
    Assignment,
    Choice,
    Expression,
    Scenario,
    Scores,
    Timer,
    Values,
)

MAX_VALUES = 256  # value combinations at most; beyond, states are explored one by one
WORD = 64  # bits: lanes are whole 64-bit words, so moving them is a memoryview away
_OUTCOME_RANK = {"failure": 0, "partial": 1, "success": 2}
# Packed blocks of the min and max vectors: the three competencies, then decisions.
_BLOCKS = 4


@dataclass(frozen=True, slots=True)
class _Move:
    """A choice or a timer seen from the node where it is taken."""

    source: Choice | Timer
    choice_index: int  # position among the node's choices; -1 for the timer
    condition: int  # condition number, or -1 when always shown
    effect: int  # effect number, or -1 when no `set` runs on the way
    target: int  # the node number where the move settles
    chain: tuple[str, ...]  # node ids entered on the way (the target last)
    scores: Scores


_Picker = Callable[[memoryview], Sequence[int]]  # words of a packed integer, rearranged


class _Layout:
    """`count` lanes of `words` 64-bit words each, packed in one integer (lane 0 lowest)."""

    def __init__(self, count: int, words: int) -> None:
        self.count = count
        self.words = words
        self.width = WORD * words
        self.ones = int.from_bytes((1).to_bytes(8 * words, "little") * count, "little")
        self.guard = self.ones << (self.width - 1)
        self.lane_mask = (1 << self.width) - 1
        self.offset = 1 << (self.width - 2)

    def constant(self, value: int) -> int:
        """`value` in every lane (0 <= value < 2**(width - 1))."""
        return value * self.ones

    def spread(self, bits: int, lanes: int, blocks: int) -> int:
        """A mask with every bit set in the lanes whose bit is set in `bits` (per block)."""
        full = b"\xff" * (8 * self.words)
        empty = bytes(8 * self.words)
        block = b"".join([full if bits >> v & 1 else empty for v in range(lanes)])
        return int.from_bytes(block * blocks, "little")

    def ge(self, a: int, b: int) -> int:
        """A mask of the lanes where a >= b (both with their guard bits clear)."""
        marks = ((a | self.guard) - b) & self.guard
        base = marks >> (self.width - 1)
        return (base << self.width) - base

    def minimum(self, a: int, b: int) -> int:
        return a ^ ((a ^ b) & self.ge(a, b))

    def maximum(self, a: int, b: int) -> int:
        return b ^ ((a ^ b) & self.ge(a, b))

    def lane(self, packed: int, index: int) -> int:
        return (packed >> (self.width * index)) & self.lane_mask

    def gather(self, packed: int, pick: _Picker | None) -> int:
        """The lanes rearranged: lane i of the result is lane `index[i]` of `packed`."""
        if pick is None:
            return packed
        size = 8 * self.words * self.count
        words = memoryview(packed.to_bytes(size, "little")).cast("Q")
        return int.from_bytes(array("Q", pick(words)).tobytes(), "little")

    def picker(self, index: Sequence[int]) -> _Picker:
        q = self.words
        words = [j * q + t for j in index for t in range(q)]
        if len(words) == 1:  # itemgetter of one index gives the item, not a tuple
            only = words[0]
            return lambda seq: (seq[only],)
        return itemgetter(*words)

    def bits_where(self, mask: int, lanes: int) -> int:
        """Bit v set where lane v of a `ge` mask is set (the first `lanes` lanes)."""
        data = mask.to_bytes(8 * self.words * self.count, "little")
        top = data[8 * self.words - 1 :: 8 * self.words][:lanes]
        return int(top.translate(_GUARD_DIGITS)[::-1] or b"0", 2)


_GUARD_DIGITS = bytes.maketrans(b"\x00\xff", b"01")


def _words_for(bound: int) -> int:
    """Words per lane so that values within ±bound and sentinels fit beside the guard bit."""
    words = 1
    while (1 << (WORD * words - 2)) < 8 * (bound + 1):
        words += 1
    return words


@dataclass
class LanePlan:
    """A loop-free scenario compiled into value tables, condition masks and moves."""

    scenario: Scenario
    ids: list[str]  # node number -> node id
    number: dict[str, int]  # node id -> node number
    # Value ids are given as exploring meets new combinations of values.
    values: list[Values]  # value id -> values
    value_id: dict[Values, int]
    tables: list[list[int]]  # effect number -> value id -> value id (grows while exploring)
    visible: list[int]  # condition number -> bit mask of the value ids where it holds
    moves: list[list[_Move]]  # node number -> its moves (choices in file order, then timer)
    order: list[int]  # decision and ending node numbers, each before the nodes it leads to
    start: int  # the start's node number, after following `next`
    start_value: int
    start_chain: tuple[str, ...]
    effect_sets: list[tuple[Assignment, ...]]  # effect number -> the `set`s it runs
    conditions: list[Expression]  # condition number -> the condition
    _evaluated: list[int] = field(default_factory=list)  # value ids each condition has seen
    # Filled by `explore`:
    reach: list[int] = field(default_factory=list)  # node number -> bit mask of value ids
    entered: set[str] = field(default_factory=set)
    states: int = 0
    # Filled by `settle`:
    live: list[int] = field(default_factory=list)  # node number -> value ids that can end
    # Filled by `choose_best`:
    keys: list[int] = field(default_factory=list)
    key_layout: _Layout | None = None
    key_weights: tuple[int, int, int] = (0, 0, 0)

    # -- building --------------------------------------------------------------------------
    @classmethod
    def build(cls, scenario: Scenario) -> LanePlan | None:
        """The plan, or None when the scenario loops (through choices, timers or `next`)."""
        nodes = scenario.nodes
        ids = list(nodes)
        number = {node_id: n for n, node_id in enumerate(ids)}
        chains: dict[str, tuple[tuple[str, ...], tuple[Assignment, ...]] | None] = {}

        def chain(node_id: str) -> tuple[tuple[str, ...], tuple[Assignment, ...]] | None:
            if node_id in chains:
                return chains[node_id]
            seen: list[str] = []
            sets: list[Assignment] = []
            node = nodes[node_id]
            found: tuple[tuple[str, ...], tuple[Assignment, ...]] | None = None
            while True:
                if node.id in seen:
                    break  # a `next` loop: the one-by-one exploration reports it
                seen.append(node.id)
                sets.extend(node.assignments)
                if node.next is None:
                    found = (tuple(seen), tuple(sets))
                    break
                node = nodes[node.next]
            chains[node_id] = found
            return found

        effects: dict[tuple[tuple[int, str], ...], int] = {}
        effect_sets: list[tuple[Assignment, ...]] = []
        conditions: dict[str, int] = {}
        condition_of: list[Expression] = []
        moves: list[list[_Move]] = [[] for _ in ids]
        for n, node_id in enumerate(ids):
            node = nodes[node_id]
            if node.ending is not None or node.next is not None:
                continue
            sources: list[tuple[Choice | Timer, int]] = [(c, i) for i, c in enumerate(node.choices)]
            if node.timer is not None:
                sources.append((node.timer, -1))
            for source, index in sources:
                found = chain(source.goto)
                if found is None:
                    return None
                entered, on_entry = found
                sets = source.assignments + on_entry
                effect = -1
                if sets:
                    signature = tuple((a.index, a.expression.source) for a in sets)
                    effect = effects.setdefault(signature, len(effect_sets))
                    if effect == len(effect_sets):
                        effect_sets.append(sets)
                condition = -1
                if isinstance(source, Choice) and source.condition is not None:
                    expression = source.condition
                    condition = conditions.setdefault(expression.source, len(condition_of))
                    if condition == len(condition_of):
                        condition_of.append(expression)
                moves[n].append(
                    _Move(
                        source,
                        index,
                        condition,
                        effect,
                        number[entered[-1]],
                        entered,
                        source.scores,
                    )
                )
        order = _topological(len(ids), moves)
        if order is None:
            return None
        found = chain(scenario.start)
        if found is None:
            return None
        start_chain, on_entry = found
        first = apply(on_entry, scenario.initial_values)
        return cls(
            scenario,
            ids,
            number,
            [first],
            {first: 0},
            [[] for _ in effect_sets],
            [0] * len(condition_of),
            moves,
            order,
            number[start_chain[-1]],
            0,
            start_chain,
            effect_sets,
            condition_of,
        )

    # -- reaching --------------------------------------------------------------------------
    def explore(self) -> int | None:
        """Which value ids reach each node; the number of states, or None past MAX_VALUES."""
        reach = [0] * len(self.ids)
        reach[self.start] = 1 << self.start_value
        entered = set(self.start_chain)
        for n in self.order:
            here = reach[n]
            if not here:
                continue
            for move in self.moves[n]:
                shown = here
                if move.condition >= 0:
                    shown &= self._visible(move.condition)
                if not shown:
                    continue
                entered.update(move.chain)
                if move.effect >= 0:
                    moved = self._moved(move.effect, shown)
                    if moved is None:
                        return None
                    shown = moved
                reach[move.target] |= shown
        # Every table and mask covers every value id, for the lanes: a value id no
        # move is ever taken from keeps its own lane (its figures are never read).
        lanes = len(self.values)
        for table in self.tables:
            table.extend(range(len(table), lanes))
            for v, w in enumerate(table):
                if w < 0:
                    table[v] = v
        for c in range(len(self.conditions)):
            self._visible(c)
        self.reach = reach
        self.entered = entered
        self.states = sum(bin(r).count("1") for r in reach)
        return self.states

    def _visible(self, c: int) -> int:
        """The condition's mask, evaluated for value ids met since it was last asked."""
        mask = self.visible[c]
        known = self._evaluated[c] if c < len(self._evaluated) else 0
        if known < len(self.values):
            evaluate = self.conditions[c].evaluate
            for v in range(known, len(self.values)):
                if evaluate(self.values[v]):
                    mask |= 1 << v
            self.visible[c] = mask
            while len(self._evaluated) <= c:
                self._evaluated.append(0)
            self._evaluated[c] = len(self.values)
        return mask

    def _moved(self, e: int, shown: int) -> int | None:
        """Where effect `e` takes the value ids in `shown`; None past MAX_VALUES."""
        table = self.tables[e]
        sets = self.effect_sets[e]
        moved = 0
        while shown:
            low = shown & -shown
            v = low.bit_length() - 1
            shown ^= low
            if v >= len(table):
                table.extend([-1] * (v + 1 - len(table)))
            w = table[v]
            if w < 0:
                after = apply(sets, self.values[v])
                found = self.value_id.get(after)
                if found is None:
                    if len(self.values) == MAX_VALUES:
                        return None
                    found = self.value_id[after] = len(self.values)
                    self.values.append(after)
                w = table[v] = found
            moved |= 1 << w
        return moved

    def stuck(self, n: int) -> int:
        """Value ids at node `n` (reached) where nothing is shown and there is no timer."""
        open_ = 0
        for move in self.moves[n]:
            if move.condition < 0:
                return 0
            open_ |= self.visible[move.condition]
        return self.reach[n] & ~open_

    def crowded(self, n: int) -> list[tuple[int, int]]:
        """(value id, choices shown) where node `n` shows more than MAX_VISIBLE_CHOICES."""
        choices = [m for m in self.moves[n] if m.choice_index >= 0]
        if len(choices) <= MAX_VISIBLE_CHOICES:
            return []
        found = []
        for v in _members(self.reach[n]):
            shown = sum(1 for m in choices if m.condition < 0 or self.visible[m.condition] >> v & 1)
            if shown > MAX_VISIBLE_CHOICES:
                found.append((v, shown))
        return found

    # -- scores ----------------------------------------------------------------------------
    def settle(self) -> tuple[tuple[tuple[int, int], ...], int, int, int] | None:
        """From the start: ((min, max) per competency), fewest and most decisions, playthroughs.

        None when no ending can be reached from the start. Also fills `live`.
        """
        moves, order, ids = self.moves, self.order, self.ids
        nodes = self.scenario.nodes
        lanes = len(self.values)
        bound = max(self._score_bound(), len(ids)) + 1
        small = _Layout(lanes * _BLOCKS, _words_for(bound))
        base = small.offset
        low_sentinel = small.constant(base + 3 * bound)  # a lane no ending can be reached from
        high_sentinel = small.constant(base - 3 * bound)
        block_ones = [
            int.from_bytes((1).to_bytes(8 * small.words, "little") * lanes, "little")
            << (small.width * lanes * b)
            for b in range(_BLOCKS)
        ]
        counts = _Layout(lanes, _words_for(self._path_bound()))
        one_each = counts.ones
        deltas: dict[Scores, int] = {}

        def delta(scores: Scores) -> int:
            packed = deltas.get(scores)
            if packed is None:
                packed = block_ones[3]
                for b in range(3):
                    packed += scores[b] * block_ones[b]
                deltas[scores] = packed
            return packed

        pick_small = [small.picker(_blocked(t, _BLOCKS)) for t in self.tables]
        pick_count = [counts.picker(t) for t in self.tables]
        hidden_small = [
            small.spread(~mask & ((1 << lanes) - 1), lanes, _BLOCKS) for mask in self.visible
        ]
        shown_count = [counts.spread(mask, lanes, 1) for mask in self.visible]

        lows: list[int] = [0] * len(ids)
        highs: list[int] = [0] * len(ids)
        paths: list[int] = [0] * len(ids)
        waiting = [0] * len(ids)  # moves into each node still to be read
        for n in order:
            for move in moves[n]:
                waiting[move.target] += 1
        minimum, maximum, gather = small.minimum, small.maximum, small.gather
        every_lane = (1 << lanes) - 1
        self.live = [every_lane if nodes[i].ending is not None else 0 for i in ids]
        # A lane can end where its fewest decisions is a real number, not a sentinel's.
        threshold = small.constant(base + bound)
        decisions_block = small.width * 3 * lanes
        for n in reversed(order):
            ending = nodes[ids[n]].ending
            if ending is not None:
                s = ending.scores
                lows[n] = highs[n] = (
                    small.constant(base)
                    + s[0] * block_ones[0]
                    + s[1] * block_ones[1]
                    + s[2] * block_ones[2]
                )
                paths[n] = one_each
                continue
            low = low_sentinel
            high = high_sentinel
            count = 0
            first = True
            for move in moves[n]:
                t = move.target
                lo, hi, many = lows[t], highs[t], paths[t]
                waiting[t] -= 1
                if not waiting[t] and t != self.start:
                    lows[t] = highs[t] = paths[t] = 0  # nothing else reads it
                if move.effect >= 0:
                    lo = gather(lo, pick_small[move.effect])
                    hi = gather(hi, pick_small[move.effect])
                    many = counts.gather(many, pick_count[move.effect])
                d = delta(move.scores)
                lo += d
                hi += d
                if move.condition >= 0:
                    hidden = hidden_small[move.condition]
                    lo ^= (lo ^ low_sentinel) & hidden
                    hi ^= (hi ^ high_sentinel) & hidden
                    many &= shown_count[move.condition]
                if first:
                    low, high, first = lo, hi, False
                else:
                    low, high = minimum(low, lo), maximum(high, hi)
                count += many
            lows[n], highs[n], paths[n] = low, high, count
            self.live[n] = small.bits_where(small.ge(threshold, low) >> decisions_block, lanes)
        start, v = self.start, self.start_value
        if not self.live[start] >> v & 1:
            return None
        low, high = lows[start], highs[start]
        ranges = tuple(
            (
                small.lane(low, b * lanes + v) - base,
                small.lane(high, b * lanes + v) - base,
            )
            for b in range(3)
        )
        fewest = small.lane(low, 3 * lanes + v) - base
        most = small.lane(high, 3 * lanes + v) - base
        return ranges, fewest, most, counts.lane(paths[start], v)

    def _score_bound(self) -> int:
        """No path's score in any competency can be further from 0 than this."""
        nodes = self.scenario.nodes
        total = 0
        endings = 0
        for n, node_id in enumerate(self.ids):
            ending = nodes[node_id].ending
            if ending is not None:
                endings = max(endings, *(abs(x) for x in ending.scores))
                continue
            total += max((abs(x) for m in self.moves[n] for x in m.scores), default=0)
        return total + endings

    def _path_bound(self) -> int:
        """No node has more playthroughs than this (conditions left aside)."""
        nodes = self.scenario.nodes
        paths = [0] * len(self.ids)
        for n in reversed(self.order):
            if nodes[self.ids[n]].ending is not None:
                paths[n] = 1
            else:
                paths[n] = sum(paths[m.target] for m in self.moves[n])
        return max(paths, default=1) + 1

    # -- the best playthrough ----------------------------------------------------------------
    def choose_best(self, weights: tuple[int, int, int]) -> None:
        """The best weighted score on from every state, ties to the better outcome."""
        moves, order, ids = self.moves, self.order, self.ids
        nodes = self.scenario.nodes
        lanes = len(self.values)
        w0, w1, w2 = weights
        bound = 3 * (w0 + w1 + w2) * (self._score_bound() + 1) + 3
        layout = _Layout(lanes, _words_for(bound))
        base = layout.offset
        sentinel = layout.constant(base - 3 * bound)
        picks = [layout.picker(t) for t in self.tables]
        hidden = [layout.spread(~mask & ((1 << lanes) - 1), lanes, 1) for mask in self.visible]
        keys = [0] * len(ids)
        maximum, gather = layout.maximum, layout.gather
        for n in reversed(order):
            ending = nodes[ids[n]].ending
            if ending is not None:
                s = ending.scores
                weighted = s[0] * w0 + s[1] * w1 + s[2] * w2
                keys[n] = layout.constant(base + 3 * weighted + _OUTCOME_RANK[ending.outcome])
                continue
            best = sentinel
            first = True
            for move in moves[n]:
                key = keys[move.target]
                if move.effect >= 0:
                    key = gather(key, picks[move.effect])
                d = move.scores
                key += 3 * (d[0] * w0 + d[1] * w1 + d[2] * w2) * layout.ones
                if move.condition >= 0:
                    key ^= (key ^ sentinel) & hidden[move.condition]
                if first:
                    best, first = key, False
                else:
                    best = maximum(best, key)
            keys[n] = best
        self.keys = keys
        self.key_layout = layout
        self.key_weights = weights

    def shown_moves(self, n: int, v: int) -> list[tuple[Decision, _Move]]:
        """The moves shown at node `n` with value id `v`: (decision as written, move)."""
        shown: list[tuple[Decision, _Move]] = []
        number = 0
        for move in self.moves[n]:
            if move.condition >= 0 and not self.visible[move.condition] >> v & 1:
                continue
            if move.choice_index >= 0:
                number += 1
                shown.append((number, move))
            else:
                shown.append((TIMER, move))
        return shown

    def after(self, move: _Move, v: int) -> int:
        return v if move.effect < 0 else self.tables[move.effect][v]

    def walk_best(self, n: int, v: int) -> tuple[tuple[Decision, ...], Scores, str]:
        """The best way on from state (n, v): its decisions, scores gained, ending id."""
        layout = self.key_layout
        assert layout is not None
        w0, w1, w2 = self.key_weights
        nodes = self.scenario.nodes
        decisions: list[Decision] = []
        s0 = s1 = s2 = 0
        while True:
            ending = nodes[self.ids[n]].ending
            if ending is not None:
                e = ending.scores
                return tuple(decisions), (s0 + e[0], s1 + e[1], s2 + e[2]), self.ids[n]
            top: tuple[int, Decision, _Move, int] | None = None
            for decision, move in self.shown_moves(n, v):
                w = self.after(move, v)
                if not self.live[move.target] >> w & 1:
                    continue
                d = move.scores
                key = layout.lane(self.keys[move.target], w) + 3 * (
                    d[0] * w0 + d[1] * w1 + d[2] * w2
                )
                if top is None or key > top[0]:
                    top = (key, decision, move, w)
            assert top is not None, "walk_best from a state that cannot end"
            _, decision, move, v = top
            decisions.append(decision)
            d = move.scores
            s0, s1, s2 = s0 + d[0], s1 + d[1], s2 + d[2]
            n = move.target


def _members(bits: int) -> list[int]:
    found = []
    while bits:
        low = bits & -bits
        found.append(low.bit_length() - 1)
        bits ^= low
    return found


def _blocked(table: list[int], blocks: int) -> list[int]:
    """A value table repeated for each block of lanes."""
    lanes = len(table)
    return [b * lanes + w for b in range(blocks) for w in table]


def _topological(count: int, moves: list[list[_Move]]) -> list[int] | None:
    """Node numbers with every move's source before its target; None on a loop."""
    incoming = [0] * count
    for out in moves:
        for move in out:
            incoming[move.target] += 1
    ready = deque(n for n in range(count) if incoming[n] == 0)
    order: list[int] = []
    while ready:
        n = ready.popleft()
        order.append(n)
        for move in moves[n]:
            incoming[move.target] -= 1
            if incoming[move.target] == 0:
                ready.append(move.target)
    return order if len(order) == count else None
