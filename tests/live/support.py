"""Shared pieces of the live tests: scenarios, a plan, and a driver for the pure session."""

from __future__ import annotations

import itertools
import json
import re
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from game.core.decisions import play_decisions
from game.core.model import Module
from game.live.names import NameFilter
from game.live.session import (
    Close,
    Effect,
    Ended,
    Ids,
    LiveSession,
    Note,
    Plan,
    Record,
    Rules,
    Send,
    Stage,
)
from game.loader import load_scenario_text

DOCS = Path(__file__).parents[2] / "docs" / "scenario-format.md"
UMBRELLA = re.findall(
    r"<!-- complete scenario -->\n```yaml\n(.*?)```", DOCS.read_text(encoding="utf-8"), flags=re.S
)[0]

# A second, short scenario: two decisions, no timer, three endings.
KEYS = """\
format: 1
id: spare-keys
title: Spare Keys
summary: A customer needs a key copied before the shop closes.
setting: hardware-shop
cast:
  ana: {name: Ana, portrait: ana}
start: counter
nodes:
  counter:
    speaker: ana
    mood: upset
    text: Can you copy this key? I'm locked out tonight otherwise.
    choices:
      - text: Sure, five minutes.
        scores: {empathy: 1}
        feedback: Quick and kind.
        goto: waiting
      - text: Locked out? Let's make two, one for a neighbour.
        scores: {empathy: 2, anticipation: 2, upsell: 1}
        feedback: You solved tomorrow's problem too.
        goto: waiting
      - text: We close in ten minutes.
        scores: {empathy: -2}
        feedback: She heard "no".
        goto: gone
  waiting:
    speaker: ana
    text: Thanks. Anything else?
    choices:
      - text: A key ring so you find it in the dark?
        scores: {upsell: 1, anticipation: 1}
        goto: happy
      - text: That's all, good night.
        goto: fine
  happy:
    ending: {title: Home and dry, outcome: success, text: Ana leaves with two keys.}
  fine:
    ending: {title: Copied, outcome: partial, text: Ana has her key.}
  gone:
    ending: {title: Walked out, outcome: failure, text: Ana tries another shop.}
"""


def stage(text: str, name: str) -> Stage:
    report = load_scenario_text(text, name)
    assert report.scenario is not None and report.analysis is not None, report.diagnostics
    return Stage(report.scenario, report.analysis)


def umbrella_plan() -> Plan:
    return Plan((stage(UMBRELLA, "umbrella-stand.yaml"),), title="The Umbrella Stand")


FIRST_WEEK = Module(
    "first-week",
    "First week",
    ("spare-keys", "umbrella-stand"),
    "Two customers on a rainy first week.",
    pass_percent=60.0,
)


def module_plan() -> Plan:
    return Plan(
        (stage(KEYS, "spare-keys.yaml"), stage(UMBRELLA, "umbrella-stand.yaml")),
        title="First week",
        module=FIRST_WEEK,
    )


def counter_ids() -> Ids:
    tokens = itertools.count(1)
    results = itertools.count(1)
    return Ids(
        token=lambda: f"token-{next(tokens)}",
        result_id=lambda: f"{next(results):032x}",
    )


HOST = "host-secret"
CODE = "123456"


def rules(mode: str = "race", **changes: Any) -> Rules:
    values: dict[str, Any] = {
        "mode": mode,
        "session": "Monday meeting",
        "code": CODE,
        "host_token": HOST,
        "names": NameFilter.from_lines(["badword"]),
    }
    values.update(changes)
    return Rules(**values)


@dataclass
class Driver:
    """Drives a LiveSession as the server would, keeping what each connection received."""

    session: LiveSession
    now: float = 0.0
    inbox: dict[int, list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))
    closed: set[int] = field(default_factory=set)
    records: list[Record] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    ended: bool = False
    _conns: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    def apply(self, effects: list[Effect]) -> None:
        for effect in effects:
            if isinstance(effect, Send):
                json.dumps(effect.message)  # every message must be JSON
                for conn in effect.to:
                    assert conn not in self.closed, (conn, effect.message)
                    self.inbox[conn].append(effect.message)
            elif isinstance(effect, Close):
                self.closed.add(effect.conn)
                self.apply(self.session.disconnect(effect.conn, self.now))
            elif isinstance(effect, Record):
                self.records.append(effect)
            elif isinstance(effect, Note):
                self.notes.append(effect.text)
            elif isinstance(effect, Ended):
                self.ended = True

    def connect(self, address: str = "10.0.0.1") -> int:
        conn = next(self._conns)
        self.session.connect(conn, address)
        return conn

    def send(self, conn: int, message: Any) -> list[dict[str, Any]]:
        """Send a message (an object, or raw text) and return what this connection got back."""
        before = len(self.inbox[conn])
        text = message if isinstance(message, str | bytes) else json.dumps(message)
        self.apply(self.session.receive(conn, text, self.now))
        return self.inbox[conn][before:]

    def drop(self, conn: int) -> None:
        self.closed.add(conn)
        self.apply(self.session.disconnect(conn, self.now))

    def tick(self, seconds: float) -> None:
        self.now += seconds
        self.apply(self.session.tick(self.now))

    def join(
        self, name: str, token: str | None = None, address: str = "10.0.0.1", code: str = CODE
    ) -> tuple[int, list[dict[str, Any]]]:
        conn = self.connect(address)
        got = self.send(conn, {"type": "join", "code": code, "name": name, "token": token})
        return conn, got

    def host(self, action: str, **fields: Any) -> list[dict[str, Any]]:
        conn = fields.pop("conn", None)
        if conn is None:
            conn = self.connect("10.0.0.250")
        return self.send(conn, {"type": "host", "host_token": HOST, "action": action, **fields})

    def last(self, conn: int, kind: str) -> dict[str, Any]:
        for message in reversed(self.inbox[conn]):
            if message["type"] == kind:
                return dict(message)
        raise AssertionError(f"connection {conn} got no {kind}: {self.inbox[conn]}")

    def all(self, conn: int, kind: str) -> list[dict[str, Any]]:
        return [m for m in self.inbox[conn] if m["type"] == kind]


def kinds(messages: list[dict[str, Any]]) -> list[str]:
    return [m["type"] for m in messages]


def errors(messages: list[dict[str, Any]]) -> list[str]:
    return [m["code"] for m in messages if m["type"] == "error"]


def check_record(plan: Plan, record: Record) -> None:
    """A recorded playthrough replays to an ending of its scenario."""
    scenario = plan.stages[record.stage].scenario
    assert scenario.id == record.scenario
    assert play_decisions(scenario, list(record.decisions), to_ending=False).finished


def eventually(check: Callable[[], bool], timeout: float = 10.0) -> bool:
    """Wait until `check()` is true (the host's snapshot follows within a tick)."""
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True
