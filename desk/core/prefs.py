"""Preferences: one typed object with a table of defaults, in a plain YAML file in the
user's config folder, so that the command line reads it without Qt."""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass, fields
from pathlib import Path

import platformdirs

from desk.core.atomic import atomic_write
from desk.core.errors import ProblemError
from desk.core.yamlio import dump_yaml, load_yaml

APP = "desk"


def config_dir() -> Path:
    return Path(platformdirs.user_config_dir(APP))


def cache_dir() -> Path:
    return Path(platformdirs.user_cache_dir(APP))


@dataclass
class Preferences:
    default_author: str = ""
    drafts_folder: str = ""

    @classmethod
    def path(cls) -> Path:
        return config_dir() / "preferences.yaml"

    @classmethod
    def load(cls, path: Path | None = None) -> Preferences:
        """The saved preferences; defaults for anything missing or unreadable."""
        path = path or cls.path()
        try:
            data = load_yaml(path.read_text(encoding="utf-8"), path)
        except (OSError, UnicodeDecodeError, ProblemError):
            return cls()
        if not isinstance(data, dict):
            return cls()
        known = {f.name for f in fields(cls)}
        return cls(**{k: str(v) for k, v in data.items() if k in known and v is not None})

    def save(self, path: Path | None = None) -> None:
        path = path or self.path()
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, dump_yaml(asdict(self)).encode("utf-8"))

    def drafts(self) -> Path:
        """Where new blogs go: $DESK_DRAFTS, else the preference, else Documents/Desk."""
        chosen = os.environ.get("DESK_DRAFTS") or self.drafts_folder
        if chosen:
            return Path(chosen).expanduser()
        return Path(platformdirs.user_documents_dir()) / "Desk"
