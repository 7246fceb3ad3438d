"""The main window: navigator (región → año → formulario), the form being edited, the scoring
panel, menus and shortcuts. Widgets call services; they never touch the database."""

from __future__ import annotations

import datetime as dt
import threading
import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QCoreApplication,
    QItemSelectionModel,
    QObject,
    QSettings,
    QSignalBlocker,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QComboBox,
    QDockWidget,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMenu,
    QPlainTextEdit,
    QProgressDialog,
    QStackedWidget,
    QTableView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.forms import SHORT_NAMES, FormKind, spec
from desktop.domain.records import Commitment, ComplementarityInstance, Objective, Programme, quarter_label
from desktop.domain.regions import Region
from desktop.domain.scoring import is_year_closed
from desktop.errors import EditError, NotFoundError, PlacementError
from ui.commands import EditCommand, StructureCommand
from ui.delegates import MetDelegate, TextDelegate
from ui.dialogs import Prompter
from ui.review_actions import ReviewController
from ui.scoring_panel import ScoringPanel
from ui.sync_actions import SyncController
from ui.table_models import ProgrammeTableModel, ProgressTableModel
from ui.worker import Task, run_in_thread

if TYPE_CHECKING:  # the database layer loads after the window paints (see desktop.app)
    from db.engine import Database
    from desktop.services.programmes import ProgrammeService

NAV_ROLE = Qt.ItemDataRole.UserRole + 1

#: Column widths in pixels by field, for the form tables.
WIDTHS = {
    "section": 140, "objective": 210, "indicator": 170, "indicator_result": 130, "description": 230,
    "responsible_unit": 125, "verification_means": 140, "weight": 85, "met": 75, "earned": 85,
    "programme": 115, "progress": 290, "authority_measures": 220, "recommendations": 220,
    "responsible": 140,
}

FIELD_LABELS = {
    "text": "objetivo", "indicator": "indicador", "indicator_result": "resultado anual", "description": "actividad",
    "responsible_unit": "unidad responsable", "verification_means": "medio de verificación",
    "weight_text": "ponderación", "met": "cumple/no cumple", "kind": "tipo", "objective_text": "objetivo (III.4)",
    "progress": "avance efectivo", "authority_measures": "medidas de la autoridad",
    "recommendations": "recomendaciones", "responsible": "responsable", "instance_name": "instancia",
    "main_problem": "principal problema", "territories": "territorios", "institutions": "instituciones",
    "products": "productos",
}


OBJECTIVE_KEYS = frozenset({"section", "objective", "indicator", "indicator_result"})
"""Columns of the programme table that belong to the objective (and III.3's section)."""

PAPERS = (("carta", "Carta"), ("oficio", "Oficio"))
"""Paper for printing: landscape Carta (letter) or Oficio (216 × 330 mm)."""


class _PrintRelay(QObject):
    """Carries a printout's progress (:class:`desktop.forms.pdf.Progress`) from the worker thread
    to the progress dialog (queued signal), and the dialog's «Cancelar» back: once cancelled,
    :meth:`report` raises :class:`desktop.services.printing.PrintCancelled` in the worker,
    which stops the print (nothing is written; the printer job is aborted)."""

    stepped = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cancelled = threading.Event()

    def cancel(self) -> None:
        """Stop the print at its next step (GUI thread)."""
        self._cancelled.set()

    @property
    def cancelled(self) -> bool:
        """Whether «Cancelar» was pressed."""
        return self._cancelled.is_set()

    def report(self, step: Any) -> None:
        """The job's progress callback (worker thread)."""
        if self._cancelled.is_set():
            from desktop.services.printing import PrintCancelled

            raise PrintCancelled
        self.stepped.emit(step)


def _is_cancel(exc: Exception) -> bool:
    """Whether ``exc`` is a print stopped by «Cancelar» (imports the printing service, so only
    for print jobs)."""
    from desktop.services.printing import PrintCancelled

    return isinstance(exc, PrintCancelled)


class InstanceField(QPlainTextEdit):
    """A III.2 header field that reports its text when it loses focus, if it changed."""

    committed = Signal(str, str)  # field, text

    def __init__(self, field: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = field
        self._saved = ""
        self.setTabChangesFocus(True)
        self.setFixedHeight(52)

    def set_saved_text(self, text: str) -> None:
        """Show ``text`` as the stored value."""
        self._saved = text
        if self.toPlainText() != text:
            self.setPlainText(text)

    def focusOutEvent(self, event) -> None:  # noqa: ANN001, N802
        super().focusOutEvent(event)
        text = self.toPlainText()
        if text != self._saved:
            self.committed.emit(self.field, text)


def _setup_table(table: QTableView) -> None:
    table.setWordWrap(True)
    table.setAlternatingRowColors(True)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
    table.setEditTriggers(
        QAbstractItemView.EditTrigger.DoubleClicked
        | QAbstractItemView.EditTrigger.EditKeyPressed
        | QAbstractItemView.EditTrigger.AnyKeyPressed
    )
    table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    table.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignCenter | Qt.AlignmentFlag.AlignVCenter)
    table.horizontalHeader().setMinimumHeight(44)
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    table.setItemDelegate(TextDelegate(table))


def _heading_label() -> QLabel:
    """The form's activity heading and title, bold, wrapping."""
    label = QLabel()
    label.setWordWrap(True)
    label.setStyleSheet("font-weight: bold; font-size: 11pt;")
    return label


def _read_only_banner() -> QLabel:
    """The strip that says why the form cannot be edited here (hidden when it can)."""
    label = QLabel()
    label.setObjectName("readOnlyBanner")
    label.setWordWrap(True)
    label.setStyleSheet("#readOnlyBanner { background: #fff4cc; border: 1px solid #e0c060; padding: 4px; }")
    label.hide()
    return label


def _show_read_only(banner: QLabel, reason: str | None) -> None:
    banner.setVisible(reason is not None)
    banner.setText(QCoreApplication.translate("MainWindow", "<b>Solo lectura.</b> {0}").format(reason)
                   if reason else "")


class ProgrammePage(QWidget):
    """III.1, III.2 or III.3: title, III.2's instance header, the control table."""

    def __init__(self, model: ProgrammeTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.heading = _heading_label()
        self.region_label = QLabel()
        self.review_label = QLabel()
        """The central office's review state of the programme (hidden when none is set)."""
        self.review_label.setWordWrap(True)
        self.review_label.hide()
        self.read_only_banner = _read_only_banner()
        self.instance_box = QGroupBox(self.tr("Identificación de la instancia de complementariedad"))
        form = QFormLayout(self.instance_box)
        self.instance_fields: dict[str, InstanceField] = {}
        for column in spec(FormKind.III_2).header_fields:
            field = InstanceField(column.key)
            field.setToolTip(f"({column.number}) {column.note}")
            self.instance_fields[column.key] = field
            form.addRow(QLabel(column.header.replace("{year}", "")), field)
        self.table = QTableView()
        _setup_table(self.table)
        self.table.setModel(model)
        self.met_delegate = MetDelegate(self.table)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.region_label)
        layout.addWidget(self.review_label)
        layout.addWidget(self.read_only_banner)
        layout.addWidget(self.instance_box)
        layout.addWidget(self.table, 1)
        model.modelReset.connect(self._on_reset)
        for signal in (model.rowsInserted, model.rowsRemoved, model.rowsMoved):
            signal.connect(lambda *_: self._set_spans())
        model.dataChanged.connect(lambda *_: self._fit_rows())
        self.table.horizontalHeader().sectionResized.connect(lambda *_: self._fit_rows_later())
        self._fit_timer = QTimer(self, singleShot=True, interval=120)
        self._fit_timer.timeout.connect(self._fit_rows)

    def show_programme(self, programme: Programme) -> None:
        """Show the programme's title, region and (III.2) instance."""
        s = spec(programme.form)
        self.heading.setText(s.heading(programme.year))
        office = f" — {programme.responsible_office}" if programme.responsible_office else ""
        self.region_label.setText(f"REGIÓN (1): {programme.region.name}{office}")
        self.instance_box.setVisible(programme.form is FormKind.III_2)
        instance = programme.instance or ComplementarityInstance()
        values = {
            "instance_name": instance.name, "main_problem": instance.main_problem,
            "territories": instance.territories, "institutions": instance.institutions, "products": instance.products,
        }
        for key, field in self.instance_fields.items():
            field.set_saved_text(values[key])

    def show_review(self, html: str | None) -> None:
        """Say the programme's review state under its title (``html``; None hides it)."""
        self.review_label.setVisible(html is not None)
        self.review_label.setText(html or "")

    def show_read_only(self, reason: str | None) -> None:
        """Say why the form cannot be edited here (None: it can); III.2's header follows."""
        _show_read_only(self.read_only_banner, reason)
        for field in self.instance_fields.values():
            field.setReadOnly(reason is not None)

    def _on_reset(self) -> None:
        met = self.model.column_of("met")
        for c in range(self.model.columnCount()):
            self.table.setItemDelegateForColumn(c, self.met_delegate if c == met else None)
            self.table.setColumnWidth(c, WIDTHS.get(self.model.columns[c].key, 120))
        self._set_spans()

    def _set_spans(self) -> None:
        """An objective's cells (2)–(4) span its activity rows."""
        self.table.clearSpans()
        spans = [self.model.column_of(k) for k in ("objective", "indicator", "indicator_result")]
        for row in range(self.model.rowCount()):
            n = self.model.objective_span(row)
            if n > 1:
                for c in spans:
                    self.table.setSpan(row, c, n, 1)
        self._fit_rows()

    def _fit_rows_later(self) -> None:
        self._fit_timer.start()

    def _fit_rows(self) -> None:
        self.table.resizeRowsToContents()


class ProgressPage(QWidget):
    """III.4 for one quarter: quarter selector and the analysis table."""

    quarter_changed = Signal(int)

    def __init__(self, model: ProgressTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.heading = _heading_label()
        self.region_label = QLabel()
        self.quarter = QComboBox()
        for q in (1, 2, 3, 4):
            self.quarter.addItem(self.tr("Trimestre {0}").format(quarter_label(q)), q)
        self.quarter.setToolTip(self.tr("Fecha de medición del análisis del avance («a la fecha»)"))
        self.quarter.currentIndexChanged.connect(lambda i: self.quarter_changed.emit(self.quarter.itemData(i)))
        top = QHBoxLayout()
        top.addWidget(self.region_label, 1)
        top.addWidget(QLabel(self.tr("Análisis al:")))
        top.addWidget(self.quarter)
        self.table = QTableView()
        _setup_table(self.table)
        self.table.setModel(model)
        self.read_only_banner = _read_only_banner()
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(top)
        layout.addWidget(self.read_only_banner)
        layout.addWidget(self.table, 1)
        model.modelReset.connect(self._on_reset)
        model.dataChanged.connect(lambda *_: self.table.resizeRowsToContents())

    def show_report_header(self, region: Region, year: int, office: str, quarter: int) -> None:
        """Title, region and quarter selector for the report shown."""
        self.heading.setText(spec(FormKind.III_4).heading(year))
        self.region_label.setText(f"REGIÓN (1): {region.name} — {office}" if office else f"REGIÓN (1): {region.name}")
        with QSignalBlocker(self.quarter):
            self.quarter.setCurrentIndex(quarter - 1)

    def show_read_only(self, reason: str | None) -> None:
        """Say why the form cannot be edited here (None: it can)."""
        _show_read_only(self.read_only_banner, reason)

    def _on_reset(self) -> None:
        for c, column in enumerate(self.model.COLUMNS):
            self.table.setColumnWidth(c, WIDTHS.get(column.key, 150))
        self.table.resizeRowsToContents()


class MainWindow(QMainWindow):
    """Avance's main window. It is built and painted before the database opens; :meth:`attach`
    then gives it the database and fills it.

    Args:
        prompter: dialogs (tests pass a fake).
        today: the date used for the year-end rules (tests fix it).
    """

    def __init__(self, prompter: Prompter | None = None, today: dt.date | None = None) -> None:
        super().__init__()
        self.db: Database | None = None
        self.service: ProgrammeService | None = None
        self.prompter = prompter or Prompter()
        self.today = today
        self.undo_stack = QUndoStack(self)
        self._tasks: set[Task] = set()
        self.current: tuple[Region, int, FormKind] | None = None
        self.quarter = 1
        self._quarter_of: tuple[Region, int] | None = None
        self._origins: dict[tuple[Region, int], tuple[Region, int, FormKind] | None] = {}  # form shown before a new year
        self.context_menu: QMenu | None = None
        self.section_menu: QMenu | None = None
        self.read_only_reason: str | None = None
        """Why the region shown cannot be edited here (:meth:`ProgrammeService.read_only_reason`), or None."""
        paper = QSettings().value("print/paper", "carta")
        self.paper = paper if paper in dict(PAPERS) else "carta"
        self.include_warnings = str(QSettings().value("print/warnings", "false")).lower() == "true"

        self.setWindowTitle("Avance")
        self.resize(1400, 860)

        self.navigator = QTreeWidget()
        self.navigator.setHeaderLabel(self.tr("Región → año → formulario"))
        self.navigator.currentItemChanged.connect(self._on_navigate)
        nav_dock = QDockWidget(self.tr("Navegador"), self)
        nav_dock.setObjectName("navigator")
        nav_dock.setWidget(self.navigator)
        nav_dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, nav_dock)

        self.programme_model = ProgrammeTableModel(self._edit, self)
        self.progress_model = ProgressTableModel(self._edit, self)
        self.programme_page = ProgrammePage(self.programme_model)
        self.progress_page = ProgressPage(self.progress_model)
        self.programme_model.invalid_input.connect(
            lambda message: self.prompter.error(self, self.tr("Valor no válido"), message)
        )
        for field in self.programme_page.instance_fields.values():
            field.committed.connect(self._edit_instance)
        self.progress_page.quarter_changed.connect(self._on_quarter)
        self.empty_page = QLabel(self.tr("Abriendo la base de datos…"))
        self.empty_page.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_page.setWordWrap(True)  # a long hint wraps instead of widening the page over the score
        self.empty_page.setMargin(24)
        self.pages = QStackedWidget()
        for page in (self.empty_page, self.programme_page, self.progress_page):
            self.pages.addWidget(page)
        self.setCentralWidget(self.pages)

        self.scoring = ScoringPanel()
        score_dock = QDockWidget(self.tr("Puntaje"), self)
        score_dock.setObjectName("scoring")
        score_dock.setWidget(self.scoring)
        score_dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, score_dock)
        self.resizeDocks([nav_dock, score_dock], [230, 300], Qt.Orientation.Horizontal)

        self._build_menus()
        self._update_structure_actions()  # nothing to add to until a form is open
        self.statusBar().showMessage(self.tr("Abriendo la base de datos…"))

    def attach(self, db: Database, service: ProgrammeService) -> None:
        """Give the window its database: fill the navigator and open the first form."""
        self.db = db
        self.service = service
        self.statusBar().showMessage(self.tr("Listo. Los cambios se guardan al editar."))
        self.refresh_navigator()
        self.open_first()
        self.sync.attach()

    # -- menus -----------------------------------------------------------------------------
    def _action(self, text: str, slot, shortcut: QKeySequence | str | None = None, tip: str = "") -> QAction:  # noqa: ANN001
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(slot)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&Archivo"))
        self.preview_action = self._action(
            self.tr("&Vista previa…"), lambda: self.print_current(preview=True), "Ctrl+Shift+P",
            self.tr("Muestra el formulario abierto tal como se imprime"),
        )
        self.print_action = self._action(
            self.tr("&Imprimir…"), lambda: self.print_current(preview=False), QKeySequence.StandardKey.Print,
            self.tr("Imprime el formulario abierto en el formato oficial"),
        )
        self.export_action = self._action(
            self.tr("&Exportar PDF…"), self.export_pdf, "Ctrl+E",
            self.tr("Guarda el formulario abierto como PDF oficial"),
        )
        self.print_region_action = self._action(
            self.tr("Imprimir la región (todos los formularios)…"), lambda: self.print_current(preview=False, region=True)
        )
        self.export_region_action = self._action(
            self.tr("Exportar la región a PDF (todos los formularios)…"), self.export_region_pdf
        )
        self.export_national_action = self._action(
            self.tr("Exportar la consolidación nacional a PDF…"), lambda: self.export_national_pdf(whole=False),
            tip=self.tr("Desempeño de cada región por programa, barra del 90 % y resultado del servicio"),
        )
        self.export_nation_action = self._action(
            self.tr("Exportar la nación a PDF (todas las regiones y la consolidación)…"),
            lambda: self.export_national_pdf(whole=True),
        )
        self.print_national_action = self._action(
            self.tr("Imprimir la consolidación nacional…"), lambda: self.print_national(whole=False),
            tip=self.tr("Imprime el desempeño de cada región por programa, la barra del 90 % y el resultado del servicio"),
        )
        self.print_nation_action = self._action(
            self.tr("Imprimir la nación (todas las regiones y la consolidación)…"),
            lambda: self.print_national(whole=True),
            tip=self.tr("Imprime los formularios de cada región y la consolidación nacional, página por página"),
        )
        self.export_xlsx_action = self._action(
            self.tr("Exportar Excel de la región…"), lambda: self.export_xlsx(national=False), "Ctrl+Shift+E",
            self.tr("Libro Excel con los formularios oficiales, fórmulas vivas y los identificadores para reimportar"),
        )
        self.export_xlsx_national_action = self._action(
            self.tr("Exportar Excel nacional…"), lambda: self.export_xlsx(national=True)
        )
        self.import_xlsx_action = self._action(
            self.tr("Importar Excel…"), self.import_xlsx, "Ctrl+I",
            self.tr("Importa un libro exportado por Avance o en el formato oficial; todo o nada"),
        )
        self.new_year_action = self._action(
            self.tr("&Nuevo año de reporte…"), self.new_year, QKeySequence.StandardKey.New,
            self.tr("Crea los programas III.1, III.2 y III.3 de una región para un año nuevo, con los objetivos "
                    "del año anterior si se quiere"),
        )
        file_menu.addAction(self.new_year_action)
        file_menu.addSeparator()
        for action in (self.preview_action, self.print_action, self.export_action):
            file_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(self.print_region_action)
        file_menu.addAction(self.export_region_action)
        file_menu.addAction(self.print_national_action)
        file_menu.addAction(self.export_national_action)
        file_menu.addAction(self.print_nation_action)
        file_menu.addAction(self.export_nation_action)
        file_menu.addSeparator()
        for action in (self.export_xlsx_action, self.export_xlsx_national_action, self.import_xlsx_action):
            file_menu.addAction(action)
        file_menu.addSeparator()
        self.sync = SyncController(self)  # sync bundles (issue 3): actions, panel, national board
        self.sync.add_file_actions(file_menu)
        file_menu.addSeparator()
        paper_menu = file_menu.addMenu(self.tr("&Papel"))
        self.paper_actions: dict[str, QAction] = {}
        group = QActionGroup(self)
        for key, label in PAPERS:
            action = QAction(self.tr("{0} (horizontal)").format(label), self, checkable=True)
            action.setChecked(key == self.paper)
            action.triggered.connect(lambda _checked=False, k=key: self.set_paper(k))
            group.addAction(action)
            paper_menu.addAction(action)
            self.paper_actions[key] = action
        self.warnings_action = QAction(self.tr("Incluir advertencias de Avance"), self, checkable=True)
        self.warnings_action.setChecked(self.include_warnings)
        self.warnings_action.setStatusTip(self.tr("Imprime tras las notas las advertencias de Avance, que no son parte "
                                                  "del formulario oficial"))
        self.warnings_action.toggled.connect(self.set_include_warnings)
        file_menu.addAction(self.warnings_action)
        file_menu.addSeparator()
        self.quit_action = self._action(self.tr("&Salir"), self.close, "Ctrl+Q")
        file_menu.addAction(self.quit_action)
        self._print_actions = (
            self.preview_action, self.print_action, self.export_action, self.print_region_action,
            self.export_region_action, self.export_national_action, self.export_nation_action,
            self.export_xlsx_action, self.export_xlsx_national_action, self.import_xlsx_action,
            *self.sync.busy_actions,
            self.print_national_action, self.print_nation_action,
        )

        edit_menu = bar.addMenu(self.tr("&Editar"))
        self.undo_action = self.undo_stack.createUndoAction(self, self.tr("Deshacer"))
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.undo_stack.createRedoAction(self, self.tr("Rehacer"))
        self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()
        self.add_objective_action = self._action(
            self.tr("Agregar &objetivo"), lambda: self.add_objective(), "Ctrl+Shift+O",
            self.tr("Agrega un objetivo específico después del objetivo seleccionado (en el III.3, en su sección)"),
        )
        self.add_commitment_action = self._action(
            self.tr("Agregar a&ctividad"), self.add_commitment, "Ctrl+Shift+N",
            self.tr("Agrega una actividad al objetivo seleccionado, después de la actividad seleccionada"),
        )
        self.delete_row_action = self._action(
            self.tr("&Eliminar fila…"), lambda: self.delete_row(), QKeySequence.StandardKey.Delete,
            self.tr("Elimina la actividad seleccionada, o el objetivo si la celda es del objetivo (pide confirmación)"),
        )
        self.move_up_action = self._action(self.tr("&Subir"), lambda: self.move_row(-1), "Alt+Up",
                                           self.tr("Sube la actividad (o el objetivo) seleccionado un lugar"))
        self.move_down_action = self._action(self.tr("&Bajar"), lambda: self.move_row(1), "Alt+Down",
                                             self.tr("Baja la actividad (o el objetivo) seleccionado un lugar"))
        self.delete_objective_action = self._action(self.tr("Eliminar objetivo…"), lambda: self.delete_row("objective"))
        self.delete_commitment_action = self._action(self.tr("Eliminar actividad…"),
                                                     lambda: self.delete_row("commitment"))
        self.structure_actions = (self.add_objective_action, self.add_commitment_action, self.delete_row_action,
                                  self.move_up_action, self.move_down_action, self.delete_objective_action,
                                  self.delete_commitment_action)
        table = self.programme_page.table
        for action in (self.delete_row_action, self.move_up_action, self.move_down_action):
            # Supr and Alt+↑/↓ act on the table only (Supr in a text field deletes text).
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            table.addAction(action)
        for action in self.structure_actions[:5]:
            edit_menu.addAction(action)
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        table.customContextMenuRequested.connect(self._table_menu)
        edit_menu.addSeparator()
        self.met_yes_action = self._action(self.tr("Marcar «Cumple: Sí»"), lambda: self.mark_met(True), "Ctrl+1")
        self.met_no_action = self._action(self.tr("Marcar «Cumple: No»"), lambda: self.mark_met(False), "Ctrl+2")
        self.met_clear_action = self._action(self.tr("Quitar «Cumple/no cumple»"), lambda: self.mark_met(None), "Ctrl+0")
        for action in (self.met_yes_action, self.met_no_action, self.met_clear_action):
            edit_menu.addAction(action)
        self._lockable = (*self.structure_actions, self.met_yes_action, self.met_no_action, self.met_clear_action)
        self._tips = {a: (a.toolTip(), a.statusTip()) for a in self._lockable}
        edit_menu.addSeparator()
        edit_menu.addAction(self.sync.attach_action)
        self.review = ReviewController(self)  # the central office's observations and review states
        edit_menu.addSeparator()
        for action in self.review.actions:
            edit_menu.addAction(action)
        edit_menu.setToolTipsVisible(True)  # a disabled action says why

        self.sync.add_view_actions(bar.addMenu(self.tr("&Ver")))

        help_menu = bar.addMenu(self.tr("A&yuda"))
        help_menu.addAction(self._action(self.tr("&Acerca de Avance"), self.about))

    # -- navigation ------------------------------------------------------------------------
    def refresh_navigator(self) -> None:
        """Rebuild the region → year → form tree from the database."""
        if self.service is None:
            return
        with QSignalBlocker(self.navigator):
            self.navigator.clear()
            for available in self.service.available():
                region_item = self._find_or_add(
                    self.navigator.invisibleRootItem(), f"{available.region.name} ({available.region.iso_code})"
                )
                year_item = QTreeWidgetItem([str(available.year)])
                region_item.addChild(year_item)
                for form in (*available.forms, FormKind.III_4):
                    item = QTreeWidgetItem([SHORT_NAMES[form]])
                    item.setData(0, NAV_ROLE, (available.region, available.year, form))
                    item.setToolTip(0, spec(form).heading(available.year))
                    year_item.addChild(item)
            self.navigator.expandAll()
        if self.navigator.topLevelItemCount():
            self.empty_page.setText(self.tr("Elija una región, un año y un formulario en el navegador."))
        else:  # nothing to choose: say where forms come from
            self.empty_page.setText(self.tr(
                "Esta base de datos no tiene formularios todavía.\n\nOficina central: llegan con los paquetes de las "
                "regiones (Archivo → Importar paquetes…).\nOficina regional: cree su año de reporte (Archivo → Nuevo "
                "año de reporte…) o importe un libro Excel (Archivo → Importar Excel…)."))

    @staticmethod
    def _find_or_add(parent: QTreeWidgetItem, text: str) -> QTreeWidgetItem:
        for i in range(parent.childCount()):
            if parent.child(i).text(0) == text:
                return parent.child(i)
        item = QTreeWidgetItem([text])
        parent.addChild(item)
        return item

    def nav_items(self) -> list[QTreeWidgetItem]:
        """Every form item of the navigator (leaves), in order."""
        items = []
        stack = [self.navigator.invisibleRootItem()]
        while stack:
            item = stack.pop(0)
            if item.data(0, NAV_ROLE):
                items.append(item)
            stack[0:0] = [item.child(i) for i in range(item.childCount())]
        return items

    def open_form(self, region: Region, year: int, form: FormKind) -> None:
        """Show ``form`` of ``region`` and ``year`` (selects it in the navigator)."""
        for item in self.nav_items():
            if item.data(0, NAV_ROLE) == (region, year, form):
                self.navigator.setCurrentItem(item)
                return
        self._show(region, year, form)

    def open_first(self) -> None:
        """Open the first form in the navigator, if any."""
        items = self.nav_items()
        if items:
            self.navigator.setCurrentItem(items[0])

    def _on_navigate(self, item: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None) -> None:
        target = item.data(0, NAV_ROLE) if item else None
        if target:
            self._show(*target)

    def _show(self, region: Region, year: int, form: FormKind) -> None:
        if form is FormKind.III_4 and self._quarter_of != (region, year):
            from desktop.services.printing import latest_quarter

            self.quarter = latest_quarter(self.db, region, year)
            self._quarter_of = (region, year)
        self.current = (region, year, form)
        self.reload()
        self.setWindowTitle(f"Avance — {region.name} {year} · {form.value}")

    def _on_quarter(self, quarter: int) -> None:
        self.quarter = quarter
        self.reload()

    def reload(self) -> None:
        """Re-read the form shown from the database and refresh the table and the score."""
        self._reload()
        self._update_structure_actions()

    def _reload(self) -> None:
        if self.current is None or self.service is None:
            self._apply_read_only(None)
            self.review.show_programme(None)
            self.pages.setCurrentWidget(self.empty_page)
            self.scoring.show_score(None)  # not the score of a form no longer shown
            self.setWindowTitle("Avance")
            return
        region, year, form = self.current
        self._apply_read_only(self.service.read_only_reason(region))
        try:
            if form is FormKind.III_4:
                report = self.service.progress(region, year, self.quarter)
                self.progress_model.set_report(report)
                self.progress_page.show_report_header(region, year, report.responsible_office, self.quarter)
                self.pages.setCurrentWidget(self.progress_page)
                self.review.show_programme(None)
                self.scoring.show_score(None, self.tr("El análisis del avance (III.4) no se puntúa: el puntaje está en III.1, III.2 y III.3."))
                return
            programme = self.service.programme(region, year, form)
        except NotFoundError as exc:
            self.prompter.error(self, self.tr("Avance"), str(exc))
            self.current = None
            self._apply_read_only(None)
            self.review.show_programme(None)
            self.pages.setCurrentWidget(self.empty_page)
            return
        self.programme_model.year_closed = is_year_closed(year, self.today or dt.date.today())
        self.programme_model.set_programme(programme)
        self.programme_page.show_programme(programme)
        self.review.show_programme(programme)
        self.pages.setCurrentWidget(self.programme_page)
        self.scoring.show_score(self.service.score(programme, self.today))

    # -- editing ---------------------------------------------------------------------------
    def _apply(self, target: str, target_id: uuid.UUID, field: str, value: Any) -> None:
        if target == "objective":
            self.service.set_objective_field(target_id, field, value)
        elif target == "commitment":
            self.service.set_commitment_field(target_id, field, value)
        elif target == "instance":
            self.service.set_instance_field(target_id, field, value)
        elif target == "progress":
            self.service.set_progress_field(target_id, self.quarter, field, value)
        else:  # pragma: no cover - programming error
            raise ValueError(target)

    def _edit(self, target: str, target_id: uuid.UUID, field: str, old: Any, new: Any) -> bool:
        """Apply an edit now (one transaction), then record it for undo; refuse it with a
        message when the service says no. Returns True when it was applied."""
        quarter = self.quarter

        def apply(value: Any) -> None:
            if target == "progress":
                self.service.set_progress_field(target_id, quarter, field, value)
            else:
                self._apply(target, target_id, field, value)
            self.reload()

        try:
            if target == "progress":
                self.service.set_progress_field(target_id, quarter, field, new)
            else:
                self._apply(target, target_id, field, new)
        except (EditError, ValueError) as exc:
            self.prompter.error(self, self.tr("No se guardó el cambio"), str(exc))
            return False
        label = self.tr("Editar {0}").format(FIELD_LABELS.get(field, field))
        self.undo_stack.push(EditCommand(label, apply, old, new, done=True))
        QTimer.singleShot(0, self.reload)
        self.statusBar().showMessage(self.tr("Guardado: {0}").format(FIELD_LABELS.get(field, field)), 4000)
        return True

    def _edit_instance(self, field: str, text: str) -> None:
        programme = self.programme_model.programme
        if programme is None or programme.form is not FormKind.III_2:
            return
        instance = programme.instance or ComplementarityInstance()
        old = {
            "instance_name": instance.name, "main_problem": instance.main_problem, "territories": instance.territories,
            "institutions": instance.institutions, "products": instance.products,
        }[field]
        self._edit("instance", programme.id, field, old, text)

    def mark_met(self, value: bool | None) -> None:
        """Set column (9) on the selected row of the programme shown (Ctrl+1 / Ctrl+2 / Ctrl+0)."""
        if self.pages.currentWidget() is not self.programme_page:
            return
        index = self.programme_page.table.currentIndex()
        if not index.isValid():
            self.statusBar().showMessage(self.tr("Seleccione una fila de actividad."), 4000)
            return
        column = self.programme_model.column_of("met")
        label = {True: "Sí", False: "No", None: ""}[value]
        self.programme_model.setData(self.programme_model.index(index.row(), column), label)

    # -- structure: rows and years ---------------------------------------------------------
    def _programme_shown(self) -> Programme | None:
        """The programme on screen (III.1–III.3), or None on III.4 or with nothing open."""
        if self.service is None or self.pages.currentWidget() is not self.programme_page:
            return None
        return self.programme_model.programme

    def _current_cell(self) -> tuple[Objective, Commitment | None, str] | None:
        """The objective, commitment and column key of the current cell of the programme table."""
        index = self.programme_page.table.currentIndex()
        if self._programme_shown() is None or not index.isValid() or index.row() >= self.programme_model.rowCount():
            return None
        objective, commitment = self.programme_model.row_at(index.row())
        return objective, commitment, self.programme_model.columns[index.column()].key

    def _update_structure_actions(self) -> None:
        on_programme = self._programme_shown() is not None
        locked = self.read_only_reason
        for action in self.structure_actions:
            action.setEnabled(on_programme and locked is None)
        for action in (self.met_yes_action, self.met_no_action, self.met_clear_action):
            action.setEnabled(locked is None)
        for action in self._lockable:
            tip, status = self._tips[action]
            action.setToolTip(locked or tip)
            action.setStatusTip(locked or status)

    def _apply_read_only(self, reason: str | None) -> None:
        """Show the region's records read-only (``reason`` says why) or editable (None): the
        tables, III.2's header and the banner; the actions follow in :meth:`_update_structure_actions`."""
        self.read_only_reason = reason
        self.programme_model.read_only = self.progress_model.read_only = reason is not None
        self.programme_page.show_read_only(reason)
        self.progress_page.show_read_only(reason)

    def _close_open_editor(self, *, commit: bool = True) -> None:
        """Close the cell being typed in before the rows change under it: saved (``commit``, an
        edit of its own on the undo stack) or dropped (during an undo or redo, when nothing may
        be pushed on the stack)."""
        table = self.programme_page.table
        if table.state() == QAbstractItemView.State.EditingState:
            editor = table.indexWidget(table.currentIndex())
            if editor is not None:
                if commit:
                    table.commitData(editor)
                table.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint if commit
                                  else QAbstractItemDelegate.EndEditHint.RevertModelCache)

    def add_objective(self, section: str | None = None) -> None:
        """Editar → Agregar objetivo (Ctrl+Shift+O): an empty specific objective after the
        selected one (III.3: in its section, or in ``section`` at its end); its text cell (2)
        opens for typing."""
        programme = self._programme_shown()
        if programme is None:
            self.statusBar().showMessage(self.tr("Abra un formulario III.1, III.2 o III.3 para agregar objetivos."), 5000)
            return
        index = None
        cell = self._current_cell() if section is None else None
        if cell is not None:
            objective = cell[0]
            section = objective.section
            group = [o for o in programme.objectives if o.section == section]
            index = [o.id for o in group].index(objective.id) + 1
        elif programme.form is FormKind.III_3 and section is None:
            sections = spec(FormKind.III_3).sections
            chosen = self.prompter.choose(self, self.tr("Agregar objetivo"), self.tr("¿En qué sección del III.3?"),
                                          [f"({code}) {label}" for code, label, _ in sections])
            if chosen is None:
                return
            section = sections[chosen][0]
        self._do(lambda: self.service.add_objective(programme.id, index=index, section=section),
                 self.tr("Agregar objetivo"), edit="objective")

    def add_commitment(self) -> None:
        """Editar → Agregar actividad (Ctrl+Shift+N): an empty activity in the selected objective,
        after the selected activity (at the end when an objective cell is selected); its
        description cell (5) opens for typing."""
        cell = self._current_cell()
        if cell is None:
            self.statusBar().showMessage(self.tr("Seleccione el objetivo al que agregar la actividad."), 5000)
            return
        objective, commitment, key = cell
        ids = [c.id for c in objective.commitments]
        index = ids.index(commitment.id) + 1 if commitment is not None and key not in OBJECTIVE_KEYS else len(ids)
        self._do(lambda: self.service.add_commitment(objective.id, index=index), self.tr("Agregar actividad"),
                 edit="description")

    def delete_row(self, what: str | None = None) -> None:
        """Editar → Eliminar fila… (Supr): the selected activity, or its objective when the cell
        is one of the objective's (2)–(4) or it has no activity (``what`` forces "objective" or
        "commitment"), after the user confirms what goes with it."""
        cell = self._current_cell()
        if cell is None:
            self.statusBar().showMessage(self.tr("Seleccione la fila que quiere eliminar."), 5000)
            return
        objective, commitment, key = cell
        if what is None:
            what = "objective" if commitment is None or key in OBJECTIVE_KEYS else "commitment"
        if what == "commitment" and commitment is None:
            self.statusBar().showMessage(self.tr("El objetivo no tiene actividades."), 5000)
            return
        target = objective.id if what == "objective" else commitment.id
        try:
            removal = self.service.removal(what, target)
        except EditError as exc:
            self.prompter.error(self, self.tr("No se eliminó"), str(exc))
            return
        title = self.tr("Eliminar objetivo") if what == "objective" else self.tr("Eliminar actividad")
        if not self.prompter.confirm(self, title, removal.question(), self.tr("Eliminar")):
            return
        if what == "objective":
            self._do(lambda: self.service.delete_objective(target), title)
        else:
            self._do(lambda: self.service.delete_commitment(target), title)

    def move_row(self, step: int) -> None:
        """Editar → Subir (Alt+↑) / Bajar (Alt+↓): the selected activity within its objective, or
        the objective (a cell of the objective's, or an objective with a single activity)."""
        cell = self._current_cell()
        if cell is None:
            self.statusBar().showMessage(self.tr("Seleccione la fila que quiere mover."), 5000)
            return
        objective, commitment, key = cell
        label = self.tr("Subir") if step < 0 else self.tr("Bajar")
        if commitment is None or key in OBJECTIVE_KEYS or len(objective.commitments) == 1:
            self._do(lambda: self.service.move_objective(objective.id, step), self.tr("{0} objetivo").format(label))
        else:
            self._do(lambda: self.service.move_commitment(commitment.id, step), self.tr("{0} actividad").format(label))

    def new_year(self) -> None:
        """Archivo → Nuevo año de reporte… (Ctrl+N): ask the region, year and carry-over, create
        the three programmes and open the new III.1."""
        if self.service is None:
            return
        years: dict[str, list[int]] = {}
        for available in self.service.available():
            years.setdefault(available.region.iso_code, []).append(available.year)
        region = self.current[0] if self.current else None
        office = self.sync.office
        if region is None and office is not None and not office.central:
            from desktop.domain.regions import find_region

            region = find_region(office.office)
        choice = self.prompter.new_year(self, years, region, self.today)
        if choice is None:
            return
        self._origins[(choice.region, choice.year)] = self.current
        self._do(lambda: self.service.create_year(choice.region, choice.year, choice.carry),
                 self.tr("Nuevo año de reporte {0}").format(choice.year))

    def _do(self, operation, label: str, edit: str | None = None) -> None:  # noqa: ANN001
        """Run a structural ``operation`` (a service call returning a Change), put it on the undo
        stack and show its result; ``edit``: the column key whose cell opens for typing."""
        self._close_open_editor()
        try:
            change = operation()
        except PlacementError as exc:
            self.statusBar().showMessage(str(exc), 6000)
            return
        except (EditError, NotFoundError) as exc:
            self.prompter.error(self, self.tr("No se hizo el cambio"), str(exc))
            return
        self.undo_stack.push(StructureCommand(label, change, self._replay))
        self._show_change(change, undone=False, edit=edit)

    def _replay(self, change, undone: bool) -> bool:  # noqa: ANN001
        """Undo (``undone``) or redo a structural change through the service; False if refused."""
        self._close_open_editor(commit=False)
        try:
            if undone:
                self.service.revert(change)
            else:
                self.service.reapply(change)
        except EditError as exc:
            self.prompter.error(self, self.tr("No se pudo deshacer") if undone else self.tr("No se pudo rehacer"),
                                str(exc))
            return False
        self._show_change(change, undone=undone)
        return True

    def _show_change(self, change, *, undone: bool, edit: str | None = None) -> None:  # noqa: ANN001
        """Refresh the window after ``change`` was done or undone: the navigator for a new year,
        the form it concerns (opened if another is shown), the score, the row to select."""
        if change.kind == "create_year":
            self.refresh_navigator()
            key = (change.region, change.year)
            if not undone:
                self.open_form(change.region, change.year, FormKind.III_1)
            elif self.current is not None and self.current[:2] == key:
                origin = self._origins.get(key)
                self.current = None
                if origin is not None and origin[:2] != key:
                    self.open_form(*origin)
                else:
                    self.open_first()
            else:
                self.reload()
            self.statusBar().showMessage(self._said(change, undone), 8000)
            return
        target = (change.region, change.year, change.form)
        if self.current != target:
            self.open_form(*target)
        else:
            self.reload()
        row = self.programme_model.row_of(change.focus(undone=undone))
        table = self.programme_page.table
        if row >= 0:
            current = table.currentIndex()
            column = self.programme_model.column_of(edit) if edit else (
                current.column() if current.isValid() else self.programme_model.column_of("objective"))
            index = self.programme_model.index(row, max(0, column))
            # Not table.setCurrentIndex: with Shift still held (Ctrl+Shift+N) it would extend the selection.
            table.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
            table.scrollTo(index)
            table.setFocus()
            if edit and not undone:
                table.edit(index)
        self.statusBar().showMessage(self._said(change, undone), 8000)

    def _said(self, change, undone: bool) -> str:  # noqa: ANN001
        """The status line after a structural change: what was done, or that it was undone."""
        if not undone:
            return change.message
        return self.tr("Se deshizo: {0}").format(change.message[:1].lower() + change.message[1:])

    def _table_menu(self, pos) -> None:  # noqa: ANN001
        """Right-click on the programme table: select the cell, show :meth:`table_menu`."""
        table = self.programme_page.table
        index = table.indexAt(pos)
        if index.isValid():
            table.setCurrentIndex(index)
        self.table_menu().popup(table.viewport().mapToGlobal(pos))

    def table_menu(self) -> QMenu:
        """The programme table's context menu for the current cell: add, move and delete rows
        (III.3: add at the end of a chosen section), the compliance marks, attach evidence."""
        table = self.programme_page.table
        if self.context_menu is not None:
            self.context_menu.deleteLater()
        menu = QMenu(table)
        menu.addAction(self.add_objective_action)
        programme = self._programme_shown()
        self.section_menu = None
        if programme is not None and programme.form is FormKind.III_3:
            sections = self.section_menu = menu.addMenu(self.tr("Agregar objetivo al final de la sección"))
            for code, label, _ in spec(FormKind.III_3).sections:
                action = sections.addAction(f"({code}) {label}")
                action.triggered.connect(lambda _checked=False, c=code: self.add_objective(c))
        menu.addAction(self.add_commitment_action)
        menu.addSeparator()
        menu.addAction(self.move_up_action)
        menu.addAction(self.move_down_action)
        menu.addSeparator()
        cell = self._current_cell()
        editable = self.read_only_reason is None
        self.delete_commitment_action.setEnabled(editable and cell is not None and cell[1] is not None)
        self.delete_objective_action.setEnabled(editable and cell is not None)
        menu.addAction(self.delete_commitment_action)
        menu.addAction(self.delete_objective_action)
        menu.addSeparator()
        for action in (self.met_yes_action, self.met_no_action, self.met_clear_action, self.sync.attach_action):
            menu.addAction(action)
        menu.addSeparator()
        for action in self.review.actions:
            menu.addAction(action)
        menu.setToolTipsVisible(True)
        if self.section_menu is not None:
            self.section_menu.setEnabled(self.read_only_reason is None)
        self.context_menu = menu
        return menu

    # -- printing --------------------------------------------------------------------------
    def set_paper(self, paper: str) -> None:
        """Archivo → Papel: print on landscape Carta or Oficio from now on (remembered)."""
        self.paper = paper
        self.paper_actions[paper].setChecked(True)
        QSettings().setValue("print/paper", paper)
        self.statusBar().showMessage(self.tr("Papel: {0}").format(dict(PAPERS)[paper]), 4000)

    def set_include_warnings(self, include: bool) -> None:
        """Archivo → Incluir advertencias de Avance: print Avance's own warnings after each
        form's notes from now on (remembered; off by default: the official form only)."""
        self.include_warnings = bool(include)
        self.warnings_action.setChecked(self.include_warnings)
        QSettings().setValue("print/warnings", "true" if include else "false")

    def _run_print(self, title: str, job, out: Path, then=None, relay: QObject | None = None,  # noqa: ANN001
                   caption: str | None = None, error_title: str | None = None, on_error=None) -> None:  # noqa: ANN001
        """Run ``job`` (writing ``out``) in a worker thread with a progress dialog; then call
        ``then(result)`` in the GUI thread (default: say where the PDF was saved).

        ``relay`` moves the bar when the job reports its progress: a :class:`_PrintRelay` (the
        bar covers the whole job, the label says its stage, and «Cancelar» stops it), or any
        object with an ``advanced(done, total)`` signal; without one the bar just shows that work
        goes on. The dialog closes only when the job has ended (it neither resets nor closes when
        the bar is full). ``caption`` and ``error_title`` title the progress dialog and the error
        message (default: printing); ``on_error(exc)`` runs after that message, or after a
        cancelled print (which shows no error)."""
        cancellable = isinstance(relay, _PrintRelay)
        progress = QProgressDialog(title, self.tr("Cancelar") if cancellable else "", 0, 0, self)
        progress.setAutoReset(False)  # a full bar is not the end of the job: finish() closes it
        progress.setAutoClose(False)
        if cancellable:
            relay.stepped.connect(lambda step: self._show_step(progress, title, step))
            progress.canceled.connect(relay.cancel)
            progress.canceled.connect(lambda: self.statusBar().showMessage(self.tr("Cancelando…")))
        else:
            if relay is not None:
                relay.advanced.connect(lambda done, total: (progress.setMaximum(total), progress.setValue(done)))
            progress.setCancelButton(None)
        progress.setWindowTitle(caption or self.tr("Imprimiendo"))
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)
        for action in self._print_actions:
            action.setEnabled(False)

        def finish() -> None:
            if cancellable:
                relay.stepped.disconnect()  # nothing more reaches the dialog deleted here
                relay.deleteLater()
                progress.canceled.disconnect()  # closing the dialog emits canceled(): not a cancel
            progress.reset()  # stops the dialog's show-after-minimum-duration timer: closed now, it would
            progress.close()  # otherwise show itself again inside the next modal dialog and block it
            progress.deleteLater()
            for action in self._print_actions:
                action.setEnabled(True)
            self._tasks.discard(task)

        def done(result: Any) -> None:
            finish()
            self.last_pdf = out
            if then is None:
                self.statusBar().showMessage(self.tr("PDF guardado en {0}").format(out), 8000)
            else:
                then(result)

        def failed(exc: Exception) -> None:
            finish()
            if cancellable and relay.cancelled and _is_cancel(exc):
                self.statusBar().showMessage(self.tr("Impresión cancelada: no se escribió ni imprimió nada más."), 8000)
            else:
                from desktop.wording import os_error_text

                message = os_error_text(exc) if isinstance(exc, OSError) else str(exc)
                self.prompter.error(self, error_title or self.tr("No se pudo imprimir"), message)
            if on_error is not None:
                on_error(exc)

        task = run_in_thread(job, done, failed, context=self)
        self._tasks.add(task)

    def _show_step(self, dialog: QProgressDialog, title: str, step: Any) -> None:
        """Move the bar to ``step`` (a :class:`desktop.forms.pdf.Progress`) and say its stage."""
        if dialog.wasCanceled():
            return
        dialog.setMaximum(1000)
        dialog.setValue(step.per_mille)
        stage = step.stage.value
        if stage == "preparing":
            text = self.tr("Preparando los formularios: región {0} de {1}").format(step.done, step.total) \
                if step.total > 1 else self.tr("Leyendo los datos…")
        elif stage == "composing":
            text = self.tr("Componiendo las páginas: {0} hasta ahora").format(step.pages) if step.pages \
                else self.tr("Componiendo las páginas…")
        elif stage == "writing":
            text = self.tr("Escribiendo la página {0} de {1}").format(step.done, step.total)
        else:
            text = self.tr("Enviando la página {0} de {1} a la impresora").format(step.done, step.total)
        dialog.setLabelText(f"{title}\n{text}")

    def _pdf_job(self, out: Path, *, region_wide: bool, progress=None):  # noqa: ANN001, ANN202
        """A callable that prints the form shown (or every form of its region) to ``out``."""
        from desktop.services.printing import print_form, print_region

        region, year, form = self.current
        paper, warnings = self.paper, self.include_warnings
        if region_wide:
            return lambda: print_region(self.db, region, year, out, today=self.today, paper=paper, progress=progress,
                                        warnings=warnings)
        quarter = self.quarter if form is FormKind.III_4 else None
        return lambda: print_form(self.db, form, region, year, out, quarter=quarter, today=self.today, paper=paper,
                                  progress=progress, warnings=warnings)

    def _national_job(self, year: int, out: Path, *, whole: bool, progress=None):  # noqa: ANN001, ANN202
        """A callable that prints the national consolidation of ``year`` (or, ``whole``, every
        region's forms and then the consolidation) to ``out``."""
        from desktop.services.printing import print_nation, print_national

        paper = self.paper
        if whole:
            warnings = self.include_warnings
            return lambda: print_nation(self.db, year, out, paper=paper, today=self.today, progress=progress,
                                        warnings=warnings)
        return lambda: print_national(self.db, year, out, paper=paper, today=self.today, progress=progress)

    def print_current(self, *, preview: bool, region: bool = False) -> None:
        """Archivo → Vista previa / Imprimir / Imprimir la región: write the official PDF to a
        temporary file in a worker, then preview it or print it on the printer the user chooses."""
        if self.current is None:
            self.prompter.info(self, self.tr("Avance"), self.tr("Abra primero un formulario."))
            return
        what = self.tr("todos los formularios de la región") if region else self.current[2].value
        self._print_via_pdf(self.tr("Preparando {0}…").format(what),
                            lambda out, progress: self._pdf_job(out, region_wide=region, progress=progress), preview=preview)

    def print_national(self, *, whole: bool) -> None:
        """Archivo → Imprimir la consolidación nacional / la nación: the national report of the
        year shown (or every region's forms and then the report) printed on the printer the user
        chooses, with a progress dialog while the PDF is written and while it prints."""
        if self.current is None:
            self.prompter.info(self, self.tr("Avance"), self.tr("Abra primero un formulario."))
            return
        year = self.current[1]
        title = (self.tr("Preparando los formularios de todas las regiones {0}…") if whole
                 else self.tr("Preparando la consolidación nacional {0}…")).format(year)
        self._print_via_pdf(title, lambda out, progress: self._national_job(year, out, whole=whole, progress=progress),
                            preview=False)

    def _print_via_pdf(self, title: str, make_job, *, preview: bool) -> None:  # noqa: ANN001
        """Write a PDF to a temporary file with ``make_job(out, progress)()`` in a worker (with a
        progress dialog); then preview it or print it; the file is removed afterwards."""
        import tempfile

        folder = Path(tempfile.mkdtemp(prefix="avance-print-"))
        out = folder / "formulario.pdf"

        def cleanup(*_args: Any) -> None:
            out.unlink(missing_ok=True)
            folder.rmdir()

        def send(pdf: Path) -> None:
            if preview:
                try:
                    self.prompter.show_preview(self, pdf)
                finally:
                    cleanup()
            else:
                self._send_to_printer(pdf, cleanup)

        relay = _PrintRelay(self)
        self._run_print(title, make_job(out, relay.report), out, send, relay=relay, on_error=cleanup)

    def _send_to_printer(self, pdf: Path, cleanup=None) -> None:  # noqa: ANN001
        """Let the user choose the printer, then paint ``pdf``'s pages on it in a worker, one page
        at a time, with a progress dialog by page («Cancelar» stops it); ``cleanup()`` runs when
        it is over (printed, cancelled, failed or no printer chosen)."""
        from PySide6.QtPrintSupport import QPrinter

        from ui.printing import paint_pdf, setup_printer

        cleanup = cleanup or (lambda *_args: None)
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        setup_printer(printer, pdf)
        if not self.prompter.choose_printer(self, printer):
            cleanup()
            return
        relay = _PrintRelay(self)

        def printed(pages: int) -> None:
            cleanup()
            self.statusBar().showMessage(self.tr("Enviada 1 página a la impresora.") if pages == 1 else
                                         self.tr("Enviadas {0} páginas a la impresora.").format(pages), 8000)

        # The job holds the printer: Qt keeps only a pointer to it while painting.
        self._run_print(self.tr("Imprimiendo en {0}…").format(printer.printerName() or self.tr("la impresora")),
                        lambda: paint_pdf(printer, pdf, progress=relay.report), pdf, printed, relay=relay,
                        on_error=cleanup)

    def _ask_pdf_path(self, title: str, file_name: str) -> Path | None:
        """Ask where to save a PDF of the form shown; None when nothing is open or cancelled."""
        if self.current is None:
            self.prompter.info(self, self.tr("Avance"), self.tr("Abra primero un formulario."))
            return None
        return self.prompter.save_path(self, title, Path.home() / file_name, self.tr("PDF (*.pdf)"))

    def export_pdf(self) -> None:
        """Archivo → Exportar PDF: the form shown, to a PDF file (in a worker)."""
        region, year, form = self.current or (None, None, None)
        out = self._ask_pdf_path(self.tr("Exportar PDF"), f"{form.value}_{region.iso_code}_{year}.pdf" if form else "")
        if out is not None:
            relay = _PrintRelay(self)
            self._run_print(self.tr("Imprimiendo {0}…").format(form.value),
                            self._pdf_job(out, region_wide=False, progress=relay.report), out, relay=relay)

    def export_region_pdf(self) -> None:
        """Every form of the region and year shown, in one PDF (in a worker, with a progress bar)."""
        region, year, _form = self.current or (None, None, None)
        out = self._ask_pdf_path(
            self.tr("Exportar la región a PDF"), f"Etapa3_{region.iso_code}_{year}.pdf" if region else ""
        )
        if out is not None:
            relay = _PrintRelay(self)
            self._run_print(
                self.tr("Imprimiendo los formularios de {0}…").format(region.name),
                self._pdf_job(out, region_wide=True, progress=relay.report), out, relay=relay,
            )

    def export_national_pdf(self, *, whole: bool) -> None:
        """The national consolidation of the year shown (or every region's forms and then the
        consolidation), to a PDF file (in a worker, with a progress bar over the whole job)."""
        year = self.current[1] if self.current else None
        name = f"Etapa3_nacion_{year}.pdf" if whole else f"Consolidacion_nacional_{year}.pdf"
        out = self._ask_pdf_path(self.tr("Exportar a PDF"), name)
        if out is None:
            return
        title = (self.tr("Imprimiendo los formularios de todas las regiones {0}…") if whole
                 else self.tr("Imprimiendo la consolidación nacional {0}…")).format(year)
        relay = _PrintRelay(self)
        self._run_print(title, self._national_job(year, out, whole=whole, progress=relay.report), out, relay=relay)

    # -- Excel -----------------------------------------------------------------------------
    def export_xlsx(self, *, national: bool) -> None:
        """Archivo → Exportar Excel: the region and year shown (or the nation), in a worker."""
        if self.current is None:
            self.prompter.info(self, self.tr("Avance"), self.tr("Abra primero un formulario."))
            return
        from desktop.services.excel import export_national, export_region

        region, year, _form = self.current
        name = f"Etapa3_nacion_{year}.xlsx" if national else f"Etapa3_{region.iso_code}_{year}.xlsx"
        out = self.prompter.save_path(self, self.tr("Exportar Excel"), Path.home() / name, self.tr("Excel (*.xlsx)"))
        if out is None:
            return
        job = (lambda: export_national(self.db, year, out, today=self.today)) if national else (
            lambda: export_region(self.db, region, year, out, today=self.today))
        self._run_print(self.tr("Exportando a Excel…"), job, out,
                        lambda path: self.statusBar().showMessage(self.tr("Excel guardado en {0}").format(path), 8000),
                        caption=self.tr("Exportar Excel"), error_title=self.tr("No se pudo exportar el libro"))

    def import_xlsx(self) -> None:
        """Archivo → Importar Excel: read and check the whole workbook once (in a worker); show
        every problem, or ask before replacing a year already present, saying what replacing
        would delete (evidence, observations); then import that same reading in one
        transaction. A bad workbook changes nothing."""
        if self.db is None:
            return
        path = self.prompter.open_path(self, self.tr("Importar Excel"), self.tr("Excel (*.xlsx)"))
        if path is None:
            return
        from desktop.services.excel import import_workbook, plan_import

        def checked(plan: Any) -> None:
            if plan.quarter_missing and plan.quarter is None:
                # Seed 001's III.4 names no quarter: ask it, then check the workbook again.
                sheets = ", ".join(f"«{name}»" for name in plan.quarter_missing)
                index = self.prompter.choose(
                    self, self.tr("Importar Excel"),
                    self.tr("La hoja {0} no indica el trimestre (el formulario III.4 de la semilla no lo dice). "
                            "¿De qué trimestre es?").format(sheets),
                    [self.tr("T{0} (trimestre {0})").format(q) for q in (1, 2, 3, 4)],
                )
                if index is None:
                    return
                quarter = index + 1
                self._run_print(self.tr("Revisando {0}…").format(path.name),
                                lambda: plan_import(self.db, path, quarter=quarter), path, checked,
                                caption=self.tr("Importar Excel"), error_title=self.tr("No se pudo revisar el libro"))
                return
            if not plan.ok:
                problems = [str(p) for p in plan.problems]
                self.prompter.problems(
                    self, self.tr("Importar Excel"),
                    self.tr("«{0}» tiene 1 problema; no se importó nada. Corríjalo y vuelva a importar.").format(
                        path.name) if len(problems) == 1 else
                    self.tr("«{0}» tiene {1} problemas; no se importó nada. Corríjalos y vuelva a importar.").format(
                        path.name, len(problems)),
                    problems,
                )
                return
            replace = bool(plan.existing)
            if replace:
                where = ", ".join(f"{r.name} {y}" for r, y in plan.existing)
                question = self.tr("La base de datos ya tiene {0}. ¿Reemplazarlo con el contenido del libro?").format(where)
                if plan.removals:
                    question += "\n\n" + self.tr(
                        "El libro ya no tiene estos registros (sus filas se borraron o se vaciaron). Al reemplazar:"
                    ) + "\n" + "\n".join(f"• {removal.text()}." for removal in plan.removals)
                if plan.losses:
                    question += "\n\n" + self.tr(
                        "Atención: el libro ya no tiene algunos registros que llevan información adjunta. Al "
                        "reemplazar:") + "\n" + "\n".join(f"• {loss.text()}." for loss in plan.losses)
                elif not plan.removals:
                    question += "\n\n" + self.tr(
                        "Los registros que siguen en el libro conservan sus medios de verificación y las "
                        "observaciones de la oficina central.")
                if not self.prompter.confirm(self, self.tr("Importar Excel"), question, self.tr("Reemplazar")):
                    return
            self._run_print(self.tr("Importando {0}…").format(path.name),
                            lambda: import_workbook(self.db, path, replace=replace, plan=plan, quarter=plan.quarter),
                            path, imported,
                            caption=self.tr("Importar Excel"), error_title=self.tr("No se pudo importar el libro"))

        def imported(report: Any) -> None:
            self.undo_stack.clear()  # the imported records replace what the undo history points at
            self.refresh_navigator()
            if self.current is None:
                self.open_first()
            else:
                self.open_form(*self.current)
            self.statusBar().showMessage(report.summary(), 15000)
            if report.notices:  # values typed over Avance's formulas: read otherwise, said here
                self.prompter.report(self, self.tr("Importar Excel"), report.summary(), [str(n) for n in report.notices])

        self._run_print(self.tr("Revisando {0}…").format(path.name), lambda: plan_import(self.db, path), path, checked,
                        caption=self.tr("Importar Excel"), error_title=self.tr("No se pudo revisar el libro"))

    def about(self) -> None:
        """Ayuda → Acerca de."""
        self.prompter.about(
            self,
            self.tr("Acerca de Avance"),
            self.tr(
                "<b>Avance</b> 0.1<br>Programas de trabajo regionales de los sistemas PMG Gestión Territorial "
                "y Enfoque de Género (Etapa 3: formularios III.1 a III.4), fuera de línea.<br><br>"
                "Base de datos: {0}"
            ).format(self.db.path if self.db else "—"),
        )

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self._tasks:  # a print, export or import still running: closing would hang on it or cut it short
            self.prompter.info(self, self.tr("Avance"), self.tr(
                "Hay un trabajo en curso (impresión, exportación o importación). Espere a que termine, o "
                "cancélelo en su ventana de progreso, y vuelva a cerrar."))
            event.ignore()
            return
        focus = self.focusWidget()
        if isinstance(focus, InstanceField):
            focus.clearFocus()  # commits a pending III.2 header edit
        table = self.programme_page.table if self.pages.currentWidget() is self.programme_page else self.progress_page.table
        if table.state() == QAbstractItemView.State.EditingState:
            table.setFocus()  # commits the open editor
        from PySide6.QtCore import QThreadPool

        QThreadPool.globalInstance().waitForDone(10000)
        super().closeEvent(event)
