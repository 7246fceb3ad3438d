"""Questions and messages to the user, behind one small service that tests replace
(STYLE.md rule 5): no test ever waits on a modal dialog."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QFileInfo
from PySide6.QtGui import QAbstractFileIconProvider, QGuiApplication
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QApplication,
    QStyle,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Mapping, Sequence

    from desktop.domain.regions import Region
    from ui.new_year_dialog import NewYearChoice
    from ui.office_dialog import OfficeChoice


class ProblemsDialog(QDialog):
    """Every problem found in a file, one per line (wrapped at the dialog's width), in a read-only
    text the user can select and copy (button "Copiar"), so it can be sent to whoever prepared
    the file."""

    def __init__(self, title: str, summary: str, problems: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(760, 420)
        self.text = QPlainTextEdit("\n".join(problems))
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)  # long messages wrap, never cut
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton(self.tr("Copiar"))
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        label = QLabel(summary)
        label.setWordWrap(True)
        layout.addWidget(label)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)

    def copy(self) -> None:
        """Put every problem on the clipboard."""
        QGuiApplication.clipboard().setText(self.text.toPlainText())


class SafeIconProvider(QAbstractFileIconProvider):
    """Icons and type names for the file dialogs from the name alone: never opens a file.

    Qt's default provider sniffs a file's content to tell its type, and so opens and closes the
    database's own files (``avance.db``, ``-wal``, ``-shm``) when the dialog lists their folder.
    On Linux and macOS closing any descriptor of a file drops every POSIX lock the process holds
    on it, SQLite's included: another process could then write under the app's feet, or delete
    the WAL it still uses, and an import reported done would be lost.
    """

    def __init__(self) -> None:
        super().__init__()
        self._style = QApplication.style()

    def icon(self, what):  # noqa: ANN001, ANN201 - QAbstractFileIconProvider.icon(IconType | QFileInfo)
        if isinstance(what, QFileInfo):
            pixmap = QStyle.StandardPixmap.SP_DirIcon if what.isDir() else QStyle.StandardPixmap.SP_FileIcon
            return self._style.standardIcon(pixmap)
        return super().icon(what)

    def type(self, info: QFileInfo) -> str:  # noqa: A003 - Qt's name
        tr = QCoreApplication.translate
        if info.isDir():
            return tr("SafeIconProvider", "Carpeta")
        suffix = info.suffix()
        return tr("SafeIconProvider", "Archivo {0}").format(suffix.upper()) if suffix else tr("SafeIconProvider", "Archivo")


def make_file_dialog(parent: QWidget | None, title: str, suggested: Path, name_filter: str,
                     mode: QFileDialog.FileMode, *, save: bool = False) -> QFileDialog:
    """A file dialog that never opens the files it lists (:class:`SafeIconProvider`).

    Args:
        suggested: the folder to show, or (to save) the suggested file in its folder.
        mode: what may be chosen (one existing file, several, any name).
        save: a save dialog.
    """
    dialog = QFileDialog(parent, title, "", name_filter)
    dialog.setIconProvider(SafeIconProvider())
    dialog.setFileMode(mode)
    if save:
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    if suggested.is_dir():
        dialog.setDirectory(str(suggested))
    else:
        dialog.setDirectory(str(suggested.parent))
        dialog.selectFile(suggested.name)
    return dialog


def _file_dialog(parent: QWidget | None, title: str, suggested: Path, name_filter: str,
                 mode: QFileDialog.FileMode, save: bool = False) -> list[Path]:
    """The paths chosen in :func:`make_file_dialog`, or [] when cancelled."""
    dialog = make_file_dialog(parent, title, suggested, name_filter, mode, save=save)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return []
    return [Path(p) for p in dialog.selectedFiles()]


class Prompter:
    """Asks the user with real dialogs. Tests pass a fake with the same methods."""

    def save_path(self, parent: QWidget | None, title: str, suggested: Path, name_filter: str) -> Path | None:
        """Ask where to save; None when cancelled."""
        chosen = _file_dialog(parent, title, Path(suggested), name_filter, QFileDialog.FileMode.AnyFile, save=True)
        return chosen[0] if chosen else None

    def error(self, parent: QWidget | None, title: str, text: str) -> None:
        """Show an error."""
        QMessageBox.critical(parent, title, text)

    def info(self, parent: QWidget | None, title: str, text: str) -> None:
        """Show a message."""
        QMessageBox.information(parent, title, text)

    def about(self, parent: QWidget | None, title: str, text: str) -> None:
        """Show the "Acerca de" box."""
        QMessageBox.about(parent, title, text)

    def open_path(self, parent: QWidget | None, title: str, name_filter: str) -> Path | None:
        """Ask for a file to open; None when cancelled."""
        chosen = _file_dialog(parent, title, Path.home(), name_filter, QFileDialog.FileMode.ExistingFile)
        return chosen[0] if chosen else None

    def confirm(self, parent: QWidget | None, title: str, text: str, accept: str) -> bool:
        """Ask a yes/cancel question whose yes button says ``accept``; True when accepted."""
        box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.Cancel, parent)
        yes = box.addButton(accept, QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is yes

    def problems(self, parent: QWidget | None, title: str, summary: str, problems: list[str]) -> None:
        """Show every problem of a file in a dialog whose text can be copied."""
        ProblemsDialog(title, summary, problems, parent).exec()

    def report(self, parent: QWidget | None, title: str, summary: str, lines: list[str]) -> None:
        """Show a report (one line per file) in a dialog whose text can be copied."""
        ProblemsDialog(title, summary, lines, parent).exec()

    def ask_passphrase(self, parent: QWidget | None, title: str, text: str) -> str | None:
        """Ask a passphrase, never echoed; None when cancelled. The caller uses it at once and
        keeps it nowhere (issue 3: never stored, never logged)."""
        value, ok = QInputDialog.getText(parent, title, text, QLineEdit.EchoMode.Password)
        return value if ok else None

    def open_paths(self, parent: QWidget | None, title: str, name_filter: str) -> list[Path]:
        """Ask for one or more files to open; an empty list when cancelled."""
        return _file_dialog(parent, title, Path.home(), name_filter, QFileDialog.FileMode.ExistingFiles)

    def setup_office(self, parent: QWidget | None, *, first_start: bool = False) -> OfficeChoice | None:
        """Ask which office this installation is and its passphrase (twice); None when the user
        cancels (or, on the first start, chooses "Más tarde")."""
        from ui.office_dialog import OfficeSetupDialog

        dialog = OfficeSetupDialog(first_start=first_start, parent=parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.choice()

    def new_year(self, parent: QWidget | None, years: Mapping[str, Sequence[int]], region: Region | None,
                 today: dt.date | None = None) -> NewYearChoice | None:
        """Ask the region, year and carry-over of a new reporting year (``years``: the years each
        region has, by ISO code); None when cancelled."""
        from ui.new_year_dialog import NewYearDialog

        dialog = NewYearDialog(years, region, today, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.choice()

    def choose(self, parent: QWidget | None, title: str, text: str, items: list[str], current: int = 0) -> int | None:
        """Ask to pick one of ``items``, ``items[current]`` chosen at first; its index, or None
        when cancelled."""
        value, ok = QInputDialog.getItem(parent, title, text, items, current, False)
        return items.index(value) if ok and value in items else None

    def ask_text(self, parent: QWidget | None, title: str, label: str, text: str = "") -> str | None:
        """Ask a text of one or more lines (an observation), starting from ``text``; None when
        cancelled."""
        value, ok = QInputDialog.getMultiLineText(parent, title, label, text)
        return value if ok else None

    def ask_review(self, parent: QWidget | None, programme: str, status: str, note: str) -> tuple[str, str] | None:
        """Ask a programme's review state and its note (``programme``: "III.1 Tarapacá 2009";
        ``status``, ``note``: the current ones); (state, note), or None when cancelled."""
        from ui.notes_dialogs import ReviewDialog

        dialog = ReviewDialog(programme, status, note, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.choice()

    def review_export(self, parent: QWidget | None, preview: object) -> bool:
        """Show what a sync bundle will carry (:class:`desktop.sync.board.ExportPreview`);
        True when the user goes on."""
        from ui.sync_panel import ExportPreviewDialog

        return ExportPreviewDialog(preview, parent).exec() == QDialog.DialogCode.Accepted

    def choose_printer(self, parent: QWidget | None, printer: QPrinter) -> bool:
        """Let the user choose the printer and its options; False when cancelled."""
        return QPrintDialog(printer, parent).exec() == QDialog.DialogCode.Accepted

    def show_preview(self, parent: QWidget | None, pdf_path: Path) -> None:
        """Show the print preview of ``pdf_path`` (printing from it prints the same pages)."""
        from ui.printing import preview

        preview(parent, pdf_path).exec()
