"""Reading and editing the work programmes: what the window calls.

Each edit is one transaction; a bad value raises :class:`EditError` (Spanish) and changes
nothing. Reads return immutable domain records.
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
from desktop.domain.weights import parse_weight
from desktop.errors import EditError

__all__ = ["COMMITMENT_FIELDS", "INSTANCE_FIELDS", "OBJECTIVE_FIELDS", "PROGRESS_FIELDS", "EditError", "ProgrammeService"]

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


def _text(value: Any) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise EditError("Se esperaba un texto.")
    return value
