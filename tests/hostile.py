"""Blog folders holding symbolic links, as a hostile colleague (or a git pull) leaves them:
each kind of link, in each place of the folder, and the files outside they point at."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from tests.helpers import make_blog_folder

SECRET = "Sekritwort"  # what is outside the blog: it must never show up in Desk's output
OUTSIDE_ENTRY = (
    '---\nid: "{id}"\nstamp: 2025-03-14T22:00:00Z\nkind: update\nstatus: ready\n---\n'
    f"{SECRET} from outside the blog.\n"
)

# case: (link's path in the blog, where it points, relative to the link's folder)
# `outside/` sits beside `drafts/`, the blog's parent, so ../../outside from entries/.
LINKS: dict[str, tuple[str, str]] = {
    "entry to a file outside": ("entries/evil1.md", "../../../outside/evil1.md"),
    "entry to a file inside": ("entries/evil2.md", "../trash/evil2.md"),
    "entry dangling": ("entries/gone1.md", "../../../outside/nothing.md"),
    "entry in a loop": ("entries/loop1.md", "loop1.md"),
    "entries folder outside": ("entries", "../../outside/entries"),
    "media folder outside": ("media", "../../outside/media"),
    "image to a file outside": ("media/map.png", "../../../outside/secret.png"),
    "trash folder outside": ("trash", "../../outside/trash"),
    "trashed entry outside": ("trash/evil3.md", "../../../outside/evil3.md"),
    "blog.yaml outside": ("blog.yaml", "../../outside/blog.yaml"),
    "word list outside": ("words.txt", "../../outside/words.txt"),
}


@dataclass
class Hostile:
    blog: Path
    outside: Path
    link: Path

    def outside_state(self) -> dict[str, str]:
        return _hashes(self.outside)


def _hashes(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.is_symlink()
    }


def make_outside(outside: Path) -> None:
    """Files outside the blog that a link may point at, each holding SECRET."""
    (outside / "entries").mkdir(parents=True)
    (outside / "media").mkdir()
    (outside / "trash").mkdir()
    for name in ("evil1", "evil3"):
        (outside / f"{name}.md").write_text(OUTSIDE_ENTRY.format(id=name))
    (outside / "entries" / "k7f3c2a.md").write_text(OUTSIDE_ENTRY.format(id="k7f3c2a"))
    (outside / "trash" / "old1234.md").write_text(OUTSIDE_ENTRY.format(id="old1234"))
    (outside / "secret.png").write_bytes(b"\x89PNG " + SECRET.encode())
    (outside / "media" / "map.png").write_bytes(b"\x89PNG " + SECRET.encode())
    (outside / "blog.yaml").write_text(f"title: {SECRET}\ndate: 2025-03-14\n")
    (outside / "words.txt").write_text(SECRET + "\n")


def make_hostile(tmp_path: Path, case: str) -> Hostile:
    """A healthy blog with the one link `case` names (what it replaces is moved away)."""
    blog = make_blog_folder(tmp_path / "drafts").root
    outside = tmp_path / "outside"
    make_outside(outside)
    name, target = LINKS[case]
    link = blog / name
    if case == "entry to a file inside":
        inside = OUTSIDE_ENTRY.format(id="evil2").replace(SECRET + " from outside", "Trashed")
        (blog / "trash" / "evil2.md").write_text(inside)
    if link.is_dir():
        os.rename(link, link.with_name(link.name + ".moved"))
    elif link.exists():
        link.unlink()
    link.symlink_to(target)
    return Hostile(blog, outside, link)


def link_state(blog: Path) -> dict[str, str]:
    """Every link under the blog and where it points: links stay as they are."""
    found = {}
    for folder, folders, files in os.walk(blog):  # never into a linked folder
        for name in [*folders, *files]:
            path = Path(folder) / name
            if path.is_symlink():
                found[str(path.relative_to(blog))] = os.readlink(path)
    return found
