"""Someone in the directory."""

# No ``from __future__ import annotations`` here: SQLAlchemy would eval every ``Mapped[...]``
# string at import (about a tenth of importing the model, paid by every command); classes
# defined further down the module are named in quotes instead.

from datetime import datetime

from sqlalchemy import Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, UTCDateTime, Versioned, utcnow

# A person's own text fields (no id, no timestamps), in the order the class declares them, which
# is the order a person page shows them and a contact file or package lists them.
PERSON_FIELDS: tuple[str, ...] = (
    "honorific",
    "given_name",
    "family_name",
    "post_nominals",
    "position",
    "affiliation",
    "email",
    "phone",
    "short_style",
    "salutation",
    "short_bio",
    "long_bio",
    "notes",
    # Last, so that contact files keep their columns where they were before revision 0010.
    "name_order",
)

# The fields that hold paragraphs (tabs and line breaks are text there); every other field of a
# person is one line, where a control character is refused (planner.safety).
MULTILINE_PERSON_FIELDS: frozenset[str] = frozenset({"short_bio", "long_bio", "notes"})


class Person(Versioned, Base):
    __tablename__ = "person"
    __table_args__ = (
        Index("ix_person_family_given", "family_name", "given_name"),
        Index("ix_person_email", "email"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    honorific: Mapped[str] = mapped_column(String(120), default="")  # "Lt. Gen. (R)", "Amb (R)"
    given_name: Mapped[str] = mapped_column(String(200), default="")
    family_name: Mapped[str] = mapped_column(String(200), default="")
    # Which name comes first when written out (model.enums.NameOrder): "" follows the script
    # (family first in Chinese, Japanese and Korean characters, given first otherwise);
    # "family first" is for a romanised name written so (Wang Yi, Kim Jong-un, Orbán Viktor).
    name_order: Mapped[str] = mapped_column(String(20), server_default="")
    post_nominals: Mapped[str] = mapped_column(String(120), default="")  # "HI (M)", "(TI)"
    position: Mapped[str] = mapped_column(String(300), default="")
    affiliation: Mapped[str] = mapped_column(String(300), default="")
    email: Mapped[str] = mapped_column(String(300), default="")
    phone: Mapped[str] = mapped_column(String(60), default="")
    short_style: Mapped[str] = mapped_column(String(200), default="")  # "" = derived
    salutation: Mapped[str] = mapped_column(String(200), default="")  # "" = derived
    short_bio: Mapped[str] = mapped_column(Text, default="")
    long_bio: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    # What people search reads (store.people_index.person_search_text): the searched fields and
    # a CJK full name written without a space in both orders, folded (case, diacritics, Arabic
    # letter variants). Not a person's own field: kept in step on every write.
    search_text: Mapped[str] = mapped_column(Text, server_default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    def __repr__(self) -> str:
        return f"Person(id={self.id!r}, {self.honorific} {self.given_name} {self.family_name})"
