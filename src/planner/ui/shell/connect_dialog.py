"""File ▸ Connect to Team Server…: where the team's PostgreSQL database is, and the password.

The dialog only asks. The URL, the TLS rule and the keyring are services.team_server's; the
switch itself is ui.shell.databases.switch_to, the same path as opening a file. The password
goes from the field to the connection (and, when "Remember password" is ticked, to the system
keyring): never into the settings, the recent list, the title bar or a message.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QSpinBox,
    QVBoxLayout,
)

from planner.errors import PlannerError
from planner.services.database import Database, open_url
from planner.services.team_server import (
    DEFAULT_PORT,
    TLS_RISK,
    KeyringUnavailable,
    ServerAddress,
    address_of,
    forget_password,
    remember_password,
    stored_password,
)
from planner.ui.shell.databases import switch_to

if TYPE_CHECKING:
    from planner.ui.shell.shell import Shell


class ConnectDialog(QDialog):
    """Host, port, database, user, password, Remember password, TLS; Connect switches the
    window to the server (and stays open, with the reason shown, when that fails)."""

    def __init__(self, window: Shell, url: str | None = None) -> None:
        super().__init__(window.as_widget())
        self.window_ = window
        self.setObjectName("connectDialog")
        self.setWindowTitle("Connect to Team Server")
        self.host = QLineEdit()
        self.host.setPlaceholderText("db.example.org")
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(DEFAULT_PORT)
        self.database = QLineEdit("planner")
        self.user = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.remember = QCheckBox("Remember password (in the system keyring)")
        self.tls = QCheckBox("Encrypt the connection (TLS)")
        self.tls.setChecked(True)
        self.tls.setToolTip(
            "Required for a server on another machine: the password and the data travel "
            "encrypted. A server on this machine (localhost, a socket folder) needs none."
        )
        for widget, name in (
            (self.host, "Host"),
            (self.port, "Port"),
            (self.database, "Database"),
            (self.user, "User"),
            (self.password, "Password"),
            (self.remember, "Remember password"),
            (self.tls, "Encrypt the connection (TLS)"),
        ):
            widget.setAccessibleName(name)

        intro = QLabel(
            "The team's PostgreSQL server. Ask whoever set it up for these details; the "
            "password is kept only in your system keyring, and only if you tick Remember."
        )
        intro.setWordWrap(True)
        form = QFormLayout()
        form.addRow("&Host:", self.host)
        form.addRow("P&ort:", self.port)
        form.addRow("&Database:", self.database)
        form.addRow("&User:", self.user)
        form.addRow("&Password:", self.password)
        form.addRow("", self.remember)
        form.addRow("", self.tls)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.connect_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.connect_button.setText("Connect")
        buttons.accepted.connect(self.try_connect)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(460, self.sizeHint().height())
        if url is not None:
            self.fill(url)

    def fill(self, url: str) -> None:
        """Fill the fields from a recent server (and its remembered password, if any)."""
        address = address_of(url)
        self.host.setText(address.host)
        self.port.setValue(address.port)
        self.database.setText(address.database)
        self.user.setText(address.user)
        self.tls.setChecked(address.tls)
        password = stored_password(address)
        if password:
            self.password.setText(password)
            self.remember.setChecked(True)

    def address(self) -> ServerAddress:
        """What the fields say; an empty required field is one message naming it."""
        host = self.host.text().strip() or "localhost"
        database = self.database.text().strip()
        user = self.user.text().strip()
        if not database:
            self.database.setFocus()
            raise PlannerError("Database: enter the name of the team's database (e.g. planner).")
        if not user:
            self.user.setFocus()
            raise PlannerError("User: enter your user name on the server.")
        return ServerAddress(
            host=host,
            database=database,
            user=user,
            port=self.port.value(),
            tls=self.tls.isChecked(),
        )

    def confirm_plain_text(self, address: ServerAddress) -> bool:
        """TLS unticked for a server on another machine: only after the risk was read."""
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "Connect without encryption?",
            f"{address.host} is another machine. {TLS_RISK}",
            QMessageBox.StandardButton.NoButton,
            self,
        )
        box.setTextFormat(Qt.TextFormat.PlainText)
        plain = box.addButton("Connect without TLS", QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton("Cancel", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.exec()
        return box.clickedButton() is plain

    def try_connect(self) -> bool:
        """Connect with what was entered; True (and the dialog closed) once the window is on
        the server."""
        try:
            address = self.address()
        except PlannerError as error:
            QMessageBox.warning(self, "Connect to Team Server", str(error))
            return False
        if not address.tls and not address.is_local and not self.confirm_plain_text(address):
            self.tls.setChecked(True)
            return False
        password = self.password.text()

        def opener(_url: str) -> Database:
            # The password goes to the connection here, never into the URL others see.
            return open_url(address.url(password or None))

        if not switch_to(self.window_, address.url(), opener=opener):
            return False
        if self.remember.isChecked() and password:
            try:
                remember_password(address, password)
            except KeyringUnavailable as error:
                QMessageBox.information(
                    self.window_.as_widget(), "Password not remembered", str(error)
                )
        elif not self.remember.isChecked():
            forget_password(address)
        self.accept()
        return True


def connect_to_server(window: Shell, url: str | None = None) -> None:
    """Show the dialog (filled from ``url``, a recent server, when given)."""
    ConnectDialog(window, url).exec()
