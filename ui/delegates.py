"""Editors for the form tables: multi-line text and the "Cumple/no cumple" choice."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QEvent, QModelIndex, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QComboBox, QPlainTextEdit, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from desktop.domain.forms import rule_note

MET_CHOICES = ("", "Sí", "No")


class TextDelegate(QStyledItemDelegate):
    """A multi-line editor: Enter inserts a line break, Ctrl+Enter or Tab commits, Esc cancels."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex) -> QWidget:  # noqa: N802
        editor = QPlainTextEdit(parent)
        editor.setTabChangesFocus(True)
        editor.installEventFilter(self)
        return editor

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:  # noqa: N802
        assert isinstance(editor, QPlainTextEdit)
        editor.setPlainText(str(index.data(Qt.ItemDataRole.EditRole) or ""))
        editor.selectAll()

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: QModelIndex) -> None:  # noqa: N802
        assert isinstance(editor, QPlainTextEdit)
        model.setData(index, editor.toPlainText(), Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem, index: QModelIndex) -> None:  # noqa: N802
        rect = option.rect
        rect.setHeight(max(rect.height(), 90))
        editor.setGeometry(rect)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if isinstance(watched, QPlainTextEdit) and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
                self.commitData.emit(watched)
                self.closeEditor.emit(watched, QStyledItemDelegate.EndEditHint.NoHint)
                return True
        return super().eventFilter(watched, event)


class MetDelegate(QStyledItemDelegate):
    """Column (9): choose "", "Sí" or "No" (note (9): "Sí" only when 100 % done)."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex) -> QWidget:  # noqa: N802
        combo = QComboBox(parent)
        combo.addItems(list(MET_CHOICES))
        programme = getattr(index.model(), "programme", None)  # (14) on III.2, (9) on III.1 and III.3
        note = rule_note(programme.form, 9) if programme is not None else "nota 9"
        combo.setToolTip(f"«Sí» sólo si la actividad o meta se cumplió al 100 % ({note}).")
        combo.activated.connect(lambda _i: self.commitData.emit(combo))
        return combo

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:  # noqa: N802
        assert isinstance(editor, QComboBox)
        value = str(index.data(Qt.ItemDataRole.EditRole) or "")
        editor.setCurrentIndex(max(0, editor.findText(value)))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: QModelIndex) -> None:  # noqa: N802
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentText(), Qt.ItemDataRole.EditRole)
