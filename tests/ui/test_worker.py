"""The store worker: jobs run off the window's thread, answers arrive between frames."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from game.store import MemoryResultsStore, StoreError
from game.ui.services import StoreHandle
from game.ui.worker import StoreFailure, StoreWorker


@pytest.fixture
def worker() -> Iterator[StoreWorker]:
    made = StoreWorker(StoreHandle.of(MemoryResultsStore()))
    yield made
    made.stop(wait_s=5)


def wait(worker: StoreWorker) -> None:
    for _ in range(500):
        worker.deliver()
        if worker.idle:
            return
        threading.Event().wait(0.01)
    raise AssertionError("the worker never answered")


def test_answers_arrive_in_order_on_the_delivering_thread(worker: StoreWorker) -> None:
    seen: list[tuple[Any, str]] = []

    def job(n: int) -> Callable[[Any], tuple[int, str]]:
        return lambda store: (n, threading.current_thread().name)

    for number in range(3):
        worker.submit(
            job(number), lambda answer: seen.append((answer, threading.current_thread().name))
        )
    assert seen == []  # nothing is delivered until the window asks
    wait(worker)
    main = threading.current_thread().name
    assert [answer[0] for answer, _ in seen] == [0, 1, 2]
    assert all(answer[1] == "results-store" and thread == main for answer, thread in seen)


def test_a_store_error_becomes_a_failure_with_its_sentence(worker: StoreWorker) -> None:
    answers: list[Any] = []

    def fails(store: Any) -> None:
        raise StoreError("the results database cannot be reached (timeout)\nmore detail")

    worker.submit(fails, answers.append)
    wait(worker)
    assert answers == [StoreFailure("the results database cannot be reached (timeout)")]


def test_a_store_that_cannot_open_is_a_lasting_failure() -> None:
    def refuse() -> Any:
        raise StoreError("the database URL 'nope://' cannot be used")

    worker = StoreWorker(StoreHandle(refuse))
    answers: list[Any] = []
    worker.submit(lambda store: 1, answers.append)
    wait(worker)
    worker.stop(wait_s=5)
    [failure] = answers
    assert isinstance(failure, StoreFailure) and failure.lasting and "nope://" in failure.message


def test_a_cancelled_owner_gets_no_answer(worker: StoreWorker) -> None:
    gate = threading.Event()
    answers: list[Any] = []
    owner = object()
    worker.submit(lambda store: gate.wait(5), answers.append, owner=owner)
    worker.submit(lambda store: "later", answers.append, owner=owner)
    assert worker.busy(owner)
    worker.cancel(owner)
    assert not worker.busy(owner) and worker.idle
    gate.set()
    worker.submit(lambda store: "other", answers.append)
    wait(worker)
    assert answers == ["other"]


def test_cancelling_a_job_already_answered_never_skips_a_later_one(worker: StoreWorker) -> None:
    # A job done before its owner went must leave no mark that a later job (made where the
    # old one was in memory) could be taken for: a result was once never recorded that way.
    answers: list[Any] = []

    def mark(ran: threading.Event) -> Callable[[Any], None]:
        return lambda store: ran.set()

    def number(n: int) -> Callable[[Any], int]:
        return lambda store: n

    for round_ in range(100):
        owner = object()
        ran = threading.Event()
        worker.submit(mark(ran), answers.append, owner=owner)
        assert ran.wait(5), f"round {round_}: a job was skipped"
        worker.cancel(owner)  # answered (or about to be), not delivered: dropped
        worker.submit(number(round_), answers.append)
        wait(worker)
    assert answers == list(range(100))


def test_a_bug_in_a_job_is_a_failure_and_later_jobs_still_run(
    worker: StoreWorker, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers: list[Any] = []
    reported: list[BaseException | None] = []
    seen = threading.Event()

    def report(args: threading.ExceptHookArgs) -> None:  # what would print the traceback
        reported.append(args.exc_value)
        seen.set()

    monkeypatch.setattr(threading, "excepthook", report)

    def broken(store: Any) -> None:
        raise AttributeError("no such method")  # a bug, not the store's StoreError

    worker.submit(broken, answers.append)
    worker.submit(lambda store: "still here", answers.append)
    wait(worker)
    assert isinstance(answers[0], StoreFailure) and "unexpected" in answers[0].message
    assert answers[1] == "still here"
    assert seen.wait(5) and isinstance(reported[0], AttributeError)  # the bug is not hidden
