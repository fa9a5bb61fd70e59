"""The starter scenario that `rapport new` writes: small, valid, commented, ready to grow."""

from __future__ import annotations

import os
import re
from pathlib import Path

from game.loader.schema import SCENARIO_SCHEMA

SCENARIO_ID = re.compile(r"[a-z0-9][a-z0-9-]*")
MAX_ID_CHARS = 64  # the scenario schema's limit on `id`
MODELINE_PREFIX = "# yaml-language-server: $schema="


class StarterError(ValueError):
    """A starter that cannot be written; the message is one sentence for the trainer."""


def suggest_id(text: str) -> str:
    """A valid scenario id close to `text`: `My Shop!` -> `my-shop`."""
    slug = re.sub(r"[^a-z0-9]+", "-", text.strip().lower()).strip("-")
    return slug[:MAX_ID_CHARS].strip("-") or "my-scenario"


def check_id(scenario_id: str) -> str:
    """The id itself when it is a valid scenario id, else StarterError saying how to fix it."""
    if SCENARIO_ID.fullmatch(scenario_id) and len(scenario_id) <= MAX_ID_CHARS:
        return scenario_id
    if len(scenario_id) > MAX_ID_CHARS:
        problem = f"is longer than {MAX_ID_CHARS} characters"
    else:
        problem = "is not a valid scenario id"
    raise StarterError(
        f"`{scenario_id}` {problem}; use lower-case letters, digits and dashes, "
        f"starting with a letter or digit, for example `{suggest_id(scenario_id)}`"
    )


def modeline(folder: Path) -> str:
    """The editor modeline for a scenario saved in `folder`, pointing at the shipped schema.

    The path is relative where it can be, as in the shipped scenarios, so a
    repository checked out anywhere keeps working; across drives it is absolute.
    """
    try:
        target = os.path.relpath(SCENARIO_SCHEMA.resolve(), folder.resolve())
    except ValueError:  # another drive on Windows: no relative path exists
        return MODELINE_PREFIX + SCENARIO_SCHEMA.resolve().as_uri()
    return MODELINE_PREFIX + Path(target).as_posix()


def title_from_id(scenario_id: str) -> str:
    return " ".join(word.capitalize() for word in scenario_id.split("-") if word) or "New Scenario"


def starter_text(scenario_id: str, folder: Path) -> str:
    """The starter scenario for `scenario_id`, to be saved as `folder/<id>.yaml`."""
    check_id(scenario_id)
    return _STARTER.format(
        modeline=modeline(folder), id=scenario_id, title=_quoted(title_from_id(scenario_id))
    )


def write_starter(scenario_id: str, folder: Path) -> Path:
    """Write `folder/<id>.yaml` into an existing folder; never overwrites. Raises StarterError
    with the reason."""
    check_id(scenario_id)
    path = folder / f"{scenario_id}.yaml"
    if not folder.is_dir():
        # Like every command that writes a file: a mistyped folder is not made silently.
        what = "is a file, not a folder" if folder.exists() else "does not exist"
        raise StarterError(f"the folder {folder} {what}; create it or choose another -o")
    try:
        # "x" refuses to replace a file that appeared since the check above.
        with path.open("x", encoding="utf-8", newline="\n") as file:
            file.write(starter_text(scenario_id, folder))
    except FileExistsError:
        raise StarterError(
            f"{path} already exists; choose another id, another folder with -o, "
            "or move the file away first"
        ) from None
    except OSError as error:
        raise StarterError(
            f"cannot write {path} ({error.strerror or error}); check the folder and its permissions"
        ) from None
    return path


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


# Every line a trainer can change is shown once; the comments explain the
# pieces they will reach for first. Kept free of warnings under --strict.
_STARTER = """\
{modeline}
# A starter scenario: one customer, two decisions, three endings. Replace the
# story with your own and run `rapport validate` after each change; the
# format is described in docs/scenario-format.md.
format: 1
id: {id}  # the same as the file name
title: {title}
summary: A customer needs a present for a friend and has no idea what to buy.
source:  # the article or story this scenario teaches from: put yours here
  title: Ask before you suggest
  lesson: Ask what the gift is for before you show a single product.
minutes: 3
cast:  # everyone who speaks besides the narrator
  customer: {{name: Alex}}
variables:  # what the story remembers, with its starting value
  asked_occasion: false
start: greeting
nodes:
  greeting:
    speaker: customer
    mood: thinking
    text: Hi! I need a present for a friend, but I have no idea what to get.
    choices:
      # Scores are any of empathy, anticipation and upsell, up or down.
      - text: Our best seller is right over there.
        scores: {{empathy: -1, upsell: 1}}
        feedback: Quick, but you showed a product before you knew the person.
        goto: suggestion
      - text: Happy to help! What's the occasion?
        set: {{asked_occasion: true}}
        scores: {{empathy: 2, anticipation: 1}}
        feedback: A question first; now the gift can fit the occasion.
        goto: occasion
    # What happens when the player says nothing for 15 seconds.
    timer:
      seconds: 15
      goto: suggestion
      scores: {{empathy: -1}}
      feedback: Alex waited, and then asked again.
  occasion:
    speaker: customer
    mood: pleased
    text: It's a housewarming. She just moved into her first flat.
    next: suggestion  # a node without choices goes on by itself
  suggestion:
    speaker: customer
    text: So, what would you suggest?
    choices:
      - text: For a new flat? This candle set, and we gift-wrap it for free.
        if: asked_occasion  # shown only when the player asked about the occasion
        scores: {{anticipation: 2, upsell: 2}}
        feedback: You matched the gift to the occasion and added a service.
        goto: delighted
      - text: Mugs are always a safe choice.
        feedback: Safe, but nothing about it is personal.
        goto: polite
      - text: Honestly, whatever you like.
        scores: {{empathy: -2, upsell: -1}}
        feedback: Alex asked for help and got none.
        goto: walks_out
  delighted:
    ending:
      title: The perfect housewarming gift
      outcome: success  # success, partial or failure
      text: Alex leaves with a wrapped candle set and your shop's card.
  polite:
    ending:
      title: A mug, politely
      outcome: partial
      text: Alex buys a mug and forgets the shop by the next day.
  walks_out:
    ending:
      title: Still looking
      outcome: failure
      text: Alex thanks you and tries the shop next door.
      scores: {{upsell: -1}}
      lesson: When a customer asks for help, a question is the first help you give.
"""
