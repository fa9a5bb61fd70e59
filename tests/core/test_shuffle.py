"""Assessment mode's display order: seeded, stable, and only ever a reordering."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from game.core.shuffle import display_order, shown_numbers


@given(st.text(max_size=12), st.lists(st.integers(0, 20), unique=True, max_size=6))
def test_the_order_is_a_permutation_that_a_seed_repeats(seed: str, indexes: list[int]) -> None:
    order = display_order(seed, "arrive", indexes)
    assert sorted(order) == sorted(indexes)
    assert display_order(seed, "arrive", indexes) == order


@given(st.integers(), st.lists(st.integers(0, 20), unique=True, min_size=2, max_size=6))
def test_hiding_a_choice_keeps_the_others_in_the_same_relative_order(
    seed: int, indexes: list[int]
) -> None:
    full = display_order(seed, "n", indexes)
    fewer = display_order(seed, "n", indexes[1:])
    assert fewer == tuple(i for i in full if i != indexes[0])


def test_seeds_and_nodes_change_the_order() -> None:
    orders = {display_order(seed, "arrive", range(4)) for seed in range(40)}
    assert len(orders) > 10  # 24 orders are possible
    assert {display_order(7, node, range(4)) for node in ("a", "b", "c", "d", "e")} != {
        display_order(7, "a", range(4))
    }


def test_shown_numbers_are_file_order_numbers_among_the_visible_choices() -> None:
    # Visible choices at file positions 0, 2 and 5 are numbered 1, 2 and 3.
    numbers = shown_numbers(3, "desk", [0, 2, 5])
    assert sorted(numbers) == [1, 2, 3]
    order = display_order(3, "desk", [0, 2, 5])
    assert numbers == tuple({0: 1, 2: 2, 5: 3}[i] for i in order)
