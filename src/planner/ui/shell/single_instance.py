"""One window per database file: a QLockFile beside the database and a QLocalServer.

Two windows on one file would overwrite each other's edits (and undo in one would delete the
other's work). The first window takes the lock at ``config.instance_lock_path`` (where
``store.instance_lock.holder`` and ``planner restore`` look for it) and listens on a local
server named after the file; a second start finds the lock taken, asks the first window to come
forward, and exits. A lock left by a killed window is stale (its process is gone) and Qt takes
it over. Nothing here imports SQLAlchemy: the lock is taken before the window is painted.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from planner.config import instance_lock_path

RAISE_MESSAGE = b"raise\n"
# ``planner FILE`` on an open file: the path follows (in hex: a file name may hold a line
# break), so the open window imports it.
OPEN_PREFIX = b"open "
CONNECT_TIMEOUT_MS = 1000


def server_name(database: Path) -> str:
    """The local server's name for ``database``: short (a Unix socket path is limited to about
    100 bytes) and the same for every spelling of the path."""
    resolved = str(Path(database).expanduser().resolve())
    return "planner-" + hashlib.sha256(resolved.encode("utf-8")).hexdigest()[:16]


class SingleInstance(QObject):
    """The lock and the server of the window on ``database``."""

    raise_requested = Signal()  # another start on the same file asked for this window
    open_requested = Signal(str)  # ... and gave a file to open (``planner FILE``)

    def __init__(self, database: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.database = Path(database).expanduser().resolve()
        self.lock = QLockFile(str(instance_lock_path(self.database)))
        # Never stale by age: a window may stay open for weeks. A lock whose process is gone
        # is still found stale (Qt checks the process id on this host).
        self.lock.setStaleLockTime(0)
        self.server: QLocalServer | None = None

    def acquire(self) -> bool:
        """Take the lock and listen; False when another live window holds the file."""
        # Qt removes a stale lock itself: one whose process (on this host) is gone.
        if not self.lock.tryLock(0):
            # No lock file can be made in a read-only folder; none is needed there: the
            # database opens read-only (store.database), so windows cannot overwrite each
            # other's edits. Without a lock there is no server either (another window's
            # socket is not ours to replace).
            refused = self.lock.error() == QLockFile.LockError.PermissionError
            return refused and not os.access(self.database.parent, os.W_OK)
        name = server_name(self.database)
        # A socket left by a killed window would make listen() fail; we hold the lock, so
        # nobody else is listening on it.
        QLocalServer.removeServer(name)
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        server.newConnection.connect(self._connected)
        server.listen(name)
        self.server = server
        return True

    def _connected(self) -> None:
        server = self.server
        if server is None:
            return
        while server.hasPendingConnections():
            socket = server.nextPendingConnection()
            if socket is None:
                break

            def read(sock: QLocalSocket = socket) -> None:
                lines = bytes(sock.readAll().data()).splitlines()
                if RAISE_MESSAGE.strip() in lines:
                    self.raise_requested.emit()
                for line in lines:
                    if line.startswith(OPEN_PREFIX):
                        path = bytes.fromhex(line.removeprefix(OPEN_PREFIX).decode("ascii"))
                        self.open_requested.emit(os.fsdecode(path))
                sock.disconnectFromServer()

            socket.readyRead.connect(read)
            socket.disconnected.connect(socket.deleteLater)
            if socket.bytesAvailable():
                read()

    def notify_running(self, open_path: Path | None = None) -> bool:
        """Ask the window holding the file to come forward (and to open ``open_path``);
        False when it cannot be reached."""
        socket = QLocalSocket()
        socket.connectToServer(server_name(self.database))
        if not socket.waitForConnected(CONNECT_TIMEOUT_MS):
            return False
        message = RAISE_MESSAGE
        if open_path is not None:
            # Absolute: the running window has its own working folder.
            message += OPEN_PREFIX + os.fsencode(open_path.resolve()).hex().encode() + b"\n"
        socket.write(message)
        sent = socket.waitForBytesWritten(CONNECT_TIMEOUT_MS)
        socket.disconnectFromServer()
        return bool(sent)

    def release(self) -> None:
        if self.server is not None:
            self.server.close()
            self.server = None
        self.lock.unlock()
