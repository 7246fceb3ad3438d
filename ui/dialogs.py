"""Questions and messages to the user, behind one small service that tests replace
(STYLE.md rule 5): no test ever waits on a modal dialog."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget


class Prompter:
    """Asks the user with real dialogs. Tests pass a fake with the same methods."""

    def save_path(self, parent: QWidget | None, title: str, suggested: Path, name_filter: str) -> Path | None:
        """Ask where to save; None when cancelled."""
        path, _ = QFileDialog.getSaveFileName(parent, title, str(suggested), name_filter)
        return Path(path) if path else None

    def error(self, parent: QWidget | None, title: str, text: str) -> None:
        """Show an error."""
        QMessageBox.critical(parent, title, text)

    def info(self, parent: QWidget | None, title: str, text: str) -> None:
        """Show a message."""
        QMessageBox.information(parent, title, text)

    def about(self, parent: QWidget | None, title: str, text: str) -> None:
        """Show the "Acerca de" box."""
        QMessageBox.about(parent, title, text)

    def choose_printer(self, parent: QWidget | None, printer: QPrinter) -> bool:
        """Let the user choose the printer and its options; False when cancelled."""
        return QPrintDialog(printer, parent).exec() == QDialog.DialogCode.Accepted

    def show_preview(self, parent: QWidget | None, pdf_path: Path) -> None:
        """Show the print preview of ``pdf_path`` (printing from it prints the same pages)."""
        from ui.printing import preview

        preview(parent, pdf_path).exec()
