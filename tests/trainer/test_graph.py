"""`rapport graph`: the DOT text's structure, escaping, and rendering through the real `dot`."""

from __future__ import annotations

import os
import re
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from game.cli import cli
from game.loader import DEFAULT_SCENARIOS_DIR, load_scenario
from game.trainer.graph import (
    DETAILED_MAX_NODES,
    NODE_LINE_CHARS,
    OUTCOME_COLOURS,
    START,
    TIMER_INDEX,
    GraphvizMissing,
    RenderTimeout,
    is_overview,
    render,
    scenario_dot,
    score_text,
    shorten,
)
from tests.trainer.support import LOANER, load, write

ORPHAN = (
    LOANER
    + """\
  orphan:
    text: Nobody ever comes here.
    next: keys
"""
)

_STATEMENT = re.compile(r'^\s*"((?:[^"\\]|\\.)*)"(?:\s*->\s*"((?:[^"\\]|\\.)*)")?\s*(\[.*\])?;$')
_ATTRIBUTE = re.compile(r'(\w+)=("(?:[^"\\]|\\.)*"|[^,\]\s]+)')


def _unquote(value: str) -> str:
    if not value.startswith('"'):
        return value
    out, chars = [], iter(value[1:-1])
    for char in chars:
        if char == "\\":
            following = next(chars)
            out.append("\n" if following == "n" else following)
        else:
            out.append(char)
    return "".join(out)


def parse_dot(text: str) -> tuple[dict[str, dict[str, str]], list[tuple[str, str, dict[str, str]]]]:
    """Nodes and edges of the DOT this package writes (one statement per line)."""
    lines = text.strip().splitlines()
    assert lines[0].startswith("digraph ") and lines[-1] == "}"
    nodes: dict[str, dict[str, str]] = {}
    edges: list[tuple[str, str, dict[str, str]]] = []
    for line in lines[1:-1]:
        if re.match(r"^\s*(graph|node|edge) \[", line):
            continue
        match = _STATEMENT.match(line)
        assert match, f"not a DOT statement: {line!r}"
        attributes = {k: _unquote(v) for k, v in _ATTRIBUTE.findall(match.group(3) or "")}
        source = _unquote(f'"{match.group(1)}"')
        if match.group(2) is None:
            nodes[source] = attributes
        else:
            edges.append((source, _unquote(f'"{match.group(2)}"'), attributes))
    return nodes, edges


@pytest.fixture
def dot() -> str:
    scenario, analysis = load(ORPHAN)
    return scenario_dot(scenario, analysis)


def edge(
    edges: list[tuple[str, str, dict[str, str]]], source: str, target: str, text: str = ""
) -> dict[str, str]:
    found = [a for s, t, a in edges if s == source and t == target and text in a.get("label", "")]
    assert len(found) == 1, (source, target, text, found)
    return found[0]


def test_dot_has_every_node_and_every_way_on(dot: str) -> None:
    scenario, _ = load(ORPHAN)
    nodes, edges = parse_dot(dot)
    assert set(nodes) == {*scenario.nodes, START}
    expected = Counter([(START, scenario.start)])
    for node in scenario.nodes.values():
        expected.update((node.id, c.goto) for c in node.choices)
        if node.timer:
            expected[(node.id, node.timer.goto)] += 1
        if node.next:
            expected[(node.id, node.next)] += 1
    assert Counter((s, t) for s, t, _ in edges) == expected


def test_nodes_show_the_speaker_and_the_start_of_the_text(dot: str) -> None:
    nodes, _ = parse_dot(dot)
    assert nodes["arrive"]["label"].startswith("arrive · Dana\nHi! I'm here for new tires")
    assert nodes["waits"]["label"].startswith("waits · Narrator\nDana checks her watch")
    assert all(len(line) <= NODE_LINE_CHARS for line in nodes["arrive"]["label"].split("\n"))


def test_long_node_text_is_cut_with_an_ellipsis() -> None:
    long_text = "Dana talks about her car. " * 20
    scenario, analysis = load(LOANER.replace("Dana checks her watch and sighs.", long_text))
    nodes, _ = parse_dot(scenario_dot(scenario, analysis))
    label = nodes["waits"]["label"]
    assert label.endswith("…") and len(label) < len(long_text) // 3


def test_choice_edges_show_text_scores_condition_and_assignment(dot: str) -> None:
    _, edges = parse_dot(dot)
    blunt = edge(edges, "arrive", "keys", "Here are your keys")
    assert "\u22122 emp \u22121 ups" in blunt["label"]
    asking = edge(edges, "arrive", "picks")["label"].split("\n")
    assert asking[0].startswith("Which of the cars out")
    assert "+2 emp +1 ant" in asking
    assert "if not asked_model" in asking
    assert "set asked_model = true" in asking
    assert "style" not in edge(edges, "arrive", "picks")


def test_timers_are_dashed_edges_with_their_seconds_and_scores(dot: str) -> None:
    _, edges = parse_dot(dot)
    timer = edge(edges, "arrive", "waits")
    assert timer["style"] == "dashed"
    assert timer["label"].split("\n") == ["timer 20 s", "\u22121 emp"]


def test_endings_are_coloured_by_outcome(dot: str) -> None:
    nodes, _ = parse_dot(dot)
    for node_id, outcome in (
        ("test_drive", "success"),
        ("nice_day", "partial"),
        ("keys", "failure"),
    ):
        border, fill = OUTCOME_COLOURS[outcome]
        assert (nodes[node_id]["color"], nodes[node_id]["fillcolor"]) == (border, fill)
        assert nodes[node_id]["label"].startswith(f"{node_id} · {outcome}\n")
    assert "\u22121 ups" in nodes["keys"]["label"]  # the ending's own score
    assert OUTCOME_COLOURS["success"][0] != OUTCOME_COLOURS["failure"][0]


def test_start_is_marked(dot: str) -> None:
    nodes, edges = parse_dot(dot)
    assert nodes[START]["label"] == "start"
    assert [t for s, t, _ in edges if s == START] == ["arrive"]
    assert float(nodes["arrive"]["penwidth"]) > float(nodes["picks"].get("penwidth", "1"))


def test_unreachable_nodes_are_grey_and_dashed(dot: str) -> None:
    nodes, edges = parse_dot(dot)
    orphan = nodes["orphan"]
    assert "dashed" in orphan["style"]
    assert orphan["fillcolor"] == "#f2f2f2"
    assert orphan["label"].endswith("(unreachable)")
    assert edge(edges, "orphan", "keys")["color"] == "#9e9e9e"
    assert all("dashed" not in a.get("style", "") for n, a in nodes.items() if n != "orphan")


def test_without_analysis_nothing_is_marked_unreachable() -> None:
    scenario, _ = load(ORPHAN)
    nodes, _ = parse_dot(scenario_dot(scenario))
    assert "unreachable" not in nodes["orphan"]["label"]


@pytest.mark.needs("graphviz")
def test_quotes_backslashes_and_newlines_are_escaped() -> None:
    tricky = LOANER.replace(
        "text: Enjoy the drive!", 'text: "Say \\"bye\\" to C:\\\\cars\\\\new; {ok} <b>"'
    ).replace("title: A nice day", 'title: "Line one\\nline two"')
    scenario, analysis = load(tricky)
    dot = scenario_dot(scenario, analysis)
    nodes, edges = parse_dot(dot)
    label = edge(edges, "picks", "nice_day")["label"]
    assert 'Say "bye" to C:\\cars\\new; {ok}' in label.replace("\n", " ")
    assert nodes["nice_day"]["label"].split("\n")[1] == "Line one line two"
    svg = render(dot, "svg").decode("utf-8")
    assert "C:\\cars\\new" in svg.replace("\n", " ")
    assert "&quot;bye&quot;" in svg or '"bye"' in svg


@pytest.mark.needs("graphviz")
def test_svg_from_the_real_dot_has_every_node_title(dot: str) -> None:
    scenario, _ = load(ORPHAN)
    svg = render(dot, "svg").decode("utf-8")
    assert svg.lstrip().startswith("<?xml") and "</svg>" in svg
    titles = set(re.findall(r"<title>([^<]*)</title>", svg))
    assert set(scenario.nodes) <= titles
    assert "arrive&#45;&gt;picks" in titles
    assert "#c62828" in svg and "#2e7d32" in svg


@pytest.mark.needs("graphviz")
def test_png_from_the_real_dot_is_a_png(dot: str) -> None:
    assert render(dot, "png").startswith(b"\x89PNG\r\n\x1a\n")


@pytest.mark.needs("graphviz")
@pytest.mark.parametrize(
    "path",
    sorted(p for p in DEFAULT_SCENARIOS_DIR.glob("*.yaml") if p.name != "modules.yaml"),
    ids=lambda p: p.stem,
)
def test_every_shipped_scenario_renders(path: Path) -> None:
    report = load_scenario(path)
    assert report.scenario is not None
    svg = render(scenario_dot(report.scenario, report.analysis), "svg").decode("utf-8")
    assert f"<title>{report.scenario.start}</title>" in svg


def test_traffic_labels_and_weights_edges_by_players() -> None:
    scenario, analysis = load()
    traffic = {("arrive", 1): 4, ("arrive", 0): 1, ("picks", 0): 2}
    _, edges = parse_dot(scenario_dot(scenario, analysis, traffic=traffic))
    busiest = edge(edges, "arrive", "picks")
    assert busiest["label"].startswith("4 players")
    assert float(busiest["penwidth"]) == 7.0
    assert edge(edges, "arrive", "keys")["label"].startswith("1 player")
    nobody = edge(edges, "picks", "nice_day")
    assert nobody["label"].startswith("nobody") and nobody["color"] == "#9e9e9e"
    assert edge(edges, "arrive", "waits")["label"].startswith("nobody")
    assert ("arrive", TIMER_INDEX) not in traffic
    assert "Which of the cars" not in busiest["label"]  # the report lists the texts


def test_score_text_names_each_change() -> None:
    assert score_text((2, 0, -1)) == "+2 emp \u22121 ups"
    assert score_text((0, 3, 0)) == "+3 ant"
    assert score_text((0, 0, 0)) == ""


def test_shorten_cuts_at_a_word_with_an_ellipsis() -> None:
    assert shorten("short", 10) == "short"
    cut = shorten("Which of the cars out front would you like", 20)
    assert cut.endswith("…") and len(cut) <= 20 and cut.startswith("Which of the")


def test_missing_dot_says_how_to_install_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(GraphvizMissing) as error:
        render("digraph { a }", "svg")
    message = str(error.value)
    for hint in ("apt-get install graphviz", "brew install graphviz", "Windows", "--format dot"):
        assert hint in message


# -- the command ---------------------------------------------------------------
def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_graph_prints_dot_without_output(tmp_path: Path) -> None:
    path = write(tmp_path)
    code, out, _ = run("graph", str(path))
    scenario, analysis = load()
    assert code == 0 and out == scenario_dot(scenario, analysis)


def test_graph_finds_a_scenario_by_id_in_the_folder(tmp_path: Path) -> None:
    write(tmp_path)
    code, out, _ = run("graph", "loaner", "--scenarios", str(tmp_path))
    assert code == 0 and out.startswith('digraph "loaner"')


@pytest.mark.needs("graphviz")
@pytest.mark.parametrize(
    ("name", "given", "magic"),
    [
        ("map.svg", None, b"<?xml"),
        ("map.png", None, b"\x89PNG"),
        ("map.dot", None, b"digraph"),
        ("map.gv", None, b"digraph"),
        ("map.out", "svg", b"<?xml"),
        ("map.svg", "dot", b"digraph"),
    ],
)
def test_graph_writes_the_format_of_the_extension_or_option(
    tmp_path: Path, name: str, given: str | None, magic: bytes
) -> None:
    path = write(tmp_path)
    target = tmp_path / name
    args = ["graph", str(path), "-o", str(target)] + (["--format", given] if given else [])
    code, out, _ = run(*args)
    assert code == 0, out
    assert target.read_bytes().startswith(magic)
    assert f"Wrote {target}" in out


def test_graph_with_an_unknown_extension_is_a_usage_error(tmp_path: Path) -> None:
    code, _, err = run("graph", str(write(tmp_path)), "-o", str(tmp_path / "map.txt"))
    assert code == 2 and "--format" in err


def test_graph_refuses_png_on_standard_output(tmp_path: Path) -> None:
    code, _, err = run("graph", str(write(tmp_path)), "--format", "png")
    assert code == 2 and "-o FILE.png" in err


def test_graph_without_dot_exits_1_with_the_install_hint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path)
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    code, _, err = run("graph", str(path), "-o", str(tmp_path / "map.svg"))
    assert code == 1
    assert "apt-get install graphviz" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
    assert not (tmp_path / "map.svg").exists()
    code, _, _ = run("graph", str(path), "-o", str(tmp_path / "map.dot"))
    assert code == 0  # DOT needs nothing else


def test_graph_of_a_broken_scenario_shows_its_errors_and_exits_1(tmp_path: Path) -> None:
    path = write(tmp_path, LOANER.replace("goto: nice_day", "goto: nice_dya"))
    code, out, err = run("graph", str(path))
    assert code == 1 and out == ""
    assert f"{path}:" in err and "nice_dya" in err and "did you mean `nice_day`" in err


def test_graph_of_a_missing_scenario_exits_1(tmp_path: Path) -> None:
    code, _, err = run("graph", "nope", "--scenarios", str(tmp_path))
    assert code == 1 and "no scenario `nope`" in err


# -- big scenarios and slow drawings ---------------------------------------------------


def big(nodes: int) -> str:
    """A valid scenario of `nodes` nodes: two choices each, a timer to the end every third."""
    lines = ["format: 1", f"id: big-{nodes}", "title: A big one", "start: n0", "nodes:"]
    last = nodes - 1
    for i in range(last):
        lines += [f"  n{i}:", f"    text: Moment {i}.", "    choices:"]
        for c in (1, 2):
            lines += [f"      - {{text: Option {c}, goto: n{min(i + c, last)}, feedback: ok}}"]
        if i % 3 == 0:
            lines += [f"    timer: {{seconds: 10, goto: n{last}}}"]
    lines += [f"  n{last}:", "    ending: {title: The end, outcome: success}"]
    return "\n".join(lines) + "\n"


def slow_dot(folder: Path) -> str:
    """A PATH whose `dot` never finishes (it sleeps in its own process, so stopping it ends it)."""
    program = folder / "bin" / "dot"
    program.parent.mkdir()
    program.write_text(f"#!/bin/sh\necho $$ > {folder / 'dot.pid'}\nexec sleep 600\n")
    program.chmod(0o755)
    return f"{program.parent}{os.pathsep}/usr/bin{os.pathsep}/bin"


def test_a_big_scenario_is_drawn_as_an_overview_without_labels() -> None:
    scenario, analysis = load(big(DETAILED_MAX_NODES + 1))
    assert is_overview(scenario)
    text = scenario_dot(scenario, analysis)
    assert 'layout="sfdp"' in text and "overview of 101 nodes" in text
    nodes, edges = parse_dot(text)
    assert all("label" not in attributes for _, _, attributes in edges)
    assert nodes["n5"]["label"] == "n5 · Narrator"
    # Small ones keep every detail, and so does a big one when asked.
    assert not is_overview(load(big(DETAILED_MAX_NODES))[0])
    detailed = scenario_dot(scenario, analysis, overview=False)
    assert "sfdp" not in detailed and "Option 1" in detailed


@pytest.mark.needs("graphviz")
def test_a_two_thousand_node_overview_is_drawn_within_the_time_limit() -> None:
    scenario, analysis = load(big(2000))
    svg = render(scenario_dot(scenario, analysis), "svg").decode("utf-8")
    assert "<title>n1999</title>" in svg and "overview of 2,000 nodes" in svg


def test_graphviz_is_stopped_at_the_time_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", slow_dot(tmp_path))
    with pytest.raises(RenderTimeout) as error:
        render("digraph { a }", "svg", time_limit_s=0.5)
    assert str(error.value) == "Graphviz did not finish drawing within 0.5 s and was stopped"
    pid = int((tmp_path / "dot.pid").read_text())
    with pytest.raises(ProcessLookupError):  # stopped, and nothing left behind
        os.kill(pid, 0)


def test_graph_says_when_graphviz_ran_out_of_time_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path)
    monkeypatch.setenv("PATH", slow_dot(tmp_path))
    code, out, err = run("graph", str(path), "-o", str(tmp_path / "map.svg"), "--time-limit", "1")
    assert code == 1 and out == ""
    assert err.startswith("Error: Graphviz did not finish drawing within 1 s and was stopped")
    assert "--time-limit" in err and "-o FILE.dot" in err
    assert len(err.strip().splitlines()) == 1
    assert not (tmp_path / "map.svg").exists()


@pytest.mark.needs("graphviz")
def test_graph_of_a_big_scenario_says_it_is_an_overview(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_text(big(150), encoding="utf-8")
    code, out, _ = run("graph", str(path), "-o", str(tmp_path / "big.svg"))
    assert code == 0
    assert out.startswith(f"Wrote {tmp_path / 'big.svg'} (SVG, 150 nodes: an overview without")
    assert "--detailed" in out
    code, out, _ = run("graph", str(path), "-o", str(tmp_path / "big.dot"))
    assert code == 0 and "sfdp" not in (tmp_path / "big.dot").read_text(encoding="utf-8")


def test_graph_refuses_a_missing_folder_before_drawing(tmp_path: Path) -> None:
    path = write(tmp_path)
    code, _, err = run("graph", str(path), "-o", str(tmp_path / "nowhere" / "map.svg"))
    assert code == 1
    assert f"the folder {tmp_path / 'nowhere'} does not exist" in err
