"""Dialogs of the central office's notes: the observations of the form shown (to read, correct
and delete them) and a programme's review state. They only show what they are given and say
what the user asked; the changes go through :class:`ui.review_actions.ReviewController`, which
calls :mod:`desktop.sync.notes`."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.wording import when_text

if TYPE_CHECKING:
    from desktop.sync.notes import ObservationView

REVIEW_LABELS = {"pendiente": "Pendiente", "aprobado": "Aprobado", "observado": "Observado"}
"""The review states as the dialog offers them (the values the services take are the keys)."""

ID_ROLE = Qt.ItemDataRole.UserRole + 1


class ReviewDialog(QDialog):
    """The review state of a programme and its note (Editar → Estado de revisión…).

    Args:
        programme: what is reviewed, in Spanish ("III.1 Tarapacá 2009").
        status: the current state ("pendiente" when none was set).
        note: the current note.
    """

    def __init__(self, programme: str, status: str = "pendiente", note: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Estado de revisión"))
        self.resize(480, 260)
        intro = QLabel(self.tr("Revisión del nivel central de <b>{0}</b>. La oficina regional la verá al importar la "
                               "próxima respuesta (Archivo → Exportar respuesta…).").format(programme))
        intro.setWordWrap(True)
        self.status = QComboBox()
        for key, label in REVIEW_LABELS.items():
            self.status.addItem(self.tr(label), key)
        self.status.setCurrentIndex(max(0, self.status.findData(status)))
        self.note = QPlainTextEdit(note)
        self.note.setPlaceholderText(self.tr("Qué debe saber o corregir la oficina regional (opcional)"))
        self.note.setTabChangesFocus(True)
        form = QFormLayout()
        form.addRow(self.tr("Estado:"), self.status)
        form.addRow(self.tr("Nota:"), self.note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Guardar"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form, 1)
        layout.addWidget(buttons)

    def choice(self) -> tuple[str, str]:
        """(state, note) as chosen."""
        return self.status.currentData(), self.note.toPlainText().strip()


class ObservationsDialog(QDialog):
    """The central office's observations on the form shown (Editar → Observaciones…): what each
    is about, its text and date. At the central office «Editar…» and «Eliminar…» act on the one
    selected; a double click goes to its row in the form. Not modal."""

    edit_requested = Signal(object)
    """An observation (:class:`desktop.sync.notes.ObservationView`) to correct."""
    remove_requested = Signal(object)
    """An observation to delete."""
    go_to_requested = Signal(object)
    """The id of the objective or activity to select in the form."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Observaciones de la oficina central"))
        self.resize(820, 360)
        self._views: list[ObservationView] = []
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([self.tr("Sobre"), self.tr("Objetivo o actividad"), self.tr("Observación"),
                                   self.tr("Fecha")])
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setWordWrap(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        for column, width in enumerate((170, 250, 260, 110)):
            self.tree.setColumnWidth(column, width)
        self.tree.itemSelectionChanged.connect(self._update_buttons)
        self.tree.itemDoubleClicked.connect(lambda item, _c: self._go_to(item))
        self.edit_button = QPushButton(self.tr("Editar…"))
        self.remove_button = QPushButton(self.tr("Eliminar…"))
        self.edit_button.clicked.connect(lambda: self._emit(self.edit_requested))
        self.remove_button.clicked.connect(lambda: self._emit(self.remove_requested))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.edit_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.remove_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.tree, 1)
        layout.addWidget(buttons)

    def show_observations(self, heading: str, views: list[ObservationView], *, editable: bool,
                          select: uuid.UUID | None = None) -> None:
        """Show ``views`` under ``heading``; ``editable``: the central office (it can correct and
        delete them); ``select``: the id of an objective or activity whose first observation is
        selected."""
        self.heading.setText(heading)
        self._views = list(views)
        self.tree.clear()
        chosen = None
        for view in self._views:
            item = QTreeWidgetItem([view.about, " ".join(view.about_text.split()), view.text, when_text(view.changed)])
            item.setData(0, ID_ROLE, str(view.id))
            for column in (1, 2):
                item.setToolTip(column, item.text(column))
            self.tree.addTopLevelItem(item)
            if chosen is None and select is not None and view.target_id == select:
                chosen = item
        if not self._views:
            empty = QTreeWidgetItem([self.tr("Este formulario no tiene observaciones de la oficina central.")])
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.tree.addTopLevelItem(empty)
            empty.setFirstColumnSpanned(True)
        if chosen is not None:
            self.tree.setCurrentItem(chosen)
        elif self._views:
            self.tree.setCurrentItem(self.tree.topLevelItem(0))
        self.edit_button.setVisible(editable)
        self.remove_button.setVisible(editable)
        self._update_buttons()

    def selected(self) -> ObservationView | None:
        """The observation selected, if any."""
        item = self.tree.currentItem()
        ident = item.data(0, ID_ROLE) if item is not None else None
        return next((v for v in self._views if str(v.id) == ident), None)

    def _update_buttons(self) -> None:
        chosen = self.selected() is not None
        self.edit_button.setEnabled(chosen)
        self.remove_button.setEnabled(chosen)

    def _emit(self, signal) -> None:  # noqa: ANN001
        view = self.selected()
        if view is not None:
            signal.emit(view)

    def _go_to(self, item: QTreeWidgetItem) -> None:
        view = next((v for v in self._views if str(v.id) == item.data(0, ID_ROLE)), None)
        if view is not None and not view.gone:
            self.go_to_requested.emit(view.target_id)
