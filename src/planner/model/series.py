"""A run of related events with numbered sessions."""

# No ``from __future__ import annotations`` here: SQLAlchemy would eval every ``Mapped[...]``
# string at import (about a tenth of importing the model, paid by every command); classes
# defined further down the module are named in quotes instead.

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, Versioned
from .enums import AttributionRule, EventFormat
from .labels import DEFAULT_NUMBERING
from .types import str_enum


class Series(Versioned, Base):
    __tablename__ = "series"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    short_title: Mapped[str] = mapped_column(String(120), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    # How a session is labelled; "{n}" is the session number ("Session {n}", "Seminar No. {n}").
    numbering: Mapped[str] = mapped_column(String(120), default=DEFAULT_NUMBERING)
    # Defaults for sessions planned from a recurrence rule.
    default_format: Mapped[EventFormat | None] = mapped_column(str_enum(EventFormat), default=None)
    default_attribution: Mapped[AttributionRule | None] = mapped_column(
        str_enum(AttributionRule), default=None
    )
    default_venue_id: Mapped[int | None] = mapped_column(
        ForeignKey("venue.id", ondelete="SET NULL"), default=None
    )
    default_room_id: Mapped[int | None] = mapped_column(
        ForeignKey("room.id", ondelete="SET NULL"), default=None
    )
    default_chair_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="SET NULL"), default=None
    )
    default_time_zone: Mapped[str] = mapped_column(String(64), default="")
    default_duration_minutes: Mapped[int] = mapped_column(default=120)
