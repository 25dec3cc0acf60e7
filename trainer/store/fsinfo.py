"""Is the database on a network share? SQLite's guidance is not to use one: locking there is
unreliable and a database can be corrupted."""

from __future__ import annotations

import os
from pathlib import Path

NETWORK_TYPES = {"nfs", "nfs4", "cifs", "smbfs", "smb3", "smb2", "ncpfs", "afs", "9p", "sshfs",
                 "fuse.sshfs", "davfs", "fuse.davfs2", "glusterfs", "ceph", "lustre", "gfs2",
                 "fuse.rclone", "fuse.s3fs"}


def _unescape(field: str) -> str:
    return field.replace("\\040", " ").replace("\\011", "\t").replace("\\134", "\\")


def filesystem_type(path: Path, mounts: Path = Path("/proc/mounts")) -> str | None:
    """The type of the filesystem ``path`` is on (Linux), or None if it cannot be told."""
    try:
        lines = mounts.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    target = os.path.abspath(Path(path).expanduser())
    best, best_type = "", None
    for line in lines:
        parts = line.split()
        if len(parts) < 3:
            continue
        point = _unescape(parts[1])
        inside = target == point or target.startswith(point.rstrip("/") + "/") or point == "/"
        if inside and len(point) >= len(best):
            best, best_type = point, parts[2]
    return best_type


def network_share_warning(path: Path, mounts: Path = Path("/proc/mounts")) -> str | None:
    """A warning to show if ``path`` is on a network share, else None."""
    text = str(path)
    kind = filesystem_type(path, mounts)
    if (kind and kind.lower() in NETWORK_TYPES) or (os.name == "nt" and text.startswith("\\\\")):
        return (f"The training records are on a network share ({kind or 'network path'}: {path}). "
                "SQLite databases can be damaged on network shares; keep the database on this "
                "computer's own disk (use --db PATH or TRAINER_DB) and back it up instead.")
    return None
