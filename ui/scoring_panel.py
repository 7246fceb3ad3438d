"""The scoring panel: weights total, earned weight, regional performance against the 90 % bar,
and the broken rules in plain Spanish. It shows a :class:`ProgrammeScore`; it computes nothing."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QFormLayout, QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from desktop.domain.forms import SHORT_NAMES, FormKind, rule_note, spec
from desktop.domain.scoring import FULL_WEIGHT, PASS_MARK, ProgrammeScore
from desktop.domain.weights import format_percent


class PerformanceBar(QWidget):
    """A horizontal bar 0–100 % with a mark at the 90 % pass mark (III.1 note (11))."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._value = Decimal(0)
        self.setMinimumHeight(40)
        self.setToolTip(self.tr("El programa se valida con un desempeño de 90 % o más (nota 11)."))

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(220, 40)

    @property
    def value(self) -> Decimal:
        """The performance shown, percent."""
        return self._value

    def set_value(self, value: Decimal) -> None:
        """Show ``value`` percent (drawn clamped to 0–100)."""
        self._value = value
        self.update()

    def paintEvent(self, _event) -> None:  # noqa: ANN001, N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect()).adjusted(1, 4, -1, -18)
        painter.setPen(QPen(QColor("#9aa3ad")))
        painter.setBrush(QColor("#f3f5f7"))
        painter.drawRoundedRect(rect, 3, 3)
        fraction = float(max(Decimal(0), min(self._value, FULL_WEIGHT)) / FULL_WEIGHT)
        if fraction > 0:
            filled = QRectF(rect.left(), rect.top(), rect.width() * fraction, rect.height())
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor("#2e7d32") if self._value >= PASS_MARK else QColor("#c62828"))
            painter.drawRoundedRect(filled, 3, 3)
        x = rect.left() + rect.width() * float(PASS_MARK / FULL_WEIGHT)
        painter.setPen(QPen(QColor("#1a1a1a"), 2))
        painter.drawLine(int(x), int(rect.top()) - 3, int(x), int(rect.bottom()) + 3)
        painter.setPen(QPen(QColor("#1a1a1a")))
        font = painter.font()
        font.setPointSizeF(max(6.0, font.pointSizeF() * 0.8))
        painter.setFont(font)
        painter.drawText(QRectF(x - 30, rect.bottom() + 3, 60, 14), Qt.AlignmentFlag.AlignCenter, "90 %")
        painter.end()


class ScoringPanel(QWidget):
    """Shows one programme's score, updated by the window after every edit."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.title.setStyleSheet("font-weight: bold;")
        self.weight_total = QLabel()
        self.weight_earned = QLabel()
        self.performance = QLabel()
        self.performance.setStyleSheet("font-size: 15pt; font-weight: bold;")
        self.bar = PerformanceBar()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.warnings = QListWidget()
        self.warnings.setWordWrap(True)
        self.warnings.setAlternatingRowColors(True)
        form = self._figures = QFormLayout()
        for field in (self.weight_total, self.weight_earned, self.performance):
            form.addRow(QLabel(), field)
        self._number_labels(FormKind.III_1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(form)
        layout.addWidget(self.bar)
        layout.addWidget(self.status)
        layout.addWidget(QLabel(self.tr("Advertencias")))
        layout.addWidget(self.warnings, 1)
        self.show_score(None)

    def _number_labels(self, kind: FormKind) -> None:
        """Label the figures with the column numbers of ``kind``: (8), (10), (11) on III.1 and
        III.3 ((14) there for the performance), (13), (15), (16) on III.2 (seed 001)."""
        form_spec = spec(kind)
        number = {c.key: c.number for c in form_spec.columns}
        texts = (self.tr("Ponderaciones ({0}):").format(number["weight"]),
                 self.tr("Ponderación ganada ({0}):").format(number["earned"]),
                 self.tr("Desempeño anual región ({0}):").format(form_spec.result_numbers[0]))
        for field, text in zip((self.weight_total, self.weight_earned, self.performance), texts):
            self._figures.labelForField(field).setText(text)

    def show_score(self, score: ProgrammeScore | None, message: str = "") -> None:
        """Show ``score``; None clears the panel and shows ``message`` (e.g. on III.4)."""
        self.warnings.clear()
        if score is None:
            self.title.setText(message or self.tr("Seleccione un programa de trabajo"))
            for label in (self.weight_total, self.weight_earned, self.performance, self.status):
                label.setText("—")
                label.setStyleSheet("")  # not the red of the programme shown before
            self.bar.set_value(Decimal(0))
            return
        self.title.setText(f"{SHORT_NAMES[score.form]} — {score.region.name} {score.year}")
        self._number_labels(score.form)
        total_ok = score.weight_total == FULL_WEIGHT
        self.weight_total.setText(
            format_percent(score.weight_total) + ("" if total_ok else self.tr("  (deben sumar 100 %)"))
        )
        self.weight_total.setStyleSheet("" if total_ok else "color: #c62828;")
        self.weight_earned.setText(format_percent(score.weight_earned))
        self.performance.setText(format_percent(score.performance_pct))
        self.bar.set_value(score.performance_pct)
        if score.valid:
            self.status.setText(self.tr("✔ Programa válido: alcanza el 90 % ({0}).").format(rule_note(score.form, 11)))
            self.status.setStyleSheet("color: #2e7d32;")
        else:
            self.status.setText(self.tr("✘ Bajo el 90 %: el programa no se valida ({0}).").format(
                rule_note(score.form, 11)))
            self.status.setStyleSheet("color: #c62828;")
        for message in score.warnings:
            self.warnings.addItem(QListWidgetItem(message))
