"""Exported files are created like any document the user makes (the umask decides who may
read them); the book's backups stay private whatever the umask."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from models.entities import Customer
from storage.database import Database
from storage.export_files import atomic_write

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")


@pytest.fixture
def umask() -> Iterator[Callable[[int], None]]:
    old = os.umask(0o022)
    os.umask(old)

    def set_mask(mask: int) -> None:
        os.umask(mask)

    yield set_mask
    os.umask(old)


def _writing(data: bytes) -> Callable[[Path], None]:
    def write(path: Path) -> None:
        path.write_bytes(data)
    return write


@pytest.mark.parametrize(("mask", "mode"), [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600),
                                            (0o027, 0o640)])
def test_a_new_export_follows_the_umask(tmp_path: Path, umask: Callable[[int], None],
                                        mask: int, mode: int) -> None:
    umask(mask)
    target = atomic_write(tmp_path / "portfolio.xlsx", _writing(b"data"))
    assert stat.S_IMODE(target.stat().st_mode) == mode
    assert [p.name for p in tmp_path.iterdir()] == ["portfolio.xlsx"]


def test_an_export_written_over_keeps_the_files_permissions(
        tmp_path: Path, umask: Callable[[int], None]) -> None:
    umask(0o022)
    target = tmp_path / "plan.xlsx"
    target.write_bytes(b"old")
    os.chmod(target, 0o640)
    atomic_write(target, _writing(b"new"))
    assert stat.S_IMODE(target.stat().st_mode) == 0o640 and target.read_bytes() == b"new"


def test_backups_stay_private_whatever_the_umask(db_path: Path,
                                                umask: Callable[[int], None]) -> None:
    umask(0o000)
    with Database(db_path) as db:
        db.add(Customer(name="Acme"))
        info = db.backup("manual")
    assert stat.S_IMODE(info.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(info.path.parent.stat().st_mode) & 0o077 == 0
