"""The debrief's scores panel: the overall with pass or grade on the left, each competency's bar
on the right, and every number said in words a new hire understands.

Measuring (`scores_height`) and drawing (`draw_scores`) share one layout, so the
panel is as tall as what it draws at every text size.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.core.model import COMPETENCIES
from game.core.progress import Verdict
from game.core.scoring import Result
from game.ui.canvas import Box, Canvas
from game.ui.drawing import bar, chip
from game.ui.text import TextBlock
from game.ui.theme import COMPETENCY_LABELS, PAD, RADIUS, competency_colour, mix

HOW_TO_READ = (
    "Each bar puts your points between the least anyone can score in this scenario (0%) and "
    "the most anyone can (100%). The overall is the average of the bars."
)
BAR_H = 14.0  # logical pixels: a competency's bar
ROW_GAP = 16.0  # logical pixels between two competencies


def signed(value: int) -> str:
    return f"+{value}" if value > 0 else (f"−{-value}" if value < 0 else "0")


def points(value: int) -> str:
    return f"{signed(value)} point{'' if abs(value) == 1 else 's'}"


def competency_line(result: Result, index: int) -> str:
    """What a competency's percent means here, e.g. "+2 points; this scenario gives from −9
    (0%) to +8 (100%)"."""
    if result.percent[index] is None:
        return "Every path scores the same here, so it does not count."
    span = result.ranges[index]
    raw = result.scores[index]
    if raw == span.max:
        return f"{points(raw)}: the most anyone can score here."
    if raw == span.min:
        return f"{points(raw)}: the least anyone can score here (from {signed(span.max)} at best)."
    return (
        f"{points(raw)}; this scenario gives from {signed(span.min)} (0%) "
        f"to {signed(span.max)} (100%)."
    )


@dataclass(frozen=True)
class ScoresLayout:
    left_w: float
    intro: TextBlock
    details: tuple[TextBlock, ...]
    height: float


def scores_layout(canvas: Canvas, width: float, result: Result, extras: int) -> ScoresLayout:
    """Where everything in the panel goes, for a panel `width` wide with `extras` short lines
    under the pass or grade."""
    inner = width - 2 * PAD
    left_w = 300.0 * max(1.0, canvas.text_scale * 0.9)
    bars_w = width - left_w - 2 * PAD
    intro = canvas.wrap(HOW_TO_READ, "caption", inner)
    details = tuple(
        canvas.wrap(competency_line(result, i), "caption", bars_w) for i in range(len(COMPETENCIES))
    )
    rows = sum(canvas.line_height("label") + 8 + BAR_H + 4 + block.height for block in details)
    rows += ROW_GAP * (len(details) - 1)
    left = (
        canvas.line_height("label")
        + 4
        + canvas.line_height("display")
        + 12
        + canvas.line_height("label")
        + 18
        + canvas.line_height("caption")
    )
    left += (6 + canvas.line_height("label")) * extras
    height = PAD + intro.height + 14 + max(rows, left) + PAD
    return ScoresLayout(left_w, intro, details, height)


def extra_lines(untimed: bool, unlocked: str) -> list[str]:
    """The short lines under the pass or grade: what it unlocked, and an untimed play."""
    lines = [unlocked] if unlocked else []
    if untimed:
        lines.append("Played untimed")
    return lines


def scores_height(
    canvas: Canvas, width: float, result: Result, untimed: bool, unlocked: str
) -> float:
    return scores_layout(canvas, width, result, len(extra_lines(untimed, unlocked))).height


def draw_scores(
    canvas: Canvas,
    box: Box,
    verdict: Verdict,
    result: Result,
    untimed: bool,
    unlocked: str,
) -> None:
    """The panel in `box` (as tall as `scores_height` said)."""
    p = canvas.palette
    x, y, w, _h = box
    extras = extra_lines(untimed, unlocked)
    layout = scores_layout(canvas, w, result, len(extras))
    canvas.panel(box, p.panel, RADIUS, shadow=p.shadow_alpha)
    canvas.block(layout.intro, (x + PAD, y + PAD), p.ink_muted)
    top = y + PAD + layout.intro.height + 14
    # The overall, left.
    left_w = layout.left_w
    cy = top
    canvas.text("Overall", "label", (x + PAD, cy), p.ink_muted)
    cy += canvas.line_height("label") + 4
    overall = result.overall
    shown = f"{overall:g}%" if overall is not None else "—"
    canvas.text(shown, "display", (x + PAD - 4, cy), p.ink)
    cy += canvas.line_height("display") + 12
    module = verdict.module
    if module is not None:
        label, colour = ("Passed", p.success) if verdict.passed else ("Not passed yet", p.failure)
        chip(canvas, (x + PAD, cy), label, colour)
        cy += canvas.line_height("label") + 18
        note = f"{verdict.grade} · {module.pass_percent:g}% passes"
    else:
        chip(canvas, (x + PAD, cy), verdict.grade, mix(p.nametag, p.accent, 0.2))
        cy += canvas.line_height("label") + 18
        note = "A grade for practice outside a module"
    canvas.text(canvas.fit(note, "caption", left_w - PAD), "caption", (x + PAD, cy), p.ink_muted)
    cy += canvas.line_height("caption")
    for line in extras:
        cy += 6
        colour = p.success if line == unlocked else p.ink
        canvas.text(canvas.fit(line, "label", left_w - PAD), "label", (x + PAD, cy), colour)
        cy += canvas.line_height("label")
    # The competencies, right.
    bx = x + left_w + PAD
    bw = w - left_w - 2 * PAD
    ry = top
    for index, competency in enumerate(COMPETENCIES):
        percent = result.percent[index]
        colour = competency_colour(p, competency)
        canvas.text(COMPETENCY_LABELS[competency], "label", (bx, ry), p.ink)
        value = f"{percent:g}%" if percent is not None else "not assessed"
        canvas.text(
            value,
            "label",
            (bx + bw, ry),
            colour if percent is not None else p.ink_muted,
            "topright",
        )
        by = ry + canvas.line_height("label") + 8
        bar(canvas, (bx, by, bw, BAR_H), (percent or 0.0) / 100.0, colour)
        detail = layout.details[index]
        canvas.block(detail, (bx, by + BAR_H + 4), p.ink_muted)
        ry = by + BAR_H + 4 + detail.height + ROW_GAP
