"""Live refresh: the services' change watcher on a thread of its own, its notices as Qt signals.

``LiveRefresh(db)`` starts a daemon thread that waits on a
:class:`planner.services.changes.ChangeWatcher` (LISTEN on PostgreSQL, ``PRAGMA data_version``
every second on SQLite) and hands every notice to the GUI thread: ``changed`` (a
``ChangeNotice``: someone else committed), ``lost`` (the watching connection failed; said once
until it is back, when a ``changed`` with ``resumed`` follows). ``stop()`` ends the thread within
a second and closes its connection.

The thread never touches a widget: it emits a private signal on this object, which lives on the
GUI thread, with a queued connection, as ``ui.worker`` does.
"""

from __future__ import annotations

import logging
import threading

from PySide6.QtCore import QObject, Qt, Signal, Slot

from planner.services.changes import ChangeNotice, ChangeWatcher, ConnectionLost, Notice
from planner.services.database import Database

log = logging.getLogger(__name__)

# How long one wait of the thread lasts: the longest ``stop()`` waits for it.
WAIT_SECONDS = 0.5


class LiveRefresh(QObject):
    changed = Signal(object)  # a ChangeNotice
    lost = Signal(str)  # why the watching connection failed
    _arrived = Signal(object)  # from the watcher's thread

    def __init__(
        self, db: Database, parent: QObject | None = None, *, poll_interval: float = 1.0
    ) -> None:
        super().__init__(parent)
        self._arrived.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        self._watcher: ChangeWatcher | None = None
        self._thread: threading.Thread | None = None
        if ChangeWatcher.supported(db):
            self._watcher = ChangeWatcher(db, poll_interval=poll_interval)
            self._thread = threading.Thread(
                target=self._run, args=(self._watcher,), name="planner-live", daemon=True
            )
            self._thread.start()

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def stop(self) -> None:
        """Stop watching (the window closes, or lets go of the database for a restore)."""
        watcher, thread = self._watcher, self._thread
        self._watcher = self._thread = None
        if watcher is not None:
            watcher.close()
        if thread is not None:
            thread.join(timeout=WAIT_SECONDS * 4)

    def _run(self, watcher: ChangeWatcher) -> None:
        try:
            while not watcher.closed:
                for notice in watcher.wait(WAIT_SECONDS):
                    self._arrived.emit(notice)
        except Exception:
            # Never a traceback in a thread nobody sees: log it; the window keeps working
            # (it only stops showing others' changes as they happen).
            log.exception("live refresh stopped")
        finally:
            watcher.close()

    @Slot(object)
    def _deliver(self, notice: Notice) -> None:
        if self._watcher is None:
            return  # stopped meanwhile
        if isinstance(notice, ConnectionLost):
            self.lost.emit(notice.reason)
        elif isinstance(notice, ChangeNotice):
            self.changed.emit(notice)
