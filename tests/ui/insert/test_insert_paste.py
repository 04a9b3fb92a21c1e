"""Pasting into the body: a platform's embed code becomes an embed block and the post
dialog asks for the rest; a post's address alone on a line is offered as a post; anything
else comes in as plain text. Also: the embeds' warnings under the editor, the preview."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from desk.core.embeds import Embed, embed_block, parse_embed_code
from desk.ui.insert.dialogs import PostOffer
from desk.ui.insert.post import PostDialog
from desk.ui.shell.window import MainWindow
from tests.ui.insert.test_insert_dialogs import BODY, blocks, body, cursor_at, open_entry

DATA = Path(__file__).resolve().parents[2] / "data" / "embeds"
X_URL = "https://x.com/NorthWeatherOff/status/1900712345678901234?s=20"
URL_POSTS = {
    "x": "https://x.com/NorthWeatherOff/status/1900712345678901234",
    "telegram": "https://t.me/harbourauthority/4521",
    "youtube": "https://www.youtube.com/watch?v=Xk3v9Qp2LmA",
    "instagram": "https://www.instagram.com/p/DHx4AbCdEfG/",
}


class FakePostDialog:
    """PostDialog.ask replaced: records what it was asked about, answers `then(embed)`."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, then: object = "same") -> None:
        self.asked: list[Embed | None] = []
        self.then = then

        def ask(_parent: QWidget | None, initial: Embed | None = None) -> Embed | None:
            self.asked.append(initial)
            if self.then == "same":
                return initial
            if callable(self.then):
                result: Embed | None = self.then(initial)
                return result
            return None

        monkeypatch.setattr(PostDialog, "ask", ask)


def fake_offer(monkeypatch: pytest.MonkeyPatch, answer: bool) -> list[tuple[str, str]]:
    """PostOffer.ask replaced: answers `answer`; the list collects (address, platform)."""
    offers: list[tuple[str, str]] = []

    def ask(_parent: QWidget | None, url: str, platform: str) -> bool:
        offers.append((url, platform))
        return answer

    monkeypatch.setattr(PostOffer, "ask", ask)
    return offers


def paste(window: MainWindow, text: str = "", html: str = "") -> None:
    mime = QMimeData()
    if text:
        mime.setText(text)
    if html:
        mime.setHtml(html)
    QApplication.clipboard().setMimeData(mime)
    window.editor.body.paste()


@pytest.mark.parametrize("name", ["x", "bluesky", "telegram", "youtube", "instagram"])
def test_pasted_embed_code_becomes_an_embed_block(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    fake = FakePostDialog(monkeypatch, lambda e: replace(e, author=e.author or "Harbour desk"))
    open_entry(window)
    code = (DATA / f"{name}.html").read_text()
    paste(window, code)
    # The block is there at once, from the code alone.
    (post,) = blocks(body(window))
    assert post == parse_embed_code(code)
    assert body(window).startswith(f"{BODY}\n\n```embed\ntype: {name}\n")
    # Then the dialog asks for the rest, and its answer replaces the block.
    qtbot.waitUntil(lambda: bool(fake.asked))
    assert fake.asked == [post]
    (asked,) = blocks(body(window))
    assert asked.type == name and asked.url == post.url
    assert asked.author == (post.author or "Harbour desk")
    assert "<script" not in body(window) and "<blockquote" not in body(window)
    # Paste and answer are one step of the body's undo.
    window.editor.body.undo()
    assert body(window) == BODY


def test_embed_code_as_html_only(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = FakePostDialog(monkeypatch, then=None)  # the dialog cancelled: the block stays
    open_entry(window)
    paste(window, html=(DATA / "x.html").read_text())
    qtbot.waitUntil(lambda: bool(fake.asked))
    (post,) = blocks(body(window))
    assert post.author == "Northern Weather Office"


def test_html_that_is_no_embed_comes_in_as_plain_text(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = FakePostDialog(monkeypatch)
    open_entry(window)
    paste(window, html="<p>Water <b>over</b> the quay.</p>")
    assert body(window) == BODY + "Water over the quay."
    paste(window, text="<b>bold</b> stays *Markdown*", html="<b>bold</b>")
    assert body(window).endswith("<b>bold</b> stays *Markdown*")
    assert not fake.asked


@pytest.mark.parametrize("platform", sorted(URL_POSTS))
def test_a_post_address_alone_on_a_line_is_offered(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, platform: str
) -> None:
    offers = fake_offer(monkeypatch, True)
    fake = FakePostDialog(monkeypatch, lambda e: replace(e, text="Words of the post."))
    open_entry(window)
    window.editor.body.insertPlainText("\n\n")
    address = URL_POSTS[platform] + ("?utm_source=share" if platform == "instagram" else "")
    paste(window, address + "\n")
    assert body(window) == f"{BODY}\n\n{address}"  # first as text
    qtbot.waitUntil(lambda: bool(fake.asked))
    assert offers == [(address, {"x": "X", "telegram": "Telegram", "youtube": "YouTube",
                                 "instagram": "Instagram"}[platform])]  # fmt: skip
    (post,) = blocks(body(window))
    assert post.type == platform and post.url == URL_POSTS[platform]
    assert post.text == "Words of the post."
    assert body(window) == f"{BODY}\n\n{embed_block(post)}\n\n"
    window.editor.body.undo()
    assert body(window) == f"{BODY}\n\n{address}"


def test_a_declined_offer_keeps_the_address(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    offers = fake_offer(monkeypatch, False)
    fake = FakePostDialog(monkeypatch)
    open_entry(window)
    window.editor.body.insertPlainText("\n\n")
    paste(window, X_URL)
    qtbot.waitUntil(lambda: bool(offers))
    qtbot.wait(20)
    assert body(window) == f"{BODY}\n\n{X_URL}"
    assert not fake.asked


def test_an_address_inside_a_sentence_is_just_text(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    offers = fake_offer(monkeypatch, False)
    open_entry(window)
    window.editor.body.insertPlainText(" See ")
    paste(window, X_URL)
    paste(window, "https://news.example/not-a-post")
    qtbot.wait(20)
    assert body(window) == f"{BODY} See {X_URL}https://news.example/not-a-post"
    assert not offers


def test_the_editor_marks_an_address_not_of_its_platform(qtbot: QtBot, window: MainWindow) -> None:
    open_entry(window)
    notes = window.editor.embed_notes
    wrong = Embed(type="telegram", url="https://x.com/a/status/1900712345678901234")
    window.editor.body.appendPlainText("\n" + embed_block(wrong))
    qtbot.waitUntil(notes.isVisible)
    assert "is not the address of a Telegram post" in notes.text()
    window.select_entry("upd1530")  # an entry without embeds: no notes
    qtbot.waitUntil(lambda: not notes.isVisible())
    window.editor.body.appendPlainText("\n```embed\ntype: nothing\n```")
    qtbot.waitUntil(notes.isVisible)
    assert "cannot be read" in notes.text()


def test_a_pasted_post_shows_as_a_card_in_the_preview(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    FakePostDialog(monkeypatch)
    open_entry(window)
    preview = window.editor.preview
    paste(window, (DATA / "x.html").read_text())
    qtbot.waitUntil(lambda: "Northern Weather Office" in preview.toPlainText())
    shown = preview.toPlainText()
    assert "X" in shown and "Stay away from the sea front tonight." in shown
    assert "March 14, 2025" in shown


def test_the_cursor_inside_an_embed_block_paste_is_plain(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Text pasted into an embed's YAML (a handle, say) stays text."""
    fake = FakePostDialog(monkeypatch)
    open_entry(window)
    block = embed_block(Embed(type="x", url="https://x.com/a/status/1"))
    window.editor.body.setPlainText(block)
    cursor_at(window, block.index("```", 3))
    paste(window, "author: Anna\n")
    assert "author: Anna\n```" in body(window)
    assert not fake.asked
