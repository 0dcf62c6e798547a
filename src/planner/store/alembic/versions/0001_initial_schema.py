"""Initial schema: the model as it stood when planner adopted Alembic.

Timestamps are naive UTC in DATETIME columns (see model.base.UTCDateTime); enums are their
string values in VARCHAR(32) columns without CHECK constraints.

Revision ID: 0001
Revises:
Create Date: 2026-11-27 19:39:22.840227
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "organisation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("short_name", sa.String(length=60), nullable=False),
        sa.Column("address", sa.Text(), nullable=False),
        sa.Column("website", sa.String(length=300), nullable=False),
        sa.Column("email", sa.String(length=300), nullable=False),
        sa.Column("phone", sa.String(length=60), nullable=False),
        sa.Column("logo_path", sa.String(length=1000), nullable=False),
        sa.Column("brand_colour", sa.String(length=16), nullable=False),
        sa.Column("paper_size", sa.String(length=32), nullable=False),
        sa.Column("time_zone", sa.String(length=64), nullable=False),
        sa.Column("time_style", sa.String(length=32), nullable=False),
        sa.Column("default_attribution", sa.String(length=32), nullable=False),
        sa.Column("name_cast_publicly_under_chatham_house", sa.Boolean(), nullable=False),
        sa.Column("language", sa.String(length=16), nullable=False),
        sa.Column("travel_buffer_minutes", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organisation")),
    )
    op.create_table(
        "person",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("honorific", sa.String(length=120), nullable=False),
        sa.Column("given_name", sa.String(length=200), nullable=False),
        sa.Column("family_name", sa.String(length=200), nullable=False),
        sa.Column("post_nominals", sa.String(length=120), nullable=False),
        sa.Column("position", sa.String(length=300), nullable=False),
        sa.Column("affiliation", sa.String(length=300), nullable=False),
        sa.Column("email", sa.String(length=300), nullable=False),
        sa.Column("phone", sa.String(length=60), nullable=False),
        sa.Column("short_style", sa.String(length=200), nullable=False),
        sa.Column("salutation", sa.String(length=200), nullable=False),
        sa.Column("short_bio", sa.Text(), nullable=False),
        sa.Column("long_bio", sa.Text(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person")),
    )
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.create_index("ix_person_email", ["email"], unique=False)
        batch_op.create_index("ix_person_family_given", ["family_name", "given_name"], unique=False)

    op.create_table(
        "venue",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("city", sa.String(length=200), nullable=False),
        sa.Column("address", sa.Text(), nullable=False),
        sa.Column("contact", sa.String(length=300), nullable=False),
        sa.Column("opens_at", sa.Time(), nullable=True),
        sa.Column("closes_at", sa.Time(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_venue")),
    )
    op.create_table(
        "room",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("venue_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("capacity", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["venue_id"], ["venue.id"], name=op.f("fk_room_venue_id_venue"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_room")),
        sa.UniqueConstraint("venue_id", "name", name=op.f("uq_room_venue_id_name")),
    )
    with op.batch_alter_table("room", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_room_venue_id"), ["venue_id"], unique=False)

    op.create_table(
        "series",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("short_title", sa.String(length=120), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("numbering", sa.String(length=120), nullable=False),
        sa.Column("default_format", sa.String(length=32), nullable=True),
        sa.Column("default_attribution", sa.String(length=32), nullable=True),
        sa.Column("default_venue_id", sa.Integer(), nullable=True),
        sa.Column("default_room_id", sa.Integer(), nullable=True),
        sa.Column("default_chair_id", sa.Integer(), nullable=True),
        sa.Column("default_time_zone", sa.String(length=64), nullable=False),
        sa.Column("default_duration_minutes", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["default_chair_id"],
            ["person.id"],
            name=op.f("fk_series_default_chair_id_person"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["default_room_id"],
            ["room.id"],
            name=op.f("fk_series_default_room_id_room"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["default_venue_id"],
            ["venue.id"],
            name=op.f("fk_series_default_venue_id_venue"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_series")),
    )
    op.create_table(
        "event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=200), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("short_title", sa.String(length=200), nullable=False),
        sa.Column("subtitle", sa.String(length=500), nullable=False),
        sa.Column("format", sa.String(length=32), nullable=False),
        sa.Column("status", sa.String(length=32), nullable=False),
        sa.Column("series_id", sa.Integer(), nullable=True),
        sa.Column("series_number", sa.Integer(), nullable=True),
        sa.Column("starts_at", sa.DateTime(), nullable=False),
        sa.Column("ends_at", sa.DateTime(), nullable=False),
        sa.Column("time_zone", sa.String(length=64), nullable=False),
        sa.Column("venue_id", sa.Integer(), nullable=True),
        sa.Column("room_id", sa.Integer(), nullable=True),
        sa.Column("attribution", sa.String(length=32), nullable=False),
        sa.Column("audience", sa.String(length=32), nullable=False),
        sa.Column("concept_note", sa.Text(), nullable=False),
        sa.Column("background", sa.Text(), nullable=False),
        sa.Column("key_issues", sa.JSON(), nullable=False),
        sa.Column("report_summary", sa.Text(), nullable=False),
        sa.Column("report_discussion", sa.Text(), nullable=False),
        sa.Column("report_recommendations", sa.JSON(), nullable=False),
        sa.Column("report_url", sa.String(length=1000), nullable=False),
        sa.Column("contact", sa.String(length=300), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["room_id"], ["room.id"], name=op.f("fk_event_room_id_room"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["series_id"],
            ["series.id"],
            name=op.f("fk_event_series_id_series"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["venue_id"], ["venue.id"], name=op.f("fk_event_venue_id_venue"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event")),
        sa.UniqueConstraint("uid", name=op.f("uq_event_uid")),
    )
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_event_series_id"), ["series_id"], unique=False)
        batch_op.create_index("ix_event_starts_ends", ["starts_at", "ends_at"], unique=False)
        batch_op.create_index("ix_event_venue_starts", ["venue_id", "starts_at"], unique=False)

    op.create_table(
        "agenda_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("starts_at", sa.DateTime(), nullable=False),
        sa.Column("ends_at", sa.DateTime(), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("attribution", sa.String(length=32), nullable=True),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["event.id"],
            name=op.f("fk_agenda_item_event_id_event"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agenda_item")),
    )
    with op.batch_alter_table("agenda_item", schema=None) as batch_op:
        batch_op.create_index(
            "ix_agenda_item_event_position", ["event_id", "position"], unique=False
        )

    op.create_table(
        "consent",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("may_be_named", sa.Boolean(), nullable=False),
        sa.Column("description", sa.String(length=300), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"], ["event.id"], name=op.f("fk_consent_event_id_event"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_consent_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consent")),
        sa.UniqueConstraint("event_id", "person_id", name=op.f("uq_consent_event_id_person_id")),
    )
    op.create_table(
        "invitation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=32), nullable=False),
        sa.Column("attended", sa.Boolean(), nullable=True),
        sa.Column("sent_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["event.id"],
            name=op.f("fk_invitation_event_id_event"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_invitation_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_invitation")),
        sa.UniqueConstraint("event_id", "person_id", name=op.f("uq_invitation_event_id_person_id")),
    )
    with op.batch_alter_table("invitation", schema=None) as batch_op:
        batch_op.create_index("ix_invitation_person_event", ["person_id", "event_id"], unique=False)

    op.create_table(
        "participation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=32), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["event.id"],
            name=op.f("fk_participation_event_id_event"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_participation_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_participation")),
        sa.UniqueConstraint(
            "event_id", "person_id", "role", name=op.f("uq_participation_event_id_person_id_role")
        ),
    )
    with op.batch_alter_table("participation", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_participation_event_id"), ["event_id"], unique=False)
        batch_op.create_index(
            "ix_participation_person_event", ["person_id", "event_id"], unique=False
        )

    op.create_table(
        "agenda_person",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agenda_item_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=32), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agenda_item_id"],
            ["agenda_item.id"],
            name=op.f("fk_agenda_person_agenda_item_id_agenda_item"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_agenda_person_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agenda_person")),
        sa.UniqueConstraint(
            "agenda_item_id",
            "person_id",
            "role",
            name=op.f("uq_agenda_person_agenda_item_id_person_id_role"),
        ),
    )
    with op.batch_alter_table("agenda_person", schema=None) as batch_op:
        batch_op.create_index(
            "ix_agenda_person_person", ["person_id", "agenda_item_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("agenda_person", schema=None) as batch_op:
        batch_op.drop_index("ix_agenda_person_person")

    op.drop_table("agenda_person")
    with op.batch_alter_table("participation", schema=None) as batch_op:
        batch_op.drop_index("ix_participation_person_event")
        batch_op.drop_index(batch_op.f("ix_participation_event_id"))

    op.drop_table("participation")
    with op.batch_alter_table("invitation", schema=None) as batch_op:
        batch_op.drop_index("ix_invitation_person_event")

    op.drop_table("invitation")
    op.drop_table("consent")
    with op.batch_alter_table("agenda_item", schema=None) as batch_op:
        batch_op.drop_index("ix_agenda_item_event_position")

    op.drop_table("agenda_item")
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.drop_index("ix_event_venue_starts")
        batch_op.drop_index("ix_event_starts_ends")
        batch_op.drop_index(batch_op.f("ix_event_series_id"))

    op.drop_table("event")
    op.drop_table("series")
    with op.batch_alter_table("room", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_room_venue_id"))

    op.drop_table("room")
    op.drop_table("venue")
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.drop_index("ix_person_family_given")
        batch_op.drop_index("ix_person_email")

    op.drop_table("person")
    op.drop_table("organisation")
