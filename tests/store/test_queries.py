"""The rules both stores share: the fast mean of percents is the core's mean, exactly."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from game.core.scoring import overall
from game.store.queries import mean_percent

one_decimal = st.integers(0, 1000).map(lambda tenths: tenths / 10)
any_percent = st.floats(0, 100, allow_nan=False)


@given(st.lists(st.one_of(st.none(), one_decimal), max_size=12))
def test_the_mean_of_scored_percents_equals_the_cores(values: list[float | None]) -> None:
    assert mean_percent(values) == overall(values)


@given(st.lists(st.one_of(st.none(), any_percent, one_decimal), max_size=12))
def test_the_mean_of_any_percents_equals_the_cores(values: list[float | None]) -> None:
    assert mean_percent(values) == overall(values)


def test_halves_round_up_as_the_core_rounds() -> None:
    assert mean_percent([0.1, 0.2]) == overall([0.1, 0.2]) == 0.2
    assert mean_percent([99.9, 100.0]) == 100.0
    assert mean_percent([None, None]) is None
