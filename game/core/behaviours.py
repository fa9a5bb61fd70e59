"""The one scoring scale: common behaviours and their standard scores.

A choice may name its behaviours in `tags:`; the loader warns where a tagged
choice's scores stray from this table by more than one point (docs/scoring-guide.md
shows the same table, and a test keeps the two equal). Standard library only.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from game.core.model import COMPETENCIES, Scores

ALLOWED_STRAY = 1  # points a tagged choice may differ from the standard, per competency


@dataclass(frozen=True, slots=True)
class Behaviour:
    name: str  # the tag, e.g. `discount-pitch`
    meaning: str  # one line for the scoring guide
    standard: Mapping[str, int]  # competency -> standard score; absent: not fixed


def _b(name: str, meaning: str, **standard: int) -> Behaviour:
    return Behaviour(name, meaning, standard)


# In the order of the scoring guide's table: asking, listening, fixing, selling.
BEHAVIOURS: tuple[Behaviour, ...] = (
    _b(
        "need-question",
        "An open question about what it is for, who it is for or how it will be used.",
        empathy=1,
        anticipation=2,
    ),
    _b(
        "question-wrong-moment",
        "A question at the wrong moment: nosy, idle, or slowing down someone in a hurry.",
        empathy=-1,
        anticipation=-1,
    ),
    _b(
        "face-value",
        "Taking the request at face value when there were cues: efficient, polite, blind.",
        anticipation=-1,
    ),
    _b(
        "act-on-cue",
        "Acting on something the customer said earlier: the option a good question unlocked.",
        anticipation=2,
    ),
    _b(
        "warn-ahead",
        "Warning about tomorrow's problem today, before the customer meets it.",
        anticipation=2,
    ),
    _b("guess-not-check", '"It\'ll be fine": reassurance instead of checking.', anticipation=-2),
    _b(
        "dismiss-known-problem",
        "Playing down or putting off a problem you know about.",
        anticipation=-2,
    ),
    _b(
        "match-mood",
        "Matching the customer's mood: quiet with grief, quick with a hurry, calm with anger.",
        empathy=1,
    ),
    _b("dismiss-feeling", "Brushing a feeling or a worry aside, or joking about it.", empathy=-2),
    _b("talk-about-self", "Turning the talk to yourself or your own taste.", empathy=-1),
    _b("rush-customer", "Hurrying someone who needs a moment.", empathy=-1),
    _b("apology", "A plain, honest apology.", empathy=1),
    _b(
        "apology-with-question",
        "An apology and a question that reopens the conversation.",
        empathy=1,
        anticipation=1,
    ),
    _b("own-mistake", "Owning a mistake and putting it right at once.", empathy=2),
    _b(
        "blame",
        "Blaming someone else: a colleague, the courier, the system, the customer.",
        empathy=-2,
    ),
    _b("hide-behind-rule", "Quoting a rule or a default where you have discretion.", empathy=-2),
    _b("use-discretion", "Using the discretion you have for the customer's sake.", empathy=2),
    _b(
        "find-a-way",
        "Finding a way over, under or around a barrier for the customer.",
        empathy=1,
        anticipation=2,
    ),
    _b("over-promise", "Promising what you cannot be sure of.", anticipation=-2),
    _b(
        "invite-feedback",
        "Asking the customer to tell you how it went, good or bad.",
        empathy=1,
        anticipation=1,
    ),
    _b(
        "right-sized-extra",
        "A small extra that serves the need they told you about, offered when it helps.",
        anticipation=1,
        upsell=2,
    ),
    _b(
        "cheaper-fit",
        "Pointing to a smaller or cheaper answer that fits the need.",
        empathy=1,
        upsell=2,
    ),
    _b(
        "hold-firm",
        "Keeping to honest advice, kindly, when the customer pushes for what does not fit.",
        empathy=1,
        upsell=2,
    ),
    _b(
        "warm-handover",
        "Bringing in a colleague who can help more while the customer is there.",
        upsell=2,
    ),
    _b("irrelevant-extra", "An extra that serves nothing the customer told you.", upsell=-1),
    _b(
        "discount-pitch",
        "A discount, deal or special pushed before the need is known.",
        empathy=-1,
        upsell=-1,
    ),
    _b(
        "protection-add-on",
        "A warranty, insurance or protection package with no need behind it.",
        empathy=-1,
        upsell=-1,
    ),
    _b(
        "wrong-moment-offer",
        "A fair offer at the wrong moment: in a rush, in grief, after a fee.",
        empathy=-1,
        upsell=-1,
    ),
    _b(
        "oversell",
        "A bigger sale that does not fit the need, or giving in to one.",
        empathy=-1,
        upsell=-2,
    ),
    _b("second-pitch", "Pitching again after a no.", empathy=-2, upsell=-2),
    _b("fear-sell", "Selling with fear or invented urgency.", empathy=-2, upsell=-2),
)

BY_NAME: dict[str, Behaviour] = {b.name: b for b in BEHAVIOURS}


def standard_of(tags: Iterable[str]) -> dict[str, int]:
    """The standard scores of a choice's known tags: per competency, the sum over its tags."""
    total: dict[str, int] = {}
    for tag in dict.fromkeys(tags):
        behaviour = BY_NAME.get(tag)
        if behaviour is None:
            continue
        for competency, points in behaviour.standard.items():
            total[competency] = total.get(competency, 0) + points
    return total


@dataclass(frozen=True, slots=True)
class Stray:
    """A competency where a tagged choice's score differs from the standard by more than one."""

    competency: str
    score: int
    standard: int


def strays(tags: Iterable[str], scores: Scores) -> list[Stray]:
    """Competencies where `scores` differ from the tags' standard by more than ALLOWED_STRAY."""
    standard = standard_of(tags)
    found = []
    for competency, score in zip(COMPETENCIES, scores, strict=True):
        if competency in standard and abs(score - standard[competency]) > ALLOWED_STRAY:
            found.append(Stray(competency, score, standard[competency]))
    return found
