"""docs/live.md keeps up with the code: every option, message type and error code is in it."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from game.cli import cli
from game.live import protocol

DOC = (Path(__file__).parents[2] / "docs" / "live.md").read_text(encoding="utf-8")


def test_every_option_of_rapport_host_is_documented() -> None:
    shown = CliRunner().invoke(cli, ["host", "--help"]).output
    options = set(re.findall(r"(--[a-z][a-z-]+)", shown)) - {"--help", "--scenarios"}
    assert options and all(f"`{option}" in DOC for option in options), options - set(
        re.findall(r"`(--[a-z-]+)", DOC)
    )


def test_every_error_code_and_message_type_is_documented() -> None:
    codes = [v for n, v in vars(protocol).items() if n.isupper() and isinstance(v, str)]
    assert len(codes) > 20
    for code in codes:
        assert f"`{code}`" in DOC, code
    for kind in protocol.SERVER_TYPES:
        assert f"| `{kind}` |" in DOC, kind
    for kind in ("join", "choose", "timer", "vote", "watch", "host"):
        assert f"| `{kind}` |" in DOC, kind


def test_the_pictures_the_doc_shows_exist() -> None:
    for picture in re.findall(r"images/live/[a-z-]+\.png", DOC):
        assert (Path(__file__).parents[2] / "docs" / picture).is_file(), picture
