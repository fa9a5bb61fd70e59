"""Shuffled display order for assessment mode: the same seed always gives the same order.

In assessment mode a presenter may show a node's choices in an order of its
own, so a replay measures understanding rather than memory of positions. The
order depends only on a seed (chosen by the host once per playthrough and kept
in its save), the node and the choices' file positions, so it is the same after
Continue, and a choice keeps its place relative to the others when an `if:`
hides some of them. Numbers in `--choices`, `--autoplay` and saves keep meaning
file order among the visible choices: only the display changes.

Standard library only; the host brings the seed (the core never draws one).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence


def _rank(seed: str, node_id: str, index: int) -> bytes:
    # A separator that cannot appear in a node id keeps ("a", "b1") apart from ("ab", "1").
    return hashlib.sha256(f"{seed}\x1f{node_id}\x1f{index}".encode()).digest()


def display_order(seed: str | int, node_id: str, indexes: Sequence[int]) -> tuple[int, ...]:
    """The file positions `indexes` of a node's visible choices, in the order to show them."""
    key = str(seed)
    return tuple(sorted(indexes, key=lambda index: _rank(key, node_id, index)))


def shown_numbers(seed: str | int, node_id: str, indexes: Sequence[int]) -> tuple[int, ...]:
    """For each place on screen (top first), the choice's number in file order (1-based).

    `indexes` are the file positions of the visible choices in file order, as
    `engine.visible_choices` gives them; `Playthrough.choose` takes the result's
    numbers unchanged.
    """
    number = {index: n for n, index in enumerate(indexes, start=1)}
    return tuple(number[index] for index in display_order(seed, node_id, indexes))
