"""Under the body: what is wrong with its embeds (a post whose address is not of its
platform, an image without alt text or credit, a block that cannot be read), the same
warnings the export reports, so the writer sees them while writing."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QWidget
from shiboken6 import isValid

from desk.core.blocks import embed_blocks
from desk.core.errors import DeskError

NOTES_DELAY_MS = 300
MAX_SHOWN = 5
NOTES_STYLE = "color: #b3261e;"


def body_warnings(text: str) -> list[str]:
    """The warnings for every embed block of a body, in order."""
    from desk.core.embeds import embed_warnings, parse_embed_block  # loaded when first used

    warnings: list[str] = []
    for yaml in embed_blocks(text):
        try:
            warnings.extend(embed_warnings(parse_embed_block(yaml)))
        except DeskError as error:
            warnings.append(f"an embed block cannot be read: {error}")
    return warnings


class EmbedNotes(QLabel):
    """Follows a body editor's text (a moment after the typing stops); hidden when the
    embeds are fine."""

    def __init__(self, body: QPlainTextEdit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("embedNotes")
        self.setAccessibleName("Embed warnings")
        self.setStyleSheet(NOTES_STYLE)
        self.setWordWrap(True)
        self.body = body
        self.warnings: list[str] = []
        self._timer = QTimer(self, singleShot=True, interval=NOTES_DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        self._document: QTextDocument | None = None
        body.textChanged.connect(self._changed)
        self.hide()

    def _changed(self) -> None:
        # The editor deletes an entry's document when the blog closes, while the body still
        # holds it: the text is read from the document followed, never after it is gone.
        document = self.body.document()
        if document is not self._document:
            self._document = document
            document.destroyed.connect(self._forget)
        self._timer.start()

    def _forget(self) -> None:
        self._timer.stop()
        self._document = None

    def refresh(self) -> None:
        self._timer.stop()
        if self._document is None or not isValid(self._document):
            return
        text = self._document.toPlainText()
        self.warnings = body_warnings(text) if "```embed" in text else []
        lines = [f"⚠ {w}" for w in self.warnings[:MAX_SHOWN]]
        if len(self.warnings) > MAX_SHOWN:
            lines.append(f"… and {len(self.warnings) - MAX_SHOWN} more")
        self.setText("\n".join(lines))
        self.setVisible(bool(lines))
