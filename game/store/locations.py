"""Whether a database file sits on a network share; the default places come from game.folders."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from game.folders import DATABASE_FILE, data_folder
from game.folders import outbox_folder as default_outbox_folder

__all__ = ["DATABASE_FILE", "data_folder", "default_outbox_folder", "network_share_warning"]

# File systems on which SQLite's locking cannot be trusted across computers.
NETWORK_FILE_SYSTEMS = frozenset(
    {"nfs", "nfs4", "cifs", "smb", "smb3", "smbfs", "fuse.sshfs", "afs", "ncpfs", "9p", "davfs"}
)
NETWORK_PREFIXES = ("/mnt/", "/net/", "//", "\\\\")


def _unescape_mount(field: str) -> str:
    # /proc/mounts writes spaces, tabs, newlines and backslashes as octal escapes.
    for escaped, plain in (("\\040", " "), ("\\011", "\t"), ("\\012", "\n"), ("\\134", "\\")):
        field = field.replace(escaped, plain)
    return field


def mount_type(path: str, mounts: str) -> str | None:
    """The file system type of the mount that holds `path`, per /proc/mounts text."""
    best: tuple[int, str] | None = None
    target = PurePosixPath(path)
    for line in mounts.splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        point = PurePosixPath(_unescape_mount(fields[1]))
        if (target == point or point in target.parents) and (
            best is None or len(point.parts) > best[0]
        ):
            best = (len(point.parts), fields[2])
    return best[1] if best else None


def network_share_warning(path: str, mounts: str | None = None) -> str | None:
    """A sentence when the SQLite file at `path` looks like it is on a network share.

    `mounts` is the text of /proc/mounts (read when not given; absent off Linux).
    """
    if mounts is None:
        try:
            mounts = Path("/proc/mounts").read_text(encoding="utf-8", errors="replace")
        except OSError:
            mounts = ""
    kind = mount_type(path, mounts) if path.startswith("/") else None
    on_share = path.startswith(NETWORK_PREFIXES) or path in ("/mnt", "/net")
    if kind in NETWORK_FILE_SYSTEMS or on_share:
        where = f"a {kind} network share" if kind in NETWORK_FILE_SYSTEMS else "a network share"
        return (
            f"the results database {path} seems to be on {where}; SQLite can lose or "
            "damage results there when several computers write at once, so give a team "
            "a PostgreSQL database instead (see docs/teams.md)"
        )
    return None
