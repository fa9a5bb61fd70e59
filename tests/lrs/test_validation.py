"""The xAPI 1.0.3 checks find each broken rule, by path, and pass Rapport's own statements."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from game.lrs.statements import StatementOptions, playthrough_statements
from game.lrs.validation import is_iri, is_timestamp, is_uuid, is_valid, problems
from tests.lrs import support


def sample() -> dict[str, Any]:
    scenario, result = support.play("candle-shop")
    made = playthrough_statements(
        scenario, result, support.attempt(support.module_of("candle-shop")), StatementOptions()
    )
    return made[-2]  # completed: a score, a duration, extensions, context activities


def test_a_statement_rapport_makes_is_valid() -> None:
    assert problems(sample()) == []


def broken(change: str) -> list[str]:
    statement = sample()
    answered = copy.deepcopy(statement)
    scope: dict[str, Any] = {"s": statement, "a": answered}
    exec(change, {}, scope)
    return problems(statement)


@pytest.mark.parametrize(
    ("change", "path"),
    [
        ("s['id'] = 'not-a-uuid'", "id"),
        ("s['id'] = s['id'].upper()", "id"),
        ("s['timestamp'] = '2025-03-14 09:26'", "timestamp"),
        ("s['timestamp'] = '2025-03-14T09:26:53'", "timestamp"),  # no time zone
        ("s['result']['score']['scaled'] = 1.5", "result.score.scaled"),
        ("s['result']['score']['raw'] = 101", "result.score.raw"),
        ("s['result']['score']['min'] = 100", "result.score.max"),
        ("s['result']['score']['scaled'] = float('nan')", "result.score.scaled"),
        ("s['result']['score']['raw'] = True", "result.score.raw"),
        ("s['result']['completion'] = 'yes'", "result.completion"),
        ("s['result']['duration'] = '83 s'", "result.duration"),
        ("s['result']['extensions']['outcome'] = 'x'", "result.extensions.outcome"),
        ("s['verb']['id'] = 'answered'", "verb.id"),
        ("s['verb']['display'] = {'en_US': 'x'}", "verb.display.en_US"),
        ("s['object']['id'] = 'has space:x y'", "object.id"),
        ("s['object']['definition']['name'] = {}", "object.definition.name"),
        ("s['actor']['mbox'] = 'mailto:zoe@example.com'", "actor"),  # two identifiers
        ("del s['actor']['account']", "actor"),  # none
        ("s['actor']['account']['homePage'] = 'example.com'", "actor.account.homePage"),
        ("s['actor'] = {'mbox': 'zoe@example.com'}", "actor.mbox"),
        ("s['context']['registration'] = 'abc'", "context.registration"),
        ("s['context']['language'] = 'english!'", "context.language"),
        ("s['context']['contextActivities']['grouping'][0]['id'] = 'x'", "grouping[0].id"),
        ("s['colour'] = 'blue'", "statement.colour"),
        ("s['result']['success'] = None", "result.success"),
        ("s['context']['platform'] = ''", "context.platform"),
        ("del s['verb']", "statement.verb"),
        ("s['version'] = '2.0.0'", "version"),
    ],
)
def test_each_broken_rule_is_found_at_its_path(change: str, path: str) -> None:
    found = broken(change)
    assert found, change
    assert any(path in problem for problem in found), found


def test_interaction_components_need_unique_ids_without_the_delimiter() -> None:
    scenario, result = support.play("candle-shop")
    answered = playthrough_statements(scenario, result, support.attempt(), StatementOptions())[0]
    choices = answered["object"]["definition"]["choices"]
    choices[1]["id"] = choices[0]["id"]
    assert any("used twice" in p for p in problems(answered))
    choices[1]["id"] = "a[,]b"
    assert any("delimiter" in p for p in problems(answered))
    answered["object"]["definition"]["interactionType"] = "multiple-choice"
    assert any("interaction type" in p for p in problems(answered))


def test_null_is_allowed_inside_extensions_only() -> None:
    statement = sample()
    statement["result"]["extensions"]["https://rapport.invalid/xapi/extensions/x"] = None
    assert is_valid(statement)
    statement["result"]["response"] = None
    assert not is_valid(statement)


def test_not_an_object_at_all() -> None:
    assert problems([]) == ["statement: must be an object"]


def test_the_small_predicates() -> None:
    assert is_iri("https://rapport.invalid/xapi/extensions/delta/empathy")
    assert is_iri("urn:uuid:6c0f4a0e-2d52-4c6f-9a57-5b1f0e3d8c21")
    assert not is_iri("no scheme")
    assert not is_iri(7)
    assert is_uuid("6c0f4a0e-2d52-4c6f-9a57-5b1f0e3d8c21")
    assert not is_uuid("6c0f4a0e2d524c6f9a575b1f0e3d8c21")  # not the canonical form
    assert is_timestamp("2025-03-14T09:26:53.589Z")
    assert is_timestamp("2025-03-14T09:26:53+01:00")
    assert not is_timestamp("2025-02-30T09:26:53Z")
