"""The live session over HTTP and WebSockets: the pages, the art, and `/ws`, driving the judge.

Pictures are found as the window finds them (game.pictures): the trainer's
`art/` folder beside the scenarios first, then the shipped `assets/`; SVG or
PNG, plain names only, never through a link that leads out of its folder.

One asyncio loop (uvicorn's, on the host's background thread) owns the
`LiveSession`: every client message, every tick of the clock and every board
the recorder reads becomes a call on it, and its effects are carried out
here. Sending never waits on a client: each connection has its own outgoing
queue and writer, and a client that stops reading is let go. Every page is
served with a strict Content-Security-Policy; nothing is loaded from outside.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
import re
import threading
import time
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route, WebSocketRoute
from starlette.websockets import WebSocket, WebSocketDisconnect

from game.live.protocol import encode
from game.live.recorder import Recorder
from game.live.session import (
    Close,
    Effect,
    Ended,
    LiveSession,
    LiveSnapshot,
    Note,
    Record,
    Send,
)
from game.pictures import (
    NEUTRAL,
    PORTRAITS,
    SETTINGS,
    Found,
    PictureFolders,
    picture_problem,
    roots_for,
)

log = logging.getLogger("game.live")

WEB_DIR = Path(__file__).resolve().with_name("web")
ASSETS_DIR = Path(__file__).resolve().parents[2] / "assets"
TICK_S = 0.1  # seconds between two looks at the clock (timers, tallies, the snapshot)
MAX_QUEUED = 500  # messages waiting for one client before it counts as gone
MAX_FONT_BYTES = 2 * 1024 * 1024  # bytes; the shipped fonts are far smaller
MAX_ART_ENTRIES = 512  # pictures kept in memory once read (names come from the room's phones)
MEDIA_TYPES = {".svg": "image/svg+xml", ".png": "image/png"}
CLOSE_POLICY = 1008  # WebSocket close code: refused (bad code, full, removed)
CLOSE_NORMAL = 1000
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; "
    "frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Resource-Policy": "same-origin",
}
PAGES = {"/": "index.html", "/board": "board.html"}
STATIC = {
    "live.js": "text/javascript; charset=utf-8",
    "board.js": "text/javascript; charset=utf-8",
    "common.js": "text/javascript; charset=utf-8",
    "live.css": "text/css; charset=utf-8",
}
FONTS = ("Inter-Regular.otf", "Inter-SemiBold.otf", "Inter-Bold.otf")
_SLUG = re.compile(r"[a-z0-9][a-z0-9-]{0,99}")
_PICTURE = re.compile(r"([a-z0-9][a-z0-9-]{0,99})(?:\.svg|\.png)?")  # a name, perhaps as a file
_CLOSE = object()


class _Client:
    """One WebSocket: an outgoing queue drained by its own writer task."""

    __slots__ = ("close_code", "closing", "queue", "socket")

    def __init__(self, socket: WebSocket) -> None:
        self.socket = socket
        self.queue: asyncio.Queue[str | object] = asyncio.Queue()
        self.closing = False
        self.close_code = CLOSE_NORMAL

    def send(self, text: str) -> bool:
        """Queue a message; False when the client has stopped reading (it is then let go)."""
        if self.closing:
            return True
        if self.queue.qsize() >= MAX_QUEUED:
            return False
        self.queue.put_nowait(text)
        return True

    def close(self, code: int = CLOSE_NORMAL) -> None:
        if not self.closing:
            self.closing = True
            self.close_code = code
            self.queue.put_nowait(_CLOSE)


class LiveServer:
    """The ASGI app of a live session (`app`), plus thread-safe entry points for its host."""

    def __init__(
        self,
        session: LiveSession,
        recorder: Recorder,
        *,
        clock: Callable[[], float] = time.monotonic,
        on_note: Callable[[str], None] = lambda text: None,
        web_dir: Path = WEB_DIR,
        assets_dir: Path = ASSETS_DIR,
        art_roots: tuple[Path, ...] | None = None,
    ) -> None:
        self.session = session
        self.recorder = recorder
        self.clock = clock
        self.on_note = on_note
        self.assets_dir = assets_dir
        self.pictures = PictureFolders(art_roots if art_roots is not None else roots_for(None))
        self.ended = threading.Event()
        self.loop: asyncio.AbstractEventLoop | None = None
        self._clients: dict[int, _Client] = {}
        self._numbers = itertools.count(1)
        self._snapshot = session.snapshot()
        self._snapshot_read = False  # made again on a tick only once this one was read
        self._dirty = False
        self._pages = {path: (web_dir / name).read_bytes() for path, name in PAGES.items()}
        self._static = {name: (web_dir / name).read_bytes() for name in STATIC}
        self._art: dict[tuple[str, str, str | None], tuple[bytes, str] | None] = {}
        self._placeholders: dict[str, tuple[bytes, str] | None] = {}
        self._fonts: dict[str, bytes | None] = {}
        self.app = Starlette(
            routes=[
                Route("/", self._page),
                Route("/board", self._page),
                Route("/static/{name}", self._static_file),
                Route("/art/settings/{name}", self._setting),
                Route("/art/portraits/{name}/{mood}", self._portrait),
                Route("/fonts/{name}", self._font),
                Route("/health", self._health),
                WebSocketRoute("/ws", self._websocket),
            ],
            lifespan=self._lifespan,
        )

    # -- for the host (any thread) ----------------------------------------------------------------
    def snapshot(self) -> LiveSnapshot:
        """The session as of the last tick (a tenth of a second at most); never waits.

        It is made again only while someone reads it (the window does, every frame):
        `rapport host` alone never pays for it.
        """
        self._snapshot_read = True
        return self._snapshot

    def call(self, action: Callable[[LiveSession, float], list[Effect]]) -> None:
        """Run `action(session, now)` on the server's loop and carry out its effects."""
        loop = self.loop
        if loop is None or loop.is_closed():
            return
        with contextlib.suppress(RuntimeError):  # the loop closed meanwhile
            loop.call_soon_threadsafe(lambda: self._apply(action(self.session, self.clock())))

    def board_read(self, rows: list[dict[str, Any]]) -> None:
        """The recorder read the board (from its thread)."""
        self.call(lambda session, now: session.board_changed(rows, now))

    def connections(self) -> int:
        return len(self._clients)

    # -- the loop ----------------------------------------------------------------------------------
    @contextlib.asynccontextmanager
    async def _lifespan(self, app: Starlette) -> AsyncIterator[None]:
        self.loop = asyncio.get_running_loop()
        ticker = asyncio.create_task(self._tick_forever())
        try:
            yield
        finally:
            ticker.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await ticker

    async def _tick_forever(self) -> None:
        while True:
            await asyncio.sleep(TICK_S)
            self._apply(self.session.tick(self.clock()))
            if self._dirty and self._snapshot_read:
                self._dirty = self._snapshot_read = False
                self._snapshot = self.session.snapshot()

    def _apply(self, effects: list[Effect]) -> None:
        for effect in effects:
            if isinstance(effect, Send):
                text = encode(effect.message)
                for conn in effect.to:
                    client = self._clients.get(conn)
                    if client is not None and not client.send(text):
                        log.info("connection %s stopped reading; letting it go", conn)
                        client.close(CLOSE_POLICY)
            elif isinstance(effect, Close):
                client = self._clients.get(effect.conn)
                if client is not None:
                    client.close(CLOSE_POLICY if effect.refused else CLOSE_NORMAL)
            elif isinstance(effect, Record):
                self.recorder.record(effect, datetime.now(UTC))
            elif isinstance(effect, Note):
                self.on_note(effect.text)
            elif isinstance(effect, Ended):
                self.ended.set()
        if effects:
            self._dirty = True

    # -- WebSockets --------------------------------------------------------------------------------
    async def _websocket(self, socket: WebSocket) -> None:
        if not _same_origin(socket.headers.get("origin"), socket.headers.get("host")):
            await socket.close(code=CLOSE_POLICY)  # another site's page may not drive this one
            return
        await socket.accept()
        conn = next(self._numbers)
        client = _Client(socket)
        self._clients[conn] = client
        self.session.connect(conn, socket.client.host if socket.client else "")
        writer = asyncio.create_task(self._write(conn, client))
        try:
            while not client.closing:
                message = await socket.receive()
                if message["type"] == "websocket.disconnect":
                    break
                data = message.get("text")
                if data is None:
                    data = message.get("bytes") or b""
                self._apply(self.session.receive(conn, data, self.clock()))
        except (WebSocketDisconnect, RuntimeError, OSError):
            pass  # the client went away mid-message
        finally:
            self._clients.pop(conn, None)
            self._apply(self.session.disconnect(conn, self.clock()))
            client.close()
            with contextlib.suppress(asyncio.CancelledError, asyncio.TimeoutError):
                await asyncio.wait_for(writer, timeout=2.0)

    async def _write(self, conn: int, client: _Client) -> None:
        try:
            while True:
                item = await client.queue.get()
                if item is _CLOSE:
                    break
                assert isinstance(item, str)
                await client.socket.send_text(item)
        except (WebSocketDisconnect, RuntimeError, OSError):
            return
        with contextlib.suppress(WebSocketDisconnect, RuntimeError, OSError):
            await client.socket.close(code=client.close_code)

    # -- HTTP --------------------------------------------------------------------------------------
    async def _page(self, request: Request) -> Response:
        headers = {**SECURITY_HEADERS, "Cache-Control": "no-store"}
        body = self._pages[request.url.path]
        return Response(body, media_type="text/html; charset=utf-8", headers=headers)

    async def _static_file(self, request: Request) -> Response:
        name = request.path_params["name"]
        if name not in STATIC:
            return _not_found()
        headers = {**SECURITY_HEADERS, "Cache-Control": "no-cache"}
        return Response(self._static[name], media_type=STATIC[name], headers=headers)

    async def _setting(self, request: Request) -> Response:
        name = _picture_name(request.path_params["name"])
        if name is None:
            return _not_found()
        return self._picture(self._art_of(SETTINGS, name, None), SETTINGS)

    async def _portrait(self, request: Request) -> Response:
        name, mood = request.path_params["name"], _picture_name(request.path_params["mood"])
        if mood is None or not _SLUG.fullmatch(name):
            return _not_found()
        found = self._art_of(PORTRAITS, name, mood)
        if found is None and mood != NEUTRAL:
            found = self._art_of(PORTRAITS, name, NEUTRAL)
        return self._picture(found, PORTRAITS)

    def _picture(self, found: tuple[bytes, str] | None, kind: str) -> Response:
        """A picture, or the placeholder (as in the window) when the scenario's is missing."""
        if found is None:
            found = self._placeholder(kind)
        if found is None:
            return _not_found()
        body, media_type = found
        headers = {**SECURITY_HEADERS, "Cache-Control": "max-age=3600"}
        return Response(body, media_type=media_type, headers=headers)

    def _art_of(self, kind: str, name: str, mood: str | None) -> tuple[bytes, str] | None:
        """The picture a name means (game.pictures), read once; None when there is none to show.

        A picture that is refused (a link out of its folder, not an ordinary file)
        or fails the checks (empty, too large, not what its extension says) is
        not shown, as in the window.
        """
        key = (kind, name, mood)
        if key in self._art:
            return self._art[key]
        found = self.pictures.find(kind, name, mood)
        picture = _read_picture(found.path) if isinstance(found, Found) else None
        if len(self._art) < MAX_ART_ENTRIES:
            self._art[key] = picture
        return picture

    def _placeholder(self, kind: str) -> tuple[bytes, str] | None:
        if kind not in self._placeholders:
            name = "setting" if kind == SETTINGS else "portrait"
            path = self.assets_dir / "placeholder" / f"{name}.svg"
            self._placeholders[kind] = _read_picture(path) if path.is_file() else None
        return self._placeholders[kind]

    async def _font(self, request: Request) -> Response:
        name = request.path_params["name"]
        if name not in FONTS:
            return _not_found()
        if name not in self._fonts:
            self._fonts[name] = _read_inside(self.assets_dir, Path("fonts", name))
        body = self._fonts[name]
        if body is None:
            return _not_found()
        headers = {**SECURITY_HEADERS, "Cache-Control": "max-age=86400"}
        return Response(body, media_type="font/otf", headers=headers)

    async def _health(self, request: Request) -> Response:
        return JSONResponse({"rapport": "live"}, headers=SECURITY_HEADERS)


def _read_inside(root: Path, relative: Path) -> bytes | None:
    base = root.resolve()
    try:
        path = (base / relative).resolve()
        if not path.is_relative_to(base) or not path.is_file():
            return None
        if path.stat().st_size > MAX_FONT_BYTES:
            return None
        return path.read_bytes()
    except OSError:
        return None


def _picture_name(part: str) -> str | None:
    """`name`, `name.svg` or `name.png` in an address: the plain name, or None."""
    match = _PICTURE.fullmatch(part)
    return match.group(1) if match else None


def _read_picture(path: Path) -> tuple[bytes, str] | None:
    """The file's bytes and media type, if it passes the checks every picture passes."""
    media_type = MEDIA_TYPES.get(path.suffix.lower())
    if media_type is None or picture_problem(path) is not None:
        return None
    try:
        return path.read_bytes(), media_type
    except OSError:
        return None


def _not_found() -> Response:
    return Response("Not found", status_code=404, media_type="text/plain", headers=SECURITY_HEADERS)


def _same_origin(origin: str | None, host: str | None) -> bool:
    """A browser says where a page came from; only our own pages may open `/ws`."""
    if origin is None:
        return True  # not a browser page (a test, a script): the code and tokens guard it
    return urlsplit(origin).netloc.lower() == (host or "").lower()
