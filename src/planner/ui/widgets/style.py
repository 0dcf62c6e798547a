"""Colours, the light and dark themes, and the icons shared by the views: the one module that
names a colour (tests/ui/widgets/test_ui_style.py greps the rest of ui/ for colour literals).

Text colours come from the palette or from a *tone* (muted, error, warning, success), and each
tone has a light and a dark value, chosen by how dark the window's palette is; so a message
stays readable when the desktop (or PLANNER_THEME=dark) turns the window dark. Widgets given a
tone with ``set_tone`` are re-coloured when the palette changes.

Imports nothing of Planner's model, so the shell can use it before the database layer loads.
"""

from __future__ import annotations

import os
from enum import StrEnum
from functools import cache
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QProxyStyle,
    QStyle,
    QStyleFactory,
    QStyleOption,
    QWidget,
)

if TYPE_CHECKING:
    from planner.model import AttributionRule

# The rules' badge colours (white text on them reads well in both themes).
_RULE_COLOURS: dict[str, str] = {
    "on_the_record": "#2E7D32",
    "chatham_house": "#1F4E79",
    "not_for_attribution": "#8E5A00",
    "off_the_record": "#8B1A1A",
}

# The sidebar's section icons: white letters on these.
SECTION_COLOURS: dict[str, str] = {
    "Events": "#1F4E79",
    "People": "#2E7D32",
    "Venues": "#8E5A00",
    "Series": "#5E35B1",
    "Organisation": "#546E7A",
}
EXAMPLE_COLOUR = "#1F4E79"  # the example in "a colour is written #RRGGBB" messages
ON_COLOUR = "#FFFFFF"  # text on a badge, an icon or a rule-coloured cell


class Tone(StrEnum):
    MUTED = "muted"  # secondary text: hints, counts, subheadings
    ERROR = "error"  # what is wrong and not saved
    WARNING = "warning"  # what is still missing
    SUCCESS = "success"  # "no problems found"
    BLOCKED = "blocked"  # background of a name that may not be printed
    ALLOWED = "allowed"  # background of a name that may be


# Light value, dark value. Dark values are lighter so they keep contrast on a dark window.
_TONES: dict[Tone, tuple[str, str]] = {
    Tone.MUTED: ("#5F6368", "#A8ADB3"),
    Tone.ERROR: ("#B00020", "#FF7A8A"),
    Tone.WARNING: ("#8E5A00", "#F0B35A"),
    Tone.SUCCESS: ("#256B29", "#7BCB80"),
    Tone.BLOCKED: ("#FFD6D6", "#5C2229"),
    Tone.ALLOWED: ("#DDEEDD", "#23402A"),
}

_TONE_PROPERTY = "plannerTone"


def is_dark(palette: QPalette | None = None) -> bool:
    """Whether the window is dark (its background darker than its text)."""
    palette = palette or QApplication.palette()
    window = palette.color(QPalette.ColorRole.Window)
    text = palette.color(QPalette.ColorRole.WindowText)
    return window.lightness() < text.lightness()


def tone_colour(tone: Tone) -> QColor:
    light, dark = _TONES[tone]
    return QColor(dark if is_dark() else light)


def tone_name(tone: Tone) -> str:
    """The tone's colour as #RRGGBB, for rich text (``toned``)."""
    return str(tone_colour(tone).name())


def toned(text: str, tone: Tone) -> str:
    """``text`` (already escaped rich text) in ``tone``'s colour."""
    return f"<span style='color:{tone_name(tone)}'>{text}</span>"


def toned_link(href: str, text: str, tone: Tone) -> str:
    """A rich-text link to ``href`` (``text`` already escaped) in ``tone``'s colour."""
    return f"<a href='{href}' style='color:{tone_name(tone)}'>{text}</a>"


def set_tone(widget: QWidget, tone: Tone | None) -> None:
    """Write ``widget``'s text in ``tone`` (None: the palette's own text colour); kept when the
    theme changes."""
    widget.setProperty(_TONE_PROPERTY, tone.value if tone else "")
    _apply_tone(widget)


def tone_of(widget: QWidget) -> Tone | None:
    """The tone ``set_tone`` gave ``widget`` (None: the palette's text colour)."""
    name = str(widget.property(_TONE_PROPERTY) or "")
    return Tone(name) if name else None


def _apply_tone(widget: QWidget) -> None:
    name = str(widget.property(_TONE_PROPERTY) or "")
    palette = QPalette(widget.palette())
    base = QApplication.palette()
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text):
        colour = tone_colour(Tone(name)) if name else base.color(role)
        palette.setColor(role, colour)
    widget.setPalette(palette)


def rule_colour(rule: AttributionRule | str) -> QColor:
    return QColor(_RULE_COLOURS[rule])


def section_icon(letter: str, colour: str) -> QIcon:
    """A sidebar icon: ``letter`` in white on ``colour`` (one of SECTION_COLOURS)."""
    from planner.ui.widgets.icons import letter_icon

    return letter_icon(letter, QColor(colour), QColor(ON_COLOUR))


def swatch_style(colour: str) -> str:
    """The style sheet of a colour sample showing ``colour`` (a user's #RRGGBB)."""
    return f"background: {colour}; border: 1px solid palette(mid); border-radius: 3px;"


def on_colour() -> QColor:
    return QColor(ON_COLOUR)


def muted_text_colour() -> QColor:
    """Text that should recede (days of the next month in the month view, cancelled events)."""
    return tone_colour(Tone.MUTED)


# --- the theme --------------------------------------------------------------------------------

THEME_ENV = "PLANNER_THEME"
THEME_SETTING = "appearance/theme"  # QSettings key: View > Theme
THEMES = ("system", "light", "dark")


def theme_choice(setting: object = None) -> str:
    """ "light", "dark" or "system": $PLANNER_THEME first, then the setting, else "system"."""
    for value in (os.environ.get(THEME_ENV), setting):
        text = str(value or "").strip().lower()
        if text in THEMES:
            return text
    return "system"


def dark_palette() -> QPalette:
    """A dark palette for the Fusion style (where the platform gives none)."""
    palette = QPalette()
    colours = {
        QPalette.ColorRole.Window: "#2B2D30",
        QPalette.ColorRole.WindowText: "#E6E6E6",
        QPalette.ColorRole.Base: "#1E1F22",
        QPalette.ColorRole.AlternateBase: "#26282B",
        QPalette.ColorRole.ToolTipBase: "#3C3F41",
        QPalette.ColorRole.ToolTipText: "#E6E6E6",
        QPalette.ColorRole.PlaceholderText: "#8C9096",
        QPalette.ColorRole.Text: "#E6E6E6",
        QPalette.ColorRole.Button: "#3A3C40",
        QPalette.ColorRole.ButtonText: "#E6E6E6",
        QPalette.ColorRole.BrightText: "#FF7A8A",
        QPalette.ColorRole.Light: "#4A4D52",
        QPalette.ColorRole.Midlight: "#404348",
        QPalette.ColorRole.Mid: "#34363A",
        QPalette.ColorRole.Dark: "#1A1B1E",
        QPalette.ColorRole.Shadow: "#000000",
        QPalette.ColorRole.Highlight: "#2F65CA",
        QPalette.ColorRole.HighlightedText: "#FFFFFF",
        QPalette.ColorRole.Link: "#8AB4F8",
        QPalette.ColorRole.LinkVisited: "#C58AF9",
    }
    for role, name in colours.items():
        palette.setColor(role, QColor(name))
    disabled = QPalette.ColorGroup.Disabled
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        palette.setColor(disabled, role, QColor("#7A7D82"))
    palette.setColor(disabled, QPalette.ColorRole.Highlight, QColor("#45484D"))
    return palette


def light_palette() -> QPalette:
    palette = QPalette(QStyleFactory.create("Fusion").standardPalette())
    # Placeholders grey, clearly not typed text ("e.g. …").
    palette.setColor(QPalette.ColorRole.PlaceholderText, QColor("#8A8F96"))
    return palette


# The platform's own style and palette, kept when a theme first replaces them ("system"
# brings them back).
_platform: tuple[str, QPalette] | None = None


def apply_theme(app: QApplication, choice: str) -> str:
    """Give the window the ``choice`` theme ("system" follows the desktop's colour scheme);
    the theme applied, "light" or "dark"."""
    global _platform
    if _platform is None:
        _platform = (app.style().name(), QPalette(app.palette()))
    style_name, platform_palette = _platform
    if choice == "system":
        scheme = app.styleHints().colorScheme()
        dark = scheme == Qt.ColorScheme.Dark or is_dark(platform_palette)
        if dark and not is_dark(platform_palette):
            # A dark desktop whose style keeps a light palette: Fusion draws a dark one well.
            _set_style(app, "fusion", dark_palette())
        else:
            _set_style(app, style_name, platform_palette)
    else:
        dark = choice == "dark"
        _set_style(app, "fusion", dark_palette() if dark else light_palette())
    _retone_all()
    return "dark" if dark else "light"


def _set_style(app: QApplication, name: str, palette: QPalette) -> None:
    if name.lower() == "fusion":
        if not isinstance(app.style(), _FusionChecks):
            # The application owns its style and deletes it when given another.
            app.setStyle(_FusionChecks(QStyleFactory.create("fusion")))
    elif app.style().name().lower() != name.lower():
        app.setStyle(name)
    app.setPalette(palette)


class _FusionChecks(QProxyStyle):
    """Fusion, with an edge round the check boxes a dark palette would hide.

    Fusion draws a check box's edge in the window colour darkened; on a dark palette that is
    the colour of the base the box sits on in a table (Attended, Named, Create), so an unticked
    box vanishes. The palette's light role, drawn over that edge, shows it again.
    """

    def drawPrimitive(
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        super().drawPrimitive(element, option, painter, widget)
        if element == QStyle.PrimitiveElement.PE_IndicatorCheckBox and is_dark(option.palette):
            painter.save()
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            painter.translate(0.5, 0.5)  # as Fusion draws the edge
            painter.setPen(option.palette.color(QPalette.ColorRole.Light).lighter(135))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(option.rect.adjusted(0, 0, -1, -1))
            painter.restore()


def follow_system_theme(app: QApplication, choice: str) -> None:
    """Apply ``choice`` now; while it is "system", again whenever the desktop switches."""
    global _following
    apply_theme(app, choice)
    _following = choice == "system"
    if not _connected:
        _connect_scheme_changes(app)


_following = False
_connected = False


def _connect_scheme_changes(app: QApplication) -> None:
    global _connected
    _connected = True

    def changed(_scheme: Qt.ColorScheme) -> None:
        if _following:
            apply_theme(app, "system")

    app.styleHints().colorSchemeChanged.connect(changed)


def _retone_all() -> None:
    for widget in QApplication.allWidgets():
        if widget.property(_TONE_PROPERTY):
            _apply_tone(widget)


def paint_badge(painter: QPainter, rect: QRect, rule: AttributionRule) -> None:
    """A rounded badge with the rule's short name (CHR, ON ...) filling ``rect``."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(rule_colour(rule))
    painter.drawRoundedRect(rect, 3, 3)
    font = QFont(painter.font())
    font.setBold(True)
    font.setPixelSize(max(8, rect.height() - 5))
    painter.setFont(font)
    painter.setPen(on_colour())
    from planner.model.labels import RULE_BADGES

    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, RULE_BADGES[rule])
    painter.restore()


class RuleBadge(QLabel):
    """The rule as a coloured label (the editor's header)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.set_rule("chatham_house")

    def set_rule(self, rule: AttributionRule | str) -> None:
        from planner.model import AttributionRule
        from planner.model.labels import RULE_LABELS

        label = RULE_LABELS[AttributionRule(rule)]
        self.setText(f" {label} ")
        self.setToolTip(f"Held under: {label}")
        self.setAccessibleName(f"Attribution rule: {label}")
        self.setStyleSheet(
            f"background:{_RULE_COLOURS[rule]}; color:{ON_COLOUR}; border-radius:3px;"
            " padding:2px 6px; font-weight:bold;"
        )


def _standard_pixmap(name: str) -> Any:
    # QStyle is imported when an icon is first wanted: its type costs ~25 ms to set up, and
    # the main window imports this module before its first paint.
    from PySide6.QtWidgets import QStyle

    return getattr(QStyle.StandardPixmap, name)


@cache
def warning_icon() -> QIcon:
    style = QApplication.style()
    return style.standardIcon(_standard_pixmap("SP_MessageBoxWarning"))


@cache
def error_icon() -> QIcon:
    style = QApplication.style()
    return style.standardIcon(_standard_pixmap("SP_MessageBoxCritical"))


@cache
def info_icon() -> QIcon:
    style = QApplication.style()
    return style.standardIcon(_standard_pixmap("SP_MessageBoxInformation"))


def error_label(parent: QWidget | None = None) -> QLabel:
    """The small red line under a field that says what is wrong with it (hidden when fine)."""
    label = QLabel(parent)
    set_tone(label, Tone.ERROR)
    label.setWordWrap(True)
    label.hide()
    return label


def show_error(label: QLabel, message: str | None) -> None:
    if message:
        label.setText(message)
        label.show()
    else:
        label.clear()
        label.hide()


def is_rtl(text: str) -> bool:
    """Whether ``text`` starts (at its first strong character) in a right-to-left script."""
    import unicodedata

    for char in text:
        direction = unicodedata.bidirectional(char)
        if direction in ("R", "AL"):
            return True
        if direction == "L":
            return False
    return False


def follow_direction(edit: QWidget, text: str) -> None:
    """Lay a field out right to left while it holds right-to-left text (Arabic, Urdu, Hebrew)."""
    direction = Qt.LayoutDirection.RightToLeft if is_rtl(text) else Qt.LayoutDirection.LeftToRight
    if edit.layoutDirection() != direction:
        edit.setLayoutDirection(direction)


def text_alignment(text: str) -> int:
    """Cell alignment for ``text``: names in Arabic or Urdu sit at the right, as they read."""
    horizontal = Qt.AlignmentFlag.AlignRight if is_rtl(text) else Qt.AlignmentFlag.AlignLeft
    return int(horizontal | Qt.AlignmentFlag.AlignVCenter)


def style_notice_bar(frame: QWidget) -> None:
    """A bar that asks for attention ("3 invitations show the old time", "Changed by someone
    else", "You can read this database but not change it"): the palette's alternate base with a
    border in its mid tone, so a dark theme keeps it readable. ``frame`` is a QFrame or a
    QToolBar."""
    name = frame.objectName() or "noticeBar"
    frame.setObjectName(name)
    kind = frame.metaObject().className()
    frame.setStyleSheet(
        f"{kind}#{name} {{ background: palette(alternate-base);"
        " border: 1px solid palette(mid); border-radius: 4px; }"
    )
