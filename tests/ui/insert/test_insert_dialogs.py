"""Insert's dialogs, driven through their `ask` as a user would (fill the fields, press
OK), and what each puts at the body's cursor."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QTextCursor
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from desk.core.blocks import EMBED_FENCE, Quote, embed_block_at, quote_markdown, standalone
from desk.core.embeds import Embed, embed_block, parse_embed_block
from desk.ui.insert.dialogs import (
    ImageDialog,
    InsertDialog,
    LinkDialog,
    QuoteDialog,
    SubheadingDialog,
)
from desk.ui.insert.post import PostDialog
from desk.ui.shell.actions import SPECS
from desk.ui.shell.window import MainWindow

D = TypeVar("D", bound=InsertDialog)
DATA = Path(__file__).resolve().parents[2] / "data" / "embeds"
X_URL = "https://twitter.com/NorthWeatherOff/status/1900712345678901234?s=20&ref_src=twsrc%5Etfw"
BODY = "The regional governor has rejected calls to evacuate."


def answer(qtbot: QtBot, kind: type[D], fill: Callable[[D], None], ok: bool = True) -> list[D]:
    """When `kind` opens (modal), run `fill` on it, then press OK (or Cancel). The dialog is
    closed whatever `fill` does, so a failing check never leaves a test hanging."""
    seen: list[D] = []

    def act() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, kind):
            QTimer.singleShot(10, act)
            return
        seen.append(dialog)
        try:
            fill(dialog)
            if ok:
                assert dialog.ok.isEnabled(), dialog.hint.text()
                qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
        finally:
            if dialog.isVisible():
                dialog.reject()

    QTimer.singleShot(0, act)
    return seen


def cursor_at(window: MainWindow, position: int) -> None:
    body = window.editor.body
    cursor = body.textCursor()
    cursor.setPosition(position)
    body.setTextCursor(cursor)


def open_entry(window: MainWindow, entry_id: str = "upd1958", at_end: bool = True) -> None:
    window.select_entry(entry_id)
    window.editor.body.setFocus()
    cursor_at(window, len(window.editor.body.toPlainText()) if at_end else 0)


def body(window: MainWindow) -> str:
    return window.editor.body.toPlainText()


def blocks(text: str) -> list[Embed]:
    return [parse_embed_block(m.group(1)) for m in EMBED_FENCE.finditer(text)]


# ---------------------------------------------------------------- the menu


def test_insert_menu_holds_the_five_commands_with_their_keys(window: MainWindow) -> None:
    texts = [a.text() for a in window.menus["insert"].actions() if not a.isSeparator()]
    assert texts == [
        "&Quote…", "&Post…", "&Image…", "&Link to earlier coverage…", "&Subheading…"
    ]  # fmt: skip
    keys = {name: window.desk_actions[name].shortcut() for name in (
        "insert_quote", "insert_post", "insert_image", "insert_subheading")}  # fmt: skip
    assert keys["insert_quote"] == QKeySequence("Ctrl+Shift+Q")
    assert keys["insert_post"] == QKeySequence("Ctrl+Shift+E")
    assert keys["insert_image"] == QKeySequence("Ctrl+Shift+I")
    assert keys["insert_subheading"] == QKeySequence("Ctrl+Shift+H")


def test_no_two_actions_share_a_shortcut() -> None:
    seen: dict[str, str] = {}
    for spec in SPECS:
        for keys in spec.shortcuts:
            normal = QKeySequence(keys).toString()
            assert normal not in seen, f"{keys}: {seen.get(normal)} and {spec.name}"
            seen[normal] = spec.name


def test_the_shortcut_opens_the_dialog(qtbot: QtBot, window: MainWindow) -> None:
    open_entry(window)
    seen = answer(qtbot, SubheadingDialog, lambda d: d.text.setText("Evacuation"))
    qtbot.keyClick(window.editor.body, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)  # fmt: skip
    assert seen
    assert body(window) == f"{BODY}\n\n### Evacuation\n\n"


# ---------------------------------------------------------------- quote


def test_quote_goes_in_at_the_cursor_as_one_undo_step(qtbot: QtBot, window: MainWindow) -> None:
    open_entry(window)
    cursor_at(window, len("The regional governor has rejected calls to evacuate."))

    def fill(dialog: QuoteDialog) -> None:
        dialog.text.setPlainText("We have pumps on every street below the sea wall.")
        assert not dialog.ok.isEnabled()  # no attribution yet
        dialog.attribution.setText("Ilse Varga, regional governor")
        dialog.source.setText("not a link")
        assert not dialog.ok.isEnabled()
        dialog.source.setText("https://gov.example/statement")

    answer(qtbot, QuoteDialog, fill)
    window.desk_actions["insert_quote"].trigger()
    assert body(window) == (
        f"{BODY}\n\n"
        "> We have pumps on every street below the sea wall.\n"
        ">\n"
        "> — Ilse Varga, regional governor\n"
        "> ([source](https://gov.example/statement))\n\n"
    )
    assert window.editor.body.textCursor().position() == len(body(window))
    window.editor.body.undo()
    assert body(window) == BODY
    qtbot.waitUntil(
        lambda: window.model is not None and window.model.blog.entries["upd1958"].body == BODY
    )


def test_quote_in_the_middle_of_a_paragraph_splits_it(qtbot: QtBot, window: MainWindow) -> None:
    open_entry(window)
    cursor_at(window, len("The regional governor has rejected calls"))

    def fill(dialog: QuoteDialog) -> None:
        dialog.text.setPlainText("No.")
        dialog.attribution.setText("— Ilse Varga")  # a dash typed is not doubled

    answer(qtbot, QuoteDialog, fill)
    window.desk_actions["insert_quote"].trigger()
    assert body(window) == (
        "The regional governor has rejected calls\n\n> No.\n>\n> — Ilse Varga\n\n to evacuate."
    )


def test_selected_words_become_the_quote(qtbot: QtBot, window: MainWindow) -> None:
    open_entry(window, at_end=False)
    cursor = window.editor.body.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
    window.editor.body.setTextCursor(cursor)
    seen = answer(qtbot, QuoteDialog, lambda d: d.attribution.setText("Reuters"))
    window.desk_actions["insert_quote"].trigger()
    assert seen[0].text.toPlainText() == BODY
    assert body(window) == f"> {BODY}\n>\n> — Reuters\n\n"


def test_cancel_inserts_nothing(qtbot: QtBot, window: MainWindow) -> None:
    open_entry(window)
    answer(qtbot, QuoteDialog, lambda d: d.text.setPlainText("Words"), ok=False)
    window.desk_actions["insert_quote"].trigger()
    assert body(window) == BODY


def test_quote_markdown_and_blank_lines_around_blocks() -> None:
    assert quote_markdown(Quote("One.\n\nTwo.", "X", "https://a.example/p (1)")) == (
        "> One.\n>\n> Two.\n>\n> — X\n> ([source](https://a.example/p%20%281%29))"
    )
    assert standalone("", "") == ("", "\n\n")
    assert standalone("Para.", " more") == ("\n\n", "\n\n")
    assert standalone("Para.\n", "\nNext") == ("\n", "\n")
    assert standalone("Para.\n\n", "\n\nNext") == ("", "")


# ---------------------------------------------------------------- post


def test_post_from_an_address(qtbot: QtBot, window: MainWindow) -> None:
    open_entry(window)

    def fill(dialog: PostDialog) -> None:
        dialog.platform.setCurrentIndex(dialog.platform.findData("youtube"))
        dialog.url.setFocus()
        QApplication.clipboard().setText(X_URL)
        dialog.url.paste()  # as the user does: textEdited fills what the address holds
        assert dialog.platform.currentData() == "x"
        assert dialog.handle.text() == "NorthWeatherOff"
        assert dialog.date.text() == "2025-03-15"  # from the post id (X's ids hold a time)
        assert "post 1900712345678901234" in dialog.found.text()
        assert not dialog.warnings.isVisible()
        dialog.url.editingFinished.emit()
        assert dialog.url.text() == "https://x.com/NorthWeatherOff/status/1900712345678901234"
        dialog.author.setText("Northern Weather Office")
        dialog.text.setPlainText("Stay away from the sea front tonight.")

    answer(qtbot, PostDialog, fill)
    window.desk_actions["insert_post"].trigger()
    assert body(window).startswith(f"{BODY}\n\n```embed\ntype: x\n")
    (post,) = blocks(body(window))
    assert post == Embed(
        type="x",
        url="https://x.com/NorthWeatherOff/status/1900712345678901234",
        author="Northern Weather Office",
        handle="NorthWeatherOff",
        date="2025-03-15",
        text="Stay away from the sea front tonight.",
    )


def test_an_address_of_another_platform_is_shown(qtbot: QtBot) -> None:
    dialog = PostDialog(None, Embed(type="telegram", url="https://x.com/a/status/1"))
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.warnings.isVisible()
    assert "is not the address of a Telegram post" in dialog.warnings.text()
    assert dialog.ok.isEnabled()  # marked, never refused
    dialog.platform.setCurrentIndex(dialog.platform.findData("x"))
    assert not dialog.warnings.isVisible()


@pytest.mark.parametrize("name", ["x", "bluesky", "telegram", "youtube", "instagram"])
def test_post_from_embed_code_in_the_dialog(qtbot: QtBot, name: str) -> None:
    dialog = PostDialog(None)
    qtbot.addWidget(dialog)
    assert not dialog.ok.isEnabled()
    dialog.code.setPlainText((DATA / f"{name}.html").read_text())
    assert dialog.platform.currentData() == name
    assert dialog.url.text().startswith("https://")
    assert "Read a" in dialog.code_status.text()
    assert dialog.ok.isEnabled()
    post = dialog.value()
    assert post.type == name and "?" not in post.url.replace("watch?v=", "")
    if name == "x":
        assert (post.author, post.handle, post.date) == (
            "Northern Weather Office", "NorthWeatherOff", "2025-03-14")  # fmt: skip
        assert post.text.startswith("Stay away from the sea front tonight.")
    if name == "bluesky":
        assert post.uri.startswith("at://did:plc:")


def test_unknown_embed_code_says_so(qtbot: QtBot) -> None:
    dialog = PostDialog(None)
    qtbot.addWidget(dialog)
    dialog.code.setPlainText("<p>Hello</p>")
    assert "does not know" in dialog.code_status.text()
    assert dialog.url.text() == ""


# ---------------------------------------------------------------- image


def test_image_from_a_file_is_copied_into_media(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    photo = tmp_path / "Quay at dawn.jpg"
    photo.write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg")
    assert window.model is not None
    (window.model.store.root / "media").mkdir(exist_ok=True)
    (window.model.store.root / "media" / "Quay-at-dawn.jpg").write_bytes(b"taken")
    open_entry(window)

    def fill(dialog: ImageDialog) -> None:
        dialog.source.setText(str(tmp_path / "missing.jpg"))
        assert "no file" in dialog.hint.text()
        dialog.source.setText(str(photo))
        dialog.caption.setPlainText("The quay at dawn.")
        dialog.credit.setText("Photo: Ana Ruiz")
        assert not dialog.ok.isEnabled()  # alt text is required
        assert "Alt text is required" in dialog.hint.text()
        dialog.alt.setText("   ")
        assert not dialog.ok.isEnabled()
        dialog.alt.setText("Water over the quay by the fish market")

    answer(qtbot, ImageDialog, fill)
    window.desk_actions["insert_image"].trigger()
    (image,) = blocks(body(window))
    assert image.src == "media/Quay-at-dawn-2.jpg"  # the name kept, made unique
    assert (window.model.store.root / image.src).read_bytes() == photo.read_bytes()
    assert (image.alt, image.caption, image.credit) == (
        "Water over the quay by the fish market", "The quay at dawn.", "Photo: Ana Ruiz")  # fmt: skip


def test_image_from_a_web_address(qtbot: QtBot) -> None:
    dialog = ImageDialog(None)
    qtbot.addWidget(dialog)
    dialog.source.setText("https://cdn.example/quay.jpg")
    dialog.alt.setText("The quay")
    assert dialog.ok.isEnabled()
    choice = dialog.value()
    assert choice.file is None and choice.embed.src == "https://cdn.example/quay.jpg"


def test_ok_is_refused_by_enter_while_alt_text_is_missing(qtbot: QtBot) -> None:
    dialog = ImageDialog(None)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.source.setText("https://cdn.example/quay.jpg")
    qtbot.keyClick(dialog.source, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted


# ---------------------------------------------------------------- link and subheading


def test_link_to_earlier_coverage(qtbot: QtBot, window: MainWindow) -> None:
    window.select_entry("")  # the blog header is where such a link usually goes
    window.editor.body.setFocus()

    def fill(dialog: LinkDialog) -> None:
        assert dialog.label.text() == "Yesterday's Coverage"
        dialog.title.setText("Storm Maren reaches the coast")
        assert not dialog.ok.isEnabled()
        dialog.url.setText("https://news.example/live/storm-maren-13-march")

    answer(qtbot, LinkDialog, fill)
    window.desk_actions["insert_link"].trigger()
    (link,) = blocks(body(window))
    assert link == Embed(
        type="link",
        url="https://news.example/live/storm-maren-13-march",
        title="Storm Maren reaches the coast",
    )
    model = window.model
    assert model is not None
    qtbot.waitUntil(lambda: "```embed\ntype: link" in model.blog.header)


def test_subheading_stands_as_its_own_block(qtbot: QtBot, window: MainWindow) -> None:
    open_entry(window, at_end=False)
    answer(qtbot, SubheadingDialog, lambda d: d.text.setText("## Evacuation  plans"))
    window.desk_actions["insert_subheading"].trigger()
    assert body(window) == f"### Evacuation plans\n\n{BODY}"


# ---------------------------------------------------------------- editing an embed


def test_ctrl_shift_e_on_an_embed_edits_it(qtbot: QtBot, window: MainWindow) -> None:
    old = Embed(type="x", url="https://x.com/a/status/1900712345678901234", handle="a")
    text = f"Before.\n\n{embed_block(old)}\n\nAfter."
    open_entry(window)
    window.editor.body.setPlainText(text)
    cursor_at(window, text.index("handle: a") + 3)

    def fill(dialog: PostDialog) -> None:
        assert dialog.url.text() == old.url and dialog.handle.text() == "a"
        dialog.author.setText("Anna")
        dialog.text.setPlainText("New words.")

    answer(qtbot, PostDialog, fill)
    window.desk_actions["insert_post"].trigger()
    new = Embed(type="x", url=old.url, handle="a", author="Anna", text="New words.")
    assert blocks(body(window)) == [new]
    assert body(window) == f"Before.\n\n{embed_block(blocks(body(window))[0])}\n\nAfter."
    window.editor.body.undo()
    assert body(window) == text


def test_an_image_block_opens_the_image_dialog(qtbot: QtBot, window: MainWindow) -> None:
    image = Embed(type="image", src="media/quay.jpg", alt="Quay", credit="Photo: A")
    text = embed_block(image)
    open_entry(window)
    window.editor.body.setPlainText(text)
    cursor_at(window, 0)

    def fill(dialog: ImageDialog) -> None:
        assert dialog.source.text() == "media/quay.jpg"
        dialog.caption.setPlainText("The quay.")

    answer(qtbot, ImageDialog, fill)
    window.desk_actions["insert_post"].trigger()
    assert blocks(body(window)) == [
        Embed(
            type="image", src="media/quay.jpg", alt="Quay", credit="Photo: A", caption="The quay."
        )
    ]


def test_embed_block_at() -> None:
    block = embed_block(Embed(type="x", url="https://x.com/a/status/1"))
    text = f"A\n\n{block}\n\nB"
    start = text.index("```")
    assert embed_block_at(text, 0) is None
    assert embed_block_at(text, len(text)) is None
    span = embed_block_at(text, start)
    assert span is not None and text[span.start : span.end] == block
    assert embed_block_at(text, start + len(block)) == span


def test_a_page_export_carries_the_image_and_warns_to_upload_it(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desk.ui.blog import actions as blog_actions
    from desk.ui.blog.dialogs import ExportTargetDialog

    photo = tmp_path / "quay.png"
    photo.write_bytes(b"\x89PNG not really")
    open_entry(window)

    def fill(dialog: ImageDialog) -> None:
        dialog.source.setText(str(photo))
        dialog.alt.setText("The quay")
        dialog.credit.setText("Photo: Ana Ruiz")

    answer(qtbot, ImageDialog, fill)
    window.desk_actions["insert_image"].trigger()
    target = tmp_path / "out" / "storm.html"
    target.parent.mkdir()
    said: list[str] = []
    monkeypatch.setattr(ExportTargetDialog, "ask", lambda *_args: target)
    monkeypatch.setattr(
        blog_actions, "notify", lambda _w, _title, _text, detail="": said.append(detail)
    )
    blog_actions.export(window.desk, "page")
    assert 'src="media/quay.png"' in target.read_text()
    assert (target.parent / "media" / "quay.png").read_bytes() == photo.read_bytes()
    assert any("media/quay.png must be uploaded to the CMS" in s for s in said)
