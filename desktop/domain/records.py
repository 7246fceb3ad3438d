"""Plain, immutable records of the forms' content: what views, forms and rules read.

The database (``db/``) stores them; services turn rows into these records so that rules,
the PDF writer and the table models never touch SQL. Field docstrings give the official
Spanish term and the column number of seed 001's forms.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from desktop.domain.forms import FormKind
from desktop.domain.regions import Region
from desktop.domain.weights import ParsedWeight, parse_weight


class CommitmentKind(StrEnum):
    """Column (5) "Meta anual o actividades comprometidas": an annual goal or an activity.

    Source: seed 001, III.1 note (5).
    """

    ACTIVITY = "activity"
    GOAL = "goal"

    @property
    def label(self) -> str:
        """Spanish label: "Actividad" or "Meta anual"."""
        return "Actividad" if self is CommitmentKind.ACTIVITY else "Meta anual"


@dataclass(frozen=True, slots=True)
class Commitment:
    """One row of the control table: an annual goal or activity(ies) as written.

    Attributes:
        id: stable UUID.
        position: order within the objective, from 0.
        kind: goal or activity, column (5).
        description: "Meta anual o actividades comprometidas", III.1 column (5).
        responsible_unit: "Unidad Responsable", III.1 column (6).
        verification_means: "Medio de verificación", III.1 column (7).
        weight_text: "Ponderación (%)" as written, III.1 column (8) ("0.5%  0.5%").
        met: "Cumple/no cumple", III.1 column (9): True "sí", False "no", None not yet set.
    """

    id: uuid.UUID
    position: int
    kind: CommitmentKind
    description: str
    responsible_unit: str
    verification_means: str
    weight_text: str
    met: bool | None

    @property
    def parsed_weight(self) -> ParsedWeight:
        """The weight cell read by :func:`desktop.domain.weights.parse_weight`."""
        return parse_weight(self.weight_text)

    @property
    def weight(self) -> Decimal | None:
        """The weight in percent (sum of the values in the cell), None if empty or unreadable."""
        return self.parsed_weight.total

    @property
    def activity_count(self) -> int:
        """How many activities this row holds, at least 1: the larger of the weights written in
        the cell and the non-empty lines of column (5).

        The Tarapacá form writes two activities in one row as "0.5%  0.5%" (seed 001, III.1),
        and III.3 lists two activities in one cell with no weight.
        """
        lines = sum(1 for line in self.description.splitlines() if line.strip())
        return max(1, len(self.parsed_weight.values), lines)


@dataclass(frozen=True, slots=True)
class Objective:
    """A specific objective with its indicator and its commitments.

    Attributes:
        id: stable UUID.
        position: order within the programme (or within its III.3 section), from 0.
        text: "Objetivos específicos", III.1 column (2) (III.2 (7)); carried from Etapa 2.
        indicator: "Indicador", III.1 column (3) (III.2 (8)).
        indicator_result: "Resultado anual del indicador", III.1 column (4) (III.2 (9)).
        section: III.3 section code, "11", "12" or "13"; None on III.1 and III.2.
        commitments: its rows, in order.
    """

    id: uuid.UUID
    position: int
    text: str
    indicator: str
    indicator_result: str
    section: str | None = None
    commitments: tuple[Commitment, ...] = ()


@dataclass(frozen=True, slots=True)
class ComplementarityInstance:
    """III.2's instance header, columns (2)–(6) (seed 001, Actividad III.2).

    Attributes:
        name: "Identificación de la instancia" (2).
        main_problem: "Principal problema a resolver el año" (3).
        territories: "Territorio(s) en el/ los que opera" (4).
        institutions: "Instituciones participantes" (5).
        products: "Productos o subproductos" (6).
    """

    name: str = ""
    main_problem: str = ""
    territories: str = ""
    institutions: str = ""
    products: str = ""


@dataclass(frozen=True, slots=True)
class Programme:
    """A work programme of one region and year: the content of form III.1, III.2 or III.3.

    Attributes:
        id: stable UUID.
        form: which form.
        region: the region, column (1).
        year: the reporting year (the seed's 2009).
        responsible_office: the regional office that commits it, note (1) ("Dirección Regional").
        instance: III.2's header; None on III.1 and III.3.
        objectives: in print order (III.3: by section, then position).
    """

    id: uuid.UUID
    form: FormKind
    region: Region
    year: int
    responsible_office: str = ""
    instance: ComplementarityInstance | None = None
    objectives: tuple[Objective, ...] = ()

    @property
    def commitments(self) -> tuple[Commitment, ...]:
        """Every commitment of the programme, in print order."""
        return tuple(c for o in self.objectives for c in o.commitments)


@dataclass(frozen=True, slots=True)
class ProgressEntry:
    """One row of III.4, "Análisis del avance", for one objective and quarter.

    Attributes:
        id: stable UUID.
        objective_id: the objective analysed.
        form: the objective's programme (column "Programa de Trabajo").
        objective_text: the objective as written on III.4 (may differ from III.1's wording).
        progress: "Avance efectivo en la implementación de las actividades", III.4 column (2).
        authority_measures: "Avance en la implementación de las medidas de la autoridad", (3).
        recommendations: "Recomendaciones y compromisos para superar dificultades", (4).
        responsible: "Responsable", (5).
    """

    id: uuid.UUID
    objective_id: uuid.UUID
    form: FormKind
    objective_text: str
    progress: str = ""
    authority_measures: str = ""
    recommendations: str = ""
    responsible: str = ""


@dataclass(frozen=True, slots=True)
class ProgressReport:
    """III.4 of one region, year and quarter.

    Attributes:
        region: column (1).
        year: reporting year.
        quarter: 1–4 (T1–T4), the measurement date "a la fecha".
        responsible_office: note (1) ("DIRECCION REGIONAL").
        entries: rows in print order (III.1 objectives, then III.2, then III.3).
    """

    region: Region
    year: int
    quarter: int
    responsible_office: str = ""
    entries: tuple[ProgressEntry, ...] = field(default=())


QUARTERS: tuple[int, ...] = (1, 2, 3, 4)


def quarter_label(quarter: int) -> str:
    """"T1" … "T4".

    Raises:
        ValueError: quarter outside 1–4 (Spanish message).
    """
    if quarter not in QUARTERS:
        raise ValueError(f"Trimestre inválido: {quarter}. Use 1, 2, 3 o 4 (T1–T4).")
    return f"T{quarter}"
