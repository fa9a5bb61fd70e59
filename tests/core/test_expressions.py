"""The expression language: parsing, types, evaluation and clear errors."""

import pytest

from game.core.expressions import (
    NUMBER_TOO_LARGE,
    PREFIX_RUN,
    TOO_DEEP,
    TOO_MANY_OPERATORS,
    ExpressionError,
    compile_expression,
    literal_expression,
)

VARIABLES = {"asked": False, "patience": 3, "seen_car": True}


def run(source: str, values: tuple[bool | int, ...] = (False, 3, True)) -> object:
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


@pytest.mark.parametrize(
    ("source", "code", "offset", "fragment"),
    [
        ("(" * 150 + "asked" + ")" * 150, TOO_DEEP, 20, "nested more than 20 deep"),
        ("(" * 100_000, TOO_DEEP, 20, "nested more than 20 deep"),
        ("not " * 150 + "asked", PREFIX_RUN, 16, "more than 4 `not` in a row"),
        ("-" * 480 + "patience > 0", PREFIX_RUN, 4, "more than 4 `-` in a row"),
        ("patience > " + "9" * 4300, NUMBER_TOO_LARGE, 11, "(4300 digits) is too large"),
        ("patience > 1000000000000001", NUMBER_TOO_LARGE, 11, "1000000000000001 is too large"),
        (" and ".join(["asked"] * 90), TOO_MANY_OPERATORS, 506, "more than 50 operators"),
        ("+".join(["patience"] * 240) + " > 0", TOO_MANY_OPERATORS, 458, "50 operators"),
        ("asked and " * 200_000 + "asked", TOO_MANY_OPERATORS, 506, "50 operators"),
    ],
)
def test_hostile_expressions_are_refused_at_the_limit_with_a_code(
    source: str, code: str, offset: int, fragment: str
) -> None:
    with pytest.raises(ExpressionError) as caught:
        compile_expression(source, VARIABLES)
    assert caught.value.code == code
    assert caught.value.offset == offset
    assert fragment in caught.value.message
    assert len(caught.value.message) < 300  # a long expression is shortened in the message


def test_expressions_up_to_the_limits_still_work() -> None:
    deep = "(" * 20 + "patience" + ")" * 20 + " == 3"
    assert run(deep) is True
    assert run("not not not not asked") is False
    assert run("- - - - patience") == 3 and run("- - - patience") == -3
    assert run("patience + 1000000000000000 > 0") is True
    assert run(" and ".join(["seen_car"] * 51)) is True  # 50 operators
    assert run("000000000000000000000003 == patience") is True  # leading zeros are not size


def test_ordinary_mistakes_have_no_limit_code() -> None:
    with pytest.raises(ExpressionError) as caught:
        compile_expression("(asked", VARIABLES)
    assert caught.value.code is None
