"""The file-level checks: size, encoding, control characters, emptiness."""

from __future__ import annotations

from pathlib import Path
from typing import IO

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.loader import load_scenario, load_scenario_text
from game.loader import scenario as scenario_module
from game.loader import source as source_module
from game.loader.source import _NOT_PRINTABLE, MAX_FILE_BYTES, _may_hold_unprintable

from .support import NAME, VALID, codes, column_of, line_of, load


def test_valid_file_loads_from_disk(tmp_path: Path) -> None:
    path = tmp_path / NAME
    path.write_text(VALID, encoding="utf-8")
    report = load_scenario(path)
    assert report.diagnostics == []
    assert report.scenario is not None


def test_file_over_one_mebibyte_is_refused_without_reading_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "huge.yaml"
    with open(path, "wb") as stream:  # sparse: two MiB of nothing
        stream.truncate(2 * MAX_FILE_BYTES)
    reads: list[int] = []

    class Spy:
        def __init__(self, stream: IO[bytes]) -> None:
            self.stream = stream

        def __enter__(self) -> Spy:
            return self

        def __exit__(self, *exc: object) -> None:
            self.stream.close()

        def fileno(self) -> int:
            return self.stream.fileno()

        def read(self, size: int = -1) -> bytes:
            reads.append(size)
            return self.stream.read(size)

    def spy_open(file: Path, mode: str) -> Spy:
        return Spy(open(file, mode))  # closed by Spy.__exit__

    monkeypatch.setattr(source_module, "open", spy_open, raising=False)
    report = load_scenario(path)
    assert codes(report) == ["RP102"]
    assert "1 MiB" in report.diagnostics[0].message
    assert reads == []


def test_endless_device_is_read_only_up_to_the_limit() -> None:
    if not Path("/dev/zero").exists():
        pytest.fail("this test needs /dev/zero, present on every Linux and macOS machine")
    report = load_scenario("/dev/zero")
    assert codes(report) == ["RP102"]


def test_text_over_one_mebibyte_never_reaches_the_parser(monkeypatch: pytest.MonkeyPatch) -> None:
    def parser_must_not_run(*args: object) -> None:
        raise AssertionError("the parser saw an oversized file")

    monkeypatch.setattr(scenario_module, "parse_tree", parser_must_not_run)
    text = "a: " + "x" * MAX_FILE_BYTES
    assert codes(load_scenario_text(text, "big.yaml")) == ["RP102"]
    assert codes(load_scenario_text(text.encode(), "big.yaml")) == ["RP102"]


def test_missing_file_is_reported_not_raised(tmp_path: Path) -> None:
    report = load_scenario(tmp_path / "nothing.yaml")
    assert codes(report) == ["RP101"]
    assert report.scenario is None


def test_folder_given_as_file_is_reported(tmp_path: Path) -> None:
    report = load_scenario(tmp_path)
    assert codes(report) == ["RP101"]
    assert "folder" in report.diagnostics[0].message


def test_latin1_file_is_refused_with_the_position_of_the_bad_byte() -> None:
    text = VALID.replace("Hi, I need", "Caf\u00e9, I need")
    report = load(text.encode("latin-1"))
    assert codes(report) == ["RP103"]
    diagnostic = report.diagnostics[0]
    expected = (line_of(text, "Caf\u00e9"), column_of(text, "\u00e9"))
    assert (diagnostic.line, diagnostic.column) == expected
    assert "UTF-8" in diagnostic.message


def test_utf16_file_is_named_as_such() -> None:
    report = load(VALID.encode("utf-16"))
    assert codes(report) == ["RP103"]
    assert "UTF-16" in report.diagnostics[0].message


def test_byte_order_mark_is_accepted() -> None:
    assert load(b"\xef\xbb\xbf" + VALID.encode()).diagnostics == []
    assert load("\ufeff" + VALID).diagnostics == []


@pytest.mark.parametrize(
    ("character", "name"),
    [("\0", "NUL"), ("\x1b", "control character"), ("\x7f", "control character")],
)
def test_control_characters_are_refused_where_they_are(character: str, name: str) -> None:
    text = VALID.replace("her watch", f"her{character} watch")
    report = load(text)
    assert codes(report) == ["RP104"]
    diagnostic = report.diagnostics[0]
    assert name in diagnostic.message
    assert (diagnostic.line, diagnostic.column) == (
        line_of(text, f"her{character}"),
        column_of(text, character),
    )


def test_tabs_and_line_breaks_are_not_control_characters() -> None:
    text = VALID.replace("Dana checks her watch", "Dana checks\ther watch").replace("\n", "\r\n")
    assert load(text).diagnostics == []


@pytest.mark.parametrize("text", ["", "   \n\n", "\ufeff"])
def test_empty_file_is_an_error(text: str) -> None:
    assert codes(load(text)) == ["RP105"]


def test_file_of_only_comments_is_empty() -> None:
    assert codes(load("# a scenario will go here\n\n# soon\n")) == ["RP105"]


def test_bytes_and_text_load_alike() -> None:
    from_text = load(VALID).scenario
    from_bytes = load(VALID.encode()).scenario
    assert from_text is not None and from_bytes is not None
    assert from_text.content_hash == from_bytes.content_hash
    assert list(from_text.nodes) == list(from_bytes.nodes)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=40))
def test_quick_screen_never_misses_an_unprintable_character(text: str) -> None:
    if _NOT_PRINTABLE.search(text):
        assert _may_hold_unprintable(text.encode("utf-8"))
