"""The institute running the events. One row."""

# No ``from __future__ import annotations`` here: SQLAlchemy would eval every ``Mapped[...]``
# string at import (about a tenth of importing the model, paid by every command); classes
# defined further down the module are named in quotes instead.

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from planner.zones import FALLBACK_ZONE

from .base import Base, Versioned
from .enums import AttributionRule, PaperSize, TimeStyle
from .types import str_enum


class Organisation(Versioned, Base):
    __tablename__ = "organisation"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300), default="")
    short_name: Mapped[str] = mapped_column(String(60), default="")
    address: Mapped[str] = mapped_column(Text, default="")
    website: Mapped[str] = mapped_column(String(300), default="")
    email: Mapped[str] = mapped_column(String(300), default="")
    phone: Mapped[str] = mapped_column(String(60), default="")
    logo_path: Mapped[str] = mapped_column(String(1000), default="")
    brand_colour: Mapped[str] = mapped_column(String(16), default="#1F4E79")
    paper_size: Mapped[PaperSize] = mapped_column(str_enum(PaperSize), default=PaperSize.A4)
    time_zone: Mapped[str] = mapped_column(String(64), default=FALLBACK_ZONE)
    time_style: Mapped[TimeStyle] = mapped_column(str_enum(TimeStyle), default=TimeStyle.HOURS)
    default_attribution: Mapped[AttributionRule] = mapped_column(
        str_enum(AttributionRule), default=AttributionRule.CHATHAM_HOUSE
    )
    # Whether the cast (chair, moderator, speakers) of a Chatham House event may be named in
    # public documents. The seed's own page does so; a stricter institute turns it off.
    name_cast_publicly_under_chatham_house: Mapped[bool] = mapped_column(default=True)
    language: Mapped[str] = mapped_column(String(16), default="en")
    # Minutes a person needs between events at different venues (scheduling).
    travel_buffer_minutes: Mapped[int] = mapped_column(default=30)
