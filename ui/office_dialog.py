"""The office set-up dialog (issue 3, part 1): which office this installation is (one regional
office, or the central office) and the passphrase that protects its keys.

Asked on the first start of an installation that is not set up yet, and from Archivo → Oficina →
Configurar oficina. The dialog only collects the answer; the keys are made by
:func:`desktop.sync.service.init_office`, in a worker.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.regions import REGIONS
from desktop.sync.passphrase import MIN_PASSPHRASE  # the same rule as «avance office init»


@dataclass(frozen=True, slots=True)
class OfficeChoice:
    """What the user chose.

    Attributes:
        region: the ISO 3166-2:CL code of the regional office ("CL-TA"), or None for the central
            office (nivel central).
        passphrase: protects the private keys at rest; used at once, never stored.
    """

    region: str | None
    passphrase: str


class OfficeSetupDialog(QDialog):
    """Regional office (with its region) or central office, and the passphrase twice.

    Args:
        first_start: True when asked on the first start: the cancel button then reads
            "Más tarde" and the text says where to find the set-up again.
        parent: the window.
    """

    def __init__(self, *, first_start: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Configurar esta instalación"))
        intro = QLabel(self.tr(
            "Avance intercambia paquetes firmados y cifrados entre las oficinas regionales y la oficina "
            "central. Indique qué oficina es esta instalación; no se puede cambiar después."))
        intro.setWordWrap(True)
        self.regional = QRadioButton(self.tr("Oficina regional (dirección regional o Seremía)"))
        self.central = QRadioButton(self.tr("Oficina central (nivel central)"))
        self.kind = QButtonGroup(self)
        self.kind.addButton(self.regional)
        self.kind.addButton(self.central)
        self.region = QComboBox()
        self.region.addItem(self.tr("Elija la región…"), None)
        for region in REGIONS:
            self.region.addItem(f"{region.cut} {region.name} ({region.iso_code})", region.iso_code)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat = QLineEdit()
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b00020;")
        form = QFormLayout()
        form.addRow(self.regional)
        form.addRow(self.tr("Región:"), self.region)
        form.addRow(self.central)
        form.addRow(self.tr("Frase de paso:"), self.passphrase)
        form.addRow(self.tr("Repítala:"), self.repeat)
        hint = QLabel(self.tr(
            "La frase de paso protege las claves de esta oficina. Se pide al exportar e importar paquetes y no "
            "se guarda en ninguna parte: si se olvida, hay que configurar una instalación nueva."))
        hint.setWordWrap(True)
        self.buttons = QDialogButtonBox()
        self.ok = QPushButton(self.tr("Configurar"))
        self.ok.setDefault(True)
        self.buttons.addButton(self.ok, QDialogButtonBox.ButtonRole.AcceptRole)
        later = self.tr("Más tarde") if first_start else self.tr("Cancelar")
        self.buttons.addButton(QPushButton(later), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(hint)
        if first_start:
            later_hint = QLabel(self.tr("Puede hacerlo después en Archivo → Oficina → Configurar oficina."))
            later_hint.setWordWrap(True)
            layout.addWidget(later_hint)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.regional.toggled.connect(self.region.setEnabled)
        self.region.currentIndexChanged.connect(lambda _i: self.regional.setChecked(True)
                                                if self.region.currentData() else None)
        self.regional.setChecked(True)
        self.resize(560, self.sizeHint().height())

    def problems(self) -> str:
        """What keeps the answer from being accepted, in Spanish; empty when it can be."""
        if self.regional.isChecked() and not self.region.currentData():
            return self.tr("Elija la región de esta oficina regional.")
        if not self.passphrase.text():
            return self.tr("Escriba una frase de paso.")
        if len(self.passphrase.text()) < MIN_PASSPHRASE:
            return self.tr("La frase de paso debe tener al menos {0} caracteres.").format(MIN_PASSPHRASE)
        if self.passphrase.text() != self.repeat.text():
            return self.tr("Las frases de paso no coinciden.")
        return ""

    def choice(self) -> OfficeChoice:
        """The answer (call after the dialog was accepted)."""
        region = self.region.currentData() if self.regional.isChecked() else None
        return OfficeChoice(region, self.passphrase.text())

    def _accept(self) -> None:
        problem = self.problems()
        self.problem.setText(problem)
        if not problem:
            self.accept()

    def done(self, result: int) -> None:  # noqa: D102 - QDialog.done: the passphrase fields are wiped
        super().done(result)
        if result != QDialog.DialogCode.Accepted:
            self.passphrase.clear()
            self.repeat.clear()
