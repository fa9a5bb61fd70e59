"""Build core Scenarios straight from plain data, without the YAML loader.

Core tests use this so they depend on nothing but the core.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from game.core.expressions import compile_expression, literal_expression
from game.core.model import (
    Assignment,
    CastMember,
    Choice,
    Ending,
    Node,
    Scenario,
    Scores,
    Source,
    Timer,
    Value,
)


def scores_from_mapping(raw: Mapping[str, int]) -> Scores:
    """`{empathy: 2, upsell: -1}` as a competency-ordered tuple."""
    return (
        int(raw.get("empathy", 0)),
        int(raw.get("anticipation", 0)),
        int(raw.get("upsell", 0)),
    )


def _assignments(raw: dict[str, Any] | None, variables: dict[str, Value]) -> tuple[Assignment, ...]:
    names = list(variables)
    result = []
    for name, value in (raw or {}).items():
        expression = (
            compile_expression(value, variables)
            if isinstance(value, str)
            else literal_expression(value)
        )
        result.append(Assignment(name, names.index(name), expression))
    return tuple(result)


def build(data: dict[str, Any]) -> Scenario:
    variables: dict[str, Value] = dict(data.get("variables", {}))
    nodes: dict[str, Node] = {}
    for node_id, raw in data["nodes"].items():
        choices = tuple(
            Choice(
                text=c["text"],
                goto=c["goto"],
                condition=compile_expression(c["if"], variables) if "if" in c else None,
                assignments=_assignments(c.get("set"), variables),
                scores=scores_from_mapping(c.get("scores", {})),
                feedback=c.get("feedback"),
            )
            for c in raw.get("choices", [])
        )
        timer = None
        if "timer" in raw:
            t = raw["timer"]
            timer = Timer(
                seconds=t["seconds"],
                goto=t["goto"],
                assignments=_assignments(t.get("set"), variables),
                scores=scores_from_mapping(t.get("scores", {})),
                feedback=t.get("feedback"),
            )
        ending = None
        if "ending" in raw:
            e = raw["ending"]
            ending = Ending(
                title=e["title"],
                outcome=e["outcome"],
                text=e.get("text", ""),
                scores=scores_from_mapping(e.get("scores", {})),
                lesson=e.get("lesson"),
            )
        nodes[node_id] = Node(
            id=node_id,
            text=raw.get("text", ""),
            speaker=raw.get("speaker", "narrator"),
            mood=raw.get("mood"),
            assignments=_assignments(raw.get("set"), variables),
            choices=choices,
            next=raw.get("next"),
            ending=ending,
            timer=timer,
        )
    return Scenario(
        id=data.get("id", "test"),
        title=data.get("title", "Test"),
        start=data["start"],
        nodes=nodes,
        summary=data.get("summary", ""),
        source=Source("An article", "A lesson.") if data.get("source", True) else None,
        cast={
            k: CastMember(k, v["name"], v.get("portrait")) for k, v in data.get("cast", {}).items()
        },
        variables=variables,
        content_hash=data.get("hash", "h1"),
    )


def end(outcome: str = "success", **scores: int) -> dict[str, Any]:
    return {"ending": {"title": outcome.title(), "outcome": outcome, "scores": scores}}


def pick(text: str, goto: str, **extra: Any) -> dict[str, Any]:
    return {"text": text, "goto": goto, **extra}


# The spec's loaner excerpt, completed: conditions, sets, a timer, `next`.
LOANER: dict[str, Any] = {
    "id": "loaner",
    "start": "arrive",
    "cast": {"customer": {"name": "Dana", "portrait": "dana"}},
    "variables": {"asked_model": False, "patience": 3},
    "nodes": {
        "arrive": {
            "speaker": "customer",
            "text": "Hi! I'm here for new tires.",
            "choices": [
                pick(
                    "They're all the same.",
                    "keys_handed",
                    scores={"empathy": -2, "upsell": -1},
                    feedback="Sameness.",
                ),
                pick(
                    "Which car would you like?",
                    "picks_model",
                    **{"if": "not asked_model"},
                    set={"asked_model": True, "patience": "patience + 1"},
                    scores={"empathy": 2, "anticipation": 1},
                    feedback="Let them pick.",
                ),
            ],
            "timer": {"seconds": 20, "goto": "customer_waits", "scores": {"empathy": -1}},
        },
        "customer_waits": {"text": "Dana sighs.", "next": "arrive_again"},
        "arrive_again": {
            "text": "Well?",
            "choices": [
                pick("Here are the keys.", "keys_handed", feedback="Too late."),
                pick(
                    "Sorry! Pick one you like.",
                    "picks_model",
                    **{"if": "patience > 2"},
                    set={"asked_model": True},
                    scores={"empathy": 1},
                    feedback="Recovered.",
                ),
            ],
        },
        "picks_model": {
            "text": "The black one!",
            "choices": [
                pick("Enjoy the drive.", "test_drive", scores={"upsell": 1}, feedback="Good."),
                pick(
                    "Shall I ask sales to call about your lease?",
                    "test_drive",
                    **{"if": "asked_model and patience >= 4"},
                    scores={"upsell": 3, "anticipation": 2},
                    feedback="Great.",
                ),
            ],
        },
        "keys_handed": end("failure", upsell=-2),
        "test_drive": end("success", empathy=1),
    },
}
