"""A generated national data set, for benchmarks and tests of scale.

16 regions × 3 programmes × N objectives × M activities (the benchmark uses 40 × 3), with
deterministic texts, weights that add up to 100 % per programme and a deterministic mix of
met and unmet activities. It is plainly synthetic: every text starts with "Objetivo generado".
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass
from decimal import Decimal

from db.engine import Database
from db.models import CommitmentRow, ObjectiveRow, ProgressAnalysis, ReportingYear, WorkProgramme
from db.queries import NotFoundError, get_or_create_service, region_row, reporting_year
from desktop.domain.forms import PROGRAMME_FORMS, FormKind
from desktop.domain.regions import REGIONS, Region


@dataclass(frozen=True, slots=True)
class GeneratedSize:
    """How much was generated: regions, programmes, objectives, commitments, III.4 rows."""

    regions: int
    programmes: int
    objectives: int
    commitments: int
    progress_entries: int


GENERATED_NAMESPACE = uuid.UUID("5b0e4c7a-2f1d-5a8e-9c3b-7d6e1f0a2b4c")
"""The namespace of generated objective ids (:func:`objective_id`)."""


def objective_id(year: int, region: Region, form: FormKind, position: int) -> uuid.UUID:
    """The id of a generated objective, the same every run and never reused in one database.

    ``uuid5`` over year, region, form and position: a database holds one reporting year per
    region and year, so another year, another region or another size never collides (the ids
    once came from the random seed and a second year failed with an IntegrityError); the seed
    only drives the results. Commitments and III.4 rows take random ``uuid4`` ids.

    Args:
        year: reporting year.
        region: the region.
        form: the programme's form (III.1–III.3).
        position: the objective's position in its programme, from 0.

    Returns:
        The objective's id.
    """
    return uuid.uuid5(GENERATED_NAMESPACE, f"{year}/{region.iso_code}/{form.value}/{position}")


def _weights(count: int) -> list[Decimal]:
    """``count`` weights in percent, two decimals, adding up to exactly 100."""
    base = (Decimal(100) / count).quantize(Decimal("0.01"), rounding="ROUND_DOWN")
    weights = [base] * count
    weights[-1] += Decimal(100) - base * count
    return weights


def generate_national(
    db: Database,
    year: int,
    *,
    regions: tuple[Region, ...] = REGIONS,
    objectives: int = 40,
    activities: int = 3,
    met_ratio: float = 0.92,
    seed: int = 2009,
) -> GeneratedSize:
    """Generate programmes III.1–III.3 and a T2 III.4 for every region, in one transaction.

    Args:
        db: the open database.
        year: reporting year; a region that already has it is refused.
        regions: which regions (default all 16).
        objectives: objectives per programme.
        activities: activity rows per objective.
        met_ratio: share of activities marked met (the rest "no").
        seed: random seed of the results (indicator results, met or not), so two runs give the
            same data; the objective ids come from :func:`objective_id`.

    Returns:
        The :class:`GeneratedSize`.

    Raises:
        ValueError: a region already has data for ``year`` (Spanish message; nothing is written).
    """
    rng = random.Random(seed)
    n_obj = n_com = n_prog = 0
    with db.transaction() as session:
        service = get_or_create_service(session, "Servicio Nacional de la Mujer", "SERNAM")
        for region in regions:
            if reporting_year(session, region, year) is not None:
                raise ValueError(f"{region.name} ya tiene datos del año {year}: no se generó nada. Genere otro año "
                                 "(--year) o use otra base de datos (--db).")
            ry = ReportingYear(service=service, region=region_row(session, region), year=year,
                               responsible_office="Dirección Regional")
            session.add(ry)
            for form in PROGRAMME_FORMS:
                programme = WorkProgramme(reporting_year=ry, form=form.value)
                if form is FormKind.III_2:
                    programme.instance_name = f"Comisión Regional PRIO {region.name}"
                    programme.main_problem = "Problema territorial generado para pruebas de escala."
                    programme.territories = region.official_name
                    programme.institutions = "Seremías de Educación, Salud y Trabajo"
                    programme.products = "Coordinación intersectorial"
                weights = _weights(objectives * activities)
                for o in range(objectives):
                    section = ("11", "12", "13")[o % 3] if form is FormKind.III_3 else None
                    rng.getrandbits(128)  # the draw the id once took: the same seed keeps the same results
                    objective = ObjectiveRow(
                        id=objective_id(year, region, form, o),
                        position=o,
                        section=section,
                        text=f"Objetivo generado {o + 1} de {region.name}: fortalecer la coordinación territorial "
                        f"con los servicios públicos de la región en materias de género ({form.value}).",
                        indicator=f"Nº de actividades realizadas respecto de lo programado (objetivo {o + 1})",
                        indicator_result=f"{rng.randint(1, 40)} actividades",
                    )
                    for a in range(activities):
                        weight = weights[o * activities + a]
                        objective.commitments.append(
                            CommitmentRow(
                                position=a,
                                kind="activity",
                                description=f"Actividad {a + 1}: realizar reuniones de coordinación y asesoría "
                                f"técnica con las contrapartes regionales.",
                                responsible_unit="Profesional de apoyo",
                                verification_means="Actas de reuniones",
                                weight_text=f"{weight}%",
                                weight=weight,
                                met=rng.random() < met_ratio,
                            )
                        )
                        n_com += 1
                    programme.objectives.append(objective)
                    n_obj += 1
                    session.add(
                        ProgressAnalysis(
                            objective=objective,
                            quarter=2,
                            objective_text=objective.text,
                            progress="Avance generado: actividades en ejecución según lo programado.",
                            authority_measures="Sin medida asociada.",
                            recommendations="Mantener la coordinación.",
                            responsible="Dirección Regional",
                        )
                    )
                    n_prog += 1
                session.add(programme)
    return GeneratedSize(len(regions), len(regions) * len(PROGRAMME_FORMS), n_obj, n_com, n_prog)


__all__ = ["GeneratedSize", "NotFoundError", "generate_national", "objective_id"]
