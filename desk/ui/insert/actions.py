"""The Insert menu's commands and the body's smart paste: each asks its dialog's `ask`,
then puts the result at the body's cursor as one step of the window's undo ("Insert
quote in UPDATE 2202 GMT"), apart from the typing before and after it.

A pasted platform's embed code becomes an embed block at once, then the post dialog opens
on it to ask for the rest; a post's address pasted alone on a line is offered as a post.
The dialogs open after the paste has finished (a drop must not wait on a modal dialog)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData, QObject, QTimer
from PySide6.QtGui import QTextCursor

from desk.core.blocks import (
    Quote,
    bare_line,
    embed_block_at,
    quote_markdown,
    standalone,
    subheading_markdown,
)
from desk.core.errors import DeskError
from desk.ui.widgets.notice import notify

if TYPE_CHECKING:
    from desk.core.embeds import Embed
    from desk.ui.door import Desk, Handlers
    from desk.ui.insert.dialogs import ImageChoice

PARAGRAPH = "\u2029"  # how QTextCursor.selectedText() writes a line break


class Inserter(QObject):
    """Insert's commands on one window's body editor."""

    def __init__(self, desk: Desk) -> None:
        super().__init__(desk.window)
        self.desk = desk
        self.body = desk.editor.body
        self.body.paste_hook = self.paste
        self.body.cards.open_hook = self.insert_or_edit_post  # Enter on a card

    def handlers(self) -> Handlers:
        return {
            "insert_quote": self.insert_quote,
            "insert_post": self.insert_or_edit_post,
            "insert_image": self.insert_image,
            "insert_link": self.insert_link,
            "insert_subheading": self.insert_subheading,
        }

    # -- putting text in the body ---------------------------------------------------------

    def _selected(self) -> str:
        return self.body.textCursor().selectedText().replace(PARAGRAPH, "\n")

    def put(
        self,
        text: str,
        cursor: QTextCursor | None = None,
        join: bool = False,
        name: str = "Insert",
    ) -> QTextCursor:
        """Put `text` as a block of its own in place of `cursor`'s selection (the body's
        cursor by default), blank lines around it; the cursor goes after it. Returns a
        cursor selecting the text put. `join`: the same undo step as the edit before;
        else a step of its own, called `name`."""
        cursor = QTextCursor(cursor if cursor is not None else self.body.textCursor())
        document = self.body.document()
        whole = document.toPlainText()
        start, end = cursor.selectionStart(), cursor.selectionEnd()
        prefix, suffix = standalone(whole[:start], whole[end:])
        with self.desk.editor.typing.step(name, join=join):
            cursor.beginEditBlock()
            cursor.insertText(prefix + text + suffix)
            cursor.endEditBlock()
        self.body.setTextCursor(cursor)
        self.body.setFocus()
        placed = QTextCursor(document)
        placed.setPosition(start + len(prefix))
        placed.setPosition(start + len(prefix) + len(text), QTextCursor.MoveMode.KeepAnchor)
        return placed

    def _embed_text(self, embed: Embed) -> str:
        from desk.core.embeds import embed_block

        return embed_block(embed)

    # -- the menu's commands --------------------------------------------------------------

    def insert_quote(self) -> None:
        from desk.ui.insert.dialogs import QuoteDialog

        selected = self._selected().strip()
        quote = QuoteDialog.ask(self.desk.window, Quote(selected) if selected else None)
        if quote is not None:
            self.put(quote_markdown(quote), name="Insert quote")

    def insert_subheading(self) -> None:
        from desk.ui.insert.dialogs import SubheadingDialog

        selected = self._selected().strip()
        text = SubheadingDialog.ask(self.desk.window, selected if "\n" not in selected else None)
        if text is not None:
            self.put(subheading_markdown(text), name="Insert subheading")

    def insert_link(self) -> None:
        from desk.ui.insert.dialogs import LinkDialog

        link = LinkDialog.ask(self.desk.window)
        if link is not None:
            self.put(self._embed_text(link), name="Insert link")

    def insert_image(self) -> None:
        from desk.ui.insert.dialogs import ImageDialog

        choice = ImageDialog.ask(self.desk.window)
        block = self._image_block(choice) if choice is not None else None
        if block is not None:
            self.put(block, name="Insert image")

    def _image_block(self, choice: ImageChoice) -> str | None:
        """The image's block, its file copied into the blog's media/ first (None: failed)."""
        embed = choice.embed
        if choice.file is not None:
            model = self.desk.model
            if model is None:
                return None
            try:
                embed.src = model.store.add_media(choice.file)
            except DeskError as error:
                notify(self.desk.window, "Image not inserted", str(error))
                return None
        return self._embed_text(embed)

    def insert_or_edit_post(self) -> None:
        """On an embed block: its dialog, on it. Elsewhere: a new post."""
        from desk.core.embeds import parse_embed_block
        from desk.ui.insert.post import PostDialog

        cursor = self.body.textCursor()
        span = embed_block_at(self.body.toPlainText(), cursor.position())
        if span is None:
            post = PostDialog.ask(self.desk.window)
            if post is not None:
                self.put(self._embed_text(post), name="Insert post")
            return
        try:
            embed = parse_embed_block(span.yaml)
        except DeskError as error:
            notify(self.desk.window, "Cannot edit this embed", str(error))
            return
        block = self._edit(embed)
        if block is not None:
            cursor.setPosition(span.start)
            cursor.setPosition(span.end, QTextCursor.MoveMode.KeepAnchor)
            self.put(block, cursor, name=f"Edit {embed.type} embed")

    def _edit(self, embed: Embed) -> str | None:
        """The block after the embed's own dialog, or None if cancelled."""
        from desk.ui.insert.dialogs import ImageDialog, LinkDialog
        from desk.ui.insert.post import PostDialog

        if embed.type == "image":
            choice = ImageDialog.ask(self.desk.window, embed)
            return self._image_block(choice) if choice is not None else None
        if embed.type == "link":
            link = LinkDialog.ask(self.desk.window, embed)
            return self._embed_text(link) if link is not None else None
        post = PostDialog.ask(self.desk.window, embed)
        return self._embed_text(post) if post is not None else None

    # -- paste ----------------------------------------------------------------------------

    def paste(self, source: QMimeData) -> bool:
        """Take a paste that is a post (embed code, or an address alone on its line);
        False leaves it to the editor, as plain text."""
        from desk.core.embeds import embed_from_url

        text = source.text() if source.hasText() else ""
        html = source.html() if source.hasHtml() else ""
        embed = _embed_code(text) or _embed_code(html)
        if embed is not None:
            placed = self.put(self._embed_text(embed), name="Paste post")
            QTimer.singleShot(0, lambda: self._complete_post(placed, embed))
            return True
        address = text.strip()
        if not address or "\n" in address or embed_from_url(address) is None:
            return False
        cursor = self.body.textCursor()
        whole = self.body.toPlainText()
        if not bare_line(whole[: cursor.selectionStart()], whole[cursor.selectionEnd() :]):
            return False
        start = cursor.selectionStart()
        cursor.insertText(address)
        self.body.setTextCursor(cursor)
        placed = QTextCursor(self.body.document())
        placed.setPosition(start)
        placed.setPosition(start + len(address), QTextCursor.MoveMode.KeepAnchor)
        QTimer.singleShot(0, lambda: self._offer_post(placed, address))
        return True

    def _still(self, placed: QTextCursor, text: str) -> bool:
        """True while `placed` still selects `text` in the body shown."""
        return (
            placed.document() is self.body.document()
            and placed.selectedText().replace(PARAGRAPH, "\n") == text
        )

    def _complete_post(self, placed: QTextCursor, embed: Embed) -> None:
        from desk.ui.insert.post import PostDialog

        block = self._embed_text(embed)
        post = PostDialog.ask(self.desk.window, embed)
        if post is not None and self._still(placed, block):
            self.put(self._embed_text(post), placed, join=True)

    def _offer_post(self, placed: QTextCursor, address: str) -> None:
        from desk.core.embeds import PLATFORM_NAMES, embed_from_url
        from desk.ui.insert.dialogs import PostOffer
        from desk.ui.insert.post import PostDialog

        embed = embed_from_url(address)
        if embed is None or not self._still(placed, address):
            return
        if not PostOffer.ask(self.desk.window, address, PLATFORM_NAMES[embed.type]):
            return
        post = PostDialog.ask(self.desk.window, embed)
        if post is not None and self._still(placed, address):
            self.put(self._embed_text(post), placed, name="Insert post")


def _embed_code(code: str) -> Embed | None:
    """The post in pasted text that is a platform's embed code (it starts with a tag)."""
    from desk.core.embeds import parse_embed_code

    if not code.lstrip().startswith("<"):
        return None
    try:
        return parse_embed_code(code)
    except DeskError:
        return None
