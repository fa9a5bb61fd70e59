"""The debrief's decision cards: each decision the player took beside the best one at that
point (game.core.review), with what each earned, the coach's comments and the outlook.
"""

from __future__ import annotations

from game.core.engine import TIMER
from game.core.model import Scenario
from game.core.review import Review
from game.ui.canvas import Box, Canvas
from game.ui.drawing import chips_height, score_chips
from game.ui.theme import PAD, RADIUS


def badge_radius(canvas: Canvas) -> float:
    """The radius of the decision's number, grown with the text."""
    return max(16.0, canvas.line_height("label") * 0.62)


def indent(canvas: Canvas) -> float:
    """Where a decision's text starts, right of its number."""
    return max(56.0, 2 * badge_radius(canvas) + 22)


def review_height(canvas: Canvas, item: Review, inner: float) -> float:
    """The height `draw_review` will use for `item` at text width `inner`."""
    height = PAD + canvas.line_height("caption") + 8
    height += canvas.line_height("label") + 4 + canvas.wrap(taken_text(item), "small", inner).height
    height += 8 + chips_height(canvas, item.taken_scores, inner)
    if item.feedback:
        height += 8 + canvas.wrap(item.feedback, "small_italic", inner).height
    if item.was_best:
        height += 12 + canvas.line_height("label")
    else:
        height += (
            18
            + canvas.line_height("label")
            + 4
            + canvas.wrap(item.best_text or "Let the time run out", "small", inner).height
        )
        height += 8 + chips_height(canvas, item.best_scores, inner)
        if item.best_feedback:
            height += 8 + canvas.wrap(item.best_feedback, "small_italic", inner).height
        height += 8 + canvas.wrap(outlook(item), "caption", inner).height
    return height + PAD


def taken_text(item: Review) -> str:
    return "You let the time run out." if item.taken == TIMER else f"“{item.taken_text}”"


def outlook(item: Review) -> str:
    """How much overall the better choice kept within reach, and how much the one taken left."""
    if item.best_outlook is None:
        return ""
    best = f"The better choice kept up to {item.best_outlook:g}% overall within reach"
    if item.taken_outlook is None:
        return best + "."
    return f"{best}; yours left {item.taken_outlook:g}%."


def draw_review(canvas: Canvas, box: Box, item: Review, number: int, scenario: Scenario) -> None:
    """One decision of the player beside the best one at that point, numbered `number`."""
    p = canvas.palette
    x, y, w, _h = box
    canvas.panel(box, p.panel, RADIUS, shadow=p.shadow_alpha // 2)
    radius = badge_radius(canvas)
    centre = (x + PAD + radius - 2, y + PAD + radius - 2)
    canvas.circle(centre, radius, p.success if item.was_best else p.nametag)
    canvas.text(str(number), "label", centre, p.ink_on_dark, "center")
    left = x + PAD + indent(canvas)
    inner = w - 2 * PAD - indent(canvas)
    node = scenario.nodes[item.node]
    who = scenario.speaker_name(node.speaker)
    context = f"{who}: {node.text.strip()}" if who else node.text.strip()
    cy = y + PAD
    canvas.text(canvas.fit(context, "caption", inner), "caption", (left, cy), p.ink_muted)
    cy += canvas.line_height("caption") + 8
    canvas.text("You chose", "label", (left, cy), p.nametag)
    cy += canvas.line_height("label") + 4
    block = canvas.wrap(taken_text(item), "small", inner)
    canvas.block(block, (left, cy), p.ink)
    cy += block.height + 8
    cy += score_chips(canvas, (left, cy), item.taken_scores, inner)
    if item.feedback:
        block = canvas.wrap(item.feedback, "small_italic", inner)
        canvas.block(block, (left, cy + 8), p.ink_muted)
        cy += 8 + block.height
    if item.was_best:
        canvas.text("✓ The best choice at this point", "label", (left, cy + 12), p.success)
        return
    cy += 10
    canvas.rect((left, cy, inner, 1), p.track)
    cy += 8
    canvas.text("Better here", "label", (left, cy), p.accent)
    cy += canvas.line_height("label") + 4
    best_text = f"“{item.best_text}”" if item.best != TIMER else "Let the time run out."
    block = canvas.wrap(best_text, "small", inner)
    canvas.block(block, (left, cy), p.ink)
    cy += block.height + 8
    cy += score_chips(canvas, (left, cy), item.best_scores, inner)
    if item.best_feedback:
        block = canvas.wrap(item.best_feedback, "small_italic", inner)
        canvas.block(block, (left, cy + 8), p.ink_muted)
        cy += 8 + block.height
    reach = outlook(item)
    if reach:
        canvas.block(canvas.wrap(reach, "caption", inner), (left, cy + 8), p.ink_muted)
