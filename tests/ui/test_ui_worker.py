"""The background runner: results, progress, errors and cancel, on the GUI thread."""

from __future__ import annotations

import threading
import time
from collections.abc import Generator

from pytestqt.qtbot import QtBot

from planner.errors import PlannerError
from planner.ui import worker


def _counting(n: int) -> Generator[tuple[int, int, str], None, int]:
    for i in range(n):
        yield (i + 1, n, f"step {i + 1}")
    return n * 10


def test_generator_task_reports_progress_then_result_on_gui_thread(qtbot: QtBot) -> None:
    progress: list[tuple[int, int, str]] = []
    results: list[int] = []
    threads: list[threading.Thread] = []

    def done(value: int) -> None:
        threads.append(threading.current_thread())
        results.append(value)

    worker.run_task(lambda: _counting(3), on_done=done, on_progress=lambda *p: progress.append(p))
    qtbot.waitUntil(lambda: bool(results), timeout=5000)
    assert results == [30]
    assert progress == [(1, 3, "step 1"), (2, 3, "step 2"), (3, 3, "step 3")]
    assert threads == [threading.main_thread()]


def test_plain_function_and_error_message(qtbot: QtBot) -> None:
    errors: list[str] = []

    def fail() -> None:
        raise PlannerError("no such event")

    worker.run_task(fail, on_error=errors.append)
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    assert errors == ["no such event"]


def test_cancel_stops_a_generator_between_steps(qtbot: QtBot) -> None:
    started = threading.Event()
    steps: list[int] = []
    cancelled: list[bool] = []

    def slow() -> Generator[tuple[int, int, str], None, str]:
        for i in range(1000):
            started.set()
            steps.append(i)
            time.sleep(0.005)
            yield (i, 1000, "")
        return "finished"

    results: list[str] = []
    handle = worker.run_task(
        slow, on_done=results.append, on_cancelled=lambda: cancelled.append(True)
    )
    assert started.wait(5)
    handle.cancel()
    qtbot.waitUntil(lambda: bool(cancelled), timeout=5000)
    assert results == []
    assert len(steps) < 1000


def test_synchronous_runner_calls_back_at_once(synchronous: None) -> None:
    results: list[int] = []
    progress: list[int] = []
    worker.run_task(
        lambda: _counting(2), on_done=results.append, on_progress=lambda d, t, s: progress.append(d)
    )
    assert results == [20]
    assert progress == [1, 2]


def test_results_for_a_deleted_owner_are_dropped(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QLabel

    label = QLabel()
    release = threading.Event()
    shown: list[str] = []

    def slow() -> str:
        release.wait(5)
        return "late"

    worker.run_task(slow, on_done=lambda text: shown.append(label.text() + text), owner=label)
    label.deleteLater()
    qtbot.wait(50)  # the label is gone
    release.set()
    assert worker.wait_for_all(5000)
    qtbot.wait(50)
    assert shown == []


def test_quitting_waits_for_plain_work_and_stops_a_generator_at_its_next_step(
    qtbot: QtBot,
) -> None:
    """Once the window is closed, drafts being written finish (and are recorded as sent)
    before the database is closed; a render stops at its next page."""
    written: list[str] = []
    steps: list[int] = []
    started = threading.Event()

    def drafts() -> None:
        started.set()
        time.sleep(0.3)
        written.append("recorded")

    def render() -> Generator[tuple[int, int, str], None, None]:
        for i in range(1000):
            steps.append(i)
            time.sleep(0.005)
            yield (i, 1000, "")

    worker.run_task(drafts)
    worker.run_task(render)
    assert started.wait(5)
    assert worker.finish_before_quit(5000)
    assert written == ["recorded"]
    assert len(steps) < 1000
    assert not worker._running
