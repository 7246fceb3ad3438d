"""Changing the shape of the work programmes: add, delete and move specific objectives and
activities (commitments), and start a new reporting year of a region.

Each operation is one transaction and returns a :class:`Change`: the exact state of every row
it touched, before and after (every column, timestamps included). Doing it writes the "after"
states, :func:`revert` (Deshacer) writes the "before" states back and :func:`reapply` (Rehacer)
the "after" ones again, with the same code. So an undone deletion brings back the same records
with the same ids, contents and timestamps, and the sync bundles
(:func:`desktop.sync.service.outgoing_changes`, which compare digests of whole records) see
neither a deletion nor a new record. Rows a forward operation writes get ``updated_at`` = now.

Positions are kept 0, 1, 2… in print order: objectives across the whole programme (III.3
section after section), activities within their objective (:func:`desktop.domain.structure.positions`).

At the central office every operation, its undo and its redo refuse a region that sends sync
bundles (:class:`desktop.errors.RegionOwnedError`, :mod:`desktop.services.ownership`).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from db import queries
from db.engine import Database
from db.models import (
    CommitmentRow,
    Evidence,
    ObjectiveRow,
    Observation,
    ProgressAnalysis,
    RegionRow,
    ReportingYear,
    Service,
    WorkProgramme,
    utcnow,
)
from desktop.domain.forms import PROGRAMME_FORMS, FormKind, spec
from desktop.domain.records import CommitmentKind, Programme
from desktop.domain.regions import Region, find_region
from desktop.domain.structure import (
    FIRST_YEAR,
    LAST_YEAR,
    CarryOver,
    carried_objective,
    is_valid_year,
    moved,
    positions,
)
from desktop.errors import (
    MissingRecordError,
    NoEarlierYearError,
    PlacementError,
    UndoError,
    YearExistsError,
    YearRangeError,
)
from desktop.services import ownership
from desktop.wording import count

TABLES: tuple[tuple[str, type], ...] = (
    ("reporting_year", ReportingYear),
    ("work_programme", WorkProgramme),
    ("objective", ObjectiveRow),
    ("commitment", CommitmentRow),
    ("progress_analysis", ProgressAnalysis),
    ("evidence", Evidence),
)
"""The tables a change may touch, parents first (the tables a regional bundle carries)."""

_MODELS = dict(TABLES)
_DEPTH = {name: i for i, (name, _) in enumerate(TABLES)}

Values = Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class RowChange:
    """One row a change touched: its whole state before and after (None: absent).

    Attributes:
        table: one of :data:`TABLES`.
        id: the record's UUID.
        before: every column before (None: the row did not exist).
        after: every column after (None: the row was deleted).
    """

    table: str
    id: uuid.UUID
    before: Values | None
    after: Values | None


@dataclass(frozen=True, slots=True)
class Change:
    """A structural edit, done: what the undo stack keeps.

    Attributes:
        kind: "add_objective", "add_commitment", "delete_objective", "delete_commitment",
            "move_objective", "move_commitment" or "create_year".
        message: what was done, in Spanish, for the status bar.
        rows: every row touched, with its state before and after.
        target: the record added, deleted or moved (the reporting year for "create_year").
        fallback: the record to select when ``target`` is not there (after a deletion, or an
            undone addition): the next sibling, else the previous one, else the objective of an
            activity; None when there is none.
        region: the region.
        year: the reporting year.
        form: the programme's form; None for "create_year".
    """

    kind: str
    message: str
    rows: tuple[RowChange, ...]
    target: uuid.UUID
    fallback: uuid.UUID | None
    region: Region
    year: int
    form: FormKind | None

    def focus(self, *, undone: bool) -> uuid.UUID | None:
        """The record to select once the change is done (``undone`` False) or undone."""
        gone = self.kind.startswith("delete") if not undone else self.kind.startswith(("add", "create"))
        return self.fallback if gone else self.target

    def created(self, table: str) -> list[uuid.UUID]:
        """Ids of the ``table`` rows the change creates."""
        return [r.id for r in self.rows if r.table == table and r.before is None and r.after is not None]

    def deleted(self, table: str) -> list[uuid.UUID]:
        """Ids of the ``table`` rows the change deletes."""
        return [r.id for r in self.rows if r.table == table and r.before is not None and r.after is None]


@dataclass(frozen=True, slots=True)
class Removal:
    """What deleting an objective or an activity takes with it (asked before deleting).

    Attributes:
        table: "objective" or "commitment".
        id: the record.
        form: its programme's form.
        text: the objective's text (2) or the activity's description (5).
        objective_text: for an activity, its objective's text.
        activities: activities deleted with an objective.
        goals: annual goals deleted with an objective.
        progress: III.4 rows (all quarters) deleted with an objective.
        quarters: the quarters of those III.4 rows.
        evidence: evidence files ("medios de verificación" attached) deleted.
        observations: central-office observations that refer to it (kept).
    """

    table: str
    id: uuid.UUID
    form: FormKind
    text: str
    objective_text: str = ""
    activities: int = 0
    goals: int = 0
    progress: int = 0
    quarters: tuple[int, ...] = ()
    evidence: int = 0
    observations: int = 0

    def question(self) -> str:
        """The confirmation, in Spanish: what is deleted and what goes with it."""
        if self.table == "objective":
            head = f"¿Eliminar el objetivo «{_short(self.text) or '(sin texto)'}» del formulario {self.form.value}?"
        else:
            head = (f"¿Eliminar la actividad «{_short(self.text) or '(sin texto)'}» del objetivo "
                    f"«{_short(self.objective_text, 60) or '(sin texto)'}» ({self.form.value})?")
        parts = []
        if self.activities:
            parts.append(count(self.activities, "actividad", "actividades"))
        if self.goals:
            parts.append(count(self.goals, "meta anual", "metas anuales"))
        if self.progress:
            quarters = " y ".join(", ".join(f"T{q}" for q in self.quarters).rsplit(", ", 1))
            parts.append(count(self.progress, "fila", "filas") + f" del análisis del avance (III.4, {quarters})")
        if self.evidence:
            parts.append(count(self.evidence, "medio de verificación adjunto", "medios de verificación adjuntos"))
        lines = [head]
        if parts:
            lines.append("Se eliminan también: " + _join(parts) + ".")
        if self.observations:
            lines.append(count(self.observations, "observación", "observaciones") + " de la oficina central se "
                         "conserva" + ("" if self.observations == 1 else "n") + ", sin el registro al que se refiere.")
        lines.append("Puede deshacerlo con Editar → Deshacer.")
        return "\n\n".join(lines)


def _short(text: str, width: int = 90) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1].rstrip() + "…"


def _join(parts: Sequence[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " y " + parts[-1]


# -- rows as values ---------------------------------------------------------------------------------


def _values(row: Any) -> Values:
    """Every column of an ORM row, as read."""
    return MappingProxyType({c.key: getattr(row, c.key) for c in type(row).__table__.columns})


def _new(model: type, **given: Any) -> Values:
    """Every column of a new row: ``given``, the columns' scalar defaults, else None."""
    values: dict[str, Any] = {}
    for column in model.__table__.columns:
        default = column.default
        values[column.key] = default.arg if default is not None and default.is_scalar else None
    values.update(given)
    missing = [k for k in ("id", "created_at", "updated_at") if values.get(k) is None]
    assert not missing, missing
    return MappingProxyType(values)


def _changed(row: Any, now: Any, **values: Any) -> RowChange | None:
    """``row`` with ``values`` set and ``updated_at`` = now; None when nothing differs."""
    before = _values(row)
    if all(before[k] == v for k, v in values.items()):
        return None
    return RowChange(type(row).__tablename__, row.id, before, MappingProxyType({**before, **values, "updated_at": now}))


def _removed(rows: Iterable[Any]) -> list[RowChange]:
    return [RowChange(type(r).__tablename__, r.id, _values(r), None) for r in rows]


def _write(session: Session, rows: Sequence[RowChange], *, forward: bool) -> None:
    """Make every row of ``rows`` what its "after" (``forward``) or "before" state says: delete
    the absent ones (children first), then insert or update the others with every column as
    stored (parents first). Core statements: the timestamps written are the recorded ones."""
    def state(r: RowChange) -> Values | None:
        return r.after if forward else r.before

    gone = sorted((r for r in rows if state(r) is None), key=lambda r: -_DEPTH[r.table])
    kept = sorted((r for r in rows if state(r) is not None), key=lambda r: _DEPTH[r.table])
    for r in gone:
        table = _MODELS[r.table].__table__
        session.execute(delete(table).where(table.c.id == r.id))
    for r in kept:
        table = _MODELS[r.table].__table__
        values = dict(state(r))  # type: ignore[arg-type]
        if session.execute(select(table.c.id).where(table.c.id == r.id)).first() is None:
            session.execute(insert(table).values(**values))
        else:
            values.pop("id")
            session.execute(update(table).where(table.c.id == r.id).values(**values))


def _renumber(rows: Sequence[Any], order: Sequence[uuid.UUID], now: Any) -> list[RowChange]:
    """The rows whose position changes when numbered in ``order`` (ids of ``rows`` and maybe new ones)."""
    wanted = positions(order)
    out = []
    for row in rows:
        change = _changed(row, now, position=wanted[row.id])
        if change is not None:
            out.append(change)
    return out


# -- reading what an operation needs ------------------------------------------------------------------


def _programme_row(session: Session, programme_id: uuid.UUID) -> WorkProgramme:
    row = session.get(WorkProgramme, programme_id)
    if row is None:
        raise MissingRecordError("El programa de trabajo ya no existe.")
    return row


def _objective_row(session: Session, objective_id: uuid.UUID) -> ObjectiveRow:
    row = session.get(ObjectiveRow, objective_id)
    if row is None:
        raise MissingRecordError("El objetivo ya no existe.")
    return row


def _commitment_row(session: Session, commitment_id: uuid.UUID) -> CommitmentRow:
    row = session.get(CommitmentRow, commitment_id)
    if row is None:
        raise MissingRecordError("La actividad ya no existe.")
    return row


def _ordered(programme: WorkProgramme) -> list[ObjectiveRow]:
    """The programme's objectives in print order (as :mod:`db.queries` reads them)."""
    return sorted(programme.objectives, key=lambda o: (o.section or "", o.position))


def _where(session: Session, programme: WorkProgramme) -> tuple[Region, int, FormKind]:
    """The region, year and form of ``programme``, whose records are about to change.

    Raises:
        RegionOwnedError: its region's records arrive here in the region's sync bundles
            (:func:`desktop.services.ownership.check_region`).
    """
    ry = programme.reporting_year
    region = find_region(ry.region.iso_code)
    ownership.check_region(session, region)
    return region, ry.year, FormKind(programme.form)


def _neighbour(order: Sequence[uuid.UUID], target: uuid.UUID) -> uuid.UUID | None:
    i = order.index(target)
    if i + 1 < len(order):
        return order[i + 1]
    return order[i - 1] if i > 0 else None


def _section_label(section: str) -> str:
    return f"({section}) " + dict((code, label) for code, label, _ in spec(FormKind.III_3).sections)[section]


# -- objectives ---------------------------------------------------------------------------------------


def add_objective(db: Database, programme_id: uuid.UUID, *, index: int | None = None,
                  section: str | None = None) -> Change:
    """Add an empty specific objective (columns (2)–(4)) to a programme.

    Args:
        db: the open database.
        programme_id: the III.1, III.2 or III.3 programme.
        index: where among the objectives of the programme (III.3: of ``section``), from 0;
            None: at the end.
        section: III.3 only, and required there: "11" Oferta de información al GORE,
            "12" Provisión de información, "13" Otros objetivos institucionales (seed 001,
            III.3 notes (11)–(13)).

    Returns:
        The :class:`Change`; ``target`` is the new objective.

    Raises:
        MissingRecordError: the programme is gone.
        PlacementError: a section on III.1/III.2, none (or an unknown one) on III.3, or an
            index out of range.
    """
    with db.transaction() as session:
        programme = _programme_row(session, programme_id)
        region, year, form = _where(session, programme)
        codes = [code for code, _, _ in spec(FormKind.III_3).sections]
        if form is FormKind.III_3 and section not in codes:
            raise PlacementError("En el formulario III.3 cada objetivo va en una sección: elija (11), (12) o (13).")
        if form is not FormKind.III_3 and section is not None:
            raise PlacementError(f"El formulario {form.value} no tiene secciones: sólo el III.3 las tiene.")
        ordered = _ordered(programme)
        group = [o for o in ordered if o.section == section] if form is FormKind.III_3 else ordered
        if index is None:
            index = len(group)
        if not 0 <= index <= len(group):
            where = f"la sección {_section_label(section)}" if section else f"el formulario {form.value}"
            raise PlacementError(f"No se puede agregar el objetivo en la posición {index + 1}: {where} tiene "
                                 f"{count(len(group), 'objetivo', 'objetivos')}.")
        if index < len(group):
            point = ordered.index(group[index])
        elif group:
            point = ordered.index(group[-1]) + 1
        else:  # an empty III.3 section: before the first objective of a later section
            point = next((i for i, o in enumerate(ordered) if (o.section or "") > (section or "")), len(ordered))
        now = utcnow()
        new_id = uuid.uuid4()
        order = [o.id for o in ordered]
        order.insert(point, new_id)
        values = _new(ObjectiveRow, id=new_id, created_at=now, updated_at=now, programme_id=programme.id,
                      position=positions(order)[new_id], section=section)
        rows = [RowChange("objective", new_id, None, values), *_renumber(ordered, order, now)]
        where = f", sección {_section_label(section)}" if section else ""
        change = Change("add_objective", f"Se agregó el objetivo n.º {point + 1} a {form.value}{where}.", tuple(rows),
                        new_id, _neighbour(order, new_id), region, year, form)
        _write(session, change.rows, forward=True)
        return change


def _objective_rows(session: Session, objective: ObjectiveRow) -> tuple[list[CommitmentRow], list[ProgressAnalysis], list[Evidence]]:
    commitments = list(objective.commitments)
    progress = list(session.scalars(select(ProgressAnalysis).where(ProgressAnalysis.objective_id == objective.id)
                                    .order_by(ProgressAnalysis.quarter)))
    evidence = _evidence(session, [c.id for c in commitments])
    return commitments, progress, evidence


def _evidence(session: Session, commitment_ids: list[uuid.UUID]) -> list[Evidence]:
    if not commitment_ids:
        return []
    return list(session.scalars(select(Evidence).where(Evidence.commitment_id.in_(commitment_ids))
                                .order_by(Evidence.created_at, Evidence.id)))


def _observations(session: Session, kind: str, ids: list[uuid.UUID]) -> int:
    if not ids:
        return 0
    return len(session.scalars(select(Observation.id).where(Observation.target_kind == kind,
                                                             Observation.target_id.in_(ids))).all())


def removal(db: Database, table: str, record_id: uuid.UUID) -> Removal:
    """What deleting an objective (``table`` "objective") or an activity ("commitment") would
    take with it; nothing is changed.

    Raises:
        MissingRecordError: the record is gone.
        ValueError: another table.
    """
    with db.reading() as session:
        if table == "objective":
            objective = _objective_row(session, record_id)
            commitments, progress, evidence = _objective_rows(session, objective)
            observations = (_observations(session, "objective", [objective.id])
                            + _observations(session, "commitment", [c.id for c in commitments]))
            return Removal("objective", record_id, FormKind(objective.programme.form), objective.text,
                           activities=sum(c.kind != CommitmentKind.GOAL.value for c in commitments),
                           goals=sum(c.kind == CommitmentKind.GOAL.value for c in commitments), progress=len(progress),
                           quarters=tuple(p.quarter for p in progress), evidence=len(evidence),
                           observations=observations)
        if table == "commitment":
            commitment = _commitment_row(session, record_id)
            objective = commitment.objective
            return Removal("commitment", record_id, FormKind(objective.programme.form), commitment.description,
                           objective_text=objective.text, evidence=len(_evidence(session, [commitment.id])),
                           observations=_observations(session, "commitment", [commitment.id]))
    raise ValueError(table)


def delete_objective(db: Database, objective_id: uuid.UUID) -> Change:
    """Delete a specific objective with everything that hangs from it: its activities or
    annual goals (5)–(10), their evidence records (the files stay in the blob store, so an undo
    finds them) and its III.4 rows of every quarter. The objectives after it move up one
    position. The central office's observations about it are kept (they name it by id).

    Returns:
        The :class:`Change` (``fallback``: the next objective, else the previous one).

    Raises:
        MissingRecordError: the objective is gone.
    """
    with db.transaction() as session:
        objective = _objective_row(session, objective_id)
        programme = objective.programme
        region, year, form = _where(session, programme)
        commitments, progress, evidence = _objective_rows(session, objective)
        ordered = _ordered(programme)
        order = [o.id for o in ordered]
        fallback = _neighbour(order, objective_id)
        remaining = [o for o in ordered if o.id != objective_id]
        now = utcnow()
        rows = [*_removed([objective, *commitments, *progress, *evidence]),
                *_renumber(remaining, [o.id for o in remaining], now)]
        extra = [count(len(commitments), "actividad", "actividades")] if commitments else []
        if progress:
            extra.append(count(len(progress), "fila del III.4", "filas del III.4"))
        if evidence:
            extra.append(count(len(evidence), "medio de verificación", "medios de verificación"))
        message = f"Se eliminó el objetivo n.º {order.index(objective_id) + 1} de {form.value}" + (
            " con " + _join(extra) if extra else "") + "."
        change = Change("delete_objective", message, tuple(rows), objective_id, fallback, region, year, form)
        _write(session, change.rows, forward=True)
        return change


def move_objective(db: Database, objective_id: uuid.UUID, step: int) -> Change:
    """Move an objective one place up (``step`` -1, "Subir") or down (+1, "Bajar") among the
    objectives of its programme (III.3: of its section).

    Raises:
        MissingRecordError: the objective is gone.
        PlacementError: it is already the first (last) one.
    """
    with db.transaction() as session:
        objective = _objective_row(session, objective_id)
        programme = objective.programme
        region, year, form = _where(session, programme)
        ordered = _ordered(programme)
        order = moved([o.id for o in ordered], objective_id, step, [o.section for o in ordered])
        if order is None:
            which = "primer" if step < 0 else "último"
            where = f"de la sección {_section_label(objective.section)}" if objective.section else f"de {form.value}"
            raise PlacementError(f"Es el {which} objetivo {where}: no se puede {'subir' if step < 0 else 'bajar'} más.")
        now = utcnow()
        rows = _renumber(ordered, order, now)
        verb = "Se subió" if step < 0 else "Se bajó"
        change = Change("move_objective", f"{verb} el objetivo al n.º {order.index(objective_id) + 1} de {form.value}.",
                        tuple(rows), objective_id, None, region, year, form)
        _write(session, change.rows, forward=True)
        return change


# -- activities (commitments) -------------------------------------------------------------------------


def add_commitment(db: Database, objective_id: uuid.UUID, *, index: int | None = None,
                   kind: CommitmentKind = CommitmentKind.ACTIVITY) -> Change:
    """Add an empty activity (or annual goal) row, columns (5)–(9), to an objective.

    Args:
        db: the open database.
        objective_id: the specific objective.
        index: where among its activities, from 0; None: at the end.
        kind: activity or annual goal (seed 001, III.1 note (5)).

    Returns:
        The :class:`Change`; ``target`` is the new commitment.

    Raises:
        MissingRecordError: the objective is gone.
        PlacementError: an index out of range.
    """
    with db.transaction() as session:
        objective = _objective_row(session, objective_id)
        region, year, form = _where(session, objective.programme)
        siblings = list(objective.commitments)
        if index is None:
            index = len(siblings)
        if not 0 <= index <= len(siblings):
            raise PlacementError(f"No se puede agregar la actividad en la posición {index + 1}: el objetivo tiene "
                                 f"{count(len(siblings), 'actividad', 'actividades')}.")
        now = utcnow()
        new_id = uuid.uuid4()
        order = [c.id for c in siblings]
        order.insert(index, new_id)
        values = _new(CommitmentRow, id=new_id, created_at=now, updated_at=now, objective_id=objective.id,
                      position=index, kind=CommitmentKind(kind).value, weight=None, met=None)
        rows = [RowChange("commitment", new_id, None, values), *_renumber(siblings, order, now)]
        fallback = _neighbour(order, new_id) or objective.id
        noun = "la meta anual" if kind is CommitmentKind.GOAL else "la actividad"
        change = Change("add_commitment", f"Se agregó {noun} n.º {index + 1} al objetivo ({form.value}).",
                        tuple(rows), new_id, fallback, region, year, form)
        _write(session, change.rows, forward=True)
        return change


def delete_commitment(db: Database, commitment_id: uuid.UUID) -> Change:
    """Delete an activity or annual goal with its evidence records (the files stay in the blob
    store). The activities after it move up one position.

    Returns:
        The :class:`Change` (``fallback``: the next activity, else the previous one, else the
        objective).

    Raises:
        MissingRecordError: the activity is gone.
    """
    with db.transaction() as session:
        commitment = _commitment_row(session, commitment_id)
        objective = commitment.objective
        region, year, form = _where(session, objective.programme)
        siblings = list(objective.commitments)
        order = [c.id for c in siblings]
        fallback = _neighbour(order, commitment_id) or objective.id
        evidence = _evidence(session, [commitment_id])
        remaining = [c for c in siblings if c.id != commitment_id]
        now = utcnow()
        rows = [*_removed([commitment, *evidence]), *_renumber(remaining, [c.id for c in remaining], now)]
        extra = " con " + count(len(evidence), "medio de verificación", "medios de verificación") if evidence else ""
        change = Change("delete_commitment", f"Se eliminó la actividad n.º {order.index(commitment_id) + 1} del "
                        f"objetivo ({form.value}){extra}.", tuple(rows), commitment_id, fallback, region, year, form)
        _write(session, change.rows, forward=True)
        return change


def move_commitment(db: Database, commitment_id: uuid.UUID, step: int) -> Change:
    """Move an activity one place up (-1) or down (+1) within its objective.

    Raises:
        MissingRecordError: the activity is gone.
        PlacementError: it is already the first (last) one.
    """
    with db.transaction() as session:
        commitment = _commitment_row(session, commitment_id)
        objective = commitment.objective
        region, year, form = _where(session, objective.programme)
        siblings = list(objective.commitments)
        order = moved([c.id for c in siblings], commitment_id, step)
        if order is None:
            which = "primera" if step < 0 else "última"
            raise PlacementError(f"Es la {which} actividad del objetivo: no se puede {'subir' if step < 0 else 'bajar'} "
                                 "más.")
        now = utcnow()
        verb = "Se subió" if step < 0 else "Se bajó"
        change = Change("move_commitment", f"{verb} la actividad al n.º {order.index(commitment_id) + 1} del objetivo.",
                        tuple(_renumber(siblings, order, now)), commitment_id, None, region, year, form)
        _write(session, change.rows, forward=True)
        return change


# -- reporting years ----------------------------------------------------------------------------------


def earlier_year(db: Database, region: Region, year: int) -> int | None:
    """The region's latest reporting year before ``year``, or None."""
    with db.reading() as session:
        ry = _earlier(session, region, year)
        return ry.year if ry is not None else None


def _earlier(session: Session, region: Region, year: int) -> ReportingYear | None:
    return session.scalar(
        select(ReportingYear).join(RegionRow, ReportingYear.region_id == RegionRow.id)
        .where(RegionRow.iso_code == region.iso_code, ReportingYear.year < year)
        .order_by(ReportingYear.year.desc()).limit(1))


def create_year(db: Database, region: Region, year: int, carry: CarryOver = CarryOver.NOTHING) -> Change:
    """Start a reporting year of a region: its three programmes III.1, III.2 (with an empty
    instance header, columns (2)–(6)) and III.3, optionally carrying over from the region's
    latest earlier year what Etapa 2 fixed (:class:`desktop.domain.structure.CarryOver`,
    seed 001 III.1 notes (2), (3)).

    Never carried: the indicator's annual result (4), compliance (9), the III.4 analysis, the
    evidence files and III.2's instance header. The responsible office (note (1)) is the
    earlier year's, when there is one.

    Args:
        db: the open database.
        region: the region.
        year: the new reporting year (2000–2100).
        carry: nothing, the objectives and indicators, or those and their activities with the
            responsible unit (6), the means of verification (7) and the weight (8).

    Returns:
        The :class:`Change`; ``target`` is the new reporting year.

    Raises:
        YearRangeError: ``year`` outside 2000–2100.
        YearExistsError: the region already has that year.
        NoEarlierYearError: a carry-over was asked for and the region has no earlier year.
    """
    carry = CarryOver(carry)
    if not is_valid_year(year):
        raise YearRangeError(f"El año {year} está fuera de rango: use un año entre {FIRST_YEAR} y {LAST_YEAR}.")
    with db.transaction() as session:
        ownership.check_region(session, region)
        if queries.reporting_year(session, region, year) is not None:
            raise YearExistsError(f"{region.name} ya tiene el año de reporte {year}: ábralo en el navegador.")
        earlier = _earlier(session, region, year)
        if carry is not CarryOver.NOTHING and earlier is None:
            raise NoEarlierYearError(f"{region.name} no tiene un año de reporte anterior a {year} del cual traspasar "
                                     "los objetivos: cree el año sin traspaso.")
        if earlier is not None:
            service_id = earlier.service_id
        else:
            service = session.scalar(select(Service).order_by(Service.created_at).limit(1))
            service_id = (service or queries.get_or_create_service(session, "Servicio Nacional de la Mujer", "SERNAM")).id
        before: dict[FormKind, Programme] = {}
        offices: dict[FormKind, str] = {}
        if earlier is not None:
            before = {p.form: p for p in queries.programmes(session, region, earlier.year)}
            offices = {FormKind(form): office for form, office in session.execute(
                select(WorkProgramme.form, WorkProgramme.responsible_office)
                .where(WorkProgramme.reporting_year_id == earlier.id))}
        now = utcnow()
        ry_id = uuid.uuid4()
        rows = [RowChange("reporting_year", ry_id, None, _new(
            ReportingYear, id=ry_id, created_at=now, updated_at=now, service_id=service_id,
            region_id=queries.region_row(session, region).id, year=year,
            responsible_office=earlier.responsible_office if earlier is not None else ""))]
        n_objectives = n_commitments = 0
        for form in PROGRAMME_FORMS:
            programme_id = uuid.uuid4()
            rows.append(RowChange("work_programme", programme_id, None, _new(
                WorkProgramme, id=programme_id, created_at=now, updated_at=now, reporting_year_id=ry_id,
                form=form.value, responsible_office=offices.get(form, ""))))
            if carry is CarryOver.NOTHING or form not in before:
                continue
            for position, old in enumerate(before[form].objectives):
                o = carried_objective(old, position, carry)
                rows.append(RowChange("objective", o.id, None, _new(
                    ObjectiveRow, id=o.id, created_at=now, updated_at=now, programme_id=programme_id,
                    position=o.position, section=o.section, text=o.text, indicator=o.indicator,
                    indicator_result=o.indicator_result)))
                n_objectives += 1
                for c in o.commitments:
                    rows.append(RowChange("commitment", c.id, None, _new(
                        CommitmentRow, id=c.id, created_at=now, updated_at=now, objective_id=o.id,
                        position=c.position, kind=c.kind.value, description=c.description,
                        responsible_unit=c.responsible_unit, verification_means=c.verification_means,
                        weight_text=c.weight_text, weight=c.weight, met=c.met)))
                    n_commitments += 1
        message = f"Se creó el año de reporte {year} de {region.name} (III.1, III.2 y III.3)"
        if carry is CarryOver.OBJECTIVES:
            message += (f"; se traspasaron de {earlier.year} {count(n_objectives, 'objetivo', 'objetivos')} con sus "
                        "indicadores")
        elif carry is CarryOver.ACTIVITIES:
            message += (f"; se traspasaron de {earlier.year} {count(n_objectives, 'objetivo', 'objetivos')} y "
                        f"{count(n_commitments, 'actividad', 'actividades')}, sin resultados ni cumplimiento")
        change = Change("create_year", message + ".", tuple(rows), ry_id, None, region, year, None)
        _write(session, change.rows, forward=True)
        return change


# -- undo and redo ------------------------------------------------------------------------------------


def revert(db: Database, change: Change) -> None:
    """Undo ``change`` (one transaction): every row it touched back to its exact state before
    (same id, columns and timestamps; deleted rows come back, added ones go).

    Raises:
        UndoError: a row it restores hangs from a record that is no longer there; nothing changed.
    """
    _replay(db, change, forward=False)


def reapply(db: Database, change: Change) -> None:
    """Redo ``change`` (one transaction): every row it touched to its exact state after.

    Raises:
        UndoError: as :func:`revert`.
    """
    _replay(db, change, forward=True)


def _replay(db: Database, change: Change, *, forward: bool) -> None:
    try:
        with db.transaction() as session:
            ownership.check_region(session, change.region)
            _write(session, change.rows, forward=forward)
    except IntegrityError as exc:
        what = "rehacer" if forward else "deshacer"
        raise UndoError(f"No se pudo {what} «{change.message.rstrip('.')}»: el programa o el objetivo al que "
                        "pertenece ya no está en la base de datos. No se cambió nada.") from exc


__all__ = [
    "TABLES", "Change", "Removal", "RowChange", "add_commitment", "add_objective", "create_year", "delete_commitment",
    "delete_objective", "earlier_year", "move_commitment", "move_objective", "reapply", "removal", "revert",
]
