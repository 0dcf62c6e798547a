"""Files written whole or not at all (documents, exports, packages).

Kept apart from the services that write them so that a command writing one kind of file
(``planner render`` a PDF) does not import the renderers of every other kind.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from planner.errors import PlannerError


def atomic_write(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise PlannerError(f"{path}: the folder {folder} does not exist")
    if path.is_dir():
        raise PlannerError(f"{path} is a folder; give a file name")
    # A plain open(..., "xb") rather than mkstemp: the file gets the user's usual permissions
    # (mkstemp's are owner-only), and "x" still refuses to reuse an existing name.
    temporary = folder / f".{path.name}.{secrets.token_hex(6)}.part"
    try:
        try:
            with open(temporary, "xb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
            os.replace(temporary, path)
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise
    except OSError as error:
        raise PlannerError(f"cannot write {path}: {error.strerror or error}") from error
    return path
