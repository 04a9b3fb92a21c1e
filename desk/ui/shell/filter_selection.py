"""The timeline filter as the writer sees it: the entry they chose stays selected while it
is shown (and comes back when the filter is cleared), and the status bar says how many
entries the filter shows ("2 of 8 shown")."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QObject
from PySide6.QtWidgets import QComboBox, QLineEdit

from desk.ui.shell.statusbar import DeskStatusBar
from desk.ui.timeline.model import HEADER_ROW, Role, TimelineFilter, TimelineModel
from desk.ui.timeline.view import TimelineView


def shown_text(shown: int, total: int) -> str:
    return f"{shown} of {total} shown"


class FilterSelection(QObject):
    """Applies the window's filter box and status filter to the timeline's proxy."""

    def __init__(
        self,
        model: Callable[[], TimelineModel | None],
        filter_box: QLineEdit,
        status_filter: QComboBox,
        statuses: tuple[tuple[str, str], ...],
        proxy: TimelineFilter,
        timeline: TimelineView,
        status: DeskStatusBar,
    ) -> None:
        super().__init__(timeline)
        self.model = model
        self.filter_box = filter_box
        self.status_filter = status_filter
        self.statuses = statuses
        self.proxy = proxy
        self.timeline = timeline
        self.status = status
        self.wanted = ""  # the entry the writer chose last ("" the header)
        self._filtering = False
        filter_box.textChanged.connect(lambda text: self._refilter(lambda: proxy.set_text(text)))
        status_filter.currentIndexChanged.connect(
            lambda i: self._refilter(lambda: proxy.set_status(statuses[i][1]))
        )
        timeline.selectionModel().currentChanged.connect(self._current_changed)
        for signal in (
            proxy.rowsInserted,
            proxy.rowsRemoved,
            proxy.modelReset,
            proxy.layoutChanged,
        ):
            signal.connect(self.show_count)

    def filtering(self) -> bool:
        return bool(self.filter_box.text().strip()) or self.status_filter.currentIndex() > 0

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
        model = self.model()
        if model is None:
            return
        source = model.index_of(self.wanted) if self.wanted else model.index(HEADER_ROW)
        index = self.proxy.mapFromSource(source) if source.isValid() else QModelIndex()
        if index.isValid() and self.timeline.currentIndex() != index:
            flags = QItemSelectionModel.SelectionFlag.ClearAndSelect
            self.timeline.selectionModel().setCurrentIndex(index, flags)
            self.timeline.scrollTo(index)

    def show_count(self, *_args: object) -> None:
        """'2 of 8 shown' in the status bar while a filter hides entries."""
        model = self.model()
        if model is None or not self.filtering():
            self.status.set_shown("")
            return
        total = model.rowCount() - 1
        self.status.set_shown(shown_text(self.proxy.rowCount() - 1, total))
