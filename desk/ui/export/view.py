"""The export as readers will see it, in the Export dialog: the HTML rendered by Qt's rich
text (no browser, no network), beside a switch to the source text.

Nothing is fetched: a remote image shows as its alt text, a platform's script is dropped
(the offline fallback it would replace is what shows), and a link stays where it is."""

from __future__ import annotations

import logging
import re
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QTextBrowser, QWidget

from desk.core.export.html import PAGE_STYLE

log = logging.getLogger(__name__)

_SCRIPT = re.compile(r"<script\b[^>]*>.*?</script\s*>", re.IGNORECASE | re.DOTALL)
_IFRAME = re.compile(r"<iframe\b[^>]*>.*?</iframe\s*>", re.IGNORECASE | re.DOTALL)


def displayable(html: str) -> str:
    """The export's HTML without what Qt's rich text would show as code or never run."""
    return _IFRAME.sub("", _SCRIPT.sub("", html))


class ReaderView(QTextBrowser):
    """Rendered HTML that loads only the blog's own media files, never a network address."""

    def __init__(self, media_root: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.media_root = media_root.resolve()
        self.setOpenLinks(False)  # a click on a link must not replace the preview
        self.setOpenExternalLinks(False)
        self.setReadOnly(True)
        # The page's own look (Qt reads what it can of it), for a fragment too.
        self.document().setDefaultStyleSheet(PAGE_STYLE)

    def show_html(self, html: str) -> None:
        self.setHtml(displayable(html))

    def loadResource(self, kind: int, url: QUrl | str) -> object:
        """Local media of this blog only; anything else (http, file paths outside) nothing."""
        address = url if isinstance(url, QUrl) else QUrl(url)
        if kind != QTextDocument.ResourceType.ImageResource.value or address.scheme():
            return None
        target = (self.media_root / address.path()).resolve()
        if not target.is_relative_to(self.media_root) or not target.is_file():
            log.debug("preview leaves out %s", address.toString())
            return None
        return super().loadResource(kind, QUrl.fromLocalFile(str(target)))
