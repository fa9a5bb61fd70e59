"""The judge of a live session: a pure state machine that the network layer drives.

No sockets, no clock, no randomness, no database: the driver passes in each
client message with the connection it came from and the time (`now`, seconds
on any steady clock), and gets back effects to carry out — messages to send,
connections to close, results to record. Every score comes from the engine
and the analysis here; nothing a client says is taken as a score, an ending
or a path. The rules are those of docs/live.md:

- a decision for a view that is not the current one (`seq`) changes nothing;
- a number that is not shown is `not_shown`; the server keeps every timer and
  takes the timer's way itself when the time is up plus `GRACE_S`;
- a token restores its player; a name in use by a connected player is taken;
- race: each player plays the plan on their own; huddle: the room votes and
  the host reveals and advances; a player's huddle score is how often they
  voted for a choice the analysis rates best. Speed never earns anything.

Imports only the standard library and the core (a test checks it).
"""

from __future__ import annotations

import hmac
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from game.core.analysis import Analysis
from game.core.engine import TIMER, Decision, Playthrough
from game.core.model import NARRATOR, Module, Scenario, scores_to_dict
from game.core.players import PlayerNameError
from game.core.review import review
from game.core.scoring import result_of
from game.live import protocol as p
from game.live.names import NO_FILTER, NameFilter

GRACE_S = 2.0  # seconds after a timer runs out before the server takes the timer's way
TALLY_INTERVAL_S = 0.1  # seconds between two tallies sent to the room (votes are batched)
COUNT_INTERVAL_S = 0.5  # seconds between two player counts sent to board screens
BOARD_INTERVAL_S = 0.25  # seconds between two board updates sent to the room
TIMER_FACTORS: dict[str, float | None] = {"normal": 1.0, "slow": 2.0, "off": None}
MODES = ("race", "huddle")
MAX_LIMITER_ADDRESSES = 4096  # addresses remembered by the join limiter before old ones go


@dataclass(frozen=True)
class Stage:
    """One scenario of the plan with its analysis (the ranges scores are measured on)."""

    scenario: Scenario
    analysis: Analysis


@dataclass(frozen=True)
class Plan:
    """What the session plays: one scenario, or a module's scenarios in order."""

    stages: tuple[Stage, ...]
    title: str
    module: Module | None = None  # its id is recorded with each result of a module

    def __post_init__(self) -> None:
        if not self.stages:
            raise ValueError("a live session needs at least one scenario")
        for stage in self.stages:
            if stage.analysis.ranges is None:
                raise ValueError(f"scenario {stage.scenario.id!r} cannot be scored")


@dataclass(frozen=True)
class Rules:
    """How this session runs; chosen by the host when it starts."""

    mode: str  # "race" or "huddle"
    session: str  # the session name results are recorded under
    code: str  # the join code
    host_token: str  # the secret host actions need
    max_players: int = 200
    board_rows: int = 10  # rows of the board everyone sees (the podium is its top)
    timers: str = "normal"  # normal, slow (twice as long) or off
    room_name: str = "The room"  # the player name the huddle's playthrough is recorded under
    join_burst: int = 20  # join attempts an address may make at once
    join_refill_s: float = 1.0  # seconds until an address may make one more
    max_watchers: int = 50  # board screens (projectors) connected at once
    host_info: Mapping[str, Any] = field(default_factory=dict)  # sent to host screens only
    names: NameFilter = NO_FILTER

    def __post_init__(self) -> None:
        if self.mode not in MODES:
            raise ValueError(f"mode must be race or huddle, not {self.mode!r}")
        if self.timers not in TIMER_FACTORS:
            raise ValueError(f"timers must be normal, slow or off, not {self.timers!r}")


@dataclass(frozen=True)
class Ids:
    """Where new secrets come from; the driver passes a cryptographic source, tests a counter."""

    token: Callable[[], str]  # a player's rejoin token
    result_id: Callable[[], str]  # 32 lowercase hex digits, one per recorded result


# -- effects: what the driver must do ----------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Send:
    to: tuple[int, ...]  # connection ids
    message: dict[str, Any]


@dataclass(frozen=True, slots=True)
class Close:
    conn: int
    refused: bool = True  # False when the session simply ended


@dataclass(frozen=True, slots=True)
class Record:
    """A finished playthrough to record: the decisions, never a score (the store recomputes)."""

    result_id: str
    player: str
    stage: int
    scenario: str
    decisions: tuple[Decision, ...]
    seconds: float
    module: str | None
    session: str


@dataclass(frozen=True, slots=True)
class Ended:
    """The session is over: the driver stops accepting and shuts down."""


@dataclass(frozen=True, slots=True)
class Note:
    """A line for the host's log ("Ana joined")."""

    text: str


Effect = Send | Close | Record | Ended | Note


# -- snapshots: what a presenter (the window, the projector) shows -------------------------------
@dataclass(frozen=True)
class PlayerSummary:
    name: str
    connected: bool
    part: int  # 1-based scenario of the plan the player is in (race)
    finished: bool  # race: played every scenario of the plan
    results: tuple[float | None, ...]  # race: overall percent of each finished scenario
    best_votes: int  # huddle: votes for a choice the analysis rates best
    votes: int  # huddle: decisions voted on


@dataclass(frozen=True)
class RoomSummary:
    """Huddle: the conversation on the projector, its vote and its reveal."""

    view: dict[str, Any]
    counts: tuple[int, ...]
    voters: int
    revealed: bool
    reveal: dict[str, Any] | None
    result: dict[str, Any] | None
    tied: tuple[int, ...]  # the most-voted choices when more than one


@dataclass(frozen=True)
class LiveSnapshot:
    mode: str
    session: str
    code: str
    title: str
    timers: str
    ended: bool
    players: tuple[PlayerSummary, ...]
    board: tuple[dict[str, Any], ...]
    standings: tuple[dict[str, Any], ...]
    room: RoomSummary | None


# -- inside ------------------------------------------------------------------------------------
class _Conn:
    __slots__ = ("address", "host", "player", "watcher")

    def __init__(self, address: str) -> None:
        self.address = address
        self.player: _Player | None = None
        self.watcher = False
        self.host = False


class _Play:
    """One playthrough shown view by view: a player's (race) or the room's (huddle)."""

    __slots__ = ("deadline", "playthrough", "seq", "stage", "started", "view", "view_at")

    def __init__(self) -> None:
        self.stage = -1
        self.playthrough: Playthrough | None = None
        self.seq = 0
        self.view: dict[str, Any] = {}
        self.view_at = 0.0
        self.deadline: float | None = None
        self.started = 0.0


class _Player:
    __slots__ = (
        "best_votes",
        "board_reader",
        "conn",
        "done",
        "id",
        "key",
        "last_result",
        "name",
        "place",
        "play",
        "results",
        "token",
        "votes",
    )

    def __init__(self, number: int, name: str, token: str) -> None:
        self.id = number
        self.name = name
        self.key = name.casefold()
        self.token = token
        self.conn: int | None = None
        self.play = _Play()
        self.done = False
        self.results: list[float | None] = []
        self.last_result: dict[str, Any] | None = None
        self.place: dict[str, Any] | None = None
        self.best_votes = 0
        self.votes = 0
        self.board_reader = False  # race: has a result or is on the board, so is sent the board


class _Room:
    __slots__ = (
        "best",
        "play",
        "result",
        "reveal",
        "revealed",
        "tally_due",
        "tally_sent",
        "votes",
    )

    def __init__(self) -> None:
        self.play = _Play()
        self.votes: dict[int, int] = {}  # player id -> the number they vote for
        self.revealed = False
        self.reveal: dict[str, Any] | None = None
        self.best: dict[int, tuple[bool, float | None]] | None = None  # number -> (best, outlook)
        self.result: dict[str, Any] | None = None
        self.tally_due = False
        self.tally_sent = float("-inf")


class LiveSession:
    """The rules of one live session; see the module's docstring."""

    def __init__(self, plan: Plan, rules: Rules, ids: Ids) -> None:
        self.plan = plan
        self.rules = rules
        self._ids = ids
        self._timers = rules.timers
        self._conns: dict[int, _Conn] = {}
        self._players: dict[int, _Player] = {}
        self._by_key: dict[str, _Player] = {}
        self._by_token: dict[str, _Player] = {}
        self._limits: dict[str, tuple[float, float]] = {}  # address -> (allowance, at)
        self._board: list[dict[str, Any]] = []
        self._board_shown: list[dict[str, Any]] | None = None  # the top rows last broadcast
        self._board_due = False
        self._board_sent = float("-inf")
        self._standings: list[dict[str, Any]] = []
        self._ended = False
        self._next_player = 1
        self._count_due = False  # board screens need the number of players again
        self._count_sent = float("-inf")
        self._room: _Room | None = None
        if rules.mode == "huddle":
            self._room = _Room()
            self._start_stage(self._room.play, 0, 0.0)
            self._room.play.deadline = None  # the room's clock starts when someone is there

    # -- what the driver calls ---------------------------------------------------------------
    @property
    def ended(self) -> bool:
        return self._ended

    def connect(self, conn: int, address: str) -> None:
        """A new connection from `address` (the peer's IP address)."""
        self._conns[conn] = _Conn(address)

    def disconnect(self, conn: int, now: float) -> list[Effect]:
        """The connection closed (or was closed); its player stays, ready to rejoin."""
        state = self._conns.pop(conn, None)
        if state is None or state.player is None or state.player.conn != conn:
            return []
        state.player.conn = None
        self._mark_tally()
        return [Note(f"{state.player.name} left")]

    def receive(self, conn: int, text: str | bytes, now: float) -> list[Effect]:
        """One message from a connection, as received."""
        state = self._conns.get(conn)
        if state is None:  # the driver always connects first; be safe anyway
            state = self._conns[conn] = _Conn("")
        if self._ended:
            return self._refuse(
                conn, p.BAD_CODE, "This session has ended; ask the host for the new code."
            )
        try:
            command = p.parse(text)
        except p.ProtocolError as error:
            return self._refuse(conn, error.code, error.message)
        if isinstance(command, p.Join):
            return self._join(conn, state, command, now)
        if isinstance(command, p.Watch):
            return self._watch(conn, state, command.host_token)
        if isinstance(command, p.HostAction):
            if not self._is_host_token(command.host_token):
                return self._refuse(
                    conn, p.NOT_HOST, "Only the host can do that: the host token is wrong."
                )
            if not state.host:
                state.host = state.watcher = True
            return self._host_action(
                command.action, command.seq, command.number, command.value, now, conn
            )
        player = state.player
        if player is None:
            return self._refuse(conn, p.NOT_JOINED, "Join the session first (send `join`).")
        if isinstance(command, p.Choose):
            return self._choose(conn, player, command, now)
        if isinstance(command, p.TimerUp):
            return self._timer_up(conn, player, command.seq, now)
        return self._vote(conn, player, command, now)

    def tick(self, now: float) -> list[Effect]:
        """Time passed: take the timer's way where the time plus the grace is up; send tallies."""
        if self._ended:
            return []
        effects: list[Effect] = []
        if self._count_due and now - self._count_sent >= COUNT_INTERVAL_S:
            effects += self._count(now)
        if self._board_due and now - self._board_sent >= BOARD_INTERVAL_S:
            effects += self._send_board(now)
        room = self._room
        if room is None:
            for player in self._players.values():
                deadline = player.play.deadline
                if deadline is not None and now >= deadline + GRACE_S:
                    effects += self._decide(player, TIMER, now)
        else:
            deadline = room.play.deadline
            if deadline is not None and now >= deadline + GRACE_S:
                effects += self._room_decide(TIMER, now)
            if room.tally_due and now - room.tally_sent >= TALLY_INTERVAL_S:
                effects += self._tally(now)
        return effects

    def host(
        self, action: str, now: float, *, number: int | None = None, value: str | None = None
    ) -> list[Effect]:
        """A host action from the host's own screen (the window): trusted, no token needed."""
        if self._ended:
            return []
        seq = self._room.play.seq if self._room is not None else None
        return self._host_action(action, seq, number, value, now, None)

    def end(self, now: float) -> list[Effect]:
        """End the session: everyone is told, every connection closes. Unfinished plays are
        not recorded (only finished playthroughs are results)."""
        if self._ended:
            return []
        self._ended = True
        effects: list[Effect] = []
        everyone = tuple(self._conns)
        if self._room is None and self._board_shown:  # the phone's last screen shows the board
            unread = tuple(
                player.conn
                for player in self._players.values()
                if player.conn is not None and not player.board_reader
            )
            if unread:
                effects.append(Send(unread, {"type": "board", "rows": self._board_shown}))
        if everyone:
            effects.append(
                Send(everyone, {"type": "ended", "message": "The host ended the session. Thanks!"})
            )
        effects += [Close(conn, refused=False) for conn in everyone]
        for player in self._players.values():
            player.conn = None
            player.play.deadline = None
        if self._room is not None:
            self._room.play.deadline = None
        self._conns.clear()
        effects.append(Ended())
        return effects

    def board_changed(self, rows: Sequence[Mapping[str, Any]], now: float) -> list[Effect]:
        """The session's board as the store ranks it (`leaderboard --json` rows, all of them).

        Everyone gets its top rows; each player listed gets their own place privately.
        At most one update goes out every BOARD_INTERVAL_S (the rest follow on a tick),
        so a burst of results costs the room a few messages, not one per result each.
        """
        self._board = [dict(row) for row in rows]
        self._board_due = True
        if self._ended or now - self._board_sent < BOARD_INTERVAL_S:
            return []
        return self._send_board(now)

    def _send_board(self, now: float) -> list[Effect]:
        self._board_due = False
        self._board_sent = now
        top = self._top()
        effects: list[Effect] = []
        by_name = {row.get("player"): row for row in self._board}
        if self._room is None:
            for name in by_name:
                listed = self._by_key.get(str(name).casefold())
                if listed is not None:
                    listed.board_reader = True
        if top != self._board_shown:
            self._board_shown = top
            effects += self._to_board_readers({"type": "board", "rows": top})
        if self._room is None:
            for player in self._players.values():
                row = by_name.get(player.name)
                if row is None:
                    continue
                place = {
                    "type": "place",
                    "rank": row.get("rank"),
                    "of": len(self._board),
                    "overall": row.get("overall"),
                    "top": len(top),
                }
                effects += self._set_place(player, place)
        return effects

    def snapshot(self) -> LiveSnapshot:
        room = self._room
        summary = None
        if room is not None:
            counts, voters, tied = self._counts()
            summary = RoomSummary(
                view=dict(room.play.view),
                counts=tuple(counts),
                voters=voters,
                revealed=room.revealed,
                reveal=room.reveal,
                result=room.result,
                tied=tied,
            )
        return LiveSnapshot(
            mode=self.rules.mode,
            session=self.rules.session,
            code=self.rules.code,
            title=self.plan.title,
            timers=self._timers,
            ended=self._ended,
            players=tuple(
                PlayerSummary(
                    name=player.name,
                    connected=player.conn is not None,
                    part=player.play.stage + 1,
                    finished=player.done,
                    results=tuple(player.results),
                    best_votes=player.best_votes,
                    votes=player.votes,
                )
                for player in self._players.values()
            ),
            board=tuple(dict(row) for row in self._board),
            standings=tuple(dict(row) for row in self._standings),
            room=summary,
        )

    # -- joining -------------------------------------------------------------------------------
    def _join(self, conn: int, state: _Conn, command: p.Join, now: float) -> list[Effect]:
        if not self._allow_join(state.address, now):
            return self._refuse(
                conn,
                p.SLOW_DOWN,
                "Too many join attempts from this device; wait a few seconds and try again.",
                retry_after=round(self.rules.join_refill_s, 1),
            )
        if not _same_code(command.code, self.rules.code):
            return self._refuse(
                conn, p.BAD_CODE, "That code does not match this session; check the code on screen."
            )
        if state.player is not None:
            if command.token is not None and hmac.compare_digest(
                command.token.encode(), state.player.token.encode()
            ):
                return self._welcome(conn, state.player)
            return self._refuse(
                conn, p.ALREADY_JOINED, f"This device already plays as {state.player.name}."
            )
        player = self._by_token.get(command.token) if command.token else None
        if player is not None:
            return self._attach(conn, state, player, "rejoined", now)
        try:
            name = self.rules.names.check(command.name)
        except PlayerNameError as error:
            message = str(error)
            return self._refuse(conn, p.BAD_NAME, message[0].upper() + message[1:] + ".")
        existing = self._by_key.get(name.casefold())
        if existing is not None:
            if existing.conn is not None:
                return self._refuse(
                    conn,
                    p.NAME_TAKEN,
                    f"Someone here already plays as {existing.name}; choose another name.",
                )
            # The same name while its holder is away: the same player, on a new device.
            del self._by_token[existing.token]
            existing.token = self._ids.token()
            self._by_token[existing.token] = existing
            return self._attach(conn, state, existing, "rejoined", now)
        if len(self._players) >= self.rules.max_players:
            return self._refuse(
                conn,
                p.FULL,
                f"This session is full ({self.rules.max_players} players); ask the host.",
            )
        player = _Player(self._next_player, name, self._ids.token())
        self._next_player += 1
        self._players[player.id] = player
        self._by_key[player.key] = player
        self._by_token[player.token] = player
        effects = self._attach(conn, state, player, "joined", now)
        if self._room is None:
            effects += self._start_stage(player.play, 0, now, player)
        return effects

    def _attach(
        self, conn: int, state: _Conn, player: _Player, how: str, now: float
    ) -> list[Effect]:
        effects: list[Effect] = []
        if player.conn is not None and player.conn != conn:
            old = player.conn
            effects += self._refuse(
                old, p.KICKED, "You joined from another tab or device; this one is closed."
            )
            old_state = self._conns.pop(old, None)
            if old_state is not None:
                old_state.player = None
        player.conn = conn
        state.player = player
        self._mark_tally()
        if self._room is not None and self._room.play.deadline is None:
            self._arm_room_timer(now)
        effects.append(Note(f"{player.name} {how} ({self._connected()} connected)"))
        return effects + self._welcome(conn, player)

    def _welcome(self, conn: int, player: _Player) -> list[Effect]:
        """Everything a (re)joining player needs to carry on where they were."""
        to = (conn,)
        messages: list[dict[str, Any]] = [
            {
                "type": "welcome",
                "token": player.token,
                "name": player.name,
                "mode": self.rules.mode,
                "session": self.rules.session,
                "title": self.plan.title,
                "parts": len(self.plan.stages),
                "timers": self._timers,
            }
        ]
        if self._board:
            messages.append({"type": "board", "rows": self._board[: self.rules.board_rows]})
        room = self._room
        if room is None:
            if player.play.view:
                messages.append(player.play.view)
                if player.play.view.get("ending") is not None and player.last_result:
                    messages.append(player.last_result)
        else:
            messages.append(room.play.view)
            counts, voters, _ = self._counts()
            messages.append(self._tally_message(counts, voters))
            vote = room.votes.get(player.id)
            if vote is not None:
                messages.append({"type": "voted", "seq": room.play.seq, "number": vote})
            if room.revealed and room.reveal is not None:
                messages.append(room.reveal)
            if room.result is not None and room.play.view.get("ending") is not None:
                messages.append(room.result)
            if self._standings:
                messages.append(self._standings_message())
        if player.place is not None:
            messages.append(player.place)
        return [Send(to, message) for message in messages]

    def _watch(self, conn: int, state: _Conn, token: str | None) -> list[Effect]:
        host = token is not None and self._is_host_token(token)
        if token is not None and not host:
            return self._refuse(conn, p.NOT_HOST, "The host token is wrong; open the link again.")
        if not state.watcher:
            watchers = sum(1 for c in self._conns.values() if c.watcher)
            if not host and watchers >= self.rules.max_watchers:
                return self._refuse(conn, p.FULL, "Too many board screens are open.")
        state.watcher = True
        state.host = state.host or host
        hello: dict[str, Any] = {
            "type": "watching",
            "host": state.host,
            "mode": self.rules.mode,
            "session": self.rules.session,
            "title": self.plan.title,
            "parts": len(self.plan.stages),
            "timers": self._timers,
            "players": self._connected(),
            "joined": len(self._players),
        }
        if state.host:
            hello["code"] = self.rules.code
            hello.update(self.rules.host_info)
        messages: list[dict[str, Any]] = [hello, {"type": "board", "rows": self._top()}]
        room = self._room
        if room is not None:
            counts, voters, _ = self._counts()
            messages += [room.play.view, self._tally_message(counts, voters)]
            if room.revealed and room.reveal is not None:
                messages.append(room.reveal)
            if room.result is not None and room.play.view.get("ending") is not None:
                messages.append(room.result)
            messages.append(self._standings_message())
        return [Send((conn,), message) for message in messages]

    def _allow_join(self, address: str, now: float) -> bool:
        """A leaky allowance per address: `join_burst` at once, one more every `join_refill_s`."""
        burst, refill = float(self.rules.join_burst), self.rules.join_refill_s
        allowance, at = self._limits.get(address, (burst, now))
        allowance = min(burst, allowance + max(0.0, now - at) / refill)
        if allowance < 1.0:
            self._limits[address] = (allowance, now)
            return False
        self._limits[address] = (allowance - 1.0, now)
        if len(self._limits) > MAX_LIMITER_ADDRESSES:
            self._forget_rested(now)
        return True

    def _forget_rested(self, now: float) -> None:
        burst, refill = float(self.rules.join_burst), self.rules.join_refill_s
        for address, (allowance, at) in list(self._limits.items()):
            if allowance + (now - at) / refill >= burst:
                del self._limits[address]

    def _is_host_token(self, token: str) -> bool:
        return hmac.compare_digest(token.encode(), self.rules.host_token.encode())

    # -- race ----------------------------------------------------------------------------------
    def _choose(self, conn: int, player: _Player, command: p.Choose, now: float) -> list[Effect]:
        if self._room is not None:
            return self._refuse(
                conn, p.WRONG_MODE, "In a huddle the room decides together: send `vote`."
            )
        if command.seq != player.play.seq:
            return []  # late or repeated: harmless
        shown = len(player.play.view.get("choices", ()))
        if not 1 <= command.number <= shown:
            return self._refuse(conn, p.NOT_SHOWN, _not_shown(command.number, shown))
        return self._decide(player, command.number, now)

    def _timer_up(self, conn: int, player: _Player, seq: int, now: float) -> list[Effect]:
        play = self._room.play if self._room is not None else player.play
        if seq != play.seq:
            return []
        if play.deadline is None:
            return self._refuse(conn, p.NO_TIMER, _no_timer(play, self._timers, self._room))
        if now < play.deadline:
            left = play.deadline - now
            return self._refuse(
                conn,
                p.NOT_YET,
                f"The timer still has {left:.1f} seconds to run.",
                seconds_left=round(left, 1),
            )
        if self._room is not None:
            return self._room_decide(TIMER, now)
        return self._decide(player, TIMER, now)

    def _decide(self, player: _Player, decision: Decision, now: float) -> list[Effect]:
        play = player.play
        assert play.playthrough is not None
        play.playthrough.decide(decision)
        effects = self._show(play, now, player)
        if not play.playthrough.finished:
            return effects
        result, record = self._finish(play, player.name, now)
        player.results.append(result.get("overall"))
        player.last_result = result
        effects += self._send_to(player, result)
        if not player.board_reader:  # from now on the phone shows the board: send it now
            player.board_reader = True
            if self._board_shown:
                effects += self._send_to(player, {"type": "board", "rows": self._board_shown})
        effects.append(record)
        effects.append(Note(f"{player.name} finished {record.scenario}: {_percent(result)}"))
        if play.stage + 1 < len(self.plan.stages):
            effects += self._start_stage(play, play.stage + 1, now, player)
        else:
            player.done = True
        return effects

    # -- huddle --------------------------------------------------------------------------------
    def _vote(self, conn: int, player: _Player, command: p.Vote, now: float) -> list[Effect]:
        room = self._room
        if room is None:
            return self._refuse(
                conn, p.WRONG_MODE, "In a race everyone plays on their own: send `choose`."
            )
        if command.seq != room.play.seq:
            return []
        shown = len(room.play.view.get("choices", ()))
        if not 1 <= command.number <= shown:
            return self._refuse(conn, p.NOT_SHOWN, _not_shown(command.number, shown))
        if room.revealed:
            return self._refuse(
                conn, p.VOTING_CLOSED, "The answers are revealed; voting on this one is closed."
            )
        room.votes[player.id] = command.number
        self._mark_tally()
        effects = self._send_to(
            player, {"type": "voted", "seq": room.play.seq, "number": command.number}
        )
        if now - room.tally_sent >= TALLY_INTERVAL_S:
            effects += self._tally(now)
        return effects

    def _reveal(self, seq: int | None, conn: int | None) -> list[Effect]:
        room = self._room
        assert room is not None
        if seq is not None and seq != room.play.seq:
            return []
        if not room.play.view.get("choices"):
            return self._refuse_host(conn, p.NOT_SHOWN, "There is nothing to vote on here.")
        if not room.revealed:
            room.revealed = True
            room.play.deadline = None  # the room talks it through; no timer runs out on them
            best = self._best()
            choices = []
            assert room.play.playthrough is not None
            for number, choice in enumerate(room.play.playthrough.choices, start=1):
                is_best, outlook = best.get(number, (False, None))
                choices.append(
                    {
                        "number": number,
                        "text": choice.text,
                        "scores": scores_to_dict(choice.scores),
                        "feedback": choice.feedback,
                        "best": is_best,
                        "outlook": outlook,
                    }
                )
            room.reveal = {"type": "reveal", "seq": room.play.seq, "choices": choices}
            everyone = tuple(self._conns)
            return [Send(everyone, room.reveal)] if everyone else []
        return [] if conn is None else [Send((conn,), room.reveal or {})]

    def _advance(
        self, seq: int | None, number: int | None, now: float, conn: int | None
    ) -> list[Effect]:
        room = self._room
        assert room is not None and room.play.playthrough is not None
        if seq is not None and seq != room.play.seq:
            return []
        if room.play.playthrough.finished:
            if room.play.stage + 1 >= len(self.plan.stages):
                return self._refuse_host(
                    conn, p.FINISHED, "That was the last scenario; end the session when ready."
                )
            room.votes.clear()
            room.revealed, room.reveal, room.best = False, None, None
            effects = self._start_stage(room.play, room.play.stage + 1, now)
            return effects + self._tally(now)
        shown = len(room.play.view.get("choices", ()))
        if number is None:
            counts, voters, tied = self._counts()
            if voters == 0:
                return self._refuse_host(
                    conn, p.NO_VOTES, "Nobody has voted yet; advance with the number you choose."
                )
            if tied:
                listed = " and ".join(str(n) for n in tied)
                return self._refuse_host(
                    conn,
                    p.TIE,
                    f"Choices {listed} are tied; advance with the number you choose.",
                    tied=list(tied),
                )
            number = max(range(1, shown + 1), key=lambda n: counts[n - 1])
        elif not 1 <= number <= shown:
            return self._refuse_host(conn, p.NOT_SHOWN, _not_shown(number, shown))
        return self._room_decide(number, now)

    def _room_decide(self, decision: Decision, now: float) -> list[Effect]:
        room = self._room
        assert room is not None and room.play.playthrough is not None
        best = self._best()
        for player_id, vote in room.votes.items():
            voter = self._players.get(player_id)
            if voter is None:
                continue
            voter.votes += 1
            voter.best_votes += 1 if best.get(vote, (False, None))[0] else 0
        room.votes.clear()
        room.revealed, room.reveal, room.best = False, None, None
        room.play.playthrough.decide(decision)
        effects = self._show(room.play, now)
        effects += self._tally(now)
        if room.play.playthrough.finished:
            result, record = self._finish(room.play, self.rules.room_name, now)
            room.result = result
            effects += self._broadcast(result)
            effects.append(record)
            effects.append(Note(f"The room finished {record.scenario}: {_percent(result)}"))
        effects += self._update_standings()
        return effects

    def _best(self) -> dict[int, tuple[bool, float | None]]:
        """For each shown choice at the room's node: is it rated best, and its outlook."""
        room = self._room
        assert room is not None and room.play.playthrough is not None
        if room.best is None:
            playthrough = room.play.playthrough
            stage = self.plan.stages[room.play.stage]
            decisions = playthrough.decisions
            rated: dict[int, tuple[bool, float | None]] = {}
            for number in range(1, len(playthrough.choices) + 1):
                reviews = review(stage.scenario, stage.analysis, [*decisions, number])
                if len(reviews) == len(decisions) + 1:
                    last = reviews[-1]
                    rated[number] = (last.was_best, last.taken_outlook)
            room.best = rated
        return room.best

    def _counts(self) -> tuple[list[int], int, tuple[int, ...]]:
        room = self._room
        assert room is not None
        shown = len(room.play.view.get("choices", ()))
        counts = [0] * shown
        for vote in room.votes.values():
            if 1 <= vote <= shown:
                counts[vote - 1] += 1
        top = max(counts, default=0)
        tied = tuple(n for n in range(1, shown + 1) if top and counts[n - 1] == top)
        return counts, len(room.votes), tied if len(tied) > 1 else ()

    def _tally_message(self, counts: list[int], voters: int) -> dict[str, Any]:
        room = self._room
        assert room is not None
        return {
            "type": "tally",
            "seq": room.play.seq,
            "counts": counts,
            "voters": voters,
            "players": self._connected(),
        }

    def _tally(self, now: float) -> list[Effect]:
        room = self._room
        if room is None:
            return []
        room.tally_due = False
        room.tally_sent = now
        counts, voters, _ = self._counts()
        return self._broadcast(self._tally_message(counts, voters))

    def _mark_tally(self) -> None:
        self._count_due = True
        if self._room is not None:
            self._room.tally_due = True

    def _count(self, now: float) -> list[Effect]:
        """Board screens show how many have joined and how many are connected."""
        self._count_due = False
        self._count_sent = now
        screens = tuple(conn for conn, state in self._conns.items() if state.watcher)
        message = {"type": "players", "connected": self._connected(), "joined": len(self._players)}
        return [Send(screens, message)] if screens else []

    def _arm_room_timer(self, now: float) -> None:
        room = self._room
        assert room is not None
        seconds = room.play.view.get("timer")
        if seconds is not None and not room.revealed and self._connected() > 0:
            room.play.deadline = now + float(seconds)

    def _update_standings(self) -> list[Effect]:
        voters = [pl for pl in self._players.values() if pl.votes > 0]
        voters.sort(key=lambda pl: (-pl.best_votes, pl.key))
        rows: list[dict[str, Any]] = []
        for position, pl in enumerate(voters, start=1):
            shared = rows and rows[-1]["best"] == pl.best_votes
            rank = rows[-1]["rank"] if shared else position
            rows.append({"rank": rank, "player": pl.name, "best": pl.best_votes, "votes": pl.votes})
        self._standings = rows
        effects = self._broadcast(self._standings_message())
        for pl, row in zip(voters, rows, strict=True):
            place = {
                "type": "place",
                "rank": row["rank"],
                "of": len(rows),
                "best": pl.best_votes,
                "votes": pl.votes,
                "top": min(len(rows), self.rules.board_rows),
            }
            effects += self._set_place(pl, place)
        return effects

    def _standings_message(self) -> dict[str, Any]:
        return {"type": "standings", "rows": self._standings[: self.rules.board_rows]}

    # -- host ----------------------------------------------------------------------------------
    def _host_action(
        self,
        action: str,
        seq: int | None,
        number: int | None,
        value: str | None,
        now: float,
        conn: int | None,
    ) -> list[Effect]:
        if action == "end":
            return self.end(now)
        if action == "timers":
            if value not in TIMER_FACTORS:
                return self._refuse_host(conn, p.BAD_MESSAGE, "Timers are normal, slow or off.")
            self._timers = value
            message = {"type": "timers", "value": value}
            return [*self._broadcast(message), Note(f"Timers are now {value}")]
        if action == "kick":
            return self._kick(value or "", conn)
        if self._room is None:
            return self._refuse_host(
                conn, p.WRONG_MODE, f"`{action}` is for huddles; in a race everyone plays alone."
            )
        if action == "reveal":
            return self._reveal(seq, conn)
        if action == "advance":
            return self._advance(seq, number, now, conn)
        return self._refuse_host(conn, p.BAD_MESSAGE, f"Unknown host action `{action}`.")

    def _kick(self, name: str, conn: int | None) -> list[Effect]:
        player = self._by_key.get(name.strip().casefold())
        if player is None:
            return self._refuse_host(conn, p.NO_SUCH_PLAYER, "There is no player of that name.")
        effects: list[Effect] = []
        if player.conn is not None:
            effects += self._refuse(
                player.conn, p.KICKED, "The host removed you from this session."
            )
            state = self._conns.pop(player.conn, None)
            if state is not None:
                state.player = None
        player.conn = None
        player.play.deadline = None
        del self._players[player.id]
        del self._by_key[player.key]
        del self._by_token[player.token]
        if self._room is not None:
            self._room.votes.pop(player.id, None)
            self._mark_tally()
        effects.append(Note(f"{player.name} was removed by the host"))
        return effects

    # -- views and results ----------------------------------------------------------------------
    def _start_stage(
        self, play: _Play, index: int, now: float, player: _Player | None = None
    ) -> list[Effect]:
        play.stage = index
        play.playthrough = Playthrough(self.plan.stages[index].scenario)
        play.started = now
        return self._show(play, now, player)

    def _show(self, play: _Play, now: float, player: _Player | None = None) -> list[Effect]:
        """Make the next view of `play` current and send it to whoever sees it."""
        assert play.playthrough is not None
        play.seq += 1
        factor = TIMER_FACTORS[self._timers]
        play.view = _view(
            play.playthrough,
            play.seq,
            play.stage,
            len(self.plan.stages),
            factor,
            self.rules.mode,
        )
        play.view_at = now
        seconds = play.view["timer"]
        play.deadline = None if seconds is None else now + float(seconds)
        if self._room is not None and play is self._room.play and self._connected() == 0:
            play.deadline = None
        if player is not None:
            return self._send_to(player, play.view)
        return self._broadcast(play.view)

    def _finish(self, play: _Play, name: str, now: float) -> tuple[dict[str, Any], Record]:
        playthrough = play.playthrough
        assert playthrough is not None
        stage = self.plan.stages[play.stage]
        assert stage.analysis.ranges is not None
        playthrough.elapsed_s = max(0.0, now - play.started)
        result = result_of(playthrough, stage.analysis.ranges)
        record = Record(
            result_id=self._ids.result_id(),
            player=name,
            stage=play.stage,
            scenario=stage.scenario.id,
            decisions=result.decisions,
            seconds=result.seconds,
            module=self.plan.module.id if self.plan.module is not None else None,
            session=self.rules.session,
        )
        return {"type": "result", **result.to_dict()}, record

    # -- sending -------------------------------------------------------------------------------
    def _connected(self) -> int:
        return sum(1 for player in self._players.values() if player.conn is not None)

    def _top(self) -> list[dict[str, Any]]:
        return self._board[: self.rules.board_rows]

    def _to_board_readers(self, message: dict[str, Any]) -> list[Effect]:
        """A board update: in a race, for board screens and the players with a result or on
        the board (a phone shows the board once its player has finished); in a huddle, for all.

        A race of 200 would otherwise send 200 boards at once to phones that do not show
        them, holding up everyone's next view.
        """
        if self._room is not None:
            return self._broadcast(message)
        readers = [conn for conn, state in self._conns.items() if state.watcher]
        readers += [
            player.conn
            for player in self._players.values()
            if player.board_reader and player.conn is not None
        ]
        return [Send(tuple(readers), message)] if readers else []

    def _send_to(self, player: _Player, message: dict[str, Any]) -> list[Effect]:
        return [] if player.conn is None else [Send((player.conn,), message)]

    def _broadcast(self, message: dict[str, Any]) -> list[Effect]:
        everyone = tuple(self._conns)
        return [Send(everyone, message)] if everyone else []

    def _set_place(self, player: _Player, place: dict[str, Any]) -> list[Effect]:
        if place == player.place:
            return []
        player.place = place
        return self._send_to(player, place)

    def _refuse(self, conn: int, code: str, message: str, **extra: Any) -> list[Effect]:
        effects: list[Effect] = [Send((conn,), p.error_message(code, message, **extra))]
        if code in p.CLOSING:
            effects.append(Close(conn))
            state = self._conns.pop(conn, None)
            if state is not None and state.player is not None and state.player.conn == conn:
                state.player.conn = None
        return effects

    def _refuse_host(self, conn: int | None, code: str, message: str, **extra: Any) -> list[Effect]:
        if conn is None:
            return [Note(message)]
        return self._refuse(conn, code, message, **extra)


# -- pure helpers ------------------------------------------------------------------------------
def _same_code(given: str, code: str) -> bool:
    typed = "".join(c for c in given if c.isalnum()).upper()
    return hmac.compare_digest(typed.encode(), code.upper().encode())


def _not_shown(number: int, shown: int) -> str:
    if shown == 0:
        return "There is nothing to choose here."
    return f"Choice {number} is not shown; choose 1 to {shown}."


def _no_timer(play: _Play, timers: str, room: _Room | None) -> str:
    node = play.playthrough.current if play.playthrough is not None else None
    if node is not None and node.timer is not None and not node.ending:
        if room is not None and room.revealed:
            return "The timer stops once the answers are revealed."
        if timers == "off":
            return "Timers are off in this session."
    return "There is no timer here."


def _percent(result: Mapping[str, Any]) -> str:
    overall = result.get("overall")
    return "not assessed" if overall is None else f"{overall:.1f}%"


def _view(
    playthrough: Playthrough,
    seq: int,
    stage: int,
    stages: int,
    timer_factor: float | None,
    mode: str,
) -> dict[str, Any]:
    """The `view` message: the current node, the lines since the last decision, the choices."""
    scenario = playthrough.scenario
    node = playthrough.current
    lines = []
    for node_id in playthrough.passage:
        entered = scenario.nodes[node_id]
        if entered.text:
            lines.append(_line(scenario, entered.speaker, entered.mood, entered.text))
    seconds = playthrough.timer_seconds
    timer = None
    if seconds is not None and timer_factor is not None:
        timer = round(seconds * timer_factor, 1)
    ending = playthrough.ending
    return {
        "type": "view",
        "seq": seq,
        "scenario": scenario.id,
        "node": node.id,
        "speaker": node.speaker,
        "text": node.text,
        "choices": (
            []
            if ending is not None
            else [{"number": n, "text": c.text} for n, c in enumerate(playthrough.choices, 1)]
        ),
        "timer": timer,
        "title": scenario.title,
        "setting": scenario.setting,
        "lines": lines,
        "ending": (
            None
            if ending is None
            else {"title": ending.title, "outcome": ending.outcome, "text": ending.text}
        ),
        "part": stage + 1,
        "parts": stages,
        "mode": mode,
    }


def _line(scenario: Scenario, speaker: str, mood: str | None, text: str) -> dict[str, Any]:
    member = scenario.cast.get(speaker)
    return {
        "speaker": speaker,
        "name": "" if speaker == NARRATOR else scenario.speaker_name(speaker) or speaker,
        "portrait": member.portrait if member is not None else None,
        "mood": mood or "neutral",
        "text": text,
    }
