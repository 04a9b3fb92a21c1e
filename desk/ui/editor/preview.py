"""The preview beside the source: the selected entry through the core's HTML writer.
Rendering is debounced, so typing stays smooth; only the shown entry is rendered."""

from __future__ import annotations

import html
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QTimer, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QTextBrowser, QWidget

from desk.core.model import Blog, Entry
from desk.core.storage import nofollow

PREVIEW_DELAY_MS = 150
MAX_IMAGE = 50 * 2**20  # bytes; a larger image is left out of the preview
log = logging.getLogger(__name__)
PREVIEW_CSS = """
body { font-family: Georgia, 'Times New Roman', serif; }
h1, h3 { font-family: sans-serif; }
time { font-family: sans-serif; color: #b3261e; }
blockquote { color: #3b3b38; }
.desk-byline { color: #5f5f5a; font-style: italic; }
"""

Source = Callable[[], str]


# The core's writers (and Markdown with them) load on the first render, which runs
# after the window's first paint: start-up does not wait for them.


def entry_preview(blog: Blog, entry: Entry) -> str:
    from desk.core.export.assemble import render_entry

    return render_entry(blog, entry, "preview")


def header_preview(blog: Blog) -> str:
    from desk.core.export.render import Renderer

    return f"<h1>{html.escape(blog.title)}</h1>" + Renderer().markdown_to_html(blog.header)


class Preview(QTextBrowser):
    """Shows HTML made by a source function; links open in the browser only on a click,
    and nothing is ever fetched from the network."""

    def __init__(self, parent: QWidget | None = None, delay_ms: int = PREVIEW_DELAY_MS) -> None:
        super().__init__(parent)
        self.setAccessibleName("Preview")
        self.setOpenLinks(False)  # a click is handled below; nothing navigates by itself
        self.setOpenExternalLinks(False)
        self.document().setDefaultStyleSheet(PREVIEW_CSS)
        self.anchorClicked.connect(self._open_link)
        self.blog_root: Path | None = None
        self._source: Source | None = None
        self.delay_ms = delay_ms
        self._timer = QTimer(self, singleShot=True, interval=delay_ms)
        self._timer.timeout.connect(self.render_now)
        self._same_entry = False
        self.renders = 0  # how many times it rendered: tests check the debounce

    def show_source(self, source: Source | None) -> None:
        """Render `source` as soon as the event loop is free (a new entry was selected):
        the selection and the first paint never wait for the renderer."""
        self._source = source
        self._same_entry = False
        self._timer.start(0)

    def schedule(self) -> None:
        """Render again a moment after the last call (typing)."""
        if self.isVisible():
            self._same_entry = True
            self._timer.start(self.delay_ms)

    def render_now(self) -> None:
        self._timer.stop()
        if not self.isVisible():
            return  # hidden (Ctrl+P): rendered when shown again
        try:
            text = self._source() if self._source is not None else ""
        except Exception as error:  # a preview must never take the editor down with it
            log.exception("no preview")
            text = f"<p><i>No preview: {html.escape(str(error))}</i></p>"
        bar = self.verticalScrollBar()
        position = bar.value()
        self.setHtml(text)
        if self._same_entry:
            bar.setValue(position)  # keep the reader's place while the writer types
        self.renders += 1

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        self._timer.start(0)

    def _open_link(self, url: QUrl) -> None:
        if url.scheme() in ("http", "https", "mailto"):
            QDesktopServices.openUrl(url)

    def loadResource(self, kind: int, url: QUrl | str) -> Any:
        """Only files inside the blog's folder (media/); never the network."""
        url = QUrl(url)
        if url.scheme() not in ("", "file") or self.blog_root is None:
            return None
        path = (
            self.blog_root / url.toLocalFile() if url.isLocalFile() else self.blog_root / url.path()
        )
        try:  # reached through no symbolic link, and never outside the folder
            data, _ = nofollow.read_file(self.blog_root, path, MAX_IMAGE)
        except OSError as error:
            log.info("preview leaves out %s: %s", path, error)
            return None
        return QByteArray(data)
