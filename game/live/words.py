"""The workplace name filter's word lists: the shipped one and the trainer's own.

Reads files (so it is not part of the pure session); `names.NameFilter` does
the matching. The trainer's list is `blocked-words.txt` in Rapport's config
folder, and `rapport host --blocked-words FILE` adds another.
"""

from __future__ import annotations

from pathlib import Path

from game.live.names import NameFilter

SHIPPED_WORDS = Path(__file__).resolve().with_name("blocked-words.txt")
WORDS_FILE = "blocked-words.txt"  # the trainer's own list, in the config folder
MAX_WORDS_BYTES = 1024 * 1024  # bytes; a word list is a few kilobytes


class WordListError(ValueError):
    """A word list that cannot be read; says which file and what to do."""


def read_words(path: Path) -> list[str]:
    try:
        if path.stat().st_size > MAX_WORDS_BYTES:
            raise WordListError(f"the word list {path} is over 1 MiB; keep one word a line")
        return path.read_text(encoding="utf-8-sig").splitlines()
    except UnicodeDecodeError:
        raise WordListError(f"the word list {path} is not UTF-8 text; save it as UTF-8") from None
    except OSError as error:
        raise WordListError(
            f"the word list {path} cannot be read ({error.strerror or error})"
        ) from None


def trainer_words_path() -> Path:
    from game.folders import config_folder

    return config_folder() / WORDS_FILE


def default_name_filter(extra: Path | None = None) -> NameFilter:
    """The shipped list, the trainer's list when there is one, and `extra` when given."""
    sources = [read_words(SHIPPED_WORDS)]
    own = trainer_words_path()
    if own.is_file():
        sources.append(read_words(own))
    if extra is not None:
        sources.append(read_words(extra))
    return NameFilter.from_lines(*sources)
