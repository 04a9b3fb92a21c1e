"""Window state in QSettings, apart from the preferences: geometry, splitters, the last
blog, the selected entry of each blog, and the recent blogs."""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from desk.core.prefs import config_dir

RECENT_LIMIT = 8


def open_settings() -> QSettings:
    """Desk's window settings. On Linux this is the file QSettings("desk", "desk") uses;
    the path is given explicitly because Qt caches the config folder on first use, and the
    folder must follow XDG_CONFIG_HOME (tests give each test its own)."""
    return QSettings(str(config_dir() / "desk.conf"), QSettings.Format.IniFormat)


def _blog_key(path: Path) -> str:
    return hashlib.sha1(str(path).encode(), usedforsecurity=False).hexdigest()[:16]


class WindowState:
    def __init__(self, settings: QSettings) -> None:
        self.settings = settings

    def bytes(self, key: str) -> QByteArray | None:
        value = self.settings.value(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_bytes(self, key: str, value: QByteArray) -> None:
        self.settings.setValue(key, value)

    def last_blog(self) -> Path | None:
        value = self.settings.value("last_blog")
        return Path(str(value)) if value else None

    def set_last_blog(self, path: Path | None) -> None:
        self.settings.setValue("last_blog", str(path) if path else "")

    def selected_entry(self, blog: Path) -> str:
        return str(self.settings.value(f"selected/{_blog_key(blog)}", "") or "")

    def set_selected_entry(self, blog: Path, entry_id: str) -> None:
        self.settings.setValue(f"selected/{_blog_key(blog)}", entry_id)

    def recent(self) -> list[Path]:
        value = self.settings.value("recent", [])
        # INI files give back a one-item list as a plain string.
        items = [value] if isinstance(value, str) else value if isinstance(value, list) else []
        return [Path(str(p)) for p in items if p]

    def add_recent(self, path: Path) -> None:
        items = [path, *(p for p in self.recent() if p != path)][:RECENT_LIMIT]
        self.settings.setValue("recent", [str(p) for p in items])

    def sync(self) -> None:
        self.settings.sync()
