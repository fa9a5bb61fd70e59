"""Scenario diagrams: DOT written here with its own escaping, SVG and PNG rendered by Graphviz.

Nodes show the speaker and the start of the text, choices are edges labelled
with their text, score changes, conditions and assignments, timers are dashed
edges, endings are coloured by outcome, and unreachable nodes are greyed out.
The report reuses the same diagram with edges weighted by how many players
took them.

Graphviz's `dot` lays out ranks and routes every labelled edge; past a hundred
nodes that can take many minutes (a 150-node scenario ran past 100 s). Larger
scenarios therefore get an overview: no edge labels, short node labels, and
the force-directed `sfdp` layout (2,000 nodes in about 10 s). Whatever is
drawn, Graphviz is stopped at a time limit and the caller is told.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import textwrap
from collections.abc import Mapping
from dataclasses import dataclass

from game.core.analysis import Analysis
from game.core.model import NARRATOR, Assignment, Node, Scenario, Scores

FORMATS: tuple[str, ...] = ("dot", "svg", "png")
EXTENSIONS: dict[str, str] = {".dot": "dot", ".gv": "dot", ".svg": "svg", ".png": "png"}

START = "(start)"  # the marker node's id: parentheses never occur in node ids
TIMER_INDEX = -1  # the edge of a node's timer, as in engine.Step.index
NEXT_INDEX = -2  # the edge of a node's `next`

NODE_TEXT_CHARS = 64  # characters of a node's text shown in its box
NODE_LINE_CHARS = 30  # characters per line inside a node's box
EDGE_TEXT_CHARS = 44  # characters of a choice's text shown on its edge
EDGE_LINE_CHARS = 26  # characters per line of an edge label
TRAFFIC_TEXT_CHARS = 30  # characters of node text on the report's map, which names no choices
MAX_PENWIDTH = 7.0  # points: the edge taken by the most players in the report
DETAILED_MAX_NODES = 100  # nodes drawn in full; larger scenarios get the overview
OVERVIEW_TEXT_CHARS = 0  # node text shown in the overview: only the id and the speaker
OVERVIEW_SIZE_IN = 60  # inches a side at most (5,760 pixels in a PNG at 96 dpi)
TIME_LIMIT_S = 30.0  # seconds Graphviz may take before it is stopped

FONT = "Helvetica,Arial,sans-serif"
INK = "#37474f"  # text and ordinary lines
LINE = "#607d8b"
QUIET = "#9e9e9e"  # unreachable nodes and edges nobody took
# Outcome -> (border, fill): green, amber, red, readable in print too.
OUTCOME_COLOURS: dict[str, tuple[str, str]] = {
    "success": ("#2e7d32", "#d8efd9"),
    "partial": ("#b26a00", "#fff0c7"),
    "failure": ("#c62828", "#fadbd8"),
}
_SHORT_NAMES = ("emp", "ant", "ups")
_MINUS = "\u2212"  # a real minus sign reads better than a hyphen in labels

# (node id, choice index in file order, or TIMER_INDEX) -> players who took it.
Traffic = Mapping[tuple[str, int], int]

INSTALL_HINT = (
    "Graphviz's `dot` program is needed for SVG and PNG but was not found; install "
    "Graphviz (Debian or Ubuntu: `apt-get install graphviz`, macOS: `brew install graphviz`, "
    "Windows: the installer from graphviz.org) or use --format dot"
)


class GraphvizMissing(RuntimeError):
    """Graphviz's `dot` program is not installed; the message says how to get it."""


class RenderError(RuntimeError):
    """`dot` ran but could not draw the graph; the message says what it reported."""


class RenderTimeout(RenderError):
    """`dot` was still drawing at the time limit and was stopped; the message says what to do."""


def is_overview(scenario: Scenario) -> bool:
    """Whether `scenario_dot` draws this scenario as an overview (see the module's doc)."""
    return len(scenario.nodes) > DETAILED_MAX_NODES


def quote(text: str) -> str:
    """A DOT double-quoted string: backslashes and quotes escaped, newlines as `\\n`."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + escaped.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n") + '"'


def score_text(scores: Scores) -> str:
    """`(2, 0, -1)` -> `+2 emp −1 ups`; empty when nothing changes."""
    parts = []
    for name, value in zip(_SHORT_NAMES, scores, strict=True):
        if value > 0:
            parts.append(f"+{value} {name}")
        elif value < 0:
            parts.append(f"{_MINUS}{-value} {name}")
    return " ".join(parts)


def assignment_text(assignments: tuple[Assignment, ...]) -> str:
    return "set " + ", ".join(f"{a.variable} = {a.expression.source}" for a in assignments)


def shorten(text: str, limit: int) -> str:
    """One line of at most `limit` characters, cut at a word with an ellipsis."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,.;:") + "…"


def _wrapped(text: str, limit: int, width: int) -> list[str]:
    return textwrap.wrap(shorten(text, limit), width, break_long_words=True) or [""]


def _speaker(scenario: Scenario, node: Node) -> str:
    if node.speaker == NARRATOR:
        return "Narrator"
    return scenario.speaker_name(node.speaker) or node.speaker


def node_label(
    scenario: Scenario, node: Node, *, reachable: bool = True, text_chars: int = NODE_TEXT_CHARS
) -> str:
    """The box of a node: its id and speaker (or outcome), then up to `text_chars` of its text
    (none: the id line alone, as the overview shows it)."""
    detailed = text_chars > NODE_LINE_CHARS
    if node.ending is not None:
        lines = [f"{node.id} · {node.ending.outcome}"]
        if text_chars:
            lines += _wrapped(node.ending.title, text_chars, NODE_LINE_CHARS)
        bonus = score_text(node.ending.scores)
        if bonus and detailed:
            lines.append(bonus)
    else:
        lines = [f"{node.id} · {_speaker(scenario, node)}"]
        if text_chars:
            lines += _wrapped(node.text, text_chars, NODE_LINE_CHARS)
    if not reachable and text_chars:
        lines.append("(unreachable)")
    return "\n".join(lines)


@dataclass(frozen=True, slots=True)
class _Edge:
    source: str
    target: str
    index: int  # choice index, TIMER_INDEX or NEXT_INDEX
    lines: tuple[str, ...]
    dashed: bool


def _edges(node: Node, *, detailed: bool = True) -> list[_Edge]:
    """The edges out of `node`; without `detailed`, only the start of each choice's text."""
    edges: list[_Edge] = []
    for index, choice in enumerate(node.choices):
        if not detailed:
            edges.append(_Edge(node.id, choice.goto, index, (), dashed=False))
            continue
        lines = _wrapped(choice.text, EDGE_TEXT_CHARS, EDGE_LINE_CHARS)
        if score_text(choice.scores):
            lines.append(score_text(choice.scores))
        if choice.condition is not None:
            lines.append(f"if {choice.condition.source}")
        if choice.assignments:
            lines.append(assignment_text(choice.assignments))
        edges.append(_Edge(node.id, choice.goto, index, tuple(lines), dashed=False))
    if node.timer is not None:
        timer = node.timer
        lines = [f"timer {timer.seconds:g} s"] if detailed else ["timer"]
        if score_text(timer.scores) and detailed:
            lines.append(score_text(timer.scores))
        if timer.assignments and detailed:
            lines.append(assignment_text(timer.assignments))
        edges.append(_Edge(node.id, timer.goto, TIMER_INDEX, tuple(lines), dashed=True))
    if node.next is not None:
        edges.append(_Edge(node.id, node.next, NEXT_INDEX, (), dashed=False))
    return edges


def _attributes(pairs: dict[str, str | float]) -> str:
    inside = ", ".join(
        f"{key}={quote(value) if isinstance(value, str) else f'{value:g}'}"
        for key, value in pairs.items()
    )
    return f" [{inside}]" if inside else ""


def _players(count: int) -> str:
    return "nobody" if count == 0 else f"{count} player{'s' if count != 1 else ''}"


def scenario_dot(
    scenario: Scenario,
    analysis: Analysis | None = None,
    *,
    traffic: Traffic | None = None,
    title: str | None = None,
    overview: bool | None = None,
) -> str:
    """The scenario as a DOT digraph.

    With `analysis`, nodes no playthrough reaches are grey with a dashed border
    (an approximate analysis marks nothing). With `traffic`, every choice and
    timer edge says how many players took it and is drawn thicker the more did;
    choice texts and scores are left out (the report lists them beside the
    map) and node texts cut shorter, so the map stays small enough to read.
    `overview` (by default for scenarios over DETAILED_MAX_NODES nodes) leaves
    out every edge label and node text and uses a quicker layout, and says so
    in the title.
    """
    if overview is None:
        overview = is_overview(scenario)
    reachable = (
        set(analysis.reachable_nodes)
        if analysis is not None and not analysis.approximate
        else set(scenario.nodes)
    )
    busiest = max(traffic.values(), default=0) if traffic is not None else 0
    heading = title if title is not None else scenario.title
    layout: dict[str, str | float] = {
        "rankdir": "TB",
        "nodesep": 0.35,
        "ranksep": 0.45,
    }
    if overview:
        note = (
            f"overview of {len(scenario.nodes):,} nodes: choice labels are left out, "
            f"and the layout is quicker"
        )
        heading = f"{heading}\n({note})" if heading else f"({note})"
        layout = {
            "layout": "sfdp",
            "overlap": "prism",
            "outputorder": "edgesfirst",
            "size": f"{OVERVIEW_SIZE_IN},{OVERVIEW_SIZE_IN}",
        }
    out = [
        f"digraph {quote(scenario.id)} {{",
        "  graph"
        + _attributes(
            {
                "label": heading,
                "labelloc": "t",
                "fontname": FONT,
                "fontsize": 16,
                "fontcolor": INK,
                **layout,
                "pad": 0.25,
                "bgcolor": "white",
            }
        )
        + ";",
        "  node"
        + _attributes(
            {
                "shape": "box",
                "style": "rounded,filled",
                "fontname": FONT,
                "fontsize": 11,
                "fontcolor": INK,
                "color": LINE,
                "fillcolor": "#ffffff",
                "margin": "0.14,0.07",
            }
        )
        + ";",
        "  edge"
        + _attributes(
            {"fontname": FONT, "fontsize": 9, "fontcolor": INK, "color": LINE, "arrowsize": 0.7}
        )
        + ";",
        f"  {quote(START)}"
        + _attributes(
            {
                "shape": "circle",
                "style": "filled",
                "label": "start",
                "fontsize": 9,
                "fontcolor": "#ffffff",
                "fillcolor": INK,
                "color": INK,
                "width": 0.5,
                "fixedsize": "true",
            }
        )
        + ";",
        f"  {quote(START)} -> {quote(scenario.start)}"
        + _attributes({"penwidth": 2, "color": INK})
        + ";",
    ]
    for node in scenario.nodes.values():
        if overview:
            text_chars = OVERVIEW_TEXT_CHARS
        else:
            text_chars = NODE_TEXT_CHARS if traffic is None else TRAFFIC_TEXT_CHARS
        attributes: dict[str, str | float] = {
            "label": node_label(
                scenario, node, reachable=node.id in reachable, text_chars=text_chars
            )
        }
        if node.ending is not None:
            border, fill = OUTCOME_COLOURS.get(node.ending.outcome, (LINE, "#ffffff"))
            attributes.update({"color": border, "fillcolor": fill, "penwidth": 1.6})
        if node.id == scenario.start:
            attributes.update({"penwidth": 2.4, "color": INK})
        if node.id not in reachable:
            attributes.update(
                {
                    "style": "rounded,dashed,filled",
                    "color": QUIET,
                    "fillcolor": "#f2f2f2",
                    "fontcolor": "#757575",
                }
            )
        out.append(f"  {quote(node.id)}" + _attributes(attributes) + ";")
    for node in scenario.nodes.values():
        for edge in _edges(node, detailed=traffic is None and not overview):
            attributes = {}
            lines = [] if overview else list(edge.lines)
            if traffic is not None and edge.index != NEXT_INDEX:
                count = traffic.get((edge.source, edge.index), 0)
                if not overview:
                    lines.insert(0, _players(count))
                share = count / busiest if busiest else 0.0
                attributes["penwidth"] = round(1.0 + (MAX_PENWIDTH - 1.0) * share, 2)
                if count == 0:
                    attributes["color"] = QUIET
                    attributes["fontcolor"] = QUIET
                else:
                    attributes["color"] = "#1565c0"
            if lines:
                attributes["label"] = "\n".join(lines)
            if edge.dashed:
                attributes["style"] = "dashed"
            if node.id not in reachable:
                attributes["color"] = QUIET
                attributes["fontcolor"] = QUIET
            out.append(
                f"  {quote(edge.source)} -> {quote(edge.target)}" + _attributes(attributes) + ";"
            )
    out.append("}")
    return "\n".join(out) + "\n"


def format_for(path: str, given: str | None) -> str | None:
    """The output format: the one given, else the file's extension; None when neither says."""
    if given is not None:
        return given
    match = re.search(r"\.[A-Za-z]+$", path)
    return EXTENSIONS.get(match.group(0).lower()) if match else None


def render(dot_text: str, output_format: str, *, time_limit_s: float = TIME_LIMIT_S) -> bytes:
    """DOT to SVG or PNG bytes through Graphviz's `dot`, stopped after `time_limit_s` seconds.

    GraphvizMissing when `dot` is not installed, RenderTimeout when it ran out
    of time (it is stopped then), RenderError when it failed.
    """
    program = shutil.which("dot")
    if program is None:
        raise GraphvizMissing(INSTALL_HINT)
    try:
        done = subprocess.run(
            [program, f"-T{output_format}"],
            input=dot_text.encode("utf-8"),
            capture_output=True,
            timeout=time_limit_s,
            check=False,
        )
    except subprocess.TimeoutExpired:  # run() has stopped it and waited for it
        raise RenderTimeout(
            f"Graphviz did not finish drawing within {time_limit_s:g} s and was stopped"
        ) from None
    except OSError as error:
        raise RenderError(
            f"Graphviz could not be started ({error.strerror or error}); check its installation"
        ) from None
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", "replace").strip().splitlines()
        reason = detail[-1] if detail else f"exit status {done.returncode}"
        raise RenderError(f"Graphviz could not draw the scenario ({reason})")
    return done.stdout
