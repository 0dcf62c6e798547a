"""Dispatches: what went out (an invitation drafted or marked sent, a reminder, an update, a
cancellation; a document printed, saved or opened), to whom, when, by whom, and from which state
of the event (DOMAIN.md, "Dispatch").

``fingerprint`` is a stable hash of what the output showed (for a message: the time, the place,
the title and the cast as the recipient's sheet showed them; for a document: the whole sheet it
was rendered from), and ``shown`` those facets in words, so that after an edit the program can
say which outputs are out of date and why ("show the old time").
"""

# No ``from __future__ import annotations``: see model/event.py.

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, UTCDateTime, utcnow
from .enums import DispatchKind
from .types import str_enum


class Dispatch(Base):
    __tablename__ = "dispatch"
    __table_args__ = (Index("ix_dispatch_event_person", "event_id", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"))
    # The recipient of a message; None for a document.
    person_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE"), default=None
    )
    kind: Mapped[DispatchKind] = mapped_column(str_enum(DispatchKind))
    # A document's kind ("programme", "briefing"); "" for a message.
    document: Mapped[str] = mapped_column(String(32), default="")
    audience: Mapped[str] = mapped_column(String(16), default="")  # Audience value
    # "drafted", "marked sent", "printed", "saved", "opened"
    how: Mapped[str] = mapped_column(String(16), default="")
    # The iCalendar SEQUENCE the message's calendar entry carried (0 for documents).
    sequence: Mapped[int] = mapped_column(default=0)
    fingerprint: Mapped[str] = mapped_column(String(64))
    shown: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    by: Mapped[str] = mapped_column(String(200), default="")

    def __repr__(self) -> str:
        return f"Dispatch(id={self.id!r}, kind={self.kind!r}, event_id={self.event_id!r})"
