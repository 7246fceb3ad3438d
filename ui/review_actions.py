"""The window side of the central office's notes (issue 3, part 3): observations on objectives
and activities, and each programme's review state.

At the central office: Editar → Agregar observación… (on the selected row: its objective or its
activity, asked when the row has both), Observaciones… (read, correct, delete those of the form
shown) and Estado de revisión… (the programme shown). At both offices the form marks the rows
that have observations (an icon in the row header, tinted cells, the texts in their tooltips)
and says the programme's review state under its title; a regional office sees them once it
imports the answer that carries them, and reads the list with Observaciones… (without editing).

Every question goes through the window's prompter (tests replace it); every read and write
through :mod:`desktop.sync.notes` (never SQL here).
"""

from __future__ import annotations

import uuid
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, QObject
from PySide6.QtGui import QAction

from desktop.errors import EditError, NotFoundError
from desktop.wording import count, office_name, when_text

if TYPE_CHECKING:
    from desktop.domain.records import Programme
    from desktop.sync.notes import ObservationView, ReviewView
    from ui.main_window import MainWindow
    from ui.notes_dialogs import ObservationsDialog

REVIEW_COLORS = {"aprobado": "#1b7f3b", "observado": "#b00020", "pendiente": "#6b7580"}
"""The colour of each review state under the form's title."""


def _short(text: str, limit: int = 70) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


class ReviewController(QObject):
    """Owns the notes actions of ``window`` and shows the notes of the programme on screen.

    Args:
        window: the main window (its prompter, status bar, programme page and table, and the
            sync controller that knows which office this is).
    """

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.dialog: ObservationsDialog | None = None
        self.observations: list[ObservationView] = []
        """The observations of the programme shown."""
        self.review: ReviewView | None = None
        """The review state of the programme shown (None: not set)."""
        act = window._action  # noqa: SLF001 - the window's action factory
        self.add_action = act(self.tr("Agregar observación…"), self.add_observation, "Ctrl+Shift+M",
                              self.tr("Oficina central: una observación sobre el objetivo o la actividad seleccionada, "
                                      "para la oficina regional"))
        self.list_action = act(self.tr("Observaciones…"), self.show_observations,
                               tip=self.tr("Las observaciones de la oficina central sobre el formulario abierto"))
        self.review_action = act(self.tr("Estado de revisión…"), self.set_review, "Ctrl+Shift+R",
                                 self.tr("Oficina central: pendiente, aprobado u observado, con una nota, para el "
                                         "programa abierto"))
        window.sync.office_changed.connect(self.apply_office)
        self.apply_office()

    @property
    def actions(self) -> tuple[QAction, ...]:
        """The actions, in menu order."""
        return (self.add_action, self.list_action, self.review_action)

    @property
    def central(self) -> bool:
        """Whether this installation is the central office."""
        office = self.window.sync.office
        return office is not None and office.central

    def apply_office(self) -> None:
        """Show the actions that fit this office: writing at the central office only; the list
        at any office set up."""
        central = self.central
        self.add_action.setVisible(central)
        self.review_action.setVisible(central)
        self.list_action.setVisible(self.window.sync.office is not None)
        self.list_action.setText(self.tr("Observaciones…") if central else self.tr("Observaciones de la oficina central…"))

    # -- what the form shows ------------------------------------------------------------------
    def show_programme(self, programme: Programme | None) -> None:
        """Read the notes of ``programme`` (None: nothing, or III.4, is shown) and show them: the
        row markers and tooltips, the review state under the title, the open list."""
        window = self.window
        if programme is None or window.db is None:
            self.observations, self.review = [], None
            window.programme_model.set_notes({})
            window.programme_page.show_review(None)
            return
        from desktop.sync import notes

        self.observations = notes.programme_observations(window.db, programme.id)
        self.review = notes.review(window.db, programme.id)
        lines: dict[uuid.UUID, list[str]] = {}
        for view in self.observations:
            lines.setdefault(view.target_id, []).append(
                self.tr("• {0}: {1} ({2})").format(view.about, " ".join(view.text.split()), when_text(view.changed)))
        window.programme_model.set_notes(lines)
        window.programme_page.show_review(self._review_html(self.review))
        if self.dialog is not None and self.dialog.isVisible():
            self._fill_dialog()

    def _review_html(self, review: ReviewView | None) -> str | None:
        if review is None:
            return None
        color = REVIEW_COLORS.get(review.status, "#000000")
        note = f" — {escape(' '.join(review.note.split()))}" if review.note.strip() else ""
        return self.tr("Revisión del nivel central: <b><span style=\"color:{0}\">{1}</span></b>{2} "
                       "<span style=\"color:#6b7580\">({3})</span>").format(
            color, escape(review.status), note, when_text(review.changed))

    def _status(self, text: str, ms: int = 10000) -> None:
        self.window.statusBar().showMessage(text, ms)

    def _after_change(self) -> None:
        self.window.reload()
        self.window.sync.refresh()

    # -- writing (central office) -------------------------------------------------------------
    def _numbers(self, programme: Programme, objective_id: uuid.UUID,
                 commitment_id: uuid.UUID | None) -> tuple[int, int | None]:
        """The objective's number in the form and the activity's in its objective, from 1."""
        for n, objective in enumerate(programme.objectives, start=1):
            if objective.id == objective_id:
                ids = [c.id for c in objective.commitments]
                return n, (ids.index(commitment_id) + 1 if commitment_id in ids else None)
        return 0, None  # pragma: no cover - the cell shows the programme's own objective

    def add_observation(self) -> None:
        """Editar → Agregar observación… (Ctrl+Shift+M): an observation on the selected row's
        objective or activity; when the row has both, which one is asked (the one of the
        selected cell is offered first)."""
        from ui.main_window import OBJECTIVE_KEYS

        window = self.window
        title = self.tr("Agregar observación")
        if not self.central or window.db is None:
            return
        programme = window._programme_shown()  # noqa: SLF001
        cell = window._current_cell()  # noqa: SLF001
        if programme is None or cell is None:
            self._status(self.tr("Seleccione en III.1, III.2 o III.3 la fila del objetivo o la actividad que quiere "
                                 "observar."), 6000)
            return
        objective, commitment, key = cell
        n, m = self._numbers(programme, objective.id, commitment.id if commitment else None)
        options = [("objective", objective.id, self.tr("el objetivo {0}").format(n),
                    self.tr("Objetivo {0}: «{1}»").format(n, _short(objective.text) or self.tr("(sin texto)")))]
        if commitment is not None:
            option = ("commitment", commitment.id, self.tr("la actividad {0} del objetivo {1}").format(m, n),
                      self.tr("Actividad {0} del objetivo {1}: «{2}»").format(
                          m, n, _short(commitment.description) or self.tr("(sin texto)")))
            options = options + [option] if key in OBJECTIVE_KEYS else [option] + options
        chosen = 0
        if len(options) > 1:
            picked = window.prompter.choose(window, title, self.tr("¿Sobre qué es la observación?"),
                                            [o[3] for o in options])
            if picked is None:
                return
            chosen = picked
        kind, target, name, label = options[chosen]
        office = office_name(programme.region.iso_code)
        text = window.prompter.ask_text(window, title, self.tr(
            "Observación sobre {0} ({1} {2} {3}).\nLa {4} la verá al importar la próxima respuesta.").format(
            label, programme.form.value, programme.region.name, programme.year, office))
        if text is None:
            self._status(self.tr("Cancelado: no se agregó ninguna observación."), 5000)
            return
        from desktop.sync import notes

        try:
            notes.add_observation(window.db, kind, target, text)
        except (EditError, NotFoundError) as exc:
            window.prompter.error(window, title, str(exc))
            return
        self._after_change()
        self._status(self.tr("Observación agregada sobre {0} ({1}). Llegará a la {2} con la próxima respuesta "
                             "(Archivo → Exportar respuesta…).").format(name, programme.form.value, office), 15000)

    def set_review(self) -> None:
        """Editar → Estado de revisión… (Ctrl+Shift+R): the review state and note of the
        programme shown."""
        window = self.window
        title = self.tr("Estado de revisión")
        if not self.central or window.db is None:
            return
        programme = window._programme_shown()  # noqa: SLF001
        if programme is None:
            self._status(self.tr("Abra un formulario III.1, III.2 o III.3 para revisarlo."), 6000)
            return
        label = f"{programme.form.value} {programme.region.name} {programme.year}"
        current = self.review
        answer = window.prompter.ask_review(window, label, current.status if current else "pendiente",
                                            current.note if current else "")
        if answer is None:
            self._status(self.tr("Cancelado: la revisión no cambió."), 5000)
            return
        from desktop.sync import notes

        try:
            view = notes.set_review(window.db, programme.id, *answer)
        except (EditError, NotFoundError) as exc:
            window.prompter.error(window, title, str(exc))
            return
        self._after_change()
        self._status(self.tr("Revisión de {0}: {1}. Llegará a la {2} con la próxima respuesta (Archivo → Exportar "
                             "respuesta…).").format(label, view.label.rstrip("."), office_name(view.region)), 15000)

    # -- the list ------------------------------------------------------------------------------
    def show_observations(self) -> None:
        """Editar → Observaciones…: the observations of the form shown (not modal), the one of
        the selected row first selected."""
        window = self.window
        if window.db is None:
            return
        if window._programme_shown() is None:  # noqa: SLF001
            self._status(self.tr("Abra un formulario III.1, III.2 o III.3 para ver sus observaciones."), 6000)
            return
        if self.dialog is None:
            from ui.notes_dialogs import ObservationsDialog

            self.dialog = ObservationsDialog(window)
            self.dialog.edit_requested.connect(self.edit_observation)
            self.dialog.remove_requested.connect(self.remove_observation)
            self.dialog.go_to_requested.connect(self.go_to)
        cell = window._current_cell()  # noqa: SLF001
        select = None
        if cell is not None:
            ids = {cell[0].id} | ({cell[1].id} if cell[1] is not None else set())
            select = next((v.target_id for v in self.observations if v.target_id in ids), None)
        self._fill_dialog(select)
        self.dialog.show()
        from PySide6.QtGui import QGuiApplication

        if QGuiApplication.platformName() != "offscreen":  # headless Qt cannot raise a window
            self.dialog.raise_()
            self.dialog.activateWindow()

    def _fill_dialog(self, select: uuid.UUID | None = None) -> None:
        programme = self.window.programme_model.programme
        if self.dialog is None or programme is None:
            return
        where = f"{programme.form.value} {programme.region.name} {programme.year}"
        n = len(self.observations)
        if self.central:
            heading = self.tr("<b>{0}</b>: {1}. La {2} las recibe con cada respuesta (Archivo → Exportar "
                              "respuesta…).").format(where, count(n, self.tr("observación"), self.tr("observaciones")),
                                                      office_name(programme.region.iso_code))
        else:
            heading = self.tr("<b>{0}</b>: {1} de la oficina central, recibidas con su última respuesta.").format(
                where, count(n, self.tr("observación"), self.tr("observaciones")))
        self.dialog.show_observations(heading, self.observations, editable=self.central, select=select)

    def edit_observation(self, view: ObservationView) -> None:
        """Correct an observation's text (asked, starting from the current one)."""
        window = self.window
        title = self.tr("Editar observación")
        text = window.prompter.ask_text(window, title, self.tr("Observación sobre {0}:").format(view.about.lower()),
                                        view.text)
        if text is None or text.strip() == view.text.strip():
            return
        from desktop.sync import notes

        try:
            notes.edit_observation(window.db, view.id, text)
        except (EditError, NotFoundError) as exc:
            window.prompter.error(window, title, str(exc))
            return
        self._after_change()
        self._status(self.tr("Observación corregida ({0}).").format(view.about.lower()), 8000)

    def remove_observation(self, view: ObservationView) -> None:
        """Delete an observation, after the user confirms."""
        window = self.window
        title = self.tr("Eliminar observación")
        question = self.tr("¿Eliminar la observación sobre {0}: «{1}»? La {2} deja de verla con la próxima "
                           "respuesta.").format(view.about.lower(), _short(view.text, 120), office_name(view.region))
        if not window.prompter.confirm(window, title, question, self.tr("Eliminar")):
            return
        from desktop.sync import notes

        try:
            notes.remove_observation(window.db, view.id)
        except (EditError, NotFoundError) as exc:
            window.prompter.error(window, title, str(exc))
            return
        self._after_change()
        self._status(self.tr("Observación eliminada ({0}).").format(view.about.lower()), 8000)

    def go_to(self, record_id: uuid.UUID) -> None:
        """Select the row of objective or activity ``record_id`` in the form."""
        window = self.window
        row = window.programme_model.row_of(record_id)
        if row < 0:
            return
        table = window.programme_page.table
        kind = next((v.target_kind for v in self.observations if v.target_id == record_id), "objective")
        column = max(0, window.programme_model.column_of("description" if kind == "commitment" else "objective"))
        index = window.programme_model.index(row, column)
        table.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        table.scrollTo(index)
