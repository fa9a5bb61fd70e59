"""Self-voicing: the screen read aloud by the platform's own speech, as a subprocess that can be
cut off at once.

`Voice` is what screens use: `say(text)` replaces whatever is being read, and
does nothing while reading aloud is off. The speech itself is a
`SpeechBackend`: `SubprocessSpeech` runs espeak-ng on Linux, `say` on macOS
or SAPI through PowerShell on Windows (found by `platform_speech`), feeding
the text on standard input so that nothing is quoted on a command line; a new
line stops the old process first. No speech engine is never an error: the
player gets a notice once, and the game goes on silently. Tests use
`RecordingSpeech`.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Protocol

from game.logs import Log

if TYPE_CHECKING:
    import subprocess

log = Log("game.ui")

MAX_SPOKEN_CHARS = 20_000  # characters read at once; a debrief is a few thousand
STOP_WAIT_S = 1.0  # seconds the window waits, when it closes, for speech to stop
# PowerShell reads the text from standard input as UTF-8 and speaks it with SAPI.
SAPI_SCRIPT = (
    "[Console]::InputEncoding = [Text.Encoding]::UTF8; "
    "Add-Type -AssemblyName System.Speech; "
    "$voice = New-Object System.Speech.Synthesis.SpeechSynthesizer; "
    "$voice.Speak([Console]::In.ReadToEnd())"
)
NO_ENGINE = (
    "Reading aloud needs your computer's speech: install espeak-ng (on Linux: "
    "sudo apt-get install espeak-ng); macOS and Windows have it built in. "
    "The game goes on silently meanwhile."
)


class SpeechBackend(Protocol):
    """Something that reads text aloud and can be stopped."""

    def speak(self, text: str) -> None:
        """Read `text`, stopping whatever was being read."""
        ...

    def stop(self) -> None:
        """Stop reading at once."""
        ...

    def poll(self) -> None:
        """Tidy up speech that has finished (called every update)."""
        ...

    def close(self) -> None:
        """Stop, and wait briefly for the speech to end (the window is closing)."""
        ...


class SubprocessSpeech:
    """A speech program that reads standard input aloud, one process per line of the game."""

    def __init__(self, command: Sequence[str]) -> None:
        self.command = list(command)
        self._speaking: subprocess.Popen[bytes] | None = None
        self._stopping: list[subprocess.Popen[bytes]] = []  # stopped, not yet reaped

    @property
    def speaking(self) -> bool:
        return self._speaking is not None and self._speaking.poll() is None

    def speak(self, text: str) -> None:
        import subprocess  # on first use: not needed for the first frame

        self.stop()
        try:
            process = subprocess.Popen(
                self.command,
                stdin=subprocess.PIPE,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0),  # Windows: no console
            )
        except OSError as error:
            log.warning("the speech program %s could not start: %s", self.command[0], error)
            return
        self._speaking = process
        assert process.stdin is not None
        try:
            process.stdin.write(text[:MAX_SPOKEN_CHARS].encode("utf-8"))
            process.stdin.close()
        except OSError:  # it ended before reading (no audio device): nothing to read aloud
            pass

    def stop(self) -> None:
        process, self._speaking = self._speaking, None
        if process is not None and process.poll() is None:
            process.terminate()
            self._stopping.append(process)

    def poll(self) -> None:
        self._stopping = [p for p in self._stopping if p.poll() is None]

    def close(self) -> None:
        import subprocess

        self.stop()
        for process in self._stopping:
            try:
                process.wait(STOP_WAIT_S)
            except subprocess.TimeoutExpired:
                process.kill()
        self._stopping = []


class RecordingSpeech:
    """Speech for tests: keeps what would have been read, and how often it was cut off."""

    def __init__(self) -> None:
        self.spoken: list[str] = []
        self.stops = 0

    def speak(self, text: str) -> None:
        self.stop()
        self.spoken.append(text)

    def stop(self) -> None:
        self.stops += 1

    def poll(self) -> None:
        pass

    def close(self) -> None:
        self.stop()


def platform_speech(
    platform: str = sys.platform, which: Callable[[str], str | None] = shutil.which
) -> SpeechBackend | None:
    """The platform's own speech, or None when it has none."""
    if platform.startswith("win"):
        shell = which("powershell") or which("pwsh")
        if shell is None:
            return None
        return SubprocessSpeech([shell, "-NoProfile", "-NonInteractive", "-Command", SAPI_SCRIPT])
    if platform == "darwin":
        say = which("say")
        return SubprocessSpeech([say, "-f", "-"]) if say else None
    for program in ("espeak-ng", "espeak"):
        found = which(program)
        if found:
            return SubprocessSpeech([found])  # reads standard input when given no text
    return None


class Readable(Protocol):
    """A screen as reading aloud knows it (game.ui.scene.Scene)."""

    def spoken(self) -> str: ...

    def spoken_focus(self) -> str: ...


class Voice:
    """Reads the game aloud while the player has it on; the one place screens speak through."""

    def __init__(
        self,
        enabled: bool = False,
        find: Callable[[], SpeechBackend | None] = platform_speech,
        notify: Callable[[str], None] = lambda _: None,
    ) -> None:
        self._find = find
        self._notify = notify
        self._backend: SpeechBackend | None = None
        self._looked = False
        self.enabled = False
        self.said: list[str] = []  # what was read, newest last (tests and the history read it)
        self._screen: object = None  # the screen last introduced
        self.set_enabled(enabled)

    def set_enabled(self, enabled: bool) -> None:
        """Switch reading aloud on or off; on without a speech engine says so once."""
        if enabled == self.enabled:
            return
        self.enabled = enabled
        if not enabled:
            self.stop()
            return
        if not self._looked:
            self._looked = True
            self._backend = self._find()
            if self._backend is None:
                self._notify(NO_ENGINE)

    def say(self, text: str) -> None:
        """Read `text` now, cutting off what was being read; nothing while switched off."""
        text = " ".join(text.split())
        if not self.enabled or not text:
            return
        self.said.append(text)
        del self.said[:-50]
        if self._backend is not None:
            self._backend.speak(text)

    def screen(self, screen: Readable | None) -> None:
        """Read a screen when it comes up (or comes back), with what has the focus."""
        if screen is self._screen:
            return
        self._screen = screen
        if screen is None:
            return
        text = " ".join(part for part in (screen.spoken(), screen.spoken_focus()) if part)
        if not self.said or " ".join(text.split()) != self.said[-1]:  # not what it just read
            self.say(text)

    def focus_moved(self, before: str, after: str) -> None:
        """The keyboard moved the focus: read what it is on now."""
        if after and after != before:
            self.say(after)

    def stop(self) -> None:
        if self._backend is not None:
            self._backend.stop()

    def update(self) -> None:
        if self._backend is not None:
            self._backend.poll()

    def close(self) -> None:
        if self._backend is not None:
            self._backend.close()
