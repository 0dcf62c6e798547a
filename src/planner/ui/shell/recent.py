"""File ▸ Open Recent: the last databases this user opened, newest first, in QSettings.

Files are kept as their paths, servers as their URL without the password (which lives only in
the keyring). An entry whose file is gone stays listed, greyed, with a tooltip saying so: the
file may be on a drive that is not mounted now.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMenu, QWidget

from planner.services.database import file_of, location_title
from planner.services.team_server import without_password

KEY = "recent/databases"
LIMIT = 8


def entries(settings: QSettings) -> list[str]:
    """The recent databases' URLs, newest first."""
    value = settings.value(KEY, [])
    if isinstance(value, str):  # QSettings gives a one-element list back as a string
        value = [value]
    if not isinstance(value, list):
        return []
    return [str(item) for item in value if str(item)][:LIMIT]


def remember(settings: QSettings, url: str) -> None:
    """Put ``url`` first (once; never with a password), keeping the last :data:`LIMIT`."""
    if url in ("", "sqlite://") or url.startswith("sqlite:///:memory:"):
        return
    kept = without_password(url)
    listed = [kept, *(item for item in entries(settings) if item != kept)]
    settings.setValue(KEY, listed[:LIMIT])
    settings.sync()


def clear(settings: QSettings) -> None:
    settings.remove(KEY)
    settings.sync()


def fill_menu(menu: QMenu, settings: QSettings, open_url: Callable[[str], None]) -> None:
    """(Re)build the Open Recent submenu: one item per entry, then Clear Recent."""
    menu.clear()
    listed = entries(settings)
    for url in listed:
        action = menu.addAction(location_title(url))
        path = file_of(url)
        if path is not None and not path.is_file():
            action.setEnabled(False)
            action.setToolTip(f"{path} is not there any more (moved, deleted or not mounted)")
        else:
            action.setToolTip(str(path) if path is not None else location_title(url))
        action.triggered.connect(lambda _checked=False, chosen=url: open_url(chosen))
    if not listed:
        empty = menu.addAction("No recent databases")
        empty.setEnabled(False)
    menu.addSeparator()
    clear_action = menu.addAction("Clear Recent")
    clear_action.setEnabled(bool(listed))
    clear_action.triggered.connect(lambda _checked=False: clear(settings))
    menu.setToolTipsVisible(True)


def recent_menu(parent: QWidget, settings: QSettings, open_url: Callable[[str], None]) -> QMenu:
    """The Open Recent submenu, filled afresh each time it opens (files come and go)."""
    menu = QMenu("Open &Recent", parent)
    menu.setObjectName("openRecentMenu")
    menu.aboutToShow.connect(lambda: fill_menu(menu, settings, open_url))
    fill_menu(menu, settings, open_url)
    return menu
