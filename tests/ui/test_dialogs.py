"""The problems dialog shows every problem and copies them all."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from ui.dialogs import ProblemsDialog


def test_problems_dialog_lists_and_copies_every_problem(qtbot) -> None:  # noqa: ANN001
    problems = ["Hoja «III.1», celda H7: «abc» no es una ponderación.", "Hoja «III.1», celda I9: use Sí o No."]
    dialog = ProblemsDialog("Importar Excel", "El archivo tiene 2 problemas; no se importó nada.", problems)
    qtbot.addWidget(dialog)
    assert dialog.text.toPlainText().splitlines() == problems
    assert dialog.text.isReadOnly()
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text().splitlines() == problems


def test_problems_dialog_wraps_long_messages_at_its_width(qtbot) -> None:  # noqa: ANN001
    """A long message is wrapped, not cut at the right edge (no horizontal scrolling), and
    Copiar still copies each problem as one line."""
    long = "Hoja «III.4», celda B12: " + "no se encontró el objetivo en los formularios de esta región y año " * 4
    problems = [long, "Hoja «III.1», celda I9: use Sí o No."]
    dialog = ProblemsDialog("Importar Excel", "2 problemas", problems)
    qtbot.addWidget(dialog)
    dialog.resize(500, 300)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.text.horizontalScrollBar().maximum() == 0
    assert dialog.text.document().lineCount() > 0 and dialog.text.document().blockCount() == 2
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text().splitlines() == problems
