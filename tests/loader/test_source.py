"""The file-level checks: size, encoding, control characters, emptiness."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.loader import load_scenario, load_scenario_text
from game.loader import source as source_module
from game.loader import tree as tree_module
from game.loader.source import _NOT_PRINTABLE, MAX_FILE_BYTES, _may_hold_unprintable

from .support import NAME, VALID, codes, column_of, line_of, load


def test_valid_file_loads_from_disk(tmp_path: Path) -> None:
    path = tmp_path / NAME
    path.write_text(VALID, encoding="utf-8")
    report = load_scenario(path)
    assert report.diagnostics == []
    assert report.scenario is not None


def test_file_over_the_limit_is_refused_without_reading_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "huge.yaml"
    with open(path, "wb") as stream:  # sparse: twice the limit of nothing
        stream.truncate(2 * MAX_FILE_BYTES)
    reads: list[int] = []
    real_read = os.read

    def spy_read(descriptor: int, size: int) -> bytes:
        reads.append(size)
        return real_read(descriptor, size)

    monkeypatch.setattr(os, "read", spy_read)
    report = load_scenario(path)
    assert codes(report) == ["RP102"]
    assert f"{MAX_FILE_BYTES // 2**20} MiB limit" in report.diagnostics[0].message
    assert reads == []


def test_a_ten_thousand_node_scenario_is_within_the_limit() -> None:
    lines = ["format: 1", "id: big", "title: Big", "start: n0", "nodes:"]
    for i in range(10_000):
        lines += [
            f"  n{i}:",
            "    speaker: narrator",
            "    text: >-",
            "      Hi! I'm here for new tires, and I'll need a loaner for the day.",
            "      Could you tell me how long this is going to take?",
            "    choices:",
        ]
        for c in range(3):
            lines += [
                f'      - text: "Here are your keys, option {c}. They are all the same."',
                f"        scores: {{empathy: {c - 1}}}",
                "        feedback: Sameness ignores what this driver is passionate about.",
                f"        goto: {'n' + str(i + 1) if i < 9_999 else 'end'}",
            ]
    text = "\n".join(lines) + "\n  end:\n    ending: {title: Done, outcome: success}\n"
    assert len(text.encode()) > 4 * 2**20
    assert len(text.encode()) < MAX_FILE_BYTES
    assert "RP102" not in [d.code for d in source_module.decode(text.encode(), "big.yaml")[1]]


def test_endless_device_is_refused_without_reading() -> None:
    if not Path("/dev/zero").exists():
        pytest.fail("this test needs /dev/zero, present on every Linux and macOS machine")
    report = load_scenario("/dev/zero")
    assert codes(report) == ["RP118"]
    assert "a device" in report.diagnostics[0].message


def test_named_pipe_is_refused_at_once_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    code = (
        "from game.loader import load_scenario\n"
        f"report = load_scenario({str(fifo)!r})\n"
        "print(*(d.format() for d in report.diagnostics), sep='\\n')\n"
    )
    # Run apart: were the open to wait for a writer, only this child would hang.
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    assert done.stdout.startswith(f"{fifo}:1:1: error: this is a named pipe")
    assert done.stdout.count("\n") == 1


def test_text_over_one_mebibyte_never_reaches_the_parser(monkeypatch: pytest.MonkeyPatch) -> None:
    def parser_must_not_run(*args: object) -> None:
        raise AssertionError("the parser saw an oversized file")

    monkeypatch.setattr(tree_module, "parse_tree", parser_must_not_run)
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


def test_every_character_outside_yamls_printable_set_is_refused_and_no_other() -> None:
    allowed = [(0x09, 0x0A), (0x0D, 0x0D), (0x20, 0x7E), (0x85, 0x85), (0xA0, 0xD7FF)]
    allowed += [(0xE000, 0xFFFD), (0x10000, 0x10FFFF)]
    printable = {code for low, high in allowed for code in range(low, high + 1)}
    every = "".join(map(chr, range(0x110000)))
    refused = {match.start() for match in _NOT_PRINTABLE.finditer(every)}
    assert refused == set(range(0x110000)) - printable


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=40))
def test_quick_screen_never_misses_an_unprintable_character(text: str) -> None:
    if _NOT_PRINTABLE.search(text):
        assert _may_hold_unprintable(text.encode("utf-8"))
