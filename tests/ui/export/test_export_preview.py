"""The Export dialog shows the export as readers will see it (rendered, nothing fetched),
and its source one switch away; a Markdown export previews as the HTML readers get."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QTextDocument
from pytestqt.qtbot import QtBot

from desk.core.embeds import Embed, embed_block
from desk.core.export.assemble import export_blog
from desk.core.export.options import ExportOptions
from desk.ui.export.dialog import ExportDialog
from desk.ui.export.view import ReaderView, displayable
from desk.ui.shell.window import MainWindow
from tests.helpers import small_blog

IMAGE = QTextDocument.ResourceType.ImageResource.value


def open_dialog(qtbot: QtBot, window: MainWindow) -> ExportDialog:
    dialog = ExportDialog.for_window(window.desk)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_the_preview_shows_what_readers_see_and_the_switch_shows_the_source(
    qtbot: QtBot, window: MainWindow
) -> None:
    dialog = open_dialog(qtbot, window)
    assert dialog.views.currentWidget() is dialog.rendered and dialog.rendered.isVisible()
    seen = dialog.rendered.toPlainText()
    assert "UPDATE 1258 GMT:" in seen and "The regional governor has rejected" in seen
    assert "<section" not in seen and "<p>" not in seen
    qtbot.mouseClick(dialog.source_box, Qt.MouseButton.LeftButton)
    assert dialog.views.currentWidget() is dialog.preview and dialog.preview.isVisible()
    assert dialog.preview.toPlainText().startswith('<section class="desk-entry"')
    dialog.source_box.setChecked(False)
    assert dialog.rendered.isVisible() and not dialog.preview.isVisible()


def test_a_markdown_export_previews_as_its_html(qtbot: QtBot, window: MainWindow) -> None:
    dialog = open_dialog(qtbot, window)
    dialog.format_box.setCurrentIndex(dialog.format_box.findData("md"))
    dialog.refresh()
    assert "**UPDATE 1258 GMT:**" in dialog.preview.toPlainText()
    seen = dialog.rendered.toPlainText()
    assert "UPDATE 1258 GMT:" in seen and "**" not in seen and "desk:entry" not in seen


def test_the_page_format_previews_without_its_style_or_scripts_showing(
    qtbot: QtBot, window: MainWindow
) -> None:
    assert window.model is not None
    post = Embed(type="x", url="https://x.com/a/status/1900712345678901234", text="Pumps.")
    window.model.set_entry_field("upd1958", "body", f"Words.\n\n{embed_block(post)}")
    dialog = open_dialog(qtbot, window)
    dialog.format_box.setCurrentIndex(dialog.format_box.findData("page"))
    dialog.refresh()
    assert "platform.twitter.com" in dialog.preview.toPlainText()
    seen = dialog.rendered.toPlainText()
    assert "Harbour storm" in seen and "Pumps." in seen
    assert "max-width" not in seen and "platform.twitter.com" not in seen


def test_nothing_is_fetched_but_the_blogs_own_media(tmp_path: Path, qtbot: QtBot) -> None:
    (tmp_path / "media").mkdir()
    png = bytes.fromhex(
        "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
        "1f15c4890000000d49444154789c6360000002000100ffff03000006000557bfabd40000000049454e44ae426082"
    )
    (tmp_path / "media" / "quay.png").write_bytes(png)
    (tmp_path.parent / "secret.png").write_bytes(png)
    view = ReaderView(tmp_path)
    qtbot.addWidget(view)
    assert view.loadResource(IMAGE, QUrl("media/quay.png")) is not None
    assert view.loadResource(IMAGE, QUrl("https://example.org/x.png")) is None
    assert view.loadResource(IMAGE, QUrl("../secret.png")) is None
    assert view.loadResource(IMAGE, QUrl("file:///etc/passwd")) is None
    assert view.loadResource(IMAGE, QUrl("media/missing.png")) is None
    assert displayable('<p>a</p><script async src="x"></script><iframe src="y"></iframe>') == (
        "<p>a</p>"
    )
    assert "<script" not in displayable(
        export_blog(small_blog(), ExportOptions(format="page")).text
    )
