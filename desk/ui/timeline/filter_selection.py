"""The timeline filter as the writer sees it: the entry they chose stays selected while it
is shown (and comes back when the filter is cleared), and the status bar says how many
entries the filter shows ("2 of 8 shown")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QObject

from desk.ui.timeline.model import HEADER_ROW, Role

if TYPE_CHECKING:
    from desk.ui.shell.window import MainWindow


def shown_text(shown: int, total: int) -> str:
    return f"{shown} of {total} shown"


class FilterSelection(QObject):
    """Applies the window's filter box and status filter to the timeline's proxy."""

    def __init__(self, window: MainWindow, statuses: tuple[tuple[str, str], ...]) -> None:
        super().__init__(window)
        self.window = window
        self.statuses = statuses
        self.wanted = ""  # the entry the writer chose last ("" the header)
        self._filtering = False
        window.filter_box.textChanged.connect(
            lambda text: self._refilter(lambda: window.proxy.set_text(text))
        )
        window.status_filter.currentIndexChanged.connect(
            lambda i: self._refilter(lambda: window.proxy.set_status(statuses[i][1]))
        )
        window.timeline.selectionModel().currentChanged.connect(self._current_changed)
        proxy = window.proxy
        for signal in (
            proxy.rowsInserted,
            proxy.rowsRemoved,
            proxy.modelReset,
            proxy.layoutChanged,
        ):
            signal.connect(self.show_count)

    def filtering(self) -> bool:
        return (
            bool(self.window.filter_box.text().strip())
            or self.window.status_filter.currentIndex() > 0
        )

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._filtering or not current.isValid():
            return  # the filter moved the selection, not the writer
        self.wanted = str(current.data(Role.ENTRY_ID) or "")

    def _refilter(self, change: object) -> None:
        self._filtering = True
        try:
            change()  # type: ignore[operator]
            self._keep_selection()
        finally:
            self._filtering = False
        self.show_count()

    def _keep_selection(self) -> None:
        window, model = self.window, self.window.model
        if model is None:
            return
        source = model.index_of(self.wanted) if self.wanted else model.index(HEADER_ROW)
        index = window.proxy.mapFromSource(source) if source.isValid() else QModelIndex()
        if index.isValid() and window.timeline.currentIndex() != index:
            flags = QItemSelectionModel.SelectionFlag.ClearAndSelect
            window.timeline.selectionModel().setCurrentIndex(index, flags)
            window.timeline.scrollTo(index)

    def show_count(self, *_args: object) -> None:
        """'2 of 8 shown' in the status bar while a filter hides entries."""
        model = self.window.model
        if model is None or not self.filtering():
            self.window.status.set_shown("")
            return
        total = model.rowCount() - 1
        self.window.status.set_shown(shown_text(self.window.proxy.rowCount() - 1, total))
