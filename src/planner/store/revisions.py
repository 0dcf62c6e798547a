"""Which schema revisions this planner ships, and where Alembic finds them.

Apart from ``migrations`` so that the health check and the restore can read a file's revision
without importing the module that migrates it (and migrations imports them).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from alembic.config import Config

# Alembic is imported only when there is something to migrate (it costs a good part of a
# second at every start otherwise). A test checks this is the newest shipped revision.
HEAD_REVISION = "0010"

SCRIPT_LOCATION = Path(__file__).resolve().parent / "alembic"
VERSION_TABLE = "alembic_version"
# A file with planner's tables but no version table: made by a development build from before
# planner shipped migrations. It is refused (migrations, health), not adopted.
UNVERSIONED = (
    "made by a development version of planner from before schema versions "
    "(no alembic_version table); this planner cannot open it"
)


def alembic_config() -> Config:
    """Alembic's configuration, built in code (no alembic.ini is needed at run time)."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(SCRIPT_LOCATION))
    return config


def head_revision() -> str:
    """The newest revision shipped, as Alembic's script directory says."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, "the package ships at least one revision"
    return head


def known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    return {rev.revision for rev in script.walk_revisions()}
