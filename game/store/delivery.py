"""Results in the outbox: queued as submissions, delivered by scoring them again.

A queued result keeps what the player did, the scenario's id and content
hash, and the scenario folder it was played from; never a score. Delivery
scores it with `game.store.recording.score`, exactly as a result recorded
now, against the scenario the store's catalogue has. A result whose scenario
is gone from that folder or has changed, or whose decisions no longer replay,
is kept aside with a sentence saying so; it is never inserted.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC
from pathlib import Path
from typing import Any

from game.store.catalogue import CatalogueUnavailable, ScenarioCatalogue
from game.store.outbox import Outbox
from game.store.recording import score
from game.store.records import ResultError, ResultRecord, Submission

LEGACY_REASON = (
    "it was queued by an older Rapport that kept scores in the outbox, so it cannot be "
    "checked; ask your trainer to add the result by hand if it matters"
)


class DeliveryStopped(Exception):
    """Raised by an `insert` that could not store a result now: the rest stay queued."""


@dataclass(frozen=True, slots=True)
class QueuedResult:
    """A result waiting in the outbox: the submission and the folder it was played from."""

    submission: Submission
    library: str | None  # the catalogue's name; None when it was recorded without one


class ResultEntries:
    """The outbox codec for queued results (kind "result")."""

    name = "result"

    def encode(self, item: QueuedResult) -> dict[str, Any]:
        return {"submission": item.submission.to_json(), "library": item.library}

    def decode(self, payload: Any) -> QueuedResult:
        if not isinstance(payload, dict) or set(payload) != {"submission", "library"}:
            raise ValueError("it is not a queued result")
        library = payload["library"]
        if library is not None and not isinstance(library, str):
            raise ValueError("its scenario folder is not text")
        try:
            submission = Submission.from_json(payload["submission"])
        except ResultError as error:
            raise ValueError(str(error)) from None
        return QueuedResult(submission, library)

    def key(self, item: QueuedResult) -> str:
        return item.submission.id


RESULT_ENTRIES = ResultEntries()


def queue_result(
    outbox: Outbox, target: str, record: ResultRecord, catalogue: ScenarioCatalogue | None
) -> Path:
    """Keep `record`'s submission (not its scores) for `target`; OSError if impossible."""
    library = catalogue.name if catalogue is not None else None
    return outbox.put(RESULT_ENTRIES, target, QueuedResult(record.submission(), library))


def deliver_results(
    outbox: Outbox,
    target: str,
    catalogue: ScenarioCatalogue | None,
    insert: Callable[[ResultRecord], bool],
) -> int:
    """Score and insert the results queued for `target`; returns how many were new.

    `insert` stores one record and says whether it was new, or raises
    DeliveryStopped (the database failed again): the rest then stay queued.
    Without a catalogue nothing can be scored, so everything waits. A result
    played from another scenario folder waits for a program using that folder.
    """
    if outbox.is_empty():
        return 0
    for path, _ in list(outbox.legacy(target)):
        outbox.set_aside(path, LEGACY_REASON)
    sent = 0
    elsewhere: Counter[str] = Counter()
    for queued in list(outbox.entries(RESULT_ENTRIES, target)):
        entry = queued.item
        if catalogue is None:
            continue
        if entry.library is not None and entry.library != catalogue.name:
            elsewhere[entry.library] += 1
            continue
        submission = entry.submission
        try:
            basis = catalogue.basis(submission.scenario)
        except CatalogueUnavailable as error:
            outbox.note(f"queued results wait: {error}")
            break
        if basis is None:
            if entry.library is None:
                continue  # which folder it came from is unknown: it may be elsewhere
            outbox.set_aside(
                queued.path,
                f"{_described(submission)} belongs to scenario {submission.scenario!r}, "
                f"which is no longer in {catalogue.name}",
            )
            continue
        try:
            record = score(submission, basis)
        except ResultError as error:
            outbox.set_aside(queued.path, f"{_described(submission)} cannot be scored: {error}")
            continue
        try:
            inserted = insert(record)
        except DeliveryStopped:
            break
        outbox.remove(queued.path)
        sent += inserted
    for library, count in sorted(elsewhere.items()):
        results = "result waits" if count == 1 else "results wait"
        outbox.note(
            f"{count} queued {results} for the scenarios in {library}; run Rapport with "
            f"--scenarios {library} to send {'it' if count == 1 else 'them'}"
        )
    return sent


def _described(submission: Submission) -> str:
    played = submission.played_at.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")
    return f"the result of {submission.player} played {played}"
