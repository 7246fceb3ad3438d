"""Archivo → Nuevo año de reporte: which region and year, and what to carry over from the
region's latest earlier year (seed 001, III.1 notes (2), (3): the objectives and indicators fixed
in Etapa 2 are carried over, not rewritten).

The dialog only collects the answer; :func:`desktop.services.structure.create_year` creates the
year. It is asked through the window's prompter (:meth:`ui.dialogs.Prompter.new_year`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QSignalBlocker
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.regions import REGIONS, Region, find_region
from desktop.domain.structure import FIRST_YEAR, LAST_YEAR, CarryOver


@dataclass(frozen=True, slots=True)
class NewYearChoice:
    """What the user chose.

    Attributes:
        region: the region.
        year: the new reporting year.
        carry: what to carry over from the region's latest earlier year.
    """

    region: Region
    year: int
    carry: CarryOver


class NewYearDialog(QDialog):
    """Region, year and carry-over of a new reporting year.

    Args:
        years: the reporting years each region already has, by ISO code ("CL-TA": [2009]).
        region: the region chosen at first (the one shown in the window), or None.
        today: the date that proposes the year when the region has none yet.
        parent: the window.
    """

    def __init__(self, years: Mapping[str, Sequence[int]], region: Region | None = None,
                 today: dt.date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Nuevo año de reporte"))
        self._years = {code: sorted(ys) for code, ys in years.items()}
        self._today = today or dt.date.today()
        intro = QLabel(self.tr(
            "Crea los programas de trabajo III.1, III.2 y III.3 de una región para un año nuevo. El análisis del "
            "avance (III.4) sigue a sus objetivos."))
        intro.setWordWrap(True)
        self.region = QComboBox()
        for r in REGIONS:
            self.region.addItem(f"{r.cut} {r.name} ({r.iso_code})", r.iso_code)
        self.year = QSpinBox()
        self.year.setRange(FIRST_YEAR, LAST_YEAR)
        self.nothing = QRadioButton(self.tr("Programas vacíos"))
        self.objectives = QRadioButton()
        self.activities = QRadioButton()
        self.objectives.setEnabled(False)  # until a source year is known (_update)
        self.carry = QButtonGroup(self)
        for button in (self.nothing, self.objectives, self.activities):
            self.carry.addButton(button)
        not_carried = QLabel(self.tr(
            "Las actividades se traspasan con su unidad responsable (6), su medio de verificación (7) y su "
            "ponderación (8). Nunca se traspasan el resultado anual del indicador (4), el cumplimiento (9), el "
            "análisis del avance (III.4), los archivos adjuntos ni la identificación de la instancia del III.2."))
        not_carried.setWordWrap(True)
        not_carried.setStyleSheet("color: #4a5560;")
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b00020;")
        form = QFormLayout()
        form.addRow(self.tr("Región:"), self.region)
        form.addRow(self.tr("Año:"), self.year)
        self.source = QLabel()
        self.source.setWordWrap(True)
        box = QVBoxLayout()
        for button in (self.nothing, self.objectives, self.activities):
            box.addWidget(button)
        box.addWidget(self.source)
        form.addRow(self.tr("Traspasar:"), box)
        self.buttons = QDialogButtonBox()
        self.ok = QPushButton(self.tr("Crear"))
        self.ok.setDefault(True)
        self.buttons.addButton(self.ok, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QPushButton(self.tr("Cancelar")), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(not_carried)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        if region is not None:
            self.region.setCurrentIndex(max(0, self.region.findData(region.iso_code)))
        self._propose_year()
        self.region.currentIndexChanged.connect(lambda _i: self._propose_year())
        self.year.valueChanged.connect(lambda _v: self._update())
        self.resize(560, self.sizeHint().height())

    def chosen_region(self) -> Region:
        """The region selected."""
        return find_region(self.region.currentData())

    def earlier(self) -> int | None:
        """The region's latest year before the one chosen (the carry-over source), or None."""
        before = [y for y in self._years.get(self.region.currentData(), []) if y < self.year.value()]
        return before[-1] if before else None

    def _propose_year(self) -> None:
        """The year after the region's latest one, or this year when it has none."""
        years = self._years.get(self.region.currentData(), [])
        with QSignalBlocker(self.year):
            self.year.setValue(min(LAST_YEAR, years[-1] + 1) if years else self._today.year)
        self._update()

    def _update(self) -> None:
        earlier = self.earlier()
        if earlier is not None and not self.objectives.isEnabled():
            self.objectives.setChecked(True)  # a source again: carry the objectives (seed 001, III.1 (2), (3))
        if earlier is not None:
            self.objectives.setText(self.tr("Objetivos específicos e indicadores de {0} (fijados en la etapa 2)")
                                    .format(earlier))
            self.activities.setText(self.tr("Objetivos, indicadores y actividades de {0}").format(earlier))
        else:
            self.objectives.setText(self.tr("Objetivos específicos e indicadores del año anterior"))
            self.activities.setText(self.tr("Objetivos, indicadores y actividades del año anterior"))
            self.nothing.setChecked(True)
        for button in (self.objectives, self.activities):
            button.setEnabled(earlier is not None)
        self.problem.setText(self.problems())
        self.ok.setEnabled(not self.problem.text())
        self.source.setText("" if earlier is not None else self.tr(
            "{0} no tiene años de reporte anteriores a {1}: los programas empiezan vacíos.").format(
                self.chosen_region().name, self.year.value()))

    def problems(self) -> str:
        """What keeps the answer from being accepted, in Spanish; empty when it can be."""
        if self.year.value() in self._years.get(self.region.currentData(), []):
            return self.tr("{0} ya tiene el año {1}: elija otro año.").format(self.chosen_region().name, self.year.value())
        return ""

    def choice(self) -> NewYearChoice:
        """The answer (call after the dialog was accepted)."""
        if self.activities.isChecked():
            carry = CarryOver.ACTIVITIES
        elif self.objectives.isChecked():
            carry = CarryOver.OBJECTIVES
        else:
            carry = CarryOver.NOTHING
        return NewYearChoice(self.chosen_region(), self.year.value(), carry)

    def _accept(self) -> None:
        self.problem.setText(self.problems())
        if not self.problem.text():
            self.accept()
