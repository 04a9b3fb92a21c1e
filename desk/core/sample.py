"""The sample blog: a template in resources/sample/ (installed as desk.resources), copied
into the drafts folder on first run so that running the app never dirties the repository."""

from __future__ import annotations

from pathlib import Path

from desk.core.errors import DeskError
from desk.core.resources import copy_tree, resource
from desk.core.storage.store import GITIGNORE, MEDIA, TRASH

TEMPLATE = "sample"
NAME = "wildfire-on-kessan-ridge-2025-08-09"


def ensure_sample(drafts: Path) -> Path:
    """The sample blog's folder under `drafts`, copied from the template if missing."""
    target = drafts / NAME
    if not (target / "blog.yaml").is_file():
        try:
            drafts.mkdir(parents=True, exist_ok=True)
            copy_tree(resource(TEMPLATE), target)
            for folder in (MEDIA, TRASH):
                (target / folder).mkdir(exist_ok=True)
            (target / ".gitignore").write_text(GITIGNORE, encoding="utf-8")
        except OSError as error:
            raise DeskError(f"cannot copy the sample blog to {target}: {error}") from None
    return target
