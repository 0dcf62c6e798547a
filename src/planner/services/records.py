"""Reading one row's fields by its :class:`~planner.services.operations.Record` key.

The venue, series and organisation forms bind widgets to the columns of one row: they read the
values here and write them back as ``SetField`` operations, so the window names a row by its
record key and id and never holds an ORM object.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from planner.services.operations import Record, model_class
from planner.store import Database


def read_fields(
    db: Database, record: Record, row_id: int, names: Iterable[str]
) -> dict[str, Any] | None:
    """The values of ``names`` on row ``row_id`` of ``record``; None when there is no such row."""
    with db.session(write=False) as session:
        row = session.get(model_class(record), row_id)
        if row is None:
            return None
        return {name: getattr(row, name) for name in names}
