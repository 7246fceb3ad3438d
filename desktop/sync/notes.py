"""The central office's notes on a region's programmes: observations on objectives and
activities, and each programme's review state (issue 3, part 3: records the central office owns,
carried to the region in its answer bundle; the region shows them read-only).

Only the central office writes them (:class:`desktop.errors.NotCentralOfficeError` elsewhere).
An observation names its objective or activity by id; the region may delete that record later,
and the observation stays, shown as about a record that no longer exists. Objectives and
activities are numbered as the window and the row operations number them: objectives 1, 2, 3…
in print order across the whole form (III.3 too, section after section), activities 1, 2, 3…
within their objective.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from db import queries
from db.engine import Database
from db.models import (
    CommitmentRow,
    Installation,
    ObjectiveRow,
    Observation,
    ProgrammeReview,
    ReportingYear,
    WorkProgramme,
)
from desktop.domain.forms import FormKind
from desktop.domain.records import Programme
from desktop.domain.regions import Region, find_region
from desktop.errors import EditError, NotCentralOfficeError, TargetGoneError, UnknownReviewStateError
from desktop.services.ownership import region_of
from desktop.wording import count

REVIEW_STATES = ("pendiente", "aprobado", "observado")
"""The review states of a programme, as the central office writes them."""

TARGET_KINDS = {"objective": ObjectiveRow, "commitment": CommitmentRow}
"""What an observation can be about: an objective or an activity (commitment)."""

MAX_TEXT = 4000
"""The longest observation or review note accepted, in characters."""


# -- what is shown --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ObservationView:
    """An observation with what it is about, numbered as the form shows it.

    Attributes:
        id: the observation's id.
        region: the region's ISO code.
        target_kind: "objective" or "commitment".
        target_id: the objective's or activity's id.
        text: the observation.
        created, changed: when it was written and last changed (UTC).
        programme_id: the programme of its record (None when the record no longer exists).
        year, form: that programme's year and form (None likewise).
        objective_number: the objective's number in its form, from 1 (None likewise).
        objective_text: the objective's text, column (2).
        activity_number: an activity's number within its objective, from 1 (None for an
            observation on an objective, or a record that no longer exists).
        activity_text: the activity's text, column (5).
    """

    id: uuid.UUID
    region: str
    target_kind: str
    target_id: uuid.UUID
    text: str
    created: dt.datetime
    changed: dt.datetime
    programme_id: uuid.UUID | None = None
    year: int | None = None
    form: FormKind | None = None
    objective_number: int | None = None
    objective_text: str = ""
    activity_number: int | None = None
    activity_text: str = ""

    @property
    def gone(self) -> bool:
        """The objective or activity it is about no longer exists here."""
        return self.programme_id is None

    @property
    def short_id(self) -> str:
        """The first 8 characters of the id (the command line accepts them)."""
        return str(self.id)[:8]

    @property
    def about(self) -> str:
        """What it is about, in Spanish: "Objetivo 2", "Actividad 1 del objetivo 2"."""
        if self.gone:
            return "Objetivo que ya no existe" if self.target_kind == "objective" else "Actividad que ya no existe"
        if self.target_kind == "objective":
            return f"Objetivo {self.objective_number}"
        return f"Actividad {self.activity_number} del objetivo {self.objective_number}"

    @property
    def about_text(self) -> str:
        """The text of the objective or activity it is about ("" when it no longer exists)."""
        return self.objective_text if self.target_kind == "objective" else self.activity_text

    @property
    def programme(self) -> str:
        """Its programme, in Spanish: "III.1 Tarapacá 2009" ("" when the record is gone)."""
        if self.gone or self.form is None:
            return ""
        return f"{self.form.value} {find_region(self.region).name} {self.year}"


@dataclass(frozen=True, slots=True)
class ReviewView:
    """A programme's review state, set by the central office.

    Attributes:
        programme_id: the programme.
        region: its region's ISO code.
        year, form: its year and form (None when the programme no longer exists here).
        status: "pendiente", "aprobado" or "observado".
        note: the central office's note ("" when none).
        changed: when it was last set (UTC).
    """

    programme_id: uuid.UUID
    region: str
    year: int | None
    form: FormKind | None
    status: str
    note: str
    changed: dt.datetime

    @property
    def label(self) -> str:
        """ "observado — Revisar ponderaciones." (the state, and the note when there is one)."""
        return f"{self.status} — {self.note}" if self.note.strip() else self.status

    @property
    def programme(self) -> str:
        """Its programme, in Spanish: "III.1 Tarapacá 2009"."""
        name = find_region(self.region).name
        return f"{self.form.value} {name} {self.year}" if self.form is not None else f"{name}: programa que ya no existe"


# -- reading ----------------------------------------------------------------------------------------


def _programmes(session: Session, ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, Programme]:
    wanted = list(set(ids))
    found: dict[uuid.UUID, Programme] = {}
    for i in range(0, len(wanted), 500):
        rows = session.scalars(select(WorkProgramme).where(WorkProgramme.id.in_(wanted[i:i + 500])).options(
            selectinload(WorkProgramme.objectives).selectinload(ObjectiveRow.commitments),
            selectinload(WorkProgramme.reporting_year).selectinload(ReportingYear.region)))
        found.update((r.id, queries.programme_record(r)) for r in rows)
    return found


def _programme_of_target(session: Session, kind: str, target_id: uuid.UUID) -> uuid.UUID | None:
    if kind == "objective":
        return session.scalar(select(ObjectiveRow.programme_id).where(ObjectiveRow.id == target_id))
    return session.scalar(select(ObjectiveRow.programme_id).join(CommitmentRow, CommitmentRow.objective_id == ObjectiveRow.id)
                          .where(CommitmentRow.id == target_id))


def _views(session: Session, rows: list[Observation]) -> list[ObservationView]:
    """Each observation with its record's programme and numbers."""
    of = {o.id: _programme_of_target(session, o.target_kind, o.target_id) for o in rows}
    programmes = _programmes(session, (p for p in of.values() if p is not None))
    views = []
    for o in rows:
        base = ObservationView(o.id, o.region_code, o.target_kind, o.target_id, o.text, o.created_at, o.updated_at)
        programme = programmes.get(of[o.id]) if of[o.id] is not None else None
        if programme is not None:
            base = _placed(base, programme)
        views.append(base)
    return views


def _placed(view: ObservationView, programme: Programme) -> ObservationView:
    from dataclasses import replace

    for n, objective in enumerate(programme.objectives, start=1):
        if view.target_kind == "objective" and objective.id == view.target_id:
            return replace(view, programme_id=programme.id, year=programme.year, form=programme.form,
                           objective_number=n, objective_text=objective.text)
        for m, commitment in enumerate(objective.commitments, start=1):
            if view.target_kind == "commitment" and commitment.id == view.target_id:
                return replace(view, programme_id=programme.id, year=programme.year, form=programme.form,
                               objective_number=n, objective_text=objective.text, activity_number=m,
                               activity_text=commitment.description)
    return view  # pragma: no cover - the programme was found through the record


def _order(view: ObservationView) -> tuple:  # noqa: ANN202 - a sort key
    return (find_region(view.region).cut, view.year or 0, view.form.value if view.form else "~",
            view.objective_number or 0, view.activity_number or 0, view.created, str(view.id))


def observations(db: Database, *, region: Region | None = None, year: int | None = None,
                 form: FormKind | None = None) -> list[ObservationView]:
    """The observations held here, with what they are about, by region, year, form, objective
    and activity (then oldest first).

    Args:
        region: only this region's.
        year, form: only those about a record of this year (form); an observation whose record
            no longer exists is left out when either is given.
    """
    with db.reading() as session:
        query = select(Observation).order_by(Observation.created_at, Observation.id)
        if region is not None:
            query = query.where(Observation.region_code == region.iso_code)
        views = _views(session, list(session.scalars(query)))
    if year is not None:
        views = [v for v in views if v.year == year]
    if form is not None:
        views = [v for v in views if v.form is form]
    return sorted(views, key=_order)


def programme_observations(db: Database, programme_id: uuid.UUID) -> list[ObservationView]:
    """The observations on the objectives and activities of one programme, in form order
    (what the window marks on the rows of the form shown)."""
    with db.reading() as session:
        objectives = list(session.scalars(select(ObjectiveRow.id).where(ObjectiveRow.programme_id == programme_id)))
        commitments = list(session.scalars(select(CommitmentRow.id).join(
            ObjectiveRow, CommitmentRow.objective_id == ObjectiveRow.id).where(ObjectiveRow.programme_id == programme_id)))
        rows: list[Observation] = []
        for kind, ids in (("objective", objectives), ("commitment", commitments)):
            for i in range(0, len(ids), 500):
                rows.extend(session.scalars(select(Observation).where(
                    Observation.target_kind == kind, Observation.target_id.in_(ids[i:i + 500]))))
        return sorted(_views(session, rows), key=_order)


def _review_view(session: Session, row: ProgrammeReview) -> ReviewView:
    found = session.execute(select(WorkProgramme.form, ReportingYear.year)
                            .join(ReportingYear, WorkProgramme.reporting_year_id == ReportingYear.id)
                            .where(WorkProgramme.id == row.programme_id)).first()
    return ReviewView(row.programme_id, row.region_code, found.year if found else None,
                      FormKind(found.form) if found else None, row.status, row.note, row.updated_at)


def review(db: Database, programme_id: uuid.UUID) -> ReviewView | None:
    """The programme's review state, or None when the central office has not set one."""
    with db.reading() as session:
        row = session.scalar(select(ProgrammeReview).where(ProgrammeReview.programme_id == programme_id))
        return _review_view(session, row) if row is not None else None


def reviews(db: Database, *, region: Region | None = None, year: int | None = None) -> list[ReviewView]:
    """The review states held here, by region, year and form.

    Args:
        region, year: only those of this region (year).
    """
    with db.reading() as session:
        query = select(ProgrammeReview)
        if region is not None:
            query = query.where(ProgrammeReview.region_code == region.iso_code)
        views = [_review_view(session, r) for r in session.scalars(query)]
    if year is not None:
        views = [v for v in views if v.year == year]
    return sorted(views, key=lambda v: (find_region(v.region).cut, v.year or 0, v.form.value if v.form else "~"))


# -- finding what a person names -------------------------------------------------------------------


def programme_id(db: Database, region: Region, year: int, form: FormKind) -> uuid.UUID:
    """The id of ``form`` (III.1–III.3) of ``region`` and ``year``.

    Raises:
        NotFoundError: no such programme here (Spanish message).
    """
    if form is FormKind.III_4:
        raise EditError("El III.4 no se revisa ni lleva observaciones: use III.1, III.2 o III.3.")
    with db.reading() as session:
        return queries.programme(session, region, year, form).id


def target(db: Database, region: Region, year: int, form: FormKind, objective: int,
           activity: int | None = None) -> tuple[str, uuid.UUID]:
    """The objective (or its activity) a person names by its numbers on the form.

    Args:
        objective: the objective's number in the form, from 1 (III.3: across its sections).
        activity: the activity's number within the objective, from 1; None: the objective.

    Returns:
        ("objective" | "commitment", its id).

    Raises:
        NotFoundError: no such programme.
        TargetGoneError: no objective (activity) with that number.
    """
    if form is FormKind.III_4:
        raise EditError("El III.4 no lleva observaciones: use III.1, III.2 o III.3 (sus objetivos y actividades).")
    with db.reading() as session:
        programme = queries.programme(session, region, year, form)
    where = f"{form.value} de {region.name} {year}"
    if not 1 <= objective <= len(programme.objectives):
        raise TargetGoneError(f"{where} tiene {count(len(programme.objectives), 'objetivo', 'objetivos')}: no hay "
                              f"objetivo {objective}.{_range(len(programme.objectives))}"
                              if programme.objectives else f"{where} no tiene objetivos.")
    chosen = programme.objectives[objective - 1]
    if activity is None:
        return "objective", chosen.id
    n = len(chosen.commitments)
    if not 1 <= activity <= n:
        raise TargetGoneError(f"El objetivo {objective} de {where} tiene {count(n, 'actividad', 'actividades')}: no "
                              f"hay actividad {activity}.{_range(n)}")
    return "commitment", chosen.commitments[activity - 1].id


def _range(n: int) -> str:
    return "" if n == 0 else " Use el número 1." if n == 1 else f" Use un número de 1 a {n}."


# -- writing (central office only) -----------------------------------------------------------------


def _require_central(session: Session, what: str) -> None:
    inst = session.scalar(select(Installation))
    if inst is None:
        raise NotCentralOfficeError(f"Solo la oficina central {what}, y esta instalación no está configurada como "
                                    "oficina (avance office init --central). No se cambió nada.")
    if inst.kind != "central":
        from desktop.wording import office_name

        raise NotCentralOfficeError(f"Solo la oficina central {what}; esta instalación es la "
                                    f"{office_name(str(inst.region_code))}. No se cambió nada.")


def _clean(text: str, what: str, *, required: bool) -> str:
    text = (text or "").strip()
    if required and not text:
        raise EditError(f"{what} no puede quedar vacía. No se cambió nada.")
    if len(text) > MAX_TEXT:
        raise EditError(f"{what} tiene {len(text)} caracteres; el máximo es {MAX_TEXT}. No se cambió nada.")
    return text


def add_observation(db: Database, target_kind: str, target_id: uuid.UUID, text: str) -> uuid.UUID:
    """Write an observation of the central office on an objective or an activity.

    Args:
        target_kind: "objective" or "commitment".
        target_id: the record's id.
        text: the observation (not empty).

    Returns:
        The observation's id.

    Raises:
        NotCentralOfficeError: this installation is not the central office.
        TargetGoneError: the objective or activity is not here.
        EditError: another kind, an empty or too long text.
    """
    model = TARGET_KINDS.get(target_kind)
    if model is None:
        raise EditError("Las observaciones se hacen sobre un objetivo o una actividad.")
    text = _clean(text, "La observación", required=True)
    with db.transaction() as session:
        _require_central(session, "hace observaciones")
        code = region_of(session, model, target_id)
        if code is None:
            raise TargetGoneError(("El objetivo" if target_kind == "objective" else "La actividad")
                                  + " ya no existe. No se cambió nada.")
        row = Observation(region_code=code, target_kind=target_kind, target_id=target_id, text=text)
        session.add(row)
        session.flush()
        return row.id


def _find(session: Session, ident: uuid.UUID | str) -> Observation:
    text = str(ident).strip().lower()
    if len(text.replace("-", "")) < 8:
        raise TargetGoneError(f"Indique al menos 8 caracteres del número de la observación, no «{ident}».")
    rows = [r for r in session.scalars(select(Observation))
            if str(r.id).startswith(text) or r.id.hex.startswith(text.replace("-", ""))]
    if len(rows) != 1:
        raise TargetGoneError(f"No hay {'una única observación' if rows else 'ninguna observación'} con el número "
                              f"«{ident}» (vea «avance observation list»). No se cambió nada.")
    return rows[0]


def edit_observation(db: Database, observation: uuid.UUID | str, text: str) -> ObservationView:
    """Change an observation's text.

    Args:
        observation: its id, or the start of it (8 characters at least).
        text: the new text (not empty).

    Returns:
        The observation as it is now.

    Raises:
        NotCentralOfficeError: not the central office.
        TargetGoneError: no single observation with that number.
        EditError: an empty or too long text.
    """
    text = _clean(text, "La observación", required=True)
    with db.transaction() as session:
        _require_central(session, "corrige sus observaciones")
        row = _find(session, observation)
        row.text = text
        session.flush()
        return _views(session, [row])[0]


def remove_observation(db: Database, observation: uuid.UUID | str) -> ObservationView:
    """Delete an observation (the region stops seeing it with the next answer).

    Args:
        observation: its id, or the start of it (8 characters at least).

    Returns:
        The observation deleted, as it was.

    Raises:
        NotCentralOfficeError: not the central office.
        TargetGoneError: no single observation with that number.
    """
    with db.transaction() as session:
        _require_central(session, "elimina sus observaciones")
        row = _find(session, observation)
        view = _views(session, [row])[0]
        session.delete(row)
        return view


def set_review(db: Database, programme: uuid.UUID, status: str, note: str = "") -> ReviewView:
    """Set the central office's review state of a programme, with its note.

    Args:
        programme: the programme's id.
        status: "pendiente", "aprobado" or "observado".
        note: what the region should know ("" for none).

    Returns:
        The review as it is now.

    Raises:
        UnknownReviewStateError: another state.
        NotCentralOfficeError: not the central office.
        TargetGoneError: the programme is not here.
        EditError: a note too long.
    """
    if status not in REVIEW_STATES:
        raise UnknownReviewStateError(f"Estado de revisión desconocido: «{status}». Use pendiente, aprobado u "
                                      "observado. No se cambió nada.")
    note = _clean(note, "La nota", required=False)
    with db.transaction() as session:
        _require_central(session, "revisa los programas")
        code = region_of(session, WorkProgramme, programme)
        if code is None:
            raise TargetGoneError("El programa no existe. No se cambió nada.")
        row = session.scalar(select(ProgrammeReview).where(ProgrammeReview.programme_id == programme))
        if row is None:
            row = ProgrammeReview(region_code=code, programme_id=programme, status=status, note=note)
            session.add(row)
        else:
            row.status, row.note = status, note
        session.flush()
        return _review_view(session, row)


__all__ = [
    "MAX_TEXT", "REVIEW_STATES", "TARGET_KINDS", "ObservationView", "ReviewView", "add_observation",
    "edit_observation", "observations", "programme_id", "programme_observations", "remove_observation", "review",
    "reviews", "set_review", "target",
]
