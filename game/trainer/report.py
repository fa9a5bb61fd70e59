"""The team report: one self-contained HTML page for the debrief after a training session.

Facts come first (`build_report` returns data, testable without HTML), the
page second (`render_html`). The page makes no request of its own: styles are
inline, charts are matplotlib SVG and the choice map is Graphviz SVG, both
inlined, and names in scripts the usual fonts lack are drawn with the bundled
fallback fonts, subset to the page's characters and embedded
(game.trainer.webfonts). Every player name and scenario text is HTML-escaped.
"""

from __future__ import annotations

import functools
import html
import io
import re
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from statistics import mean
from typing import TYPE_CHECKING, Any

from game.core.analysis import Analysis
from game.core.decisions import play_decisions
from game.core.engine import TIMER, PlayError
from game.core.grades import passes
from game.core.model import COMPETENCIES, DEFAULT_PASS_PERCENT, NARRATOR, Scenario
from game.core.opportunities import MissedOpportunity, missed_opportunities
from game.core.review import review
from game.core.standings import best_of, rank_key
from game.fonts import FALLBACKS, FONTS_DIR, Coverage
from game.store.records import ResultRecord
from game.trainer.graph import (
    DETAILED_MAX_NODES,
    TIME_LIMIT_S,
    TIMER_INDEX,
    GraphvizMissing,
    RenderError,
    RenderTimeout,
    is_overview,
    render,
    scenario_dot,
    shorten,
)

if TYPE_CHECKING:  # matplotlib is imported only when a chart is drawn: it is slow to load
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

CHART_WIDTH_IN = 6.4  # inches; charts are scaled to their column in the page
BAR_HEIGHT_IN = 0.34  # inches per player in the overall chart

# Colours shared by the page and its charts.
INK = "#1f2a33"
MUTED = "#5f6b76"
ACCENT = "#1565c0"
PASS = "#2e7d32"
WARN = "#b26a00"
FAIL = "#c62828"
GRID = "#e3e7eb"


@dataclass(frozen=True)
class PlayerLine:
    """One player's best play of the scenario, by the ranking rule of game.core.standings."""

    player: str
    best: ResultRecord
    plays: int
    passed: bool


@dataclass(frozen=True)
class ChoiceLine:
    text: str  # "" for a timer
    index: int  # file position of the choice, or TIMER_INDEX
    players: int


@dataclass(frozen=True)
class DecisionLine:
    """A decision node and how many players took each of its choices."""

    node: str
    speaker: str
    text: str
    choices: tuple[ChoiceLine, ...]


@dataclass(frozen=True)
class WrongTurn:
    """The choice most players took that was not the best one at that point."""

    node: str
    speaker: str
    node_text: str
    taken_text: str
    players: int
    feedback: str | None
    best_text: str
    best_feedback: str | None


@dataclass(frozen=True)
class MissedLine:
    """The better choice most players never saw, and the earlier choice that shows it."""

    node: str
    text: str
    feedback: str | None
    players: int
    unlock_node: str
    unlock_text: str


@dataclass
class TeamReport:
    scenario: Scenario
    session: str | None
    pass_percent: float
    generated_at: datetime
    players: list[PlayerLine] = field(default_factory=list)
    plays: int = 0
    # Mean percent per competency over the players' best plays; None where not assessed.
    means: tuple[float | None, float | None, float | None] = (None, None, None)
    mean_overall: float | None = None
    weakest: str | None = None  # the competency with the lowest mean
    decisions: list[DecisionLine] = field(default_factory=list)
    traffic: dict[tuple[str, int], int] = field(default_factory=dict)
    wrong_turn: WrongTurn | None = None
    missed: MissedLine | None = None
    unmatched_plays: int = 0  # plays whose choices no longer fit the scenario

    @property
    def not_passed(self) -> list[PlayerLine]:
        return [p for p in self.players if not p.passed]


def _scored(record: ResultRecord) -> tuple[float | None, float]:
    return (record.overall, record.seconds)


def _speaker(scenario: Scenario, speaker: str) -> str:
    if speaker == NARRATOR:
        return "Narrator"
    return scenario.speaker_name(speaker) or speaker


def build_report(
    scenario: Scenario,
    analysis: Analysis,
    records: Sequence[ResultRecord],
    *,
    pass_percent: float = DEFAULT_PASS_PERCENT,
    session: str | None = None,
    generated_at: datetime,
) -> TeamReport:
    """Everything the page shows, computed from the recorded plays of one scenario."""
    report = TeamReport(scenario, session, pass_percent, generated_at, plays=len(records))
    by_player: dict[str, list[ResultRecord]] = {}
    for record in records:
        by_player.setdefault(record.player, []).append(record)
    for player, plays in by_player.items():
        best = best_of(plays, _scored)
        report.players.append(
            PlayerLine(player, best, len(plays), passes(best.overall, pass_percent))
        )
    report.players.sort(key=lambda line: rank_key(*_scored(line.best), line.player))

    bests = [line.best for line in report.players]
    means: list[float | None] = []
    for position in range(len(COMPETENCIES)):
        values = [b.percent[position] for b in bests if b.percent[position] is not None]
        means.append(round(mean(v for v in values if v is not None), 1) if values else None)
    report.means = (means[0], means[1], means[2])
    overalls = [b.overall for b in bests if b.overall is not None]
    report.mean_overall = round(mean(overalls), 1) if overalls else None
    assessed = [(m, name) for m, name in zip(means, COMPETENCIES, strict=True) if m is not None]
    report.weakest = min(assessed)[1] if assessed else None

    # Who took what: each player counts once per choice, however often they played.
    takers: dict[tuple[str, int], set[str]] = {}
    wrong: dict[tuple[str, int], set[str]] = {}
    wrong_detail: dict[tuple[str, int], tuple[float, str, str | None, str, str | None]] = {}
    missed: dict[tuple[str, int], set[str]] = {}
    missed_detail: dict[tuple[str, int], MissedOpportunity] = {}
    for record in records:
        try:
            playthrough = play_decisions(scenario, record.decisions)
        except PlayError:
            report.unmatched_plays += 1
            continue
        steps = playthrough.history
        if analysis.ranges is not None:
            for chance in missed_opportunities(scenario, analysis.ranges, record.decisions):
                missed.setdefault((chance.node, chance.index), set()).add(record.player)
                missed_detail[(chance.node, chance.index)] = chance
        for step in steps:
            takers.setdefault((step.node, step.index), set()).add(record.player)
        for step, item in zip(steps, review(scenario, analysis, record.decisions), strict=False):
            if item.was_best:
                continue
            key = (step.node, step.index)
            wrong.setdefault(key, set()).add(record.player)
            loss = (item.best_outlook or 0.0) - (item.taken_outlook or 0.0)
            best_text = "(let the timer run out)" if item.best == TIMER else item.best_text
            wrong_detail[key] = (loss, best_text, item.best_feedback, step.text, item.feedback)
    report.traffic = {key: len(players) for key, players in takers.items()}

    reachable = set(analysis.reachable_nodes)
    for node in scenario.nodes.values():
        if not node.choices or node.id not in reachable:
            continue
        choices = [
            ChoiceLine(choice.text, index, report.traffic.get((node.id, index), 0))
            for index, choice in enumerate(node.choices)
        ]
        if node.timer is not None:
            choices.append(
                ChoiceLine("", TIMER_INDEX, report.traffic.get((node.id, TIMER_INDEX), 0))
            )
        report.decisions.append(
            DecisionLine(node.id, _speaker(scenario, node.speaker), node.text, tuple(choices))
        )

    if wrong:
        order = list(scenario.nodes)
        key = max(
            wrong,
            key=lambda k: (len(wrong[k]), wrong_detail[k][0], -order.index(k[0]), -k[1]),
        )
        node = scenario.nodes[key[0]]
        _, best_text, best_feedback, taken_text, feedback = wrong_detail[key]
        report.wrong_turn = WrongTurn(
            node=node.id,
            speaker=_speaker(scenario, node.speaker),
            node_text=node.text,
            taken_text=taken_text or "(let the timer run out)",
            players=len(wrong[key]),
            feedback=feedback,
            best_text=best_text,
            best_feedback=best_feedback,
        )
    if missed:
        order = list(scenario.nodes)
        key = max(missed, key=lambda k: (len(missed[k]), -order.index(k[0]), -k[1]))
        chance = missed_detail[key]
        unlock = chance.unlocks[0]
        report.missed = MissedLine(
            node=chance.node,
            text=chance.text,
            feedback=chance.feedback,
            players=len(missed[key]),
            unlock_node=unlock.node,
            unlock_text=unlock.text,
        )
    return report


# -- charts ------------------------------------------------------------------------
def _svg_of(figure: Figure, salt: str) -> str:
    """A matplotlib figure as inline SVG: text kept as text, stable ids, no XML prolog."""
    import matplotlib

    buffer = io.StringIO()
    with (
        matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": salt}),
        warnings.catch_warnings(record=True) as caught,
    ):
        warnings.simplefilter("always")
        figure.savefig(buffer, format="svg", metadata={"Date": None}, bbox_inches="tight")
    for warning in caught:
        # Text stays text: the browser draws it, emoji with the font the page embeds;
        # matplotlib only measures it here and has no colour-bitmap fonts. Any other
        # letter it lacks is a font missing from the charts, and said so.
        missing = _MISSING_GLYPH.match(str(warning.message))
        if missing is None or not _emoji(int(missing.group(1))):
            warnings.warn_explicit(
                warning.message, warning.category, warning.filename, warning.lineno
            )
    return _inline_svg(buffer.getvalue(), label=salt)


_MISSING_GLYPH = re.compile(r"Glyph (\d+) .*missing from font")


def _emoji(code: int) -> bool:
    """True when the page draws the character with the bundled colour emoji font."""
    emoji = next((f for f in FALLBACKS if f.bitmap), None)
    return emoji is not None and _coverage().has(emoji.file, code)


@functools.cache
def _coverage() -> Coverage:
    return Coverage.load()


def _inline_svg(svg: str, *, label: str) -> str:
    """Drop the XML prolog and fixed size so the SVG scales to its column."""
    start = svg.find("<svg")
    svg = svg[start:] if start >= 0 else svg
    opening_end = svg.find(">")
    opening = svg[:opening_end]
    opening = re.sub(r'\s(width|height)="[^"]*"', "", opening)
    return (
        opening
        + f' role="img" aria-label="{html.escape(label)}" preserveAspectRatio="xMidYMin meet"'
        + svg[opening_end:]
    )


@functools.cache
def _chart_fallbacks() -> tuple[str, ...]:
    """The bundled outline fallback fonts, made known to matplotlib, by family name: chart
    labels in other scripts are measured with the fonts that have their letters."""
    from matplotlib import font_manager

    names = []
    for fallback in FALLBACKS:
        path = FONTS_DIR / fallback.file
        if fallback.bitmap or not path.is_file():
            continue
        font_manager.fontManager.addfont(str(path))
        names.append(font_manager.FontProperties(fname=str(path)).get_name())
    return tuple(names)


def _style() -> Any:
    # Typed loosely: matplotlib types rc keys as one long Literal.
    return {
        # Named one by one: matplotlib falls back glyph by glyph only along font.family
        # (a generic family such as sans-serif resolves to one font).
        "font.family": ["DejaVu Sans", *_chart_fallbacks(), "sans-serif"],
        "font.sans-serif": ["DejaVu Sans", "Arial", "Helvetica"],
        "font.size": 10,
        "text.parse_math": False,  # player names may hold `$`: never mathtext
        "axes.edgecolor": GRID,
        "axes.labelcolor": MUTED,
        "xtick.color": MUTED,
        "ytick.color": INK,
        "text.color": INK,
    }


def overall_chart(report: TeamReport) -> str:
    """Each player's best overall as a bar, with the pass mark as a line."""
    import matplotlib
    from matplotlib.figure import Figure

    lines = [p for p in report.players if p.best.overall is not None]
    with matplotlib.rc_context(_style()):
        height = 0.9 + BAR_HEIGHT_IN * max(len(lines), 1)
        figure = Figure(figsize=(CHART_WIDTH_IN, height))
        axes = figure.add_subplot()
        names = [p.player for p in lines][::-1]
        values = [p.best.overall or 0.0 for p in lines][::-1]
        colours = [PASS if p.passed else FAIL for p in lines][::-1]
        bars = axes.barh(range(len(names)), values, color=colours, height=0.62)
        axes.set_yticks(range(len(names)), labels=[shorten(n, 28) for n in names])
        axes.bar_label(bars, labels=[f"{v:.0f}%" for v in values], padding=3, fontsize=9)
        axes.axvline(report.pass_percent, color=INK, linestyle="--", linewidth=1)
        axes.text(
            report.pass_percent,
            len(names) - 0.4,
            f" pass {report.pass_percent:g}%",
            fontsize=8,
            color=INK,
            va="bottom",
        )
        axes.set_xlim(0, 108)
        axes.set_xlabel("Best overall, percent")
        _tidy(axes)
        return _svg_of(figure, "overall-chart")


def competency_chart(report: TeamReport) -> str:
    """The team's mean percent per competency; the weakest in amber."""
    import matplotlib
    from matplotlib.figure import Figure

    pairs = [(name, m) for name, m in zip(COMPETENCIES, report.means, strict=True) if m is not None]
    with matplotlib.rc_context(_style()):
        figure = Figure(figsize=(CHART_WIDTH_IN, 0.9 + 0.5 * max(len(pairs), 1)))
        axes = figure.add_subplot()
        names = [name.capitalize() for name, _ in pairs][::-1]
        values = [m or 0.0 for _, m in pairs][::-1]
        colours = [WARN if name == report.weakest else ACCENT for name, _ in pairs][::-1]
        bars = axes.barh(range(len(names)), values, color=colours, height=0.58)
        axes.set_yticks(range(len(names)), labels=names)
        axes.bar_label(bars, labels=[f"{v:.1f}%" for v in values], padding=3, fontsize=9)
        axes.set_xlim(0, 108)
        axes.set_xlabel("Team mean of best plays, percent")
        _tidy(axes)
        return _svg_of(figure, "competency-chart")


def _tidy(axes: Axes) -> None:
    for side in ("top", "right", "left"):
        axes.spines[side].set_visible(False)
    axes.tick_params(axis="y", length=0)
    axes.grid(axis="x", color=GRID, linewidth=0.8)
    axes.set_axisbelow(True)


def choice_map(
    report: TeamReport, analysis: Analysis, *, time_limit_s: float | None = None
) -> tuple[str | None, str]:
    """The scenario graph, each edge labelled with its players, as inline SVG, and a sentence
    for the page: what the map shows, or why it was left out (then the SVG is None).

    Graphviz gets `time_limit_s` seconds, by default TIME_LIMIT_S.
    """
    if time_limit_s is None:
        time_limit_s = TIME_LIMIT_S
    scenario = report.scenario
    dot = scenario_dot(scenario, analysis, traffic=report.traffic, title="")
    try:
        svg = render(dot, "svg", time_limit_s=time_limit_s).decode("utf-8")
    except GraphvizMissing:
        return (
            None,
            "How many players took each choice. (Install Graphviz to see this as a diagram.)",
        )
    except RenderTimeout:
        return None, (
            f"The choice map was left out: Graphviz did not finish drawing the "
            f"{len(scenario.nodes):,} nodes within {time_limit_s:g} s. The table below has the "
            "same counts."
        )
    except RenderError as error:
        return None, f"The choice map was left out: {error}. The table below has the same counts."
    note = (
        "Every arrow says how many players took it; thicker arrows were taken by more players, "
        "grey ones by nobody."
    )
    if is_overview(scenario):
        note = (
            f"With {len(scenario.nodes):,} nodes (more than {DETAILED_MAX_NODES}) the map is an "
            "overview: thicker arrows were taken by more players, grey ones by nobody, and the "
            "counts are in the table below."
        )
    return _inline_svg(svg, label="Choice map"), note


# -- the page ----------------------------------------------------------------------
def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _percent(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}%"


def _when(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M")


def _duration(seconds: float) -> str:
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes} min {rest:02d} s" if minutes else f"{rest} s"


def render_html(
    report: TeamReport,
    analysis: Analysis,
    *,
    with_graph: bool = True,
    left_out: list[str] | None = None,
) -> str:
    """The whole page. `with_graph=False` shows the choice table instead of the diagram.

    When the diagram was wanted but could not be drawn, the page says why and
    so does a sentence added to `left_out`, for the front end to show.
    """
    from game.trainer.webfonts import embedded_fonts, font_stack

    scenario = report.scenario
    title = f"Team report: {scenario.title}"
    body = [_header(report)]
    if not report.players:
        body.append(_empty(report))
    else:
        body += [
            _cards(report),
            _scores(report),
            _not_passed(report),
            _wrong_turn(report),
            _missed(report),
            _choices(report, analysis, with_graph=with_graph, left_out=left_out),
        ]
    body.append(_footer(report))
    # Names and scenario text in any script: the fallback fonts the page needs, embedded.
    fonts = embedded_fonts(title + html.unescape(re.sub(r"<[^>]*>", " ", "".join(body))))
    stack = font_stack(fonts)
    faces = "".join(font.rule() for font in fonts)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        # Nothing on this page may load from elsewhere, not even by accident.
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; img-src data:; font-src data:\">",
        f"<title>{_e(title)}</title>",
        f"<style>{faces}{_CSS}body, svg text {{ font-family: {stack} !important; }}</style>",
        "</head>",
        "<body>",
        "<main>",
        *body,
        "</main>",
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"


def _header(report: TeamReport) -> str:
    scenario = report.scenario
    eyebrow = "Team report" + (f" · session {_e(report.session)}" if report.session else "")
    summary = f'<p class="summary">{_e(scenario.summary)}</p>' if scenario.summary else ""
    return (
        "<header>"
        f'<p class="eyebrow">{eyebrow}</p>'
        f"<h1>{_e(scenario.title)}</h1>"
        f"{summary}"
        f'<p class="meta">Scenario <code>{_e(scenario.id)}</code> · pass mark '
        f"{report.pass_percent:g}% overall · made {_e(_when(report.generated_at))}</p>"
        "</header>"
    )


def _empty(report: TeamReport) -> str:
    where = f" in session {_e(report.session)}" if report.session else ""
    return (
        '<section class="empty">'
        f"<h2>No results yet{where}</h2>"
        f"<p>Nobody has played <strong>{_e(report.scenario.title)}</strong>{where} so far. "
        "Results appear here once players finish the scenario in the game window or with "
        f"<code>rapport play {_e(report.scenario.id)} --player NAME</code>; then make the "
        "report again.</p>"
        "</section>"
    )


def _cards(report: TeamReport) -> str:
    count = len(report.players)
    passed = count - len(report.not_passed)
    weakest = report.weakest
    weakest_value = (
        _percent(report.means[COMPETENCIES.index(weakest)]) if weakest is not None else "–"
    )
    cards = [
        ("Players", str(count), f"{report.plays} play{'s' if report.plays != 1 else ''}"),
        ("Team average", _percent(report.mean_overall), "best overall per player"),
        ("Passed", f"{passed} of {count}", f"at {report.pass_percent:g}% or more"),
        (
            "Weakest competency",
            weakest.capitalize() if weakest else "–",
            f"team mean {weakest_value}" if weakest else "no competency assessed",
        ),
    ]
    items = "".join(
        f'<div class="card"><p class="label">{_e(label)}</p><p class="value">{_e(value)}</p>'
        f'<p class="note">{_e(note)}</p></div>'
        for label, value, note in cards
    )
    return f'<section class="cards" aria-label="Summary">{items}</section>'


def _scores(report: TeamReport) -> str:
    rows = []
    for rank, line in enumerate(report.players, start=1):
        best = line.best
        status = (
            '<span class="badge pass">passed</span>'
            if line.passed
            else '<span class="badge fail">not yet</span>'
        )
        cells = "".join(f'<td class="num">{_percent(p)}</td>' for p in best.percent)
        rows.append(
            f'<tr><td class="num">{rank}</td><td>{_e(line.player)}</td>'
            f'<td class="num strong">{_percent(best.overall)}</td>{cells}'
            f"<td>{_e(_ending_title(report.scenario, best.ending))}"
            f' <span class="outcome {_e(best.outcome)}">{_e(best.outcome)}</span></td>'
            f'<td class="num">{_duration(best.seconds)}</td><td class="num">{line.plays}</td>'
            f"<td>{status}</td></tr>"
        )
    means = "".join(f'<td class="num">{_percent(m)}</td>' for m in report.means)
    return (
        "<section>"
        "<h2>Scores</h2>"
        '<div class="charts">'
        f"<figure><figcaption>Best overall per player</figcaption>{overall_chart(report)}</figure>"
        f"<figure><figcaption>Team mean per competency</figcaption>{competency_chart(report)}"
        "</figure>"
        "</div>"
        '<div class="table-wrap"><table>'
        "<thead><tr><th>#</th><th>Player</th><th>Overall</th><th>Empathy</th>"
        "<th>Anticipation</th><th>Upsell</th><th>Ending</th><th>Time</th><th>Plays</th>"
        "<th>Status</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody>"
        f'<tfoot><tr><td></td><td>Team mean</td><td class="num strong">'
        f'{_percent(report.mean_overall)}</td>{means}<td colspan="4"></td></tr></tfoot>'
        "</table></div>"
        '<p class="hint">Each player\'s best play counts: the highest overall, '
        "then the quicker one.</p>"
        "</section>"
    )


def _ending_title(scenario: Scenario, ending: str) -> str:
    node = scenario.nodes.get(ending)
    return node.ending.title if node is not None and node.ending is not None else ending


def _not_passed(report: TeamReport) -> str:
    missing = report.not_passed
    if not missing:
        return (
            '<section><h2>Not passed yet</h2><p class="good">Everyone passed: every player '
            f"reached {report.pass_percent:g}% overall at least once.</p></section>"
        )
    items = "".join(
        f"<li><strong>{_e(line.player)}</strong> best {_percent(line.best.overall)}"
        f" after {line.plays} play{'s' if line.plays != 1 else ''}</li>"
        for line in missing
    )
    return (
        "<section><h2>Not passed yet</h2>"
        f"<p>{len(missing)} of {len(report.players)} players are below "
        f"{report.pass_percent:g}% overall:</p>"
        f'<ul class="names">{items}</ul></section>'
    )


def _wrong_turn(report: TeamReport) -> str:
    turn = report.wrong_turn
    if turn is None:
        return (
            '<section><h2>The most common wrong turn</h2><p class="good">None: every recorded '
            "decision was the best one at its point.</p></section>"
        )
    feedback = f'<p class="coach">Coach: {_e(turn.feedback)}</p>' if turn.feedback else ""
    better_feedback = f'<p class="coach">{_e(turn.best_feedback)}</p>' if turn.best_feedback else ""
    people = f"{turn.players} player{'s' if turn.players != 1 else ''}"
    return (
        "<section><h2>The most common wrong turn</h2>"
        '<div class="turn">'
        f'<p class="where">At <code>{_e(turn.node)}</code> · {_e(turn.speaker)}: '
        f"“{_e(shorten(turn.node_text, 160))}”</p>"
        '<div class="columns">'
        f'<div class="taken"><p class="label">{_e(people)} chose</p>'
        f'<p class="quote">{_e(turn.taken_text)}</p>{feedback}</div>'
        f'<div class="better"><p class="label">Better</p>'
        f'<p class="quote">{_e(turn.best_text)}</p>{better_feedback}</div>'
        "</div></div></section>"
    )


def _missed(report: TeamReport) -> str:
    item = report.missed
    if item is None:
        return (
            '<section><h2>The most missed opportunity</h2><p class="good">None: no player '
            "missed a cue that would have opened a better choice.</p></section>"
        )
    feedback = f'<p class="coach">{_e(item.feedback)}</p>' if item.feedback else ""
    people = f"{item.players} player{'s' if item.players != 1 else ''}"
    return (
        "<section><h2>The most missed opportunity</h2>"
        '<div class="turn">'
        f'<p class="where">{_e(people)} never saw this choice at <code>{_e(item.node)}</code>, '
        "because an earlier cue went unanswered.</p>"
        '<div class="columns">'
        f'<div class="cue"><p class="label">The cue, at <code>{_e(item.unlock_node)}</code></p>'
        f'<p class="quote">{_e(item.unlock_text)}</p></div>'
        f'<div class="better"><p class="label">What it would have opened</p>'
        f'<p class="quote">{_e(item.text)}</p>{feedback}</div>'
        "</div></div></section>"
    )


def _choices(
    report: TeamReport, analysis: Analysis, *, with_graph: bool, left_out: list[str] | None
) -> str:
    if with_graph:
        diagram, note = choice_map(report, analysis)
        if diagram is None and left_out is not None:
            left_out.append(note)
    else:
        diagram, note = None, "How many players took each choice."
    table = _choice_table(report)
    unmatched = ""
    if report.unmatched_plays:
        count = report.unmatched_plays
        unmatched = (
            f'<p class="hint">{count} play{"s were" if count != 1 else " was"} recorded on an '
            "earlier version of the scenario whose choices no longer fit; they count in the "
            "scores above but not here.</p>"
        )
    if diagram is None:
        return (
            "<section><h2>Choices, node by node</h2>"
            f'<p class="hint">{_e(note)}</p>'
            f"{unmatched}{table}</section>"
        )
    return (
        "<section><h2>Choices, node by node</h2>"
        f'<p class="hint">{_e(note)}</p>'
        f"{unmatched}"
        f'<div class="diagram">{diagram}</div>'
        f"<details><summary>The same as a table</summary>{table}</details>"
        "</section>"
    )


def _choice_table(report: TeamReport) -> str:
    blocks = []
    for line in report.decisions:
        busiest = max((c.players for c in line.choices), default=0)
        rows = "".join(
            "<tr>"
            f"<td>{_e(c.text) if c.index != TIMER_INDEX else '<em>let the timer run out</em>'}</td>"
            f'<td class="num">{c.players}</td>'
            f'<td class="bar-cell"><span class="bar" style="width:'
            f'{(100 * c.players / busiest) if busiest else 0:.0f}%"></span></td>'
            "</tr>"
            for c in line.choices
        )
        blocks.append(
            '<table class="choices">'
            f"<caption><code>{_e(line.node)}</code> · {_e(line.speaker)}: "
            f"“{_e(shorten(line.text, 110))}”</caption>"
            "<thead><tr><th>Choice</th><th>Players</th><th></th></tr></thead>"
            f"<tbody>{rows}</tbody></table>"
        )
    return "".join(blocks)


def _footer(report: TeamReport) -> str:
    source = report.scenario.source
    lesson = ""
    if source is not None:
        lesson = f"<p><strong>Lesson.</strong> {_e(source.lesson)}</p>" if source.lesson else ""
        lesson += f'<p class="meta">From: {_e(source.title)}</p>'
    return f'<footer>{lesson}<p class="meta">Made with Rapport.</p></footer>'


_CSS = """
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; background: #f4f6f8; color: #1f2a33; font: 15px/1.5 system-ui,
  -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 1120px; margin: 0 auto; padding: 32px 28px 48px; }
header { background: #1f2a33; color: #fff; border-radius: 14px; padding: 26px 30px; }
header h1 { margin: 2px 0 6px; font-size: 30px; line-height: 1.2; }
header .summary { margin: 0 0 8px; color: #dde3e8; max-width: 70ch; }
header .meta { color: #aab6c0; }
header code { color: #fff; }
.eyebrow { margin: 0; text-transform: uppercase; letter-spacing: .08em; font-size: 12px;
  color: #90caf9; font-weight: 600; }
.meta { margin: 0; font-size: 13px; color: #5f6b76; }
h2 { font-size: 19px; margin: 0 0 12px; }
section { background: #fff; border-radius: 14px; padding: 22px 26px; margin-top: 18px;
  box-shadow: 0 1px 2px rgba(16, 24, 32, .06); }
section.cards { display: grid; grid-template-columns: repeat(4, 1fr); gap: 14px;
  background: none; padding: 0; box-shadow: none; }
.card { background: #fff; border-radius: 14px; padding: 16px 18px;
  box-shadow: 0 1px 2px rgba(16, 24, 32, .06); }
.card .label, .turn .label { margin: 0; font-size: 12px; text-transform: uppercase;
  letter-spacing: .06em; color: #5f6b76; font-weight: 600; }
.card .value { margin: 4px 0 0; font-size: 28px; font-weight: 700; }
.card .note { margin: 0; font-size: 13px; color: #5f6b76; }
.charts { display: grid; grid-template-columns: 1fr 1fr; gap: 18px; margin-bottom: 14px; }
figure { margin: 0; }
figcaption { font-size: 13px; font-weight: 600; color: #5f6b76; margin-bottom: 4px; }
figure svg { width: 100%; height: auto; display: block; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
th { text-align: left; font-size: 12px; text-transform: uppercase; letter-spacing: .05em;
  color: #5f6b76; border-bottom: 2px solid #e3e7eb; padding: 8px 10px; }
td { border-bottom: 1px solid #eef1f4; padding: 8px 10px; vertical-align: top; }
tfoot td { border-bottom: none; border-top: 2px solid #e3e7eb; font-weight: 600;
  white-space: nowrap; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.strong { font-weight: 700; }
.badge { display: inline-block; white-space: nowrap; padding: 1px 9px; border-radius: 999px;
  font-size: 12px; font-weight: 600; }
.badge.pass { background: #e3f2e4; color: #2e7d32; }
.badge.fail { background: #fbe4e2; color: #c62828; }
.outcome { font-size: 12px; color: #5f6b76; }
.outcome.success { color: #2e7d32; } .outcome.partial { color: #b26a00; }
.outcome.failure { color: #c62828; }
.hint { font-size: 13px; color: #5f6b76; margin: 8px 0 0; }
.good { color: #2e7d32; font-weight: 600; }
ul.names { columns: 2; margin: 6px 0 0; padding-left: 20px; }
.turn .where { margin: 0 0 12px; color: #37474f; }
.turn .columns { display: grid; grid-template-columns: 1fr 1fr; gap: 14px; }
.turn .taken, .turn .better, .turn .cue { border-radius: 10px; padding: 12px 16px; }
.turn .cue { background: #eef3fb; border-left: 4px solid #1565c0; }
.turn .taken { background: #fdf0ee; border-left: 4px solid #c62828; }
.turn .better { background: #edf6ee; border-left: 4px solid #2e7d32; }
.turn .quote { margin: 4px 0; font-size: 16px; font-weight: 600; }
.coach { margin: 4px 0 0; font-size: 14px; color: #37474f; }
.diagram { overflow-x: auto; border: 1px solid #eef1f4; border-radius: 10px; padding: 10px;
  margin-top: 10px; }
.diagram svg { display: block; margin: 0 auto; max-width: 100%; height: auto; }
details { margin-top: 12px; }
summary { cursor: pointer; color: #1565c0; font-weight: 600; }
table.choices { margin-top: 14px; }
table.choices caption { text-align: left; font-size: 14px; padding-bottom: 4px; color: #37474f; }
.bar-cell { width: 30%; }
.bar { display: block; height: 10px; border-radius: 5px; background: #1565c0; min-width: 2px; }
.empty { text-align: center; padding: 48px 26px; }
.empty p { max-width: 60ch; margin: 0 auto; color: #37474f; }
.empty code { white-space: nowrap; }
footer { margin-top: 18px; padding: 0 6px; color: #37474f; }
code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: .92em; }
@media (max-width: 800px) {
  section.cards, .charts, .turn .columns { grid-template-columns: 1fr 1fr; } }
@media print { body { background: #fff; }
  section, .card { box-shadow: none; border: 1px solid #e3e7eb; }
  header { color: #1f2a33; background: #fff; border: 1px solid #e3e7eb; } }
"""
