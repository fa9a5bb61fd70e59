"""Hosting a live session from this computer: the server on a background thread, and its handle.

`LiveHost` is what the command line (`rapport host`) and the window use: start
it, show `info` (the addresses, the code, a QR code), read `snapshot()` to
draw the board or the huddle, call `reveal`/`advance`/`end`, and `stop()` it.
Nothing here blocks a caller for long: the server runs uvicorn's loop on its
own thread (uvicorn installs no signal handlers off the main thread, so the
caller keeps Ctrl-C), and the results store is used only by the recorder's
thread. See docs/live.md, "Embedding a session".
"""

from __future__ import annotations

import contextlib
import errno
import ipaddress
import os
import secrets
import socket
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import uvicorn

from game.live import network, qr
from game.live.names import NameFilter
from game.live.recorder import Recorder, RecorderStatus
from game.live.session import Ids, LiveSession, LiveSnapshot, Plan, Rules
from game.live.words import default_name_filter
from game.lrs.records import LearningRecords
from game.pictures import roots_for
from game.store import ResultsStore, StoreError

DEFAULT_PORT = 8765  # a fixed default makes a firewall rule last from one meeting to the next
CODE_DIGITS = 6  # digits of a join code
START_TIMEOUT_S = 10.0  # seconds the server may take to start accepting
MAX_FRAME_BYTES = 4 * 1024 * 1024  # bytes; larger WebSocket messages close the connection
WS_PING_S = 15.0  # seconds between pings that find phones which vanished


class LiveError(Exception):
    """A live session cannot start or run as asked; the message is one sentence for people."""


class PortInUseError(LiveError):
    """Another program (perhaps another session) listens on the port."""


@dataclass(frozen=True)
class HostInfo:
    """What to show the room: where to join and with which code; and the host's secret."""

    url: str  # the web client at the first usable address
    urls: tuple[str, ...]  # one per usable address, the default route's first
    code: str
    host_token: str
    session: str
    mode: str
    port: int
    join_link: str  # `url` with the code filled in: what the QR code carries
    board_url: str  # the projector page on this computer, with the host's secret

    def to_json(self) -> dict[str, Any]:
        """The first line of `rapport host --json`."""
        return {
            "url": self.url,
            "urls": list(self.urls),
            "code": self.code,
            "host_token": self.host_token,
            "session": self.session,
            "mode": self.mode,
        }


@dataclass(frozen=True)
class StopReport:
    """How a session ended for its results."""

    recorded: RecorderStatus
    finished: bool  # False when results were still being written at the time limit


class LiveHost:
    """One live session served from this computer; see the module docstring."""

    def __init__(
        self,
        plan: Plan,
        store: ResultsStore,
        *,
        session: str,
        mode: str = "race",
        bind: str = network.ALL_IPV4,
        port: int = DEFAULT_PORT,
        max_players: int = 200,
        timers: str = "normal",
        board_rows: int = 10,
        names: NameFilter | None = None,
        room_name: str | None = None,
        on_note: Callable[[str], None] = lambda text: None,
        addresses: Callable[[str], list[network.Address]] = network.usable_addresses,
        join_limits: tuple[int, float] = (20, 1.0),
        assets_dir: Path | None = None,
        learning: LearningRecords | None = None,
        scenarios_dir: Path | None = None,
    ) -> None:
        self.plan = plan
        self.store = store
        self.learning = learning  # where each result's learning records go (game.lrs)
        self.session_name = session
        self.mode = mode
        self.max_players = max_players
        self.timers = timers
        self.board_rows = board_rows
        self.room_name = room_name or _room_name(session)
        self.bind = bind
        self.port = port
        self.names = names if names is not None else default_name_filter()
        self.on_note = on_note
        self._addresses = addresses
        self._join_limits = join_limits
        self._assets_dir = assets_dir
        # Pictures as the window finds them: the trainer's art/ beside the scenarios, then assets/.
        self._art_roots = roots_for(scenarios_dir)
        self._info: HostInfo | None = None
        self._server: Any = None
        self._uvicorn: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self._recorder: Recorder | None = None
        self._socket: socket.socket | None = None
        self._stopped = False
        self.warnings: list[str] = []

    # -- starting ------------------------------------------------------------------------------
    def start(self, timeout_s: float = START_TIMEOUT_S) -> HostInfo:
        """Bind, start the server thread and return once it accepts connections."""
        from game.live.server import ASSETS_DIR, LiveServer

        sock = listen_socket(self.bind, self.port)
        self._socket = sock
        port = int(sock.getsockname()[1])
        addresses = self._addresses(self.bind)
        urls = tuple(network.join_urls(addresses, port))
        code = "".join(str(secrets.randbelow(10)) for _ in range(CODE_DIGITS))
        host_token = secrets.token_urlsafe(24)
        link = qr.join_link(urls[0], code)
        local = "127.0.0.1" if ":" not in sock.getsockname()[0] else "[::1]"
        if self.bind not in (network.ALL_IPV4, network.ALL_IPV6):
            local = addresses[0].host
        board_url = f"http://{local}:{port}/board#host={host_token}"
        rules = Rules(
            mode=self.mode,
            session=self.session_name,
            code=code,
            host_token=host_token,
            max_players=self.max_players,
            board_rows=self.board_rows,
            timers=self.timers,
            room_name=self.room_name,
            join_burst=self._join_limits[0],
            join_refill_s=self._join_limits[1],
            host_info={"urls": list(urls), "join": link, "qr": qr.svg_data_uri(link)},
            names=self.names,
        )
        session = LiveSession(
            self.plan,
            rules,
            Ids(token=lambda: secrets.token_urlsafe(18), result_id=lambda: uuid.uuid4().hex),
        )
        server: LiveServer | None = None

        def board(rows: list[dict[str, Any]]) -> None:
            if server is not None:
                server.board_read(rows)

        recorder = Recorder(
            self.store,
            self.plan,
            rules.session,
            on_board=board,
            on_note=self.on_note,
            learning=self.learning,
        )
        problem = recorder.open_session(datetime.now(UTC))
        if problem:
            self.warnings.append(problem)
        server = LiveServer(
            session,
            recorder,
            on_note=self.on_note,
            assets_dir=self._assets_dir or ASSETS_DIR,
            art_roots=self._art_roots,
        )
        config = uvicorn.Config(
            server.app,
            ws="websockets-sansio",
            ws_max_size=MAX_FRAME_BYTES,
            ws_per_message_deflate=False,  # short JSON messages: compressing costs more
            ws_ping_interval=WS_PING_S,
            ws_ping_timeout=WS_PING_S,
            lifespan="on",
            log_config=None,
            log_level="warning",
            access_log=False,
            proxy_headers=False,  # the peer's own address, for the join limiter
            server_header=False,
            limit_concurrency=4 * self.max_players + 200,
            timeout_graceful_shutdown=5,
        )
        runner = uvicorn.Server(config)
        self._server, self._uvicorn, self._recorder = server, runner, recorder
        recorder.start()
        thread = threading.Thread(
            target=runner.run, kwargs={"sockets": [sock]}, name="rapport-live-server", daemon=True
        )
        self._thread = thread
        thread.start()
        deadline = time.monotonic() + timeout_s
        while not (runner.started and server.loop is not None):
            if not thread.is_alive() or time.monotonic() > deadline:
                self._abort()
                raise LiveError(
                    "the live server did not start; run `rapport host --check` to see why"
                )
            time.sleep(0.01)
        recorder.refresh()
        self._info = HostInfo(
            url=urls[0],
            urls=urls,
            code=code,
            host_token=host_token,
            session=rules.session,
            mode=rules.mode,
            port=port,
            join_link=link,
            board_url=board_url,
        )
        return self._info

    @property
    def info(self) -> HostInfo:
        if self._info is None:
            raise LiveError("the live session has not started")
        return self._info

    # -- what presenters read -------------------------------------------------------------------
    def snapshot(self) -> LiveSnapshot:
        """The players, the board and (huddle) the room's view, tally and reveal; never waits."""
        if self._server is None:
            raise LiveError("the live session has not started")
        snapshot: LiveSnapshot = self._server.snapshot()
        return snapshot

    def recording(self) -> RecorderStatus:
        """How many results are stored, in the outbox, refused or still being written."""
        if self._recorder is None:
            raise LiveError("the live session has not started")
        return self._recorder.status()

    def connections(self) -> int:
        return 0 if self._server is None else int(self._server.connections())

    def qr_png(self, scale: int = 10) -> bytes:
        """The QR code of the join link as PNG bytes (`pygame.image.load(BytesIO(...))`)."""
        return qr.png_bytes(self.info.join_link, scale)

    def qr_text(self) -> str:
        return qr.terminal_text(self.info.join_link)

    # -- host actions (any thread; they take effect on the server's loop) -------------------------
    def reveal(self) -> None:
        self._call("reveal")

    def advance(self, number: int | None = None) -> None:
        """Huddle: to choice `number`, or to the most voted one (a tie waits for a number)."""
        self._call("advance", number=number)

    def set_timers(self, value: str) -> None:
        """`normal`, `slow` (twice as long) or `off`, from the next view on."""
        self._call("timers", value=value)

    def kick(self, name: str) -> None:
        self._call("kick", value=name)

    def end(self) -> None:
        """End the session for everyone (their connections close); `stop` then finishes."""
        if self._server is not None:
            self._server.call(lambda session, now: session.end(now))

    def _call(self, action: str, *, number: int | None = None, value: str | None = None) -> None:
        if self._server is None:
            raise LiveError("the live session has not started")
        self._server.call(
            lambda session, now: session.host(action, now, number=number, value=value)
        )

    # -- stopping --------------------------------------------------------------------------------
    def wait(self, timeout_s: float | None = None) -> bool:
        """Wait until the session has ended (the host ended it); True if it has."""
        if self._server is None:
            return True
        return bool(self._server.ended.wait(timeout_s))

    def stop(self, timeout_s: float | None = None) -> StopReport:
        """End the session if needed, let connections close, record every finished result
        (or keep it in the outbox), end the store's session and stop the threads.

        With no time limit, it returns only once every result is safe.
        """
        if self._stopped or self._server is None:
            raise LiveError("the live session is not running")
        self._stopped = True
        server, runner, recorder = self._server, self._uvicorn, self._recorder
        assert runner is not None and recorder is not None
        started = time.monotonic()
        self.end()
        server.ended.wait(2.0)
        closing = time.monotonic() + 2.0
        while server.connections() and time.monotonic() < closing:
            time.sleep(0.02)
        runner.should_exit = True
        if self._thread is not None:
            self._thread.join(10.0)
        left = None if timeout_s is None else max(0.0, timeout_s - (time.monotonic() - started))
        status = recorder.stop(left)
        recorder.close_session(datetime.now(UTC))
        with contextlib.suppress(OSError):
            if self._socket is not None:
                self._socket.close()
        return StopReport(status, finished=status.waiting == 0)

    def _abort(self) -> None:
        if self._uvicorn is not None:
            self._uvicorn.should_exit = True
        if self._recorder is not None:
            self._recorder.stop(5.0)
        if self._socket is not None:
            self._socket.close()


def default_session_name(store: ResultsStore, what: str, today: date) -> str:
    """The date and what is played (`2025-03-04 loaner-counter`), made unique in the store.

    `#2`, `#3`… is added while a session of that name exists. It asks the store,
    so call it where waiting is allowed (not from a frame).
    """
    base = f"{today:%Y-%m-%d} {what}"[:55].strip()
    name = base
    for number in range(2, 100):
        try:
            if store.session_window(name) is None:
                return name
        except StoreError:
            return name  # the database is away; results still carry this name
        name = f"{base} #{number}"
    return name


def _room_name(session: str) -> str:
    """The player name a huddle's playthrough is recorded under."""
    from game.core.players import MAX_PLAYER_NAME_CHARS

    name = f"Room: {session}"
    return name[:MAX_PLAYER_NAME_CHARS].strip()


def listen_socket(bind: str, port: int) -> socket.socket:
    """A listening socket, or LiveError saying what is wrong with the address or port."""
    try:
        ip = ipaddress.ip_address(bind)
    except ValueError:
        raise LiveError(f"--bind {bind!r} is not an IP address") from None
    family = socket.AF_INET6 if ip.version == 6 else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        if os.name != "nt":  # on Windows this option would let two servers share a port
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        if family == socket.AF_INET6 and bind == network.ALL_IPV6:
            with contextlib.suppress(OSError):
                sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
        sock.bind((bind, port))
        sock.listen(2048)
        sock.set_inheritable(True)
    except OSError as error:
        sock.close()
        if error.errno == errno.EADDRINUSE:
            raise PortInUseError(
                f"port {port} is already in use on this computer (perhaps another session is "
                "still running); give another --port, or --port 0 for any free port"
            ) from None
        if error.errno == errno.EADDRNOTAVAIL:
            raise LiveError(
                f"{bind} is not an address of this computer; leave out --bind to use every "
                "interface, or run `rapport host --check` to list the addresses"
            ) from None
        if error.errno == errno.EACCES:
            raise LiveError(
                f"this computer does not allow a server on port {port}; choose a port above "
                "1024, for example --port 8765"
            ) from None
        raise LiveError(
            f"cannot listen on {bind} port {port} ({error.strerror or error})"
        ) from None
    return sock
