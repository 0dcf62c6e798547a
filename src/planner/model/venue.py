"""Where events happen."""

# No ``from __future__ import annotations`` here: SQLAlchemy would eval every ``Mapped[...]``
# string at import (about a tenth of importing the model, paid by every command); classes
# defined further down the module are named in quotes instead.

from datetime import time

from sqlalchemy import ForeignKey, String, Text, Time, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, Versioned


class Venue(Versioned, Base):
    __tablename__ = "venue"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    city: Mapped[str] = mapped_column(String(200), default="")
    address: Mapped[str] = mapped_column(Text, default="")
    contact: Mapped[str] = mapped_column(String(300), default="")
    # Opening hours in the venue's local time (the event's zone); None = always open.
    opens_at: Mapped[time | None] = mapped_column(Time, default=None)
    closes_at: Mapped[time | None] = mapped_column(Time, default=None)
    notes: Mapped[str] = mapped_column(Text, default="")

    rooms: Mapped[list["Room"]] = relationship(
        back_populates="venue", cascade="all, delete-orphan", order_by="Room.name"
    )


class Room(Versioned, Base):
    __tablename__ = "room"
    __table_args__ = (UniqueConstraint("venue_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    venue_id: Mapped[int] = mapped_column(ForeignKey("venue.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    capacity: Mapped[int | None] = mapped_column(default=None)

    venue: Mapped[Venue] = relationship(back_populates="rooms")
