"""A second launch on the same database brings the first window forward instead of opening twice.

Two parts: ``DatabaseLock`` (a file lock beside the database) decides who owns the database, and a
``QLocalServer`` named after the database path lets a second launch ask the owner to show itself.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from trainer import APP_ID
from trainer.store.lock import DatabaseLock

ACTIVATE = b"activate\n"
TIMEOUT_MS = 1500


def server_name(db_path: Path) -> str:
    digest = hashlib.sha256(str(Path(db_path).resolve()).encode()).hexdigest()[:16]
    return f"{APP_ID}-{digest}"


def ask_running_instance(db_path: Path) -> bool:
    """Ask the app that has this database open to bring its window forward. True if it answered."""
    socket = QLocalSocket()
    socket.connectToServer(server_name(db_path))
    if not socket.waitForConnected(TIMEOUT_MS):
        return False
    socket.write(ACTIVATE)
    socket.flush()
    answered = socket.waitForReadyRead(TIMEOUT_MS) and bytes(socket.readAll()).startswith(b"ok")
    socket.disconnectFromServer()
    return answered


class SingleInstance(QObject):
    """Owns the database lock and listens for later launches; emits ``activate_requested``."""

    activate_requested = Signal()

    def __init__(self, db_path: Path, parent: QObject | None = None):
        super().__init__(parent)
        self.db_path = Path(db_path)
        self.lock = DatabaseLock(self.db_path)
        self.server: QLocalServer | None = None
        self._sockets: list[QLocalSocket] = []

    def claim(self) -> bool:
        """True if this process now owns the database; False if another app has it open."""
        if not self.lock.acquire():
            return False
        name = server_name(self.db_path)
        QLocalServer.removeServer(name)  # we hold the lock, so any socket left is stale
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.UserAccessOption)
        self.server.newConnection.connect(self._on_connection)
        self.server.listen(name)  # if this fails, the lock still prevents a second writer
        return True

    def _on_connection(self) -> None:
        while self.server is not None and self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            self._sockets.append(socket)
            socket.readyRead.connect(self._on_ready_read)

    def _on_ready_read(self) -> None:
        for socket in list(self._sockets):
            if socket.bytesAvailable() and bytes(socket.readAll()).startswith(ACTIVATE.strip()):
                socket.write(b"ok\n")
                socket.flush()
                self.activate_requested.emit()
            if socket.state() != QLocalSocket.ConnectedState:
                self._sockets.remove(socket)

    def release(self) -> None:
        for socket in self._sockets:
            socket.readyRead.disconnect(self._on_ready_read)
            socket.abort()
        self._sockets.clear()
        if self.server is not None:
            self.server.newConnection.disconnect(self._on_connection)
            self.server.close()
            self.server = None
        self.lock.release()
