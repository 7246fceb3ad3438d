"""The window side of the sync bundles (issue 3, part 5): the menu actions, the
"Sincronización" panel, the national board, evidence by file dialog or drag-and-drop.

Every question goes through the window's prompter (tests replace it); every change goes
through :mod:`desktop.sync.service`, in a worker with a progress dialog when it can take more
than a moment (office set-up, export, import). A passphrase lives only in the closure of the
job that uses it: never stored on an object, never logged.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import uuid
from pathlib import Path
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QDropEvent, QGuiApplication
from PySide6.QtWidgets import QDockWidget, QMenu

from desktop.domain.regions import REGIONS
from desktop.wording import count, office_name, when_text

if TYPE_CHECKING:
    from desktop.sync.board import AnswerTarget, ConflictView, OfficeView
    from ui.conflicts_dialog import ConflictsDialog
    from ui.main_window import MainWindow
    from ui.sync_panel import BoardDialog, SyncPanel

BUNDLE_FILTER = "Paquetes de Avance (*.avance)"
KEYS_FILTER = "Claves públicas de Avance (*.avance-claves *.pub);;Todos los archivos (*)"


def _board_dialog() -> type[BoardDialog]:
    from ui.sync_panel import BoardDialog

    return BoardDialog


def _conflicts_dialog() -> type[ConflictsDialog]:
    from ui.conflicts_dialog import ConflictsDialog

    return ConflictsDialog


def _keep_current() -> str:
    from ui.conflicts_dialog import KEEP_CURRENT

    return KEEP_CURRENT


class _Relay(QObject):
    """Carries ``(done, total)`` from the worker to the progress dialog."""

    advanced = Signal(int, int)

    STEPS = 1000

    def per_mille(self) -> Callable[[int, int], None]:
        """A ``progress(done, total)`` callback for a service counting in any unit (bytes, past
        what a Qt ``int`` holds): it emits ``(done, total)`` scaled to :data:`STEPS`, only when
        the bar moves."""
        last = -1

        def report(done: int, total: int) -> None:
            nonlocal last
            step = self.STEPS if total <= 0 else min(self.STEPS, done * self.STEPS // total)
            if step != last:
                last = step
                self.advanced.emit(step, self.STEPS)

        return report


class SyncController(QObject):
    """Owns the sync actions, the panel and the board of ``window``.

    Args:
        window: the main window (its prompter, status bar, worker runner and programme table).
    """

    office_changed = Signal()
    """Emitted when :attr:`office` is read or set up (the actions that depend on it follow)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.office: OfficeView | None = None
        self.board_dialog: BoardDialog | None = None
        self.conflicts_dialog: ConflictsDialog | None = None
        act = window._action  # noqa: SLF001 - the window's action factory
        self.setup_action = act(self.tr("Configurar oficina…"), self.setup_office,
                                tip=self.tr("Configura esta instalación como oficina regional o central (claves de firma y cifrado)"))
        self.export_keys_action = act(self.tr("Exportar claves públicas…"), self.export_public_keys,
                                      tip=self.tr("Archivo de claves públicas para la otra oficina"))
        self.trust_action = act(self.tr("Incorporar claves de otra oficina…"), self.trust_keys,
                                tip=self.tr("Agrega las claves públicas de otra oficina al almacén de confianza"))
        self.export_bundle_action = act(self.tr("Exportar paquete…"), self.export_bundle, "Ctrl+Shift+S",
                                        self.tr("Paquete firmado y cifrado para la oficina central"))
        self.export_full_bundle_action = act(
            self.tr("Exportar paquete completo…"), self.export_full_bundle,
            tip=self.tr("Todos los registros de la región, no solo los cambios: cuando la oficina central lo pide "
                        "(por ejemplo, tras restaurar una copia de seguridad)"))
        self.import_answer_action = act(self.tr("Importar respuesta…"), self.import_answer,
                                        tip=self.tr("Importa el acuse de recibo y las observaciones de la oficina central"))
        self.import_bundles_action = act(self.tr("Importar paquetes…"), self.import_bundles, "Ctrl+Shift+I",
                                         self.tr("Importa los paquetes de las regiones (varios a la vez)"))
        self.export_answer_action = act(self.tr("Exportar respuesta…"), self.export_answer,
                                        tip=self.tr("Acuse de recibo y observaciones para una región"))
        self.attach_action = act(self.tr("Adjuntar medio de verificación…"), self.attach_evidence, "Ctrl+Shift+A",
                                 self.tr("Adjunta un archivo a la actividad seleccionada (también puede arrastrarlo "
                                    "sobre la fila)"))
        self.board_action = act(self.tr("Tablero nacional"), self.show_board, "Ctrl+Shift+B",
                                self.tr("Último paquete de cada región, desempeño regional y resultado del servicio"))
        self.conflicts_action = act(self.tr("Resolver conflictos…"), self.show_conflicts,
                                    tip=self.tr("Registros editados por dos instalaciones de una región: elija qué versión "
                                           "se conserva"))
        self._panel: SyncPanel | None = None  # built when the dock is first shown (start-up stays light)
        self.dock = QDockWidget(self.tr("Sincronización"), window)
        self.dock.setObjectName("sync")
        self.dock.visibilityChanged.connect(self._dock_visibility)
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.dock)
        self.dock.hide()
        self.panel_action = self.dock.toggleViewAction()
        self.panel_action.setText(self.tr("Sincronización"))
        self.panel_action.setShortcut("Ctrl+Shift+Y")
        self._regional = (self.export_bundle_action, self.export_full_bundle_action, self.import_answer_action)
        self._central = (self.import_bundles_action, self.export_answer_action, self.board_action,
                         self.conflicts_action)
        self._configured = (self.export_keys_action, self.trust_action)
        table = window.programme_page.table
        table.setAcceptDrops(True)
        table.viewport().setAcceptDrops(True)
        table.viewport().installEventFilter(self)
        self._apply_office()

    @property
    def panel(self) -> SyncPanel:
        """The Sincronización panel (the dock's widget), built on first use."""
        return self._ensure_panel()

    def _ensure_panel(self) -> SyncPanel:
        if self._panel is None:
            from ui.sync_panel import SyncPanel

            self._panel = SyncPanel()
            self._panel.remove_evidence.connect(self.remove_evidence)
            self.dock.setWidget(self._panel)
        return self._panel

    def _dock_visibility(self, visible: bool) -> None:
        if visible:
            self._ensure_panel()
            self.refresh()

    @property
    def busy_actions(self) -> tuple[QAction, ...]:
        """Actions disabled while a job runs."""
        return (self.setup_action, self.export_keys_action, self.trust_action, *self._regional, *self._central,
                self.attach_action)

    def add_file_actions(self, menu: QMenu) -> None:
        """Archivo: the bundle actions and the Oficina submenu."""
        for action in (*self._regional, self.import_bundles_action, self.export_answer_action):
            menu.addAction(action)
        office_menu = menu.addMenu(self.tr("&Oficina"))
        for action in (self.setup_action, self.export_keys_action, self.trust_action):
            office_menu.addAction(action)

    def add_view_actions(self, menu: QMenu) -> None:
        """Ver: the panel, the national board and the conflicts."""
        menu.addAction(self.panel_action)
        menu.addAction(self.board_action)
        menu.addAction(self.conflicts_action)

    # -- state --------------------------------------------------------------------------------
    def attach(self) -> None:
        """The window has its database: read the office and show what fits it, and remove the
        staging copies an import killed mid-way left beside it (never a live import's)."""
        from desktop.sync import board, service

        with contextlib.suppress(OSError):  # a read-only folder: the copies stay, nothing breaks
            service.clean_staging(self.window.db)
        self.office = board.office(self.window.db)
        self._apply_office()
        self.refresh()

    def ask_on_first_start(self) -> bool:
        """On the first start of an installation that is not set up, ask which office it is
        (issue 3, part 1: "chosen on first start"). Asked once per database file: "Más tarde"
        leaves it to Archivo → Oficina → Configurar oficina.

        Returns:
            True when the question was scheduled.
        """
        db = self.window.db
        if db is None or self.office is not None:
            return False
        key = "office/asked/" + hashlib.sha256(str(Path(db.path).resolve()).encode("utf-8")).hexdigest()[:16]
        settings = QSettings()
        if settings.value(key, False, type=bool):
            return False
        settings.setValue(key, True)
        QTimer.singleShot(0, lambda: self.setup_office(first_start=True))
        return True

    def _apply_office(self) -> None:
        central = self.office is not None and self.office.central
        regional = self.office is not None and not central
        for action in self._regional:
            action.setVisible(regional)
        for action in self._central:
            action.setVisible(central)
        for action in self._configured:
            action.setVisible(self.office is not None)
        self.attach_action.setVisible(not central)
        self.office_changed.emit()

    def refresh(self) -> None:
        """Re-read what the panel and the board show (only when they are open)."""
        db = self.window.db
        if db is None:
            return
        from desktop.sync import board

        if self.dock.isVisible():
            self.panel.show_office(self.office)
            self.panel.show_receipt(board.receipt(db) if self.office and not self.office.central else None)
            self.panel.show_bundles(board.bundles(db))
            self.panel.show_observations(board.observations(db), board.reviews(db))
            self.panel.show_evidence(board.evidence(db), removable=not (self.office and self.office.central))
            self.panel.show_imports(board.audit(db))
        if self.board_dialog is not None and self.board_dialog.isVisible():
            self._fill_board(self.board_dialog.board.year if self.board_dialog.board else None)
        if self.conflicts_dialog is not None and self.conflicts_dialog.isVisible():
            self._fill_conflicts()

    def _after_data_change(self) -> None:
        """Records were written by an import or a resolution: drop the undo history (it points
        at what was replaced), re-read the navigator and the open form, the panel and the board."""
        window = self.window
        window.undo_stack.clear()
        window.refresh_navigator()
        if window.current is None:
            window.open_first()
            if window.current is None:  # nothing left to show (the example removed): not the old form
                window.reload()
        else:
            window.open_form(*window.current)
        self.refresh()

    def _status(self, text: str, ms: int = 10000) -> None:
        self.window.statusBar().showMessage(text, ms)

    def _run(self, title: str, job, then, relay: _Relay | None = None, error_title: str | None = None,  # noqa: ANN001
             on_error: Callable[[Exception], None] | None = None) -> None:
        self.window._run_print(title, job, Path(), then, relay=relay,  # noqa: SLF001
                               caption=self.tr("Sincronización"), error_title=error_title or self.tr("Sincronización"),
                               on_error=on_error)

    def _passphrase(self, title: str) -> str | None:
        """Ask this office's passphrase, again when wrong («Frase de paso incorrecta», up to
        :data:`board.PASSPHRASE_TRIES` times); None (and a status line, or after the last wrong
        try an error) when cancelled or never right."""
        from desktop.sync import board
        from desktop.sync.errors import PassphraseError

        p = self.window.prompter
        text = self.tr("Frase de paso de la clave de esta oficina:")
        for attempt in range(1, board.PASSPHRASE_TRIES + 1):
            value = p.ask_passphrase(self.window, title, text)
            if value is None:
                self._status(self.tr("Cancelado: no se cambió nada."), 5000)
                return None
            try:
                if self.window.db is None or board.passphrase_opens(self.window.db, value):
                    return value
            except PassphraseError as exc:  # a damaged key: asking again cannot help
                p.error(self.window, title, str(exc))
                return None
            text = self.tr("Frase de paso incorrecta. Escríbala de nuevo (intento {0} de {1}):").format(
                attempt + 1, board.PASSPHRASE_TRIES)
        p.error(self.window, title, self.tr("Frase de paso incorrecta {0} veces: no se cambió nada. Vuelva a "
                                            "intentarlo cuando la tenga.").format(board.PASSPHRASE_TRIES))
        return None

    # -- office and keys ------------------------------------------------------------------------
    def setup_office(self, *, first_start: bool = False) -> None:
        """Archivo → Oficina → Configurar oficina (also asked on the first start): regional
        office of one region or central office, the passphrase twice (checked by the dialog),
        keys made in the worker. An office already set up is only shown.

        Args:
            first_start: asked by the window on the first start (the dialog offers "Más tarde").
        """
        if self.window.db is None:
            return
        p = self.window.prompter
        if self.office is not None:
            if not first_start:
                p.info(self.window, self.tr("Configurar oficina"), self.tr(
                    "Esta instalación ya está configurada: {0}. Huella de su clave: {1}.").format(
                    self.office.label, self.office.fingerprint))
            return
        answer = p.setup_office(self.window, first_start=first_start)
        if answer is None:
            if first_start:
                self._status(self.tr("Oficina sin configurar: puede hacerlo en Archivo → Oficina → Configurar "
                                     "oficina."))
            return
        region, passphrase = answer.region, answer.passphrase
        from desktop.sync import service

        db = self.window.db

        def done(info: Any) -> None:  # noqa: ANN401
            self.attach()
            if info.example_removed:  # central, or another region's office: the example it showed is gone
                self.window.current = None
                self._after_data_change()
            p.info(self.window, self.tr("Configurar oficina"), self.tr(
                "Oficina configurada: {0}. Huella de su clave: {1}. Exporte sus claves públicas (Archivo → Oficina) "
                "y compare la huella por teléfono con la otra oficina.").format(self.office.label, info.fingerprint)
                + (" " + info.notice if info.notice else ""))

        self._run(self.tr("Creando las claves de la oficina…"),
                  lambda: service.init_office(db, region=region, passphrase=passphrase), done)

    def export_public_keys(self) -> None:
        """Archivo → Oficina → Exportar claves públicas (signed with the passphrase)."""
        if self.office is None:
            return
        code = self.office.office
        out = self.window.prompter.save_path(self.window, self.tr("Exportar claves públicas"),
                                             Path.home() / f"claves-{code}.avance-claves", self.tr(KEYS_FILTER))
        if out is None:
            return
        passphrase = self._passphrase(self.tr("Exportar claves públicas"))
        if passphrase is None:
            return
        from desktop.sync import service

        db = self.window.db

        def job() -> Path:
            out.write_bytes(service.export_public(db, passphrase))
            return out

        self._run(self.tr("Firmando las claves públicas…"), job, lambda path: self._status(
            self.tr("Claves públicas guardadas en {0}. Huella: {1}").format(path, self.office.fingerprint)))

    def trust_keys(self) -> None:
        """Archivo → Oficina → Incorporar claves de otra oficina (central: of a region;
        regional: of the central office)."""
        if self.office is None:
            return
        p = self.window.prompter
        path = p.open_path(self.window, self.tr("Incorporar claves de otra oficina"), self.tr(KEYS_FILTER))
        if path is None:
            return
        from desktop.sync import keys as keylib
        from desktop.sync import service
        from desktop.sync.errors import SyncError
        from desktop.wording import os_error_text

        try:  # an unreadable or invalid file is said at once, before asking its region
            data = path.read_bytes()
            named = keylib.read_public_file(data).office
        except (SyncError, OSError) as exc:
            p.error(self.window, self.tr("Incorporar claves"), os_error_text(exc) if isinstance(exc, OSError)
                    else str(exc))
            return
        if self.office.central:
            codes = [r.iso_code for r in REGIONS]
            # The region the file names comes chosen; the person confirms it (trust checks it too).
            choice = p.choose(self.window, self.tr("Incorporar claves"), self.tr("¿De qué región es el archivo?"),
                              [f"{r.name} ({r.iso_code})" for r in REGIONS],
                              current=codes.index(named) if named in codes else 0)
            if choice is None:
                return
            owner = REGIONS[choice].iso_code
        else:
            owner = "central"
        try:
            pub = service.trust(self.window.db, data, owner)
        except SyncError as exc:
            p.error(self.window, self.tr("Incorporar claves"), str(exc))
            return
        p.info(self.window, self.tr("Incorporar claves"), self.tr(
            "Clave de la {0} incorporada. Huella: {1}. Compárela por teléfono con esa oficina antes de "
            "intercambiar paquetes.").format(office_name(pub.office), keylib.fingerprint(pub.sign_key_id)))
        if self.office.central:
            # From now on that region's records arrive in its bundles: read-only here, and the
            # undo history may point at edits of them.
            self.window.undo_stack.clear()
            self.window.reload()
        self.refresh()

    # -- export -----------------------------------------------------------------------------
    def export_bundle(self) -> None:
        """Archivo → Exportar paquete (regional office): the changes since the last bundle the
        central office acknowledged."""
        self._export(None)

    def export_full_bundle(self) -> None:
        """Archivo → Exportar paquete completo (regional office): every record, when the central
        office asks for it (``avance bundle export --full``)."""
        self._export(None, full=True)

    def export_answer(self) -> None:
        """Archivo → Exportar respuesta (central office): receipt, observations and review
        states for one region."""
        if self.window.db is None:
            return
        from desktop.sync import board

        targets = board.answer_targets(self.window.db)
        if not targets:
            self.window.prompter.error(self.window, self.tr("Exportar respuesta"), self.tr(
                "Esta oficina no tiene claves de ninguna región: incorpórelas con Archivo → Oficina → "
                "Incorporar claves de otra oficina…"))
            return
        choice = self.window.prompter.choose(self.window, self.tr("Exportar respuesta"),
                                             self.tr("¿A qué región responder? (una región con varias instalaciones "
                                                     "recibe una respuesta para cada una)"),
                                             [t.label for t in targets])
        if choice is not None:
            self._export(targets[choice].region, targets[choice])

    def _export(self, to: str | None, target: AnswerTarget | None = None, *, full: bool = False) -> None:
        if self.window.db is None or self.office is None:
            return
        from desktop.sync import board, service

        p = self.window.prompter
        title = (self.tr("Exportar respuesta") if to else
                 self.tr("Exportar paquete completo") if full else self.tr("Exportar paquete"))
        preview = board.export_preview(self.window.db, to, full=full)
        if not preview.recipient_known:
            p.error(self.window, title, self.tr(
                "Esta oficina no tiene la clave de la {0}: incorpore su archivo de claves con Archivo → Oficina → "
                "Incorporar claves de otra oficina…").format(office_name(preview.recipient)))
            return
        if not p.review_export(self.window, preview):
            return
        name = target.file_name(preview) if target is not None else preview.file_name
        out = p.save_path(self.window, title, Path.home() / name, self.tr(BUNDLE_FILTER))
        if out is None:
            return
        if out.suffix != ".avance":
            out = out.with_name(out.name + ".avance")
        passphrase = self._passphrase(title)
        if passphrase is None:
            return
        db = self.window.db
        relay = _Relay(self)
        progress = relay.per_mille()

        def done(result: Any) -> None:  # noqa: ANN401
            self._status(self.tr("Paquete n.º {0} para la {1} guardado en {2}: {3}, {4}.").format(
                result.sequence, office_name(result.recipient), result.path,
                count(result.records, self.tr("registro"), self.tr("registros")),
                count(result.evidence_files, self.tr("medio de verificación"), self.tr("medios de verificación"))),
                20000)
            self.dock.show()
            self.refresh()

        self._run(self.tr("Firmando y cifrando el paquete n.º {0}…").format(preview.sequence),
                  lambda: service.export_bundle(db, passphrase, out=out, to=to, progress=progress, full=full,
                                                recipient_key=target.installation if target else None), done, relay)

    # -- import -------------------------------------------------------------------------------
    def import_bundles(self) -> None:
        """Archivo → Importar paquetes (central office): several files, one report line each."""
        paths = self.window.prompter.open_paths(self.window, self.tr("Importar paquetes"), self.tr(BUNDLE_FILTER))
        if paths:
            self._import(paths, self.tr("Importar paquetes"))

    def import_answer(self) -> None:
        """Archivo → Importar respuesta (regional office): the central office's answer."""
        path = self.window.prompter.open_path(self.window, self.tr("Importar respuesta"), self.tr(BUNDLE_FILTER))
        if path is not None:
            self._import([path], self.tr("Importar respuesta"))

    def _import(self, paths: list[Path], title: str) -> None:
        if self.window.db is None:
            return
        from desktop.sync import service

        db = self.window.db
        # Files this office exported itself are refused before any key is opened: no passphrase
        # to ask for when every file is one of them (the import says so, and logs it).
        own_only = all(service.exported_here(db, p) for p in paths)
        passphrase = "" if own_only else self._passphrase(title)
        if passphrase is None:
            return
        relay = _Relay(self)

        def job() -> list[tuple[str, str]]:
            from desktop.sync import board

            if own_only:
                ordered = paths
            else:
                board.check_passphrase(db, passphrase)  # a wrong passphrase stops before the first file
                ordered = service.import_order(db, paths, passphrase) if len(paths) > 1 else paths
            lines = []
            for i, path in enumerate(ordered):
                relay.advanced.emit(i, len(paths))
                lines.append(self._import_one(db, path, passphrase))
            relay.advanced.emit(len(paths), len(paths))
            return lines

        def done(lines: list[tuple[str, str]]) -> None:
            rejected = sum(1 for kind, _ in lines if kind == "rechazado")
            unchanged = sum(1 for kind, _ in lines if kind == "sin cambios")
            accepted = len(lines) - rejected - unchanged
            parts = [count(accepted, self.tr("importado"), self.tr("importados"))]
            if unchanged:
                parts.append(count(unchanged, self.tr("ya importado o cubierto antes (sin cambios)"),
                                   self.tr("ya importados o cubiertos antes (sin cambios)")))
            parts.append(count(rejected, self.tr("rechazado"), self.tr("rechazados")))
            summary = self.tr("{0}: {1}.").format(count(len(lines), self.tr("paquete"), self.tr("paquetes")),
                                                  ", ".join(parts))
            if rejected:
                summary += " " + (self.tr("Con el rechazado no se cambió nada.") if rejected == 1
                                  else self.tr("Con los rechazados no se cambió nada."))
            self.dock.show()
            self._after_data_change()
            self._status(summary, 20000)
            self.window.prompter.report(self.window, title, summary, [text for _, text in lines])

        self._run(self.tr("Verificando e importando {0}…").format(
            count(len(paths), self.tr("paquete"), self.tr("paquetes"))), job, done, relay)

    @staticmethod
    def _import_one(db: Any, path: Path, passphrase: str) -> tuple[str, str]:  # noqa: ANN401
        """Import one file (runs in the worker); ("aceptado", "sin cambios" — imported or covered
        before — or "rechazado", the report line)."""
        from desktop.sync import service
        from desktop.sync.errors import BundleRejected, OwnBundleError, ReplayError, SupersededError

        try:
            r = service.import_bundle(db, path, passphrase)
        except ReplayError as exc:  # imported earlier, newer ones after it: nothing changed, nothing to do
            return "sin cambios", f"{path.name} — YA IMPORTADO ANTES: {exc}"
        except SupersededError as exc:  # never imported, a later one covered it: nothing changed
            return "sin cambios", f"{path.name} — YA CUBIERTO: {exc}"
        except (BundleRejected, OSError) as exc:
            who = ""
            if not isinstance(exc, OwnBundleError):  # its header names this office's own key: said already
                try:
                    info = service.inspect_bundle(db, path, None)
                    known = info.get("remitente_conocido")
                    owner = f" de la {office_name(known)}" if known else ", que esta oficina no conoce"
                    who = (f" Según su encabezado (sin verificar), lo firmó la clave {info['firmado_por_clave']}"
                           f"{owner}.")
                except Exception:  # noqa: BLE001 - the header itself is unreadable: nothing more to say
                    pass
            from desktop.wording import os_error_text

            message = os_error_text(exc) if isinstance(exc, OSError) else str(exc)
            return "rechazado", f"{path.name} — RECHAZADO: {message}{who}"
        origin = office_name(r.sender)
        region = "" if r.sender == "central" else f", región {r.sender}"
        state = "YA IMPORTADO" if r.outcome == "ya importado" else r.outcome.upper()
        return ("sin cambios" if r.outcome == "ya importado" else "aceptado"), (f"{path.name} — {state}. Firmado por la {origin} (huella {r.fingerprint}) el "
                      f"{when_text(r.created_at)}{region}, secuencia {r.sequence}. {r.summary}")

    # -- evidence -----------------------------------------------------------------------------
    def _selected_commitment(self) -> tuple[uuid.UUID, str] | None:
        w = self.window
        if w.pages.currentWidget() is not w.programme_page:
            return None
        index = w.programme_page.table.currentIndex()
        if not index.isValid():
            return None
        return self._commitment_at(index.row())

    def _commitment_at(self, row: int) -> tuple[uuid.UUID, str] | None:
        model = self.window.programme_model
        if not 0 <= row < model.rowCount():
            return None
        _objective, commitment = model.row_at(row)
        if commitment is None:
            return None
        return commitment.id, commitment.description

    def attach_evidence(self) -> None:
        """Editar → Adjuntar medio de verificación: a file for the selected commitment."""
        if self.window.db is None:
            return
        target = self._selected_commitment()
        if target is None:
            self.window.prompter.info(self.window, self.tr("Adjuntar medio de verificación"), self.tr(
                "Seleccione primero una fila de actividad en III.1, III.2 o III.3."))
            return
        path = self.window.prompter.open_path(self.window, self.tr("Adjuntar medio de verificación"),
                                              self.tr("Todos los archivos (*)"))
        if path is not None:
            self._attach(target[0], [path])

    def _attach(self, commitment_id: uuid.UUID, paths: list[Path]) -> None:
        from desktop.sync import service

        db = self.window.db

        def job() -> list[Path]:
            for path in paths:
                service.attach_evidence(db, commitment_id, path)
            return paths

        def done(attached: list[Path]) -> None:
            self._status(self.tr("Medio de verificación adjunto: {0}").format(", ".join(p.name for p in attached)))
            self.dock.show()
            self.panel.tabs.setCurrentWidget(self.panel.evidence_tab)
            self.refresh()

        self._run(self.tr("Guardando el medio de verificación…"), job, done)

    def remove_evidence(self, evidence_id: uuid.UUID, name: str) -> None:
        """Sincronización → Medios de verificación → Quitar…: remove a file from its activity,
        after a confirmation; the next bundle removes it at the central office."""
        db = self.window.db
        if db is None:
            return
        if not self.window.prompter.confirm(self.window, self.tr("Quitar medio de verificación"), self.tr(
                "¿Quitar «{0}» de su actividad? El próximo paquete lo quitará también en la oficina central; el "
                "archivo se borra de la carpeta de evidencias si ninguna otra actividad lo usa.").format(name),
                self.tr("Quitar")):
            self._status(self.tr("Cancelado: no se quitó nada."), 5000)
            return
        from desktop.errors import EditError
        from desktop.sync import service

        try:
            service.detach_evidence(db, evidence_id)
        except EditError as exc:
            self.window.prompter.error(self.window, self.tr("Quitar medio de verificación"), str(exc))
            return
        self._status(self.tr("Medio de verificación quitado: {0}").format(name))
        self.refresh()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """Drag-and-drop of files onto a row of the programme table attaches them to its commitment."""
        kind = event.type()
        if kind not in (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop):
            return False
        mime = event.mimeData()
        files = [Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile()] if mime.hasUrls() else []
        if not files or self.window.db is None or (self.office is not None and self.office.central):
            return False
        row = self.window.programme_page.table.indexAt(event.position().toPoint()).row()
        target = self._commitment_at(row)
        if kind != QEvent.Type.Drop:
            if target is None:
                event.ignore()
            else:
                event.acceptProposedAction()
            return True
        assert isinstance(event, QDropEvent)
        if target is None:
            self._status(self.tr("Suelte el archivo sobre una fila de actividad."), 5000)
            event.ignore()
            return True
        event.acceptProposedAction()
        names = ", ".join(f"«{f.name}»" for f in files)
        if self.window.prompter.confirm(self.window, self.tr("Adjuntar medio de verificación"), self.tr(
                "¿Adjuntar {0} como medio de verificación de «{1}»?").format(names, target[1][:120]),
                self.tr("Adjuntar")):
            self._attach(target[0], files)
        return True

    # -- national board ---------------------------------------------------------------------------
    def show_board(self) -> None:
        """Ver → Tablero nacional (not modal)."""
        if self.window.db is None:
            return
        if self.board_dialog is None:
            self.board_dialog = _board_dialog()(self.window)
            self.board_dialog.year_changed.connect(self._fill_board)
            self.board_dialog.resolve_button.clicked.connect(self.show_conflicts)
        year = self.window.current[1] if self.window.current else None
        self._fill_board(year)
        self.board_dialog.show()
        if QGuiApplication.platformName() != "offscreen":  # headless Qt cannot raise a window
            self.board_dialog.raise_()

    def _fill_board(self, year: int | None) -> None:
        from desktop.sync import board

        db = self.window.db
        self.board_dialog.show_board(board.national_board(db, year, self.window.today, dt.date.today()), board.years(db))

    # -- conflicts between two installations of one region -------------------------------------------
    def show_conflicts(self) -> None:
        """Ver → Resolver conflictos… (also the board's button; not modal)."""
        if self.window.db is None:
            return
        if self.conflicts_dialog is None:
            self.conflicts_dialog = _conflicts_dialog()(self.window)
            self.conflicts_dialog.resolve_requested.connect(self.resolve_conflict)
        self._fill_conflicts()
        self.conflicts_dialog.show()
        if QGuiApplication.platformName() != "offscreen":  # headless Qt cannot raise a window
            self.conflicts_dialog.raise_()
            self.conflicts_dialog.activateWindow()

    def _fill_conflicts(self) -> None:
        from desktop.sync import board

        self.conflicts_dialog.show_conflicts(board.conflict_views(self.window.db))

    def resolve_conflict(self, conflict: ConflictView, keep: str) -> None:
        """Keep one version of ``conflict`` ("actual" or "entrante"), after the user confirms;
        written in the worker, then the form, the panel, the board and the list are refreshed."""
        if self.window.db is None:
            return
        title = self.tr("Resolver conflictos")
        record = " ".join(conflict.record.split())
        record = record if len(record) <= 120 else record[:119] + "…"
        if keep == _keep_current():
            question = self.tr("¿Conservar la versión actual de {0} «{1}»? La versión de la otra instalación "
                               "(paquete n.º {2}) se descarta.").format(conflict.kind, record, conflict.incoming_sequence)
        elif conflict.incoming_deleted:
            question = self.tr("¿Eliminar {0} «{1}», como indica el paquete n.º {2} de la otra instalación? La "
                               "versión actual se descarta.").format(conflict.kind, record, conflict.incoming_sequence)
        else:
            question = self.tr("¿Conservar la versión entrante (paquete n.º {2} de la otra instalación) de {0} "
                               "«{1}»? La versión actual se descarta.").format(
                conflict.kind, record, conflict.incoming_sequence)
        if not self.window.prompter.confirm(self.window, title, question, self.tr("Conservar")):
            return
        from desktop.sync import service

        db = self.window.db
        dialog = self.conflicts_dialog
        if dialog is not None:
            dialog.set_busy(True)

        def done(info: Any) -> None:  # noqa: ANN401
            self._after_data_change()
            if dialog is not None:
                self._fill_conflicts()
            self._status(self.tr("Conflicto {0} resuelto: {1}.").format(str(info.id)[:8], info.resolution), 20000)

        def failed(_exc: Exception) -> None:
            if dialog is not None:
                self._fill_conflicts()

        self._run(self.tr("Resolviendo el conflicto…"), lambda: service.resolve_conflict(db, conflict.id, keep), done,
                  error_title=title, on_error=failed)
