"""How the window's store differs from the command line's: it refuses to save into a
folder that has disappeared, cleans what an interrupted write left (it holds the lock, so
it is the one writer), and, for a blog another Desk holds, refuses every write."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import ClassVar

from desk.core.errors import DeskError
from desk.core.model import Blog, Entry
from desk.core.storage.store import BlogStore


def folder_gone(root: Path) -> str:
    return (
        f"The blog folder {root} is gone (deleted, moved or unplugged). Your work is kept "
        "in memory: use File → Save blog as… to save the whole blog in another folder."
    )


class WindowStore(BlogStore):
    """The store of a blog open in the window: it refuses to save into a folder that has
    disappeared, rather than recreate a blog of one entry and no blog.yaml there."""

    def save(self, blog: Blog, only: Iterable[str] | None = None) -> list[Path]:
        if not self.blog_file.is_file():
            raise DeskError(folder_gone(self.root))
        return super().save(blog, only)

    def _finish_load(self, blog: Blog, stand_in: bool) -> None:
        super()._finish_load(blog, stand_in)
        self.clean_leftovers()  # the window holds the lock: it is the one writer


class ReadOnlyStore(WindowStore):
    """The store of a blog that another Desk holds: every write is refused."""

    holder: str = ""
    read_only: ClassVar[bool] = True

    def _refuse(self) -> DeskError:
        return DeskError(f"This blog is open read-only: {self.holder or 'another Desk'}.")

    def save(self, blog: Blog, only: Iterable[str] | None = None) -> list[Path]:
        raise self._refuse()

    def _finish_load(self, blog: Blog, stand_in: bool) -> None:
        BlogStore._finish_load(self, blog, stand_in)  # the other Desk's: no cleaning up

    def _put(self, path: Path, data: bytes) -> None:
        raise self._refuse()

    def trash(self, blog: Blog, entry_id: str) -> Entry:
        raise self._refuse()

    def restore(self, blog: Blog, entry_id: str, index: int | None = None) -> Entry:
        raise self._refuse()

    def add_media(self, source: Path) -> str:
        raise self._refuse()
