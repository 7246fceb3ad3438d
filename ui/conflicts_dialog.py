"""Ver → Resolver conflictos… (central office): the open conflicts between two installations of
one region, each record's two versions side by side, and the buttons that keep one of them.

The dialog only shows what it is given (:func:`desktop.sync.board.conflict_views`) and asks for
a resolution with :attr:`ConflictsDialog.resolve_requested`; the change itself goes through
:func:`desktop.sync.service.resolve_conflict` in :class:`ui.sync_actions.SyncController`.
"""

from __future__ import annotations

import re
import uuid
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QItemSelectionModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.wording import when_text

if TYPE_CHECKING:  # the database layer loads after the window paints (see desktop.app)
    from desktop.sync.board import ConflictView

Index = QModelIndex | QPersistentModelIndex

KEEP_CURRENT = "actual"
KEEP_INCOMING = "entrante"
"""The choices passed to :func:`desktop.sync.service.resolve_conflict`."""


class ConflictsTableModel(QAbstractTableModel):
    """The open conflicts, one row each (read-only)."""

    def __init__(self, parent: Any = None) -> None:  # noqa: ANN401
        super().__init__(parent)
        self._rows: list[ConflictView] = []
        self._headers = (self.tr("Región"), self.tr("Tipo"), self.tr("Registro"), self.tr("Programa"),
                         self.tr("Diferencia"))

    def set_conflicts(self, rows: list[ConflictView]) -> None:
        """Show ``rows``."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def conflict_at(self, row: int) -> ConflictView | None:
        """The conflict shown in ``row`` (None outside the table)."""
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, conflict_id: uuid.UUID) -> int:
        """The row showing ``conflict_id``, or -1."""
        return next((i for i, c in enumerate(self._rows) if c.id == conflict_id), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802, ANN401
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal \
                and 0 <= section < len(self._headers):
            return self._headers[section]
        return None

    def _difference(self, c: ConflictView) -> str:
        if c.incoming_deleted:
            return self.tr("la otra instalación lo eliminó")
        if c.current_deleted:
            return self.tr("eliminado aquí")
        n = len(c.differences)
        return self.tr("1 campo distinto") if n == 1 else self.tr("{0} campos distintos").format(n)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: ANN401
        c = self.conflict_at(index.row()) if index.isValid() else None
        if c is None:
            return None
        column = index.column()
        values = (c.region_name, _first_upper(c.kind), " ".join(c.record.split()), c.programme or "—",
                  self._difference(c))
        if role == Qt.ItemDataRole.DisplayRole and 0 <= column < len(values):
            return values[column]
        if role == Qt.ItemDataRole.ToolTipRole and column == 2:
            return c.record
        return None


class ConflictsDialog(QDialog):
    """Ver → Resolver conflictos…: choose, for each open conflict, which version stays.

    Not modal: it stays open beside the window. ``resolve_requested(conflict, keep)`` asks the
    controller to keep :data:`KEEP_CURRENT` or :data:`KEEP_INCOMING` of ``conflict`` (a
    :class:`desktop.sync.board.ConflictView`).
    """

    resolve_requested = Signal(object, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Resolver conflictos"))
        self.resize(1100, 680)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.model = ConflictsTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        header = self.table.horizontalHeader()
        for column, mode in enumerate((QHeaderView.ResizeMode.ResizeToContents, QHeaderView.ResizeMode.ResizeToContents,
                                       QHeaderView.ResizeMode.Stretch, QHeaderView.ResizeMode.ResizeToContents,
                                       QHeaderView.ResizeMode.ResizeToContents)):
            header.setSectionResizeMode(column, mode)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_selected())

        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.versions = QTableWidget(0, 3)
        self.versions.setHorizontalHeaderLabels([self.tr("Campo"), self.tr("Versión actual"),
                                                 self.tr("Versión entrante")])
        self.versions.verticalHeader().setVisible(False)
        self.versions.setWordWrap(True)
        self.versions.setAlternatingRowColors(True)
        self.versions.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.versions.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.versions.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.versions.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        versions_header = self.versions.horizontalHeader()
        versions_header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        versions_header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        versions_header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        versions_header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.versions.setColumnWidth(0, 240)
        # Long texts wrap in their column: the rows grow again whenever a column changes width.
        versions_header.sectionResized.connect(lambda *_: self.versions.resizeRowsToContents())
        self.keep_current_button = QPushButton(self.tr("Conservar la versión actual"))
        self.keep_incoming_button = QPushButton(self.tr("Conservar la versión entrante"))
        self.keep_current_button.clicked.connect(lambda: self._request(KEEP_CURRENT))
        self.keep_incoming_button.clicked.connect(lambda: self._request(KEEP_INCOMING))
        choose = QHBoxLayout()
        hint = QLabel(self.tr("La versión que no se conserva se descarta. Para escribir otro valor use "
                              "«avance bundle resolve … --keep valor»."))
        hint.setWordWrap(True)
        choose.addWidget(hint, 1)
        choose.addWidget(self.keep_current_button)
        choose.addWidget(self.keep_incoming_button)

        details = QWidget()
        box = QVBoxLayout(details)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.heading)
        box.addWidget(self.versions, 1)
        box.addLayout(choose)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(details)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        split.setChildrenCollapsible(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(split, 1)
        layout.addWidget(buttons)
        self._busy = False
        self.show_conflicts([])

    def show_conflicts(self, conflicts: list[ConflictView]) -> None:
        """Show ``conflicts``, keeping the selected one selected while it is still open."""
        keep = self.selected()
        self.model.set_conflicts(conflicts)
        n = len(conflicts)
        if n == 0:
            self.summary.setText(self.tr("Ningún conflicto abierto: cada registro tiene una sola versión."))
        else:
            counted = self.tr("Hay 1 conflicto abierto") if n == 1 else self.tr("Hay {0} conflictos abiertos").format(n)
            self.summary.setText(self.tr(
                "{0}: dos instalaciones de una misma región editaron el mismo registro. Hasta que elija, se "
                "conserva la versión actual y la otra queda guardada; no se pierde ninguna.").format(counted))
        row = self.model.row_of(keep.id) if keep is not None else -1
        if row < 0 and n:
            row = 0
        if row >= 0:
            self.table.selectionModel().setCurrentIndex(
                self.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self._busy = False
        self._show_selected()

    def selected(self) -> ConflictView | None:
        """The conflict selected (None when there is none)."""
        index = self.table.selectionModel().currentIndex() if self.table.selectionModel() else QModelIndex()
        return self.model.conflict_at(index.row()) if index.isValid() else None

    def set_busy(self, busy: bool) -> None:
        """Disable the choice while a resolution runs (enabled again when the list is refreshed)."""
        self._busy = busy
        self._update_buttons(self.selected())

    def _update_buttons(self, c: ConflictView | None) -> None:
        for button in (self.keep_current_button, self.keep_incoming_button):
            button.setEnabled(c is not None and not self._busy)
        deleted = c is not None and c.incoming_deleted
        self.keep_incoming_button.setText(self.tr("Aceptar la eliminación") if deleted
                                          else self.tr("Conservar la versión entrante"))

    def _show_selected(self) -> None:
        c = self.selected()
        self._update_buttons(c)
        self.versions.clearSpans()
        self.versions.setRowCount(0)
        if c is None:
            self.heading.setText("")
            self.versions.setHorizontalHeaderLabels([self.tr("Campo"), self.tr("Versión actual"),
                                                     self.tr("Versión entrante")])
            return
        if c.programme:
            title = self.tr("<b>{0}</b> del programa {1} (conflicto {2}):").format(
                _first_upper(c.kind), c.programme, c.short_id)
        else:
            title = self.tr("<b>{0}</b> de la región de {1} (conflicto {2}):").format(
                _first_upper(c.kind), c.region_name, c.short_id)
        lines = [title, _html(c.record)]
        for name, source, changed, deleted in (
                (self.tr("Versión actual"), c.current_source, c.current_changed, c.current_deleted),
                (self.tr("Versión entrante"), c.incoming_source, c.incoming_changed, c.incoming_deleted)):
            if deleted:
                state = self.tr("elimina el registro")
            elif changed is not None:
                state = self.tr("editada el {0}").format(when_text(changed))
            else:
                state = ""
            lines.append(f"<b>{name}</b>: {_html(source)}" + (f" — {state}" if state else ""))
        self.heading.setText("<br>".join(lines))
        self.versions.setHorizontalHeaderLabels([self.tr("Campo"), self.tr("Versión actual (se conserva por ahora)"),
                                                 self.tr("Versión entrante (de la otra instalación)")])
        rows = [(d.label, d.current, d.incoming) for d in c.differences]
        self.versions.setRowCount(max(1, len(rows)))
        for r, values in enumerate(rows):
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
                if column:
                    item.setToolTip(value)
                self.versions.setItem(r, column, item)
        if not rows:
            self.versions.setItem(0, 0, QTableWidgetItem(
                self.tr("Las dos versiones tienen los mismos valores; solo difiere la fecha de edición.")))
            self.versions.setSpan(0, 0, 1, 3)
        self.versions.resizeRowsToContents()

    def _request(self, keep: str) -> None:
        c = self.selected()
        if c is not None and not self._busy:
            self.resolve_requested.emit(c, keep)

    def text(self) -> str:
        """What the dialog shows of the selected conflict, as plain text (tests and screen readers)."""
        rows = []
        for r in range(self.versions.rowCount()):
            cells = [self.versions.item(r, c) for c in range(3)]
            rows.append(" | ".join(cell.text() for cell in cells if cell is not None and cell.text()))
        heading = re.sub(r"<[^>]+>", "", self.heading.text().replace("<br>", "\n"))
        return "\n".join([self.summary.text(), heading, *rows])


def _first_upper(text: str) -> str:
    """ "análisis del avance (III.4)" → "Análisis del avance (III.4)" (``str.capitalize`` would
    lower the rest)."""
    return text[:1].upper() + text[1:]


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
