"""The expression language: parsing, types, evaluation and clear errors."""

import pytest

from game.core.expressions import ExpressionError, compile_expression, literal_expression

VARIABLES = {"asked": False, "patience": 3, "seen_car": True}


def run(source: str, values: tuple = (False, 3, True)) -> object:
    return compile_expression(source, VARIABLES).evaluate(values)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("asked", False),
        ("not asked", True),
        ("patience + 1", 4),
        ("patience - 5", -2),
        ("-patience", -3),
        ("patience >= 3 and seen_car", True),
        ("asked or patience < 2", False),
        ("not (asked or seen_car)", False),
        ("patience == 3", True),
        ("asked != seen_car", True),
        ("1 + 2 - 3 == 0", True),
        ("true and not false", True),
        ("(patience + 1) > 3 or asked", True),
    ],
)
def test_expression_evaluates_like_the_spec(source: str, expected: object) -> None:
    assert run(source) == expected


def test_precedence_makes_and_bind_tighter_than_or() -> None:
    assert run("seen_car or asked and asked") is True
    assert run("(seen_car or asked) and asked") is False


def test_expression_reports_its_type_and_variables() -> None:
    expression = compile_expression("patience + 1", VARIABLES)
    assert expression.kind is int
    assert expression.variables == frozenset({"patience"})
    assert compile_expression("not asked", VARIABLES).kind is bool


@pytest.mark.parametrize(
    ("source", "fragment", "offset"),
    [
        ("asked + 1", "needs a number but got true/false", 6),
        ("patience and asked", "needs true/false but got a number", 9),
        ("patience == asked", "both sides must be of one type", 9),
        ("not patience", "needs true/false", 0),
        ("1 < patience < 5", "cannot be chained", 13),
        ("(asked", "not closed", 6),
        ("asked.__class__", "unexpected character '.'", 5),
        ("__import__('os')", "unexpected character", 11),
        ("", "empty", 0),
        ("patience +", "ends too early", 10),
        ("patience * 2", "unexpected character '*'", 9),
        ("asked and", "ends too early", 9),
    ],
)
def test_bad_expressions_say_what_and_where(source: str, fragment: str, offset: int) -> None:
    with pytest.raises(ExpressionError) as caught:
        compile_expression(source, VARIABLES)
    assert fragment in caught.value.message
    assert caught.value.offset == offset


def test_unknown_variable_suggests_close_match() -> None:
    with pytest.raises(ExpressionError) as caught:
        compile_expression("pateince > 2", VARIABLES)
    assert "`pateince` is not declared (did you mean `patience`?)" in caught.value.message
    assert caught.value.offset == 0


def test_literal_expression_keeps_its_type() -> None:
    assert literal_expression(True).evaluate(()) is True
    assert literal_expression(7).kind is int
    assert literal_expression(False).source == "false"
