"""View → Show embed source: the embed blocks as their text in the body editor, not cards
(desk.ui.editor.cards), for those who want it; remembered between runs."""

from __future__ import annotations

from typing import TYPE_CHECKING

from desk.ui.widgets.toggles import check_quietly

if TYPE_CHECKING:
    from desk.ui.door import Desk, Handlers


class EmbedSource:
    """View → Show embed source: the embed blocks as text, not cards."""

    SETTING = "embed_source"

    def __init__(self, desk: Desk) -> None:
        self.desk = desk
        shown = bool(desk.settings.value(self.SETTING, False, type=bool))
        check_quietly(desk.action("embed_source"), shown)
        self._show()

    def handlers(self) -> Handlers:
        return {"embed_source": self._switched}

    def _switched(self) -> None:
        self.desk.settings.setValue(self.SETTING, self.desk.action("embed_source").isChecked())
        self._show()

    def _show(self) -> None:
        self.desk.editor.body.cards.show_cards(not self.desk.action("embed_source").isChecked())
