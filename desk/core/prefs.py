"""Preferences: one typed object with a table of defaults, in a plain YAML file in the
user's config folder, so that the command line reads it without Qt."""

from __future__ import annotations

import logging
import os
from dataclasses import asdict, dataclass, fields
from pathlib import Path

import platformdirs

from desk.core.errors import ProblemError
from desk.core.storage.atomic import atomic_write
from desk.core.storage.front_matter import dump_mapping, load_mapping

APP = "desk"
log = logging.getLogger(__name__)


def config_dir() -> Path:
    return Path(platformdirs.user_config_dir(APP))


def cache_dir() -> Path:
    return Path(platformdirs.user_cache_dir(APP))


@dataclass
class Preferences:
    default_author: str = ""
    drafts_folder: str = ""
    sync_seconds: int = 30  # a shared blog syncs by itself this often
    author_asked: bool = False  # the window asked for the name once (answered or skipped)
    language: str = "en-GB"  # spelling, for a blog whose blog.yaml names no language

    @classmethod
    def path(cls) -> Path:
        return config_dir() / "preferences.yaml"

    @classmethod
    def load(cls, path: Path | None = None) -> Preferences:
        """The saved preferences; defaults for anything missing or unreadable."""
        path = path or cls.path()
        try:
            data = load_mapping(path.read_text(encoding="utf-8"), path)
        except (OSError, UnicodeDecodeError, ProblemError):
            return cls()
        if not isinstance(data, dict):
            return cls()
        defaults = cls()
        known = {f.name for f in fields(cls)}
        values = {}
        for key, value in data.items():
            if key not in known or value is None:
                continue
            kind = type(getattr(defaults, key))
            if kind is bool and not isinstance(value, bool):  # bool("no") would say True
                log.warning(
                    "preference %s: %r is not true or false; the default is used", key, value
                )
                continue
            try:
                values[key] = kind(value)
            except (TypeError, ValueError):
                log.warning(
                    "preference %s: %r is not a %s; the default is used", key, value, kind.__name__
                )
        return cls(**values)

    def save(self, path: Path | None = None) -> None:
        path = path or self.path()
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, dump_mapping(asdict(self)).encode("utf-8"))

    def drafts(self) -> Path:
        """Where new blogs go: $DESK_DRAFTS, else the preference, else Documents/Desk."""
        chosen = os.environ.get("DESK_DRAFTS") or self.drafts_folder
        if chosen:
            return Path(chosen).expanduser()
        return Path(platformdirs.user_documents_dir()) / "Desk"
