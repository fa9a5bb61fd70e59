"""`rapport lrs status` and `rapport lrs send`: the learning records waiting for the LRS.

The LRS is the one set in RAPPORT_LRS (or the settings file); statements wait
in the outbox in the data folder's `lrs/` folder until it has them
(docs/lms.md).
"""

from __future__ import annotations

from datetime import UTC, datetime

import click

from game.cli.common import InputError
from game.lrs.config import LrsConfig, load_config
from game.lrs.delivery import LrsOutbox, deliver, open_outbox
from game.lrs.errors import LrsConfigError
from game.lrs.queue import count_playthroughs, count_statements


def _config() -> LrsConfig:
    try:
        config = load_config()
    except LrsConfigError as error:
        raise InputError(str(error)) from None
    for warning in config.warnings():
        click.echo(f"Warning: {warning}.", err=True)
    return config


def _when(moment: datetime | None) -> str:
    return "never" if moment is None else moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


@click.group("lrs")
def lrs_group() -> None:
    """Learning records for the company's LRS (xAPI): what waits, and send it now."""


@lrs_group.command("status")
def status_command() -> None:
    """What is queued for the LRS, what it refused, and when statements last reached it."""
    config = _config()
    outbox = open_outbox(config.endpoint)
    click.echo(f"LRS: {config.shown_endpoint}")
    if config.endpoint is None:
        click.echo("  No LRS is set: set RAPPORT_LRS to its xAPI address (docs/lms.md).")
    _show_queue(outbox)
    state = outbox.log.read()
    sent = _when(state.last_sent_at)
    if state.last_sent_at is not None:
        sent += f" ({_plural(state.last_sent_statements, 'statement')})"
    click.echo(f"Last sent: {sent}")
    if state.last_error is not None:
        click.echo(f"Last attempt: {_when(state.last_attempt_at)}, {config.mask(state.last_error)}")
    for notice in outbox.notices:
        click.echo(f"Warning: {notice}.", err=True)


def _show_queue(outbox: LrsOutbox) -> None:
    pending = list(outbox.pending.entries())
    refused = list(outbox.refused.entries())
    line = (
        f"Queued: {_plural(count_statements(pending), 'statement')} from "
        f"{_plural(count_playthroughs(pending), 'playthrough')}"
    )
    if pending:
        line += f", the oldest from {_when(pending[0].item.queued_at)}"
    click.echo(line)
    for endpoint, count in sorted(outbox.pending.elsewhere().items()):
        click.echo(
            f"Waiting for another LRS: statements from {_plural(count, 'playthrough')} for "
            f"{endpoint}; they go only there (set RAPPORT_LRS to it and run `rapport lrs send`)"
        )
    if refused:
        click.echo(
            f"Refused by the LRS and kept aside: {_plural(count_statements(refused), 'statement')} "
            f"from {_plural(count_playthroughs(refused), 'playthrough')}"
        )
        for entry in refused[:5]:
            click.echo(f"  {entry.item.result_id}: {entry.item.note}")
        if len(refused) > 5:
            click.echo(f"  ... and {len(refused) - 5} more")


@lrs_group.command("send")
def send_command() -> None:
    """Send every queued statement to the LRS now."""
    from game.lrs.client import LrsClient

    config = _config()
    if config.endpoint is None:
        raise InputError(
            "no Learning Record Store is set: set RAPPORT_LRS to its xAPI address, "
            "e.g. https://lrs.example.com/xapi/ (docs/lms.md)"
        )
    outbox = open_outbox(config.endpoint)
    report = deliver(outbox, LrsClient(config), now=datetime.now(UTC))
    for notice in outbox.notices:
        click.echo(f"Warning: {notice}.", err=True)
    if report.sent_playthroughs or not report.error:
        click.echo(
            f"Sent {_plural(report.sent_statements, 'statement')} from "
            f"{_plural(report.sent_playthroughs, 'playthrough')} to {config.shown_endpoint}."
        )
    if report.set_aside:
        click.echo(
            f"The LRS refused some statements of {_plural(report.set_aside, 'playthrough')}; "
            "they are kept aside: see `rapport lrs status`."
        )
    if report.error is not None:
        waiting = report.remaining
        raise InputError(
            f"{config.mask(report.error)}; {_plural(waiting, 'playthrough')} "
            + ("stays queued and is" if waiting == 1 else "stay queued and are")
            + " sent next time"
        )
