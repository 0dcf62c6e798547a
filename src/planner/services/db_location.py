"""Is the database file somewhere SQLite's locking cannot be trusted?

SQLite relies on the file system's locks. Network file systems (NFS, SMB/CIFS, SSHFS, 9p…)
often get them wrong, and sync clients (Dropbox, OneDrive, Google Drive, iCloud Drive) copy the
file and its -wal behind SQLite's back: both can corrupt the database or lose edits. Found by
the path's folder names and, on Linux, by the file system type in /proc/mounts; on Windows a
UNC path or a network drive.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

# Folder names sync clients use (compared case-blind), with the service's name.
SYNCED_FOLDERS: tuple[tuple[str, str], ...] = (
    ("dropbox", "Dropbox"),
    ("onedrive", "OneDrive"),
    ("google drive", "Google Drive"),
    ("googledrive", "Google Drive"),
    ("my drive", "Google Drive"),
    ("icloud drive", "iCloud Drive"),
    ("mobile documents", "iCloud Drive"),
    ("icloud~", "iCloud Drive"),
)

NETWORK_FILE_SYSTEMS = frozenset(
    {
        "nfs",
        "nfs4",
        "cifs",
        "smb3",
        "smbfs",
        "fuse.sshfs",
        "sshfs",
        "9p",
        "afs",
        "ncpfs",
        "davfs",
        "fuse.davfs2",
        "fuse.rclone",
        "ceph",
        "glusterfs",
        "fuse.glusterfs",
        "lustre",
    }
)


def synced_folder(path: Path) -> str | None:
    """The sync service whose folder holds ``path``, if any."""
    for part in Path(path).parts[:-1]:
        name = part.casefold()
        for marker, service in SYNCED_FOLDERS:
            # "OneDrive - Example Institute", "Dropbox (Personal)": the name starts with it.
            if name == marker or name.startswith(marker + " ") or name.startswith(marker + "-"):
                return service
            if marker == "icloud~" and name.startswith(marker):
                return service
    return None


def _unescape_mount(field: str) -> str:
    # /proc/mounts writes a space as \040, a tab as \011 (octal escapes).
    return field.replace("\\040", " ").replace("\\011", "\t").replace("\\134", "\\")


def linux_file_system(path: Path, mounts: str | None = None) -> str | None:
    """The type of the file system holding ``path`` (from /proc/mounts); None if unknown."""
    if mounts is None:
        try:
            mounts = Path("/proc/mounts").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return None
    target = str(Path(path))
    best, kind = "", None
    for line in mounts.splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        point = _unescape_mount(fields[1])
        inside = target == point or target.startswith(point.rstrip("/") + "/")
        if inside and len(point) >= len(best):
            best, kind = point, fields[2]
    return kind


def _windows_network_drive(path: Path) -> bool:
    if str(path).startswith("\\\\"):  # \\server\share\...
        return True
    import ctypes

    drive = os.path.splitdrive(str(path))[0]
    if not drive:
        return False
    drive_remote = 4
    windll = getattr(ctypes, "windll", None)
    return windll is not None and int(windll.kernel32.GetDriveTypeW(drive + "\\")) == drive_remote


def network_file_system(path: Path) -> str | None:
    """The network file system holding ``path`` (its type), if it is one."""
    if sys.platform.startswith("linux"):
        kind = linux_file_system(path)
        return kind if kind in NETWORK_FILE_SYSTEMS else None
    if sys.platform == "win32":
        return "a network drive" if _windows_network_drive(path) else None
    return None


def shared_folder_warning(path: Path) -> str | None:
    """Why the database at ``path`` is at risk where it lies, or None when it is not."""
    path = Path(path).expanduser().resolve()
    service = synced_folder(path)
    if service is not None:
        where = f"in a {service} folder"
    else:
        kind = network_file_system(path)
        if kind is None:
            return None
        where = f"on a network file system ({kind})"
    return (
        f"The database {path} lies {where}. SQLite's locking is not safe there: the file can "
        "be damaged or edits lost, above all when two computers open it. Keep the database on "
        "this computer's own disk, or move the team onto a shared database server (see "
        "“The database” in the README: planner db copy)."
    )
