"""Long work off the GUI thread: ``run_task(fn, on_done=..., on_progress=..., on_error=...)``.

``fn`` takes no arguments and never touches a widget. It either returns its result, or is a
generator that yields progress as ``(done, total, text)`` tuples and ``return``s its result; the
runner checks the task's cancel flag between yields and stops the generator when it is set (so a
long render can be cancelled at any page). Callbacks always run on the GUI thread: the worker
emits signals on a relay object that lives there, so Qt queues them.

Tests (and code that must finish before it goes on) swap in the synchronous runner with
``set_synchronous(True)``: the task then runs at once, in the calling thread, with the same
callbacks in the same order.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Generator
from typing import Any, Generic, TypeVar, cast

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from planner.errors import PlannerError

log = logging.getLogger(__name__)

T = TypeVar("T")
Progress = tuple[int, int, str]
ProgressCallback = Callable[[int, int, str], None]
ErrorCallback = Callable[[str], None]

_synchronous = False


def set_synchronous(flag: bool) -> None:
    """Run every later task in the calling thread (tests, scripted use)."""
    global _synchronous
    _synchronous = flag


def is_synchronous() -> bool:
    return _synchronous


class TaskCancelled(Exception):
    """Raised inside a task's generator when it was cancelled (so ``finally`` blocks run)."""


class _Relay(QObject):
    """Lives on the GUI thread; the worker emits, Qt queues, the callbacks run here."""

    progressed = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.on_done: Callable[[Any], None] | None = None
        self.on_progress: ProgressCallback | None = None
        self.on_error: ErrorCallback | None = None
        self.on_cancelled: Callable[[], None] | None = None
        self.progressed.connect(self._progress)
        self.finished.connect(self._done)
        self.failed.connect(self._error)
        self.cancelled.connect(self._cancelled)

    @Slot(int, int, str)
    def _progress(self, done: int, total: int, text: str) -> None:
        if self.on_progress is not None:
            self.on_progress(done, total, text)

    @Slot(object)
    def _done(self, result: object) -> None:
        _active.discard(self)
        if self.on_done is not None:
            self.on_done(result)

    @Slot(str)
    def _error(self, message: str) -> None:
        _active.discard(self)
        if self.on_error is not None:
            self.on_error(message)
        else:
            log.error("background task failed: %s", message)

    @Slot()
    def _cancelled(self) -> None:
        _active.discard(self)
        if self.on_cancelled is not None:
            self.on_cancelled()


# Relays of running tasks: kept alive here until their last signal has been delivered.
_active: set[_Relay] = set()
# The handles of the tasks started and not yet ended, for quitting (finish_before_quit).
_running: set[TaskHandle[Any]] = set()


class TaskHandle(Generic[T]):
    """What ``run_task`` returns: ``cancel()`` it, or ask whether it is ``cancelled``."""

    def __init__(self) -> None:
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()


def _execute(
    fn: Callable[[], T | Generator[Progress, None, T]],
    handle: TaskHandle[T],
    emit_progress: ProgressCallback,
) -> tuple[str, Any]:
    """Run ``fn``; returns ("done", result) | ("cancelled", None) | ("error", message)."""
    try:
        outcome = fn()
        if isinstance(outcome, Generator):
            generator = cast(Generator[Progress, None, T], outcome)
            while True:
                if handle.cancelled:
                    generator.close()
                    return ("cancelled", None)
                try:
                    done, total, text = next(generator)
                except StopIteration as stop:
                    return ("done", stop.value)
                emit_progress(done, total, text)
        if handle.cancelled:
            return ("cancelled", None)
        return ("done", outcome)
    except TaskCancelled:
        return ("cancelled", None)
    except PlannerError as error:
        return ("error", str(error))
    except Exception as error:  # shown to the user as one line; the traceback goes to the log
        log.exception("background task failed")
        return ("error", f"{type(error).__name__}: {error}")


class TaskControl:
    """Handed to a controlled task: report progress from inside a long call, and stop there
    when cancelled (``check`` raises TaskCancelled, which ends the task as cancelled)."""

    def __init__(self, handle: TaskHandle[Any]) -> None:
        self._handle = handle
        self._emit: ProgressCallback = lambda _d, _t, _s: None

    @property
    def cancelled(self) -> bool:
        return self._handle.cancelled

    def check(self) -> None:
        if self._handle.cancelled:
            raise TaskCancelled

    def progress(self, done: int, total: int, text: str = "") -> None:
        self.check()
        self._emit(done, total, text)


class _Runnable(QRunnable):
    def __init__(
        self,
        fn: Callable[[], Any],
        handle: TaskHandle[Any],
        relay: _Relay,
        control: TaskControl | None,
    ) -> None:
        super().__init__()
        self.fn = fn
        self.handle = handle
        self.relay = relay
        self.control = control
        self.setAutoDelete(True)

    def run(self) -> None:
        relay = self.relay

        def progress(done: int, total: int, text: str) -> None:
            try:
                relay.progressed.emit(done, total, text)
            except RuntimeError:  # the owner (and its relay) is gone: nobody to tell
                self.handle.cancel()

        if self.control is not None:
            self.control._emit = progress
        try:
            kind, value = _execute(self.fn, self.handle, progress)
        finally:
            _running.discard(self.handle)
        try:
            if kind == "done":
                relay.finished.emit(value)
            elif kind == "cancelled":
                relay.cancelled.emit()
            else:
                relay.failed.emit(value)
        except RuntimeError:
            pass  # the owner was closed while the task ran; its result is not wanted


def _start(
    fn: Callable[[], Any],
    handle: TaskHandle[Any],
    control: TaskControl | None,
    on_done: Callable[[Any], None] | None,
    on_progress: ProgressCallback | None,
    on_error: ErrorCallback | None,
    on_cancelled: Callable[[], None] | None,
    owner: QObject | None,
) -> None:
    if _synchronous:

        def progress(done: int, total: int, text: str) -> None:
            if on_progress is not None:
                on_progress(done, total, text)

        if control is not None:
            control._emit = progress
        kind, value = _execute(fn, handle, progress)
        if kind == "done":
            if on_done is not None:
                on_done(value)
        elif kind == "cancelled":
            if on_cancelled is not None:
                on_cancelled()
        elif on_error is not None:
            on_error(value)
        else:
            log.error("background task failed: %s", value)
        return
    relay = _Relay()
    if owner is not None:
        # Deleted with its owner: results that arrive after a view is closed are dropped by
        # Qt instead of reaching widgets that no longer exist.
        relay.setParent(owner)
        relay.destroyed.connect(lambda *_: _active.discard(relay))
    relay.on_done = on_done
    relay.on_progress = on_progress
    relay.on_error = on_error
    relay.on_cancelled = on_cancelled
    _active.add(relay)
    _running.add(handle)
    QThreadPool.globalInstance().start(_Runnable(fn, handle, relay, control))


def run_task(
    fn: Callable[[], T | Generator[Progress, None, T]],
    *,
    on_done: Callable[[T], None] | None = None,
    on_progress: ProgressCallback | None = None,
    on_error: ErrorCallback | None = None,
    on_cancelled: Callable[[], None] | None = None,
    owner: QObject | None = None,
) -> TaskHandle[T]:
    """Run ``fn`` on the global ``QThreadPool`` (or at once when synchronous); see the module.

    ``owner`` (the view that wants the result): when it is deleted first, the callbacks are not
    called."""
    handle: TaskHandle[T] = TaskHandle()
    _start(
        fn,
        cast(TaskHandle[Any], handle),
        None,
        cast(Callable[[Any], None] | None, on_done),
        on_progress,
        on_error,
        on_cancelled,
        owner,
    )
    return handle


def run_controlled_task(
    fn: Callable[[TaskControl], T],
    *,
    on_done: Callable[[T], None] | None = None,
    on_progress: ProgressCallback | None = None,
    on_error: ErrorCallback | None = None,
    on_cancelled: Callable[[], None] | None = None,
    owner: QObject | None = None,
) -> TaskHandle[T]:
    """Like ``run_task`` for one long call that reports progress through a callback (a PDF
    renderer's page count): ``fn`` gets a ``TaskControl`` to report through and to be
    stopped by."""
    handle: TaskHandle[T] = TaskHandle()
    control = TaskControl(cast(TaskHandle[Any], handle))
    _start(
        lambda: fn(control),
        cast(TaskHandle[Any], handle),
        control,
        cast(Callable[[Any], None] | None, on_done),
        on_progress,
        on_error,
        on_cancelled,
        owner,
    )
    return handle


def finish_before_quit(timeout_ms: int = 10_000) -> bool:
    """Once the window is closed: ask every task still running to stop at its next step (a
    render at its next page; an import was asked first, see ui/shell/imports), and wait for
    what cannot stop, such as drafts being written and recorded as sent, before the database
    is closed under it. False when some task was still running at the timeout."""
    for handle in list(_running):
        handle.cancel()
    return wait_for_all(timeout_ms)


def wait_for_all(timeout_ms: int = 30000) -> bool:
    """Block until every pool task has finished (tests; quitting). Callbacks still need events."""
    return bool(QThreadPool.globalInstance().waitForDone(timeout_ms))
