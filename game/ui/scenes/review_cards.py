"""The debrief's decision cards: each decision the player took beside the best one at that
point (game.core.review), with what was said before it, what each earned, the coach's comments
and the outlook; and the cards of missed opportunities (game.core.opportunities).
"""

from __future__ import annotations

from game.core.engine import TIMER
from game.core.model import Scenario
from game.core.opportunities import MissedOpportunity
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


def context_text(scenario: Scenario, item: Review) -> str:
    """What was said just before the decision, in full: "Dana: Great, which one is …"."""
    node = scenario.nodes[item.node]
    who = scenario.speaker_name(node.speaker)
    text = " ".join(node.text.split())
    return f"{who}: {text}" if who else text


def review_height(canvas: Canvas, scenario: Scenario, item: Review, inner: float) -> float:
    """The height `draw_review` will use for `item` at text width `inner`."""
    height = PAD + canvas.wrap(context_text(scenario, item), "caption", inner).height + 8
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
    """What each choice left possible, in words: the best overall a player could still reach
    after it by choosing well from then on."""
    if item.best_outlook is None:
        return ""
    best = f"After the better choice, the best overall still possible was {item.best_outlook:g}%"
    if item.taken_outlook is None:
        return best + "."
    rest = (
        f"after yours, even perfect choices from then on could reach only {item.taken_outlook:g}%"
    )
    return f"{best}; {rest}."


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
    cy = y + PAD
    context = canvas.wrap(context_text(scenario, item), "caption", inner)
    canvas.block(context, (left, cy), p.ink_muted)
    cy += context.height + 8
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


# -- missed opportunities --------------------------------------------------------------------------
def missed_title(item: MissedOpportunity) -> str:
    return f"A better choice you never saw at decision {item.decision}"


def missed_height(canvas: Canvas, item: MissedOpportunity, inner: float) -> float:
    """The height `draw_missed` will use for `item` at text width `inner`."""
    height = PAD + canvas.line_height("label") + 4
    height += canvas.wrap(item.sentence, "small", inner).height
    height += 8 + chips_height(canvas, item.scores, inner)
    if item.feedback:
        height += 8 + canvas.wrap(item.feedback, "small_italic", inner).height
    return height + PAD


def draw_missed(canvas: Canvas, box: Box, item: MissedOpportunity) -> None:
    """A better choice the player never saw, and the earlier choice that would have shown it."""
    p = canvas.palette
    x, y, w, _h = box
    canvas.panel(box, p.panel, RADIUS, shadow=p.shadow_alpha // 2)
    canvas.rect((x, y + 14, 5, box[3] - 28), p.accent, radius=2.5)
    left = x + PAD + indent(canvas)
    inner = w - 2 * PAD - indent(canvas)
    cy = y + PAD
    canvas.text(canvas.fit(missed_title(item), "label", inner), "label", (left, cy), p.accent)
    cy += canvas.line_height("label") + 4
    block = canvas.wrap(item.sentence, "small", inner)
    canvas.block(block, (left, cy), p.ink)
    cy += block.height + 8
    cy += score_chips(canvas, (left, cy), item.scores, inner)
    if item.feedback:
        canvas.block(canvas.wrap(item.feedback, "small_italic", inner), (left, cy + 8), p.ink_muted)
