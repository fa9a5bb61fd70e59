"""Where results live, and the warning for an SQLite file on a network share."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.folders import data_folder
from game.store import locations, sqlalchemy_store
from game.store.locations import mount_type, network_share_warning
from tests.store.conftest import StoreFactory
from tests.store.factories import make_record

MOUNTS = """\
/dev/vda / ext4 rw,relatime 0 0
server:/export/home /home/team nfs4 rw,relatime 0 0
//files/share /srv/shared cifs rw 0 0
tmpfs /tmp tmpfs rw 0 0
/dev/vdb /srv/local\\040disk ext4 rw 0 0
"""


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("/home/team/rapport/results.db", "nfs4"),
        ("/srv/shared/results.db", "cifs"),
        ("/srv/local disk/results.db", "ext4"),
        ("/tmp/results.db", "tmpfs"),
        ("/home/teamwork/results.db", "ext4"),  # a sibling, not under the nfs mount
    ],
)
def test_mount_type_is_the_deepest_mount_holding_the_path(path: str, kind: str) -> None:
    assert mount_type(path, MOUNTS) == kind


@pytest.mark.parametrize(
    "path",
    [
        "/home/team/results.db",
        "/srv/shared/x/results.db",
        "/mnt/teamdrive/results.db",
        "/net/fileserver/results.db",
        "//fileserver/share/results.db",
    ],
)
def test_a_database_on_a_network_share_gets_a_warning(path: str) -> None:
    warning = network_share_warning(path, MOUNTS)
    assert warning is not None
    assert path in warning and "PostgreSQL" in warning


@pytest.mark.parametrize("path", ["/tmp/results.db", "/srv/local disk/results.db", "/root/r.db"])
def test_a_database_on_a_local_disk_gets_no_warning(path: str) -> None:
    assert network_share_warning(path, MOUNTS) is None


def test_the_store_returns_the_warning_and_does_not_print_it(
    tmp_path: Path,
    make_store: StoreFactory,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    local = make_store(f"sqlite:///{tmp_path / 'results.db'}")
    assert local.warnings() == []
    # The same folder, seen as an NFS mount.
    mounts = f"/dev/vda / ext4 rw 0 0\nserver:/x {tmp_path} nfs rw 0 0\n"
    monkeypatch.setattr(
        sqlalchemy_store,
        "network_share_warning",
        lambda path: locations.network_share_warning(path, mounts),
    )
    (warning,) = local.warnings()
    assert "nfs network share" in warning and str(tmp_path / "results.db") in warning
    assert local.record(make_record()).stored  # a warning, not a refusal
    assert capsys.readouterr() == ("", "")


def test_the_data_folder_follows_the_platform_convention(private_data_folder: Path) -> None:
    assert data_folder() == private_data_folder / "rapport"
