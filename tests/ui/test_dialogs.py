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
