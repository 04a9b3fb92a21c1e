"""The command line's merge writes: every file whole, in batches, nothing left behind."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from desk.core.storage.atomic import TEMP_PREFIX
from desk.core.sync.engine import FileApplier
from desk.core.sync.merge import Merged


def test_a_merge_of_many_files_writes_and_removes_each_whole(tmp_path: Path) -> None:
    (tmp_path / "entries").mkdir()
    (tmp_path / "entries" / "gone001.md").write_bytes(b"old")
    (tmp_path / "entries" / "kept001.md").write_bytes(b"old")
    files: dict[str, bytes | None] = {f"entries/e{n:04}.md": b"%d\n" % n for n in range(450)}
    files["media/photo.jpg"] = b"jpeg"  # a folder the merge makes
    files["entries/kept001.md"] = b"new"
    files["entries/gone001.md"] = None
    FileApplier(tmp_path).apply(Merged(files=files))
    assert (tmp_path / "entries" / "e0449.md").read_bytes() == b"449\n"
    assert (tmp_path / "entries" / "kept001.md").read_bytes() == b"new"
    assert (tmp_path / "media" / "photo.jpg").read_bytes() == b"jpeg"
    assert not (tmp_path / "entries" / "gone001.md").exists()
    assert len(os.listdir(tmp_path / "entries")) == 451
    assert not [n for n in os.listdir(tmp_path / "entries") if n.startswith(TEMP_PREFIX)]


def test_a_write_that_fails_leaves_no_temporary_file(tmp_path: Path) -> None:
    (tmp_path / "entries" / "b0001.md").mkdir(parents=True)  # a folder where a file goes
    files: dict[str, bytes | None] = {"entries/a0001.md": b"one", "entries/b0001.md": b"two"}
    with pytest.raises(OSError):
        FileApplier(tmp_path).apply(Merged(files=files))
    assert (tmp_path / "entries" / "a0001.md").read_bytes() == b"one"
    assert sorted(os.listdir(tmp_path / "entries")) == ["a0001.md", "b0001.md"]
