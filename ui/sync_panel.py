"""Widgets of the sync bundles: the "Sincronización" panel (bundles sent and received,
receipt, observations, review states, evidence files, import log), the national board and the
dialog that shows what an export will carry. They only show what they are given: the data
comes from :mod:`desktop.sync.board` through :class:`ui.sync_actions.SyncController`."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.forms import FormKind
from desktop.domain.scoring import Verdict
from desktop.domain.weights import format_percent, format_percent_column
from desktop.wording import count, office_name, office_short, when_text  # noqa: F401 - re-exported

if TYPE_CHECKING:  # the database layer loads after the window paints (see desktop.app)
    from desktop.sync.board import (
        AuditEntry,
        BundleEntry,
        EvidenceEntry,
        ExportPreview,
        NationalBoard,
        ObservationEntry,
        OfficeView,
        ReceiptView,
        ReviewEntry,
    )

Index = QModelIndex | QPersistentModelIndex
BAD_BRUSH = QBrush(QColor("#fde2e1"))
GOOD_BRUSH = QBrush(QColor("#e3f4e1"))
MUTED_BRUSH = QBrush(QColor("#eef1f5"))


def _tree(headers: list[str], widths: list[int]) -> QTreeWidget:
    tree = QTreeWidget()
    tree.setHeaderLabels(headers)
    tree.setRootIsDecorated(False)
    tree.setAlternatingRowColors(True)
    tree.setWordWrap(True)
    tree.setUniformRowHeights(False)
    for i, width in enumerate(widths):
        tree.setColumnWidth(i, width)
    return tree


def _fill(tree: QTreeWidget, rows: list[list[str]], empty: str) -> None:
    tree.clear()
    for values in rows:
        item = QTreeWidgetItem(values)
        for c, value in enumerate(values):
            if len(value) > 60:
                item.setToolTip(c, value)
        tree.addTopLevelItem(item)
    if not rows:
        item = QTreeWidgetItem([empty])
        item.setFlags(Qt.ItemFlag.NoItemFlags)
        tree.addTopLevelItem(item)
        item.setFirstColumnSpanned(True)


class SyncPanel(QWidget):
    """The "Sincronización" panel (Ver → Sincronización).

    Signals:
        remove_evidence: the user asked to remove the selected evidence file (its id, its name).
    """

    remove_evidence = Signal(object, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.office_label = QLabel()
        self.office_label.setWordWrap(True)
        self.office_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.receipt_label = QLabel()
        self.receipt_label.setWordWrap(True)
        self.bundles = _tree([self.tr("Paquete"), self.tr("Oficina"), self.tr("N.º"), self.tr("Fecha"),
                              self.tr("Contenido")], [85, 130, 40, 125, 200])
        self.observations = _tree([self.tr("Sobre"), self.tr("Programa"), self.tr("Observación"), self.tr("Fecha")],
                                  [180, 120, 220, 125])
        self.reviews = _tree([self.tr("Programa"), self.tr("Revisión"), self.tr("Nota")], [150, 90, 240])
        self.evidence = _tree([self.tr("Actividad"), self.tr("Archivo"), self.tr("Tamaño"), self.tr("Estado")],
                              [200, 150, 70, 150])
        self.imports = _tree([self.tr("Fecha"), self.tr("Archivo"), self.tr("Resultado"), self.tr("Mensaje")],
                             [125, 150, 90, 300])
        self.tabs = QTabWidget()
        self.tabs.addTab(self.bundles, self.tr("Paquetes"))
        notes = QWidget()
        box = QVBoxLayout(notes)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.observations, 2)
        box.addWidget(QLabel(self.tr("Revisión de los programas por la oficina central:")))
        box.addWidget(self.reviews, 1)
        self.tabs.addTab(notes, self.tr("Observaciones"))
        self.remove_evidence_button = QPushButton(self.tr("Quitar…"))
        self.remove_evidence_button.setToolTip(self.tr("Quita el medio de verificación seleccionado de su actividad "
                                                       "(el próximo paquete lo quita en la oficina central)"))
        self.remove_evidence_button.setEnabled(False)
        self.remove_evidence_button.clicked.connect(self._remove_selected)
        self.evidence.itemSelectionChanged.connect(self._evidence_selected)
        self.evidence_tab = QWidget()
        evidence_box = QVBoxLayout(self.evidence_tab)
        evidence_box.setContentsMargins(0, 0, 0, 0)
        evidence_box.addWidget(self.evidence, 1)
        evidence_row = QHBoxLayout()
        evidence_row.addStretch(1)
        evidence_row.addWidget(self.remove_evidence_button)
        evidence_box.addLayout(evidence_row)
        self.tabs.addTab(self.evidence_tab, self.tr("Medios de verificación"))
        self.tabs.addTab(self.imports, self.tr("Importaciones"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.office_label)
        layout.addWidget(self.receipt_label)
        layout.addWidget(self.tabs, 1)

    def sizeHint(self) -> QSize:  # noqa: N802 - a low strip under the form, not half the window
        return QSize(700, 240)

    def show_office(self, office: OfficeView | None) -> None:
        """Say which office this installation is (or how to set it up)."""
        if office is None:
            self.office_label.setText(self.tr(
                "Esta instalación aún no está configurada como oficina. Puede seguir trabajando con los datos; "
                "para enviar o recibir paquetes use Archivo → Oficina → Configurar oficina…"))
            return
        self.office_label.setText(self.tr("<b>{0}</b><br>Huella de su clave: <tt>{1}</tt>").format(
            office.label, office.fingerprint))

    def show_receipt(self, receipt: ReceiptView | None) -> None:
        """The central office's last receipt (regional offices); hidden for the central office."""
        self.receipt_label.setVisible(receipt is not None)
        if receipt is None:
            return
        if receipt.last_sent == 0:
            text = self.tr("Aún no se ha exportado ningún paquete a la oficina central.")
        elif receipt.acknowledged == 0:
            text = self.tr("Último paquete enviado: n.º {0}. La oficina central aún no envía su acuse de recibo."
                           ).format(receipt.last_sent)
        else:
            text = self.tr("Último paquete enviado: n.º {0}. Acuse de recibo: la oficina central aplicó hasta el "
                           "n.º {1} y tiene {2}.").format(
                receipt.last_sent, receipt.acknowledged,
                count(receipt.evidence_held, self.tr("medio de verificación"), self.tr("medios de verificación")))
        self.receipt_label.setText(text)

    def show_bundles(self, bundles: list[BundleEntry]) -> None:
        """The bundles sent and received, newest first."""
        _fill(self.bundles, [
            [self.tr("enviado a") if b.sent else self.tr("recibido de"), office_short(b.office), str(b.sequence),
             when_text(b.when), b.summary] for b in bundles
        ], self.tr("Ningún paquete enviado ni recibido."))

    def show_observations(self, observations: list[ObservationEntry], reviews: list[ReviewEntry]) -> None:
        """The central office's observations and the programmes' review states."""
        _fill(self.observations, [
            [f"{o.target}: {o.about}", o.programme, o.text, when_text(o.when)] for o in observations
        ], self.tr("Sin observaciones."))
        _fill(self.reviews, [[r.programme, r.status, r.note] for r in reviews], self.tr("Sin revisiones."))

    def show_evidence(self, evidence: list[EvidenceEntry], *, removable: bool = True) -> None:
        """The evidence files attached here (per record: received by the central office when this
        record went in a bundle its receipt acknowledged).

        Args:
            removable: offer «Quitar…» (a regional office; the central office does not remove a
                region's files).
        """
        def state(e: EvidenceEntry) -> str:
            if not e.stored:
                return self.tr("falta el archivo")
            if e.at_central:  # what the region's bundles brought; nothing to send from here
                if e.received_in is None:
                    return ""
                return self.tr("recibido en el paquete n.º {0} de la {1}").format(e.received_in,
                                                                                  office_name(e.region))
            if e.acknowledged:
                return self.tr("recibido por la oficina central")
            return self.tr("enviado, sin acuse de recibo") if e.sent else self.tr("por enviar")

        from desktop.sync.board import human_size

        _fill(self.evidence, [[e.one_line_commitment, e.name, human_size(e.size), state(e)] for e in evidence],
              self.tr("Ningún medio de verificación adjunto. Arrastre un archivo sobre una actividad o use "
                      "Editar → Adjuntar medio de verificación…"))
        for i, e in enumerate(evidence):
            self.evidence.topLevelItem(i).setData(0, Qt.ItemDataRole.UserRole, (e.id, e.name))
        self.remove_evidence_button.setVisible(removable)
        self._evidence_selected()

    def _selected_evidence(self) -> tuple[Any, str] | None:
        item = self.evidence.currentItem()
        if item is None or not item.isSelected():
            return None
        return item.data(0, Qt.ItemDataRole.UserRole)

    def _evidence_selected(self) -> None:
        self.remove_evidence_button.setEnabled(self._selected_evidence() is not None)

    def _remove_selected(self) -> None:
        chosen = self._selected_evidence()
        if chosen is not None:
            self.remove_evidence.emit(*chosen)

    def show_imports(self, entries: list[AuditEntry]) -> None:
        """The latest import outcomes."""
        _fill(self.imports, [[when_text(a.when), a.file_name.rsplit("/", 1)[-1], a.outcome, a.message]
                             for a in entries], self.tr("Ninguna importación todavía."))
        if entries:  # the file (the default names are 29 characters) and the outcome, whole
            for column, widest in ((1, 260), (2, 200)):
                self.imports.resizeColumnToContents(column)
                self.imports.setColumnWidth(column, min(widest, max(self.imports.columnWidth(column), 90)))


class ExportPreviewDialog(QDialog):
    """What the next bundle carries, before asking where to write it.

    Args:
        preview: from :func:`desktop.sync.board.export_preview`.
    """

    def __init__(self, preview: ExportPreview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from desktop.sync.board import TABLE_LABELS, human_size

        self.preview = preview
        central = preview.sender == "central"
        self.setWindowTitle(self.tr("Exportar respuesta") if central else
                            self.tr("Exportar paquete completo") if preview.full else self.tr("Exportar paquete"))
        self.resize(520, 420)
        self.heading = QLabel(self.tr("<b>Paquete n.º {0}</b> de la {1} para la {2}").format(
            preview.sequence, office_name(preview.sender), office_name(preview.recipient)))
        self.heading.setWordWrap(True)
        self.table = QTreeWidget()
        self.table.setHeaderLabels([self.tr("Contenido"), self.tr("Registros")])
        self.table.setRootIsDecorated(False)
        self.table.setColumnWidth(0, 330)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        for name, records in preview.tables:
            if name == "service":  # context every bundle repeats, not the office's work: not counted
                continue
            item = QTreeWidgetItem([TABLE_LABELS.get(name, name), str(records)])
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.addTopLevelItem(item)
        if not central:
            item = QTreeWidgetItem([self.tr("Eliminaciones (registros borrados aquí)"), str(preview.deletions)])
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.addTopLevelItem(item)
        total = QTreeWidgetItem([self.tr("Total"),
                                 str(preview.records + preview.deletions)])
        total.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        font = total.font(0)
        font.setBold(True)
        total.setFont(0, font)
        total.setFont(1, font)
        self.table.addTopLevelItem(total)
        lines = []
        if central:
            lines.append(self.tr("Acuse de recibo: paquetes de la región aplicados hasta el n.º {0}.").format(
                preview.receipt_sequence or 0))
        else:
            if preview.base:
                lines.append(self.tr("Solo los cambios posteriores al paquete n.º {0}, el último que la oficina "
                                     "central acusó recibir; si un paquete posterior se perdió, sus cambios van "
                                     "también.").format(preview.base))
            else:
                lines.append(self.tr("Paquete completo: todos los registros de la región."))
            if preview.full:  # --full trusts no receipt: every file goes
                lines.append(self.tr("Archivos de medios de verificación: {0} ({1}), todos los de la región."
                                     ).format(preview.evidence_files, human_size(preview.evidence_bytes)))
            else:
                lines.append(self.tr("Archivos de medios de verificación: {0} ({1}) que la oficina central aún no "
                                     "tiene.").format(preview.evidence_files, human_size(preview.evidence_bytes)))
        lines.append(self.tr("El paquete va firmado con la clave de esta oficina y cifrado para la {0}: si se "
                             "pierde, no revela nada.").format(office_name(preview.recipient)))
        self.details = QLabel("<br>".join(lines))
        self.details.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.go_button = buttons.addButton(self.tr("Elegir destino y exportar…"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.go_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.details)
        layout.addWidget(buttons)

    def text(self) -> str:
        """Everything the dialog says, as plain text (tests and screen readers)."""
        rows = [f"{self.table.topLevelItem(i).text(0)}: {self.table.topLevelItem(i).text(1)}"
                for i in range(self.table.topLevelItemCount())]
        text = "\n".join([self.windowTitle(), self.heading.text(), *rows, self.details.text()])
        return re.sub(r"<[^>]+>", "", text.replace("<br>", "\n"))


class BoardTableModel(QAbstractTableModel):
    """The national board's table: one row per region (read-only)."""

    FIXED = 6
    """Columns before the programmes' performance: región, clave, último paquete, creado (the
    time the region signed in the bundle), importado (when it arrived here), este trimestre
    (their labels come from :meth:`_fixed_headers`, translatable)."""

    def __init__(self, parent: Any = None) -> None:  # noqa: ANN401
        super().__init__(parent)
        self._board: NationalBoard | None = None
        self._forms: tuple[FormKind, ...] = ()

    def set_board(self, board: NationalBoard | None) -> None:
        """Show ``board``."""
        from desktop.sync.board import forms_on_board

        self.beginResetModel()
        self._board = board
        self._forms = forms_on_board(board) if board else ()
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() or self._board is None else len(self._board.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else self.FIXED + len(self._forms)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802, ANN401
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        if 0 <= section < self.FIXED:
            return self._fixed_headers()[section]
        if 0 <= section - self.FIXED < len(self._forms):
            return f"{self._forms[section - self.FIXED].value} (%)"
        return None

    def _fixed_headers(self) -> tuple[str, ...]:
        return (self.tr("Región"), self.tr("Clave"), self.tr("Último paquete"), self.tr("Creado por la región"),
                self.tr("Importado aquí"), self.tr("Este trimestre"))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: ANN401
        if self._board is None or not index.isValid() or not 0 <= index.row() < len(self._board.rows):
            return None
        row = self._board.rows[index.row()]
        c = index.column()
        score = self._board.rows[index.row()].scores.get(self._forms[c - self.FIXED]) if c >= self.FIXED else None
        if role == Qt.ItemDataRole.DisplayRole:
            if c == 0:
                return f"{row.region.cut} {row.region.name}"
            if c == 1:
                return self.tr("inscrita") if row.enrolled else "—"
            if c == 2:
                return "—" if row.last_sequence is None else self.tr("n.º {0}").format(row.last_sequence)
            if c == 3:
                if row.last_sequence is not None and row.last_created is None:
                    return self.tr("(no registrado)")
                return when_text(row.last_created)
            if c == 4:
                return when_text(row.last_received)
            if c == 5:
                return self.tr("enviado") if row.sent_this_quarter else self.tr("sin envío")
            return "" if score is None else format_percent_column(score.performance_pct)
        if role == Qt.ItemDataRole.BackgroundRole:
            if c == 5:
                return GOOD_BRUSH if row.sent_this_quarter else BAD_BRUSH
            if score is not None:
                return GOOD_BRUSH if score.valid else BAD_BRUSH
            if c >= self.FIXED:
                return MUTED_BRUSH
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and c >= 2:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole and c == 3 and row.last_sequence is not None:
            return self.tr("Fecha y hora en que la región creó el paquete, firmada por ella")
        if role == Qt.ItemDataRole.ToolTipRole and c == 4 and row.last_sequence is not None:
            return self.tr("Fecha y hora en que esta oficina importó el paquete")
        if role == Qt.ItemDataRole.ToolTipRole and score is not None:
            return (self.tr("cumple la barra del 90 % (nota 11)") if score.valid
                    else self.tr("bajo la barra del 90 % (nota 11)"))
        return None


class BoardDialog(QDialog):
    """Ver → Tablero nacional (central office): each region's last bundle and its date, who has
    not sent this quarter, each programme's regional performance and the service verdict,
    open conflicts. Not modal: it stays open beside the window and refreshes after imports."""

    year_changed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Tablero nacional"))
        self.resize(900, 730)
        self.year = QComboBox()
        self.year.currentIndexChanged.connect(self._on_year)
        self.quarter_label = QLabel()
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Año de reporte:")))
        top.addWidget(self.year)
        top.addStretch(1)
        top.addWidget(self.quarter_label)
        self.model = BoardTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAlternatingRowColors(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.verdict_label = QLabel()
        self.verdict_label.setWordWrap(True)
        self.verdict_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.silent_label = QLabel()
        self.silent_label.setWordWrap(True)
        self.conflicts = QPlainTextEdit()
        self.conflicts.setReadOnly(True)
        self.conflicts.setMaximumHeight(110)
        self.conflicts.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # lines wrap
        self.resolve_button = QPushButton(self.tr("Resolver conflictos…"))
        self.resolve_button.setToolTip(self.tr("Muestra las dos versiones de cada registro en conflicto y deja "
                                               "elegir cuál se conserva"))
        self.resolve_button.setEnabled(False)
        conflicts_box = QGroupBox(self.tr("Conflictos abiertos"))
        conflicts_row = QHBoxLayout(conflicts_box)
        conflicts_row.addWidget(self.conflicts, 1)
        conflicts_row.addWidget(self.resolve_button, 0, Qt.AlignmentFlag.AlignTop)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.verdict_label)
        layout.addWidget(self.silent_label)
        layout.addWidget(conflicts_box)
        layout.addWidget(buttons)
        self.board: NationalBoard | None = None

    def _on_year(self, i: int) -> None:
        if i >= 0 and self.year.itemData(i) is not None:
            self.year_changed.emit(self.year.itemData(i))

    def show_board(self, board: NationalBoard, years: list[int]) -> None:
        """Show ``board``; ``years`` fill the year selector."""
        self.board = board
        self.year.blockSignals(True)
        self.year.clear()
        for y in years:
            self.year.addItem(str(y), y)
        if board.year is not None:
            self.year.setCurrentIndex(self.year.findData(board.year))
        self.year.blockSignals(False)
        self.quarter_label.setText(self.tr("Trimestre en curso: {0}").format(board.quarter))
        self.model.set_board(board)
        if board.service is None:
            self.verdict_label.setText(self.tr("Ninguna región tiene datos de ese año: no hay resultado del servicio."))
        else:
            parts = [f"{form.value}: <b>{self._verdict(v)}</b>" for form, v in board.verdicts.items()]
            if board.complete:
                self.verdict_label.setText(self.tr("Desempeño anual servicio {0} — {1}. Servicio: <b>{2}</b> "
                                                   "(todas las regiones deben llegar al 90 %, nota 12).").format(
                    board.year, " · ".join(parts), self._verdict(board.service)))
            else:  # regions still missing: a CUMPLE may still turn into NO CUMPLE
                self.verdict_label.setText(self.tr(
                    "Desempeño anual servicio {0} — {1}. Servicio: <b>{2}</b> (provisional: {3} de 16 regiones con "
                    "datos). Todas las regiones deben llegar al 90 % (nota 12): el resultado es definitivo cuando "
                    "estén las 16.").format(board.year, " · ".join(parts), self._verdict(board.service),
                                            board.regions_with_data))
        silent = board.silent
        if silent:
            names = ", ".join(r.name for r in silent)
            self.silent_label.setText(self.tr("Sin envíos en {0} ({1} de 16): {2}.").format(
                board.quarter, len(silent), names))
        else:
            self.silent_label.setText(self.tr("Todas las regiones enviaron su paquete en {0}.").format(board.quarter))
        if board.conflicts:
            self.conflicts.setPlainText("\n".join([*board.conflicts, self.tr(
                "Resuélvalos con «Resolver conflictos…» (también en Ver); hasta entonces se conserva la versión "
                "actual y no se pierde ninguna.")]))
        else:
            self.conflicts.setPlainText(self.tr("Ningún conflicto abierto."))
        self.resolve_button.setEnabled(bool(board.conflicts))

    @staticmethod
    def _verdict(v: Verdict) -> str:
        color = "#1b6e1b" if v is Verdict.CUMPLE else "#b00020"
        return f'<span style="color:{color}">{v.value}</span>'
