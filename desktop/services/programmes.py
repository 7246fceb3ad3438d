"""Reading and editing the work programmes: what the window calls.

Each edit is one transaction; a bad value raises :class:`EditError` (Spanish) and changes
nothing. At the central office, an edit of a region that sends sync bundles raises its subclass
:class:`desktop.errors.RegionOwnedError` (:mod:`desktop.services.ownership`). Reads return
immutable domain records.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import select

from db.engine import Database
from db.models import CommitmentRow, ObjectiveRow, ProgressAnalysis, WorkProgramme
from db import queries
from desktop.domain.forms import FormKind
from desktop.domain.records import CommitmentKind, ProgressReport, Programme, quarter_label
from desktop.domain.regions import Region
from desktop.domain.scoring import ProgrammeScore, score_programme
from desktop.domain.structure import CarryOver
from desktop.domain.weights import parse_weight
from desktop.errors import EditError
from desktop.services import ownership, structure
from desktop.services.structure import Change, Removal

__all__ = ["COMMITMENT_FIELDS", "INSTANCE_FIELDS", "OBJECTIVE_FIELDS", "PROGRESS_FIELDS", "Change", "EditError",
           "ProgrammeService", "Removal"]

OBJECTIVE_FIELDS = frozenset({"text", "indicator", "indicator_result"})
"""Editable objective fields: columns (2), (3), (4) of III.1."""

COMMITMENT_FIELDS = frozenset({"kind", "description", "responsible_unit", "verification_means", "weight_text", "met"})
"""Editable commitment fields: columns (5)–(9) of III.1."""

INSTANCE_FIELDS = {
    "instance_name": "instance_name",
    "main_problem": "main_problem",
    "territories": "territories",
    "institutions": "institutions",
    "products": "products",
}
"""Editable III.2 header fields, columns (2)–(6)."""

PROGRESS_FIELDS = frozenset({"objective_text", "progress", "authority_measures", "recommendations", "responsible"})
"""Editable III.4 fields: the objective as written and columns (2)–(5)."""


class ProgrammeService:
    """Use cases over the programmes of one database.

    Args:
        db: the open database.
    """

    def __init__(self, db: Database) -> None:
        self.db = db

    # -- reads ---------------------------------------------------------------------------
    def is_empty(self) -> bool:
        """True when no region has any data yet."""
        with self.db.reading() as session:
            return not queries.years_with_data(session)

    def available(self) -> list[queries.Available]:
        """Regions and years with data, for the navigator."""
        with self.db.reading() as session:
            return queries.available(session)

    def programme(self, region: Region, year: int, form: FormKind) -> Programme:
        """The programme of ``form`` (III.1–III.3) for ``region`` and ``year``.

        Raises:
            db.queries.NotFoundError: not in the database.
        """
        with self.db.reading() as session:
            return queries.programme(session, region, year, form)

    def programmes(self, region: Region, year: int) -> list[Programme]:
        """All programmes of a region and year (III.1, III.2, III.3 order)."""
        with self.db.reading() as session:
            return queries.programmes(session, region, year)

    def progress(self, region: Region, year: int, quarter: int, *, include_blank: bool = True) -> ProgressReport:
        """III.4 for a quarter (see :func:`db.queries.progress_report`)."""
        quarter_label(quarter)
        with self.db.reading() as session:
            return queries.progress_report(session, region, year, quarter, include_blank=include_blank)

    def read_only_reason(self, region: Region) -> str | None:
        """Why ``region``'s records cannot be edited here (Spanish), or None when they can: at
        the central office, a region that sends sync bundles (:mod:`desktop.services.ownership`)."""
        return ownership.read_only_reason(self.db, region)

    @staticmethod
    def score(programme: Programme, today: dt.date | None = None) -> ProgrammeScore:
        """Score ``programme`` with the rules of :mod:`desktop.domain.scoring`."""
        return score_programme(programme, today)

    # -- edits ---------------------------------------------------------------------------
    def set_objective_field(self, objective_id: uuid.UUID, field: str, value: str) -> None:
        """Set column (2), (3) or (4) of an objective.

        Raises:
            EditError: unknown field or objective.
        """
        if field not in OBJECTIVE_FIELDS:
            raise EditError(f"El campo «{field}» del objetivo no se puede editar.")
        with self.db.transaction() as session:
            row = session.get(ObjectiveRow, objective_id)
            if row is None:
                raise EditError("El objetivo ya no existe.")
            ownership.check_record(session, ObjectiveRow, objective_id)
            setattr(row, field, _text(value))

    def set_commitment_field(self, commitment_id: uuid.UUID, field: str, value: Any) -> None:
        """Set one of columns (5)–(9) of a commitment.

        Args:
            field: "kind" ("activity"/"goal"), "description", "responsible_unit",
                "verification_means", "weight_text" (as written; the Decimal is derived from it)
                or "met" (True, False or None).

        Raises:
            EditError: unknown field or commitment, or a value of the wrong type.
        """
        if field not in COMMITMENT_FIELDS:
            raise EditError(f"El campo «{field}» no se puede editar.")
        with self.db.transaction() as session:
            row = session.get(CommitmentRow, commitment_id)
            if row is None:
                raise EditError("La actividad ya no existe.")
            ownership.check_record(session, CommitmentRow, commitment_id)
            if field == "met":
                if value is not None and not isinstance(value, bool):
                    raise EditError("«Cumple/no cumple» debe ser Sí, No o vacío.")
                row.met = value
            elif field == "kind":
                try:
                    row.kind = CommitmentKind(value).value
                except ValueError as exc:
                    raise EditError("El tipo debe ser «actividad» o «meta anual».") from exc
            elif field == "weight_text":
                text = _text(value)
                row.weight_text = text
                row.weight = parse_weight(text).total
            else:
                setattr(row, field, _text(value))

    def set_instance_field(self, programme_id: uuid.UUID, field: str, value: str) -> None:
        """Set one of III.2's header fields (2)–(6).

        Raises:
            EditError: unknown field, or the programme is not a III.2.
        """
        if field not in INSTANCE_FIELDS:
            raise EditError(f"El campo «{field}» no se puede editar.")
        with self.db.transaction() as session:
            row = session.get(WorkProgramme, programme_id)
            if row is None or row.form != FormKind.III_2.value:
                raise EditError("Sólo el formulario III.2 tiene identificación de la instancia.")
            ownership.check_record(session, WorkProgramme, programme_id)
            setattr(row, INSTANCE_FIELDS[field], _text(value))

    def set_progress_field(self, objective_id: uuid.UUID, quarter: int, field: str, value: str) -> uuid.UUID:
        """Set a III.4 cell for an objective and quarter, creating the row if it is new.

        Returns:
            The id of the III.4 row.

        Raises:
            EditError: unknown field, objective or quarter.
        """
        if field not in PROGRESS_FIELDS:
            raise EditError(f"El campo «{field}» no se puede editar.")
        if quarter not in (1, 2, 3, 4):
            raise EditError(f"Trimestre inválido: {quarter}.")
        with self.db.transaction() as session:
            objective = session.get(ObjectiveRow, objective_id)
            if objective is None:
                raise EditError("El objetivo ya no existe.")
            ownership.check_record(session, ObjectiveRow, objective_id)
            row = session.scalar(
                select(ProgressAnalysis).where(
                    ProgressAnalysis.objective_id == objective_id, ProgressAnalysis.quarter == quarter
                )
            )
            if row is None:
                row = ProgressAnalysis(objective_id=objective_id, quarter=quarter, objective_text=objective.text)
                session.add(row)
            setattr(row, field, _text(value))
            session.flush()
            return row.id

    # -- structure: rows and years (desktop.services.structure) --------------------------------
    def add_objective(self, programme_id: uuid.UUID, *, index: int | None = None, section: str | None = None) -> Change:
        """Add an empty specific objective (see :func:`desktop.services.structure.add_objective`)."""
        return structure.add_objective(self.db, programme_id, index=index, section=section)

    def add_commitment(self, objective_id: uuid.UUID, *, index: int | None = None,
                       kind: CommitmentKind = CommitmentKind.ACTIVITY) -> Change:
        """Add an empty activity or annual goal (see :func:`desktop.services.structure.add_commitment`)."""
        return structure.add_commitment(self.db, objective_id, index=index, kind=kind)

    def removal(self, table: str, record_id: uuid.UUID) -> Removal:
        """What deleting an objective or activity would take with it (nothing changes)."""
        return structure.removal(self.db, table, record_id)

    def delete_objective(self, objective_id: uuid.UUID) -> Change:
        """Delete an objective with its activities, III.4 rows and evidence records."""
        return structure.delete_objective(self.db, objective_id)

    def delete_commitment(self, commitment_id: uuid.UUID) -> Change:
        """Delete an activity or annual goal with its evidence records."""
        return structure.delete_commitment(self.db, commitment_id)

    def move_objective(self, objective_id: uuid.UUID, step: int) -> Change:
        """Move an objective one place up (-1) or down (+1)."""
        return structure.move_objective(self.db, objective_id, step)

    def move_commitment(self, commitment_id: uuid.UUID, step: int) -> Change:
        """Move an activity one place up (-1) or down (+1) within its objective."""
        return structure.move_commitment(self.db, commitment_id, step)

    def earlier_year(self, region: Region, year: int) -> int | None:
        """The region's latest reporting year before ``year``, or None."""
        return structure.earlier_year(self.db, region, year)

    def create_year(self, region: Region, year: int, carry: CarryOver = CarryOver.NOTHING) -> Change:
        """Start a reporting year with its three programmes (see :func:`desktop.services.structure.create_year`)."""
        return structure.create_year(self.db, region, year, carry)

    def revert(self, change: Change) -> None:
        """Undo a structural change: the rows it touched back exactly as they were."""
        structure.revert(self.db, change)

    def reapply(self, change: Change) -> None:
        """Redo a structural change."""
        structure.reapply(self.db, change)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise EditError("Se esperaba un texto.")
    return value
