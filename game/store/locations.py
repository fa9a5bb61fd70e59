"""Where results live by default, and whether a database file sits on a network share."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

APP_NAME = "rapport"
DATABASE_FILE = "results.db"
OUTBOX_FOLDER = "outbox"
# File systems on which SQLite's locking cannot be trusted across computers.
NETWORK_FILE_SYSTEMS = frozenset(
    {"nfs", "nfs4", "cifs", "smb", "smb3", "smbfs", "fuse.sshfs", "afs", "ncpfs", "9p", "davfs"}
)
NETWORK_PREFIXES = ("/mnt/", "/net/", "//", "\\\\")


def data_folder() -> Path:
    """The user's data folder for Rapport (not created here).

    The same folder the window keeps its saves in, `$RAPPORT_HOME/data` included,
    so the command line and the window always share one local database.
    """
    from game.settings import data_folder as shared_data_folder

    return shared_data_folder()


def default_outbox_folder() -> Path:
    return data_folder() / OUTBOX_FOLDER


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
