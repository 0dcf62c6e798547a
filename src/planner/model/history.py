"""The history: who changed what, when (one row per field changed, or per row made or deleted).

Written by one listener in the store (``planner.store.history``) in the transaction of the change
itself, so no edit path can forget it; Core bulk paths (imports of thousands of people) write
one summary row each instead. Read by ``planner history`` and the editor's History section.
Packages do not carry it (an event package is the event, not its past); ``db copy`` does.
"""

# No ``from __future__ import annotations`` here (see model/event.py).

from datetime import datetime

from sqlalchemy import Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, UTCDateTime, utcnow
from .enums import ChangeKind
from .types import str_enum


class Change(Base):
    __tablename__ = "change"
    __table_args__ = (
        Index("ix_change_event_id", "event_id", "id"),
        Index("ix_change_record", "table_name", "record_id", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    who: Mapped[str] = mapped_column(String(200), default="")
    # No foreign key: the history of a deleted event (and its deletion) outlives the event.
    event_id: Mapped[int | None] = mapped_column(default=None)
    table_name: Mapped[str] = mapped_column(String(64))
    record_id: Mapped[int | None] = mapped_column(default=None)
    # What the row is, in words, when the change was made ("speaker Sana Rahman").
    label: Mapped[str] = mapped_column(Text, default="")
    field: Mapped[str] = mapped_column(String(100), default="")
    old_value: Mapped[str | None] = mapped_column(Text, default=None)
    new_value: Mapped[str | None] = mapped_column(Text, default=None)
    kind: Mapped[ChangeKind] = mapped_column(str_enum(ChangeKind), default=ChangeKind.EDIT)
