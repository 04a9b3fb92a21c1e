"""The Post dialog's date: from the post's id while the journalist has typed none, again
at each change of the address, from the embed code where it holds one, and never over a
date the journalist typed. Typed key by key, as a journalist types or pastes."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desk.core.blocks import EMBED_FENCE
from desk.core.embeds import Embed, parse_embed_block
from desk.ui.insert.post import PostDialog
from desk.ui.shell.window import MainWindow
from tests.ui.insert.test_insert_dialogs import answer, open_entry

DATA = Path(__file__).resolve().parents[2] / "data" / "embeds"
PORT = "https://x.com/PortRotterdam/status/1865432109876543210"
CTRL = Qt.KeyboardModifier.ControlModifier


def new_dialog(qtbot: QtBot, initial: Embed | None = None) -> PostDialog:
    dialog = PostDialog(None, initial)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def retype(qtbot: QtBot, dialog: PostDialog, url: str) -> None:
    """Select the address and type another over it, one key at a time."""
    dialog.url.setFocus()
    qtbot.keyClick(dialog.url, Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(dialog.url, url)


def test_typing_an_x_address_key_by_key_ends_on_the_ids_date(qtbot: QtBot) -> None:
    dialog = new_dialog(qtbot)
    seen: list[str] = []
    dialog.date.textChanged.connect(seen.append)
    qtbot.keyClicks(dialog.url, PORT)
    # On the way the id's first digits said 2010-11-09; the whole id says 2024-12-07.
    assert "2010-11-09" in seen
    assert dialog.date.text() == "2024-12-07"
    assert dialog.date_source.text() == "from the post's id"
    assert dialog.value().date == "2024-12-07"


def test_editing_the_address_recomputes_the_date(qtbot: QtBot) -> None:
    dialog = new_dialog(qtbot)
    retype(qtbot, dialog, PORT)
    assert dialog.date.text() == "2024-12-07"
    retype(qtbot, dialog, "https://twitter.com/NorthWeatherOff/status/1900712345678901234?s=20")
    assert dialog.date.text() == "2025-03-15"
    retype(qtbot, dialog, "https://bsky.app/profile/coastalherald.bsky.social/post/3l25zusnsfctk")
    assert (dialog.date.text(), dialog.platform.currentData()) == ("2024-08-20", "bluesky")
    assert dialog.date_source.text() == "from the post's id"
    # An address whose id carries no date takes the old post's date away.
    retype(qtbot, dialog, "https://t.me/harbourwatch/1912")
    assert dialog.date.text() == ""
    assert dialog.date_source.text() == "the address gives no date: type it"
    retype(qtbot, dialog, "not an address")
    assert (dialog.date.text(), dialog.date_source.text()) == ("", "")


def test_a_typed_date_stays_whatever_the_address(qtbot: QtBot) -> None:
    dialog = new_dialog(qtbot)
    retype(qtbot, dialog, PORT)
    dialog.date.setFocus()
    qtbot.keyClick(dialog.date, Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(dialog.date, "2024-12-08")
    assert dialog.date_source.text() == ""
    retype(qtbot, dialog, "https://x.com/NorthWeatherOff/status/1900712345678901234")
    assert dialog.date.text() == "2024-12-08"
    # Emptied, the date is the address's again.
    dialog.date.setFocus()
    qtbot.keyClick(dialog.date, Qt.Key.Key_A, CTRL)
    qtbot.keyClick(dialog.date, Qt.Key.Key_Delete)
    assert dialog.date.text() == "2025-03-15"
    assert dialog.date_source.text() == "from the post's id"


def test_the_embed_codes_date_wins_over_the_id(qtbot: QtBot) -> None:
    dialog = new_dialog(qtbot)
    dialog.code.setPlainText((DATA / "x.html").read_text())
    # The code's sign-off says March 14; the id (made up for the sample) says March 15.
    assert dialog.date.text() == "2025-03-14"
    assert dialog.date_source.text() == "from the embed code"


def test_editing_a_post_keeps_its_date_until_the_address_changes(qtbot: QtBot) -> None:
    typed = Embed(type="x", url=PORT, date="2024-12-01")
    dialog = new_dialog(qtbot, typed)
    assert (dialog.date.text(), dialog.date_source.text()) == ("2024-12-01", "")
    retype(qtbot, dialog, "https://x.com/NorthWeatherOff/status/1900712345678901234")
    assert dialog.date.text() == "2024-12-01"  # the journalist's, kept

    from_id = new_dialog(qtbot, Embed(type="x", url=PORT, date="2024-12-07"))
    assert from_id.date_source.text() == "from the post's id"
    retype(qtbot, from_id, "https://x.com/NorthWeatherOff/status/1900712345678901234")
    assert from_id.date.text() == "2025-03-15"


def test_insert_post_in_the_window_writes_the_ids_date(qtbot: QtBot, window: MainWindow) -> None:
    open_entry(window)

    def fill(dialog: PostDialog) -> None:
        qtbot.keyClicks(dialog.url, PORT + "?s=46&t=abc")
        qtbot.keyClick(dialog.url, Qt.Key.Key_Tab)  # leaving the field tidies the address
        dialog.text.setPlainText("The port is closed to shipping until Monday.")

    answer(qtbot, PostDialog, fill)
    window.desk_actions["insert_post"].trigger()
    found = [
        parse_embed_block(m.group(1))
        for m in EMBED_FENCE.finditer(window.editor.body.toPlainText())
    ]
    assert [(e.url, e.date, e.handle) for e in found] == [(PORT, "2024-12-07", "PortRotterdam")]
