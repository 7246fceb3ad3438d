"""Queries: read the store into domain records, and the small writes the services make.

Every function takes an open :class:`~sqlalchemy.orm.Session`; the caller (a service) owns the
transaction. Reads return immutable records from :mod:`desktop.domain.records`.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from db.models import (
    CommitmentRow,
    ObjectiveRow,
    ProgressAnalysis,
    RegionRow,
    ReportingYear,
    Service,
    WorkProgramme,
)
from desktop.domain.forms import PROGRAMME_FORMS, FormKind
from desktop.errors import NotFoundError
from desktop.domain.records import (
    Commitment,
    CommitmentKind,
    ComplementarityInstance,
    Objective,
    ProgressEntry,
    ProgressReport,
    Programme,
)
from desktop.domain.regions import Region, find_region


@dataclass(frozen=True, slots=True)
class Available:
    """A region and year with data, for the navigator.

    Attributes:
        region: the region.
        year: the reporting year.
        forms: the programme forms present (III.1–III.3).
        quarters: quarters with at least one III.4 row.
    """

    region: Region
    year: int
    forms: tuple[FormKind, ...]
    quarters: tuple[int, ...]


def region_row(session: Session, region: Region) -> RegionRow:
    """The stored row of ``region`` (the 16 are seeded by the first migration)."""
    row = session.scalar(select(RegionRow).where(RegionRow.iso_code == region.iso_code))
    if row is None:  # pragma: no cover - seeded by migration 0001
        raise NotFoundError(f"La región {region.name} no está en la base de datos.")
    return row


SERVICE_NAMESPACE = uuid.UUID("5e2d7c1a-4b8f-4f0e-8d3a-1c9b7e6f5a02")


def get_or_create_service(session: Session, name: str, acronym: str) -> Service:
    """The service with ``acronym``, created if missing."""
    service = session.scalar(select(Service).where(Service.acronym == acronym))
    if service is None:
        # The same service gets the same id on every installation (sync bundles rely on it).
        service = Service(id=uuid.uuid5(SERVICE_NAMESPACE, acronym.upper()), name=name, acronym=acronym)
        session.add(service)
        session.flush()
    return service


def reporting_year(session: Session, region: Region, year: int) -> ReportingYear | None:
    """The reporting year of ``region`` and ``year`` (any service), or None."""
    return session.scalar(
        select(ReportingYear)
        .join(RegionRow, ReportingYear.region_id == RegionRow.id)
        .where(RegionRow.iso_code == region.iso_code, ReportingYear.year == year)
    )


def require_reporting_year(session: Session, region: Region, year: int) -> ReportingYear:
    """Like :func:`reporting_year`, raising :class:`NotFoundError` with a Spanish message."""
    found = reporting_year(session, region, year)
    if found is None:
        raise NotFoundError(f"No hay datos de {region.name} ({region.iso_code}) para el año {year}.")
    return found


def available(session: Session) -> list[Available]:
    """Every region and year with data, ordered by CUT number then year."""
    years = session.scalars(
        select(ReportingYear).options(selectinload(ReportingYear.region), selectinload(ReportingYear.programmes))
    ).all()
    result = []
    for ry in years:
        quarters = session.scalars(
            select(ProgressAnalysis.quarter)
            .join(ObjectiveRow)
            .join(WorkProgramme)
            .where(WorkProgramme.reporting_year_id == ry.id)
            .distinct()
        ).all()
        forms = tuple(sorted((FormKind(p.form) for p in ry.programmes), key=PROGRAMME_FORMS.index))
        result.append(Available(find_region(ry.region.iso_code), ry.year, forms, tuple(sorted(quarters))))
    return sorted(result, key=lambda a: (a.region.cut, a.year))


def years_with_data(session: Session) -> list[int]:
    """Reporting years present in the database, ascending."""
    return sorted(set(session.scalars(select(ReportingYear.year)).all()))


def _commitment(row: CommitmentRow) -> Commitment:
    return Commitment(
        id=row.id,
        position=row.position,
        kind=CommitmentKind(row.kind),
        description=row.description,
        responsible_unit=row.responsible_unit,
        verification_means=row.verification_means,
        weight_text=row.weight_text,
        met=row.met,
    )


def _objective(row: ObjectiveRow) -> Objective:
    return Objective(
        id=row.id,
        position=row.position,
        text=row.text,
        indicator=row.indicator,
        indicator_result=row.indicator_result,
        section=row.section,
        commitments=tuple(_commitment(c) for c in row.commitments),
    )


def _objective_order(o: ObjectiveRow) -> tuple[str, int]:
    return (o.section or "", o.position)


def programme_record(row: WorkProgramme) -> Programme:
    """Convert a loaded :class:`WorkProgramme` row (with objectives) to a domain record."""
    form = FormKind(row.form)
    instance = None
    if form is FormKind.III_2:
        instance = ComplementarityInstance(
            row.instance_name, row.main_problem, row.territories, row.institutions, row.products
        )
    return Programme(
        id=row.id,
        form=form,
        region=find_region(row.reporting_year.region.iso_code),
        year=row.reporting_year.year,
        responsible_office=row.responsible_office or row.reporting_year.responsible_office,
        instance=instance,
        objectives=tuple(_objective(o) for o in sorted(row.objectives, key=_objective_order)),
    )


_PROGRAMME_LOAD = (
    selectinload(WorkProgramme.objectives).selectinload(ObjectiveRow.commitments),
    selectinload(WorkProgramme.reporting_year).selectinload(ReportingYear.region),
)


def weights_and_compliance(session: Session, year: int, form: FormKind) -> dict[str, list[tuple[Decimal | None, bool | None]]]:
    """(stored weight, met) of every commitment of ``form`` in ``year``, by region ISO code.

    Every region that committed the programme appears, even one with no commitment rows.
    """
    committed = session.execute(
        select(RegionRow.iso_code)
        .join(ReportingYear, ReportingYear.region_id == RegionRow.id)
        .join(WorkProgramme, WorkProgramme.reporting_year_id == ReportingYear.id)
        .where(ReportingYear.year == year, WorkProgramme.form == form.value)
    ).scalars()
    result: dict[str, list[tuple[Decimal | None, bool | None]]] = {code: [] for code in committed}
    rows = session.execute(
        select(RegionRow.iso_code, CommitmentRow.weight, CommitmentRow.met)
        .join(ReportingYear, ReportingYear.region_id == RegionRow.id)
        .join(WorkProgramme, WorkProgramme.reporting_year_id == ReportingYear.id)
        .join(ObjectiveRow, ObjectiveRow.programme_id == WorkProgramme.id)
        .join(CommitmentRow, CommitmentRow.objective_id == ObjectiveRow.id)
        .where(ReportingYear.year == year, WorkProgramme.form == form.value)
    )
    for code, weight, met in rows:
        result[code].append((weight, met))
    return result


def programmes_of_year(session: Session, year: int) -> list[Programme]:
    """Every programme of every region for ``year``."""
    rows = session.scalars(
        select(WorkProgramme)
        .join(ReportingYear)
        .where(ReportingYear.year == year)
        .options(*_PROGRAMME_LOAD)
    ).all()
    return [programme_record(r) for r in rows]


def programme(session: Session, region: Region, year: int, form: FormKind) -> Programme:
    """The programme of ``form`` for ``region`` and ``year``.

    Raises:
        NotFoundError: no data for that region and year, or that form is missing.
    """
    ry = require_reporting_year(session, region, year)
    row = session.scalar(
        select(WorkProgramme)
        .where(WorkProgramme.reporting_year_id == ry.id, WorkProgramme.form == form.value)
        .options(*_PROGRAMME_LOAD)
    )
    if row is None:
        raise NotFoundError(f"{region.name} no tiene el formulario {form.value} del año {year}.")
    return programme_record(row)


def programmes(session: Session, region: Region, year: int) -> list[Programme]:
    """Every programme of ``region`` and ``year``, in form order (III.1, III.2, III.3).

    Raises:
        NotFoundError: no data for that region and year.
    """
    ry = require_reporting_year(session, region, year)
    rows = session.scalars(
        select(WorkProgramme).where(WorkProgramme.reporting_year_id == ry.id).options(*_PROGRAMME_LOAD)
    ).all()
    return sorted((programme_record(r) for r in rows), key=lambda p: PROGRAMME_FORMS.index(p.form))


def _report(
    region: Region,
    year: int,
    quarter: int,
    office: str,
    progs: list[Programme],
    written: dict[uuid.UUID, ProgressAnalysis],
    include_blank: bool,
) -> ProgressReport:
    """III.4 rows in programme and objective order; the objective as III.4 wrote it, or else
    as the programme does (seed 001, III.4)."""
    entries = []
    for p in progs:
        for o in p.objectives:
            a = written.get(o.id)
            if a is not None:
                entries.append(
                    ProgressEntry(
                        a.id, o.id, p.form, a.objective_text or o.text, a.progress,
                        a.authority_measures, a.recommendations, a.responsible,
                    )
                )
            elif include_blank:
                entries.append(ProgressEntry(uuid.uuid4(), o.id, p.form, o.text))
    return ProgressReport(region, year, quarter, office, tuple(entries))


def progress_report(
    session: Session, region: Region, year: int, quarter: int, *, include_blank: bool = True
) -> ProgressReport:
    """III.4 of ``region``, ``year`` and ``quarter``.

    Args:
        include_blank: one entry for every objective (an empty one where nothing is written
            yet, with a fresh id and the programme's objective text), as the editor shows it.
            With False only the rows written for that quarter, as the printed form shows them.

    Raises:
        NotFoundError: no data for that region and year.
    """
    ry = require_reporting_year(session, region, year)
    progs = programmes(session, region, year)
    objective_ids = [o.id for p in progs for o in p.objectives]
    written = {
        a.objective_id: a
        for a in session.scalars(
            select(ProgressAnalysis).where(
                ProgressAnalysis.objective_id.in_(objective_ids), ProgressAnalysis.quarter == quarter
            )
        )
    }
    return _report(region, year, quarter, ry.responsible_office, progs, written, include_blank)


def progress_reports_of_year(
    session: Session, year: int, progs_by_region: dict[Region, list[Programme]], quarters: dict[Region, int]
) -> dict[Region, ProgressReport]:
    """The printed III.4 (written rows only) of every region of ``year`` at its quarter, with
    two queries for the whole nation; each equals ``progress_report(..., include_blank=False)``.

    Args:
        progs_by_region: each region's programmes, already loaded, in form order.
        quarters: the quarter to print per region (default 1).
    """
    offices = dict(
        session.execute(
            select(RegionRow.iso_code, ReportingYear.responsible_office)
            .join(ReportingYear, ReportingYear.region_id == RegionRow.id)
            .where(ReportingYear.year == year)
        ).all()
    )
    written: dict[tuple[uuid.UUID, int], ProgressAnalysis] = {
        (a.objective_id, a.quarter): a
        for a in session.scalars(
            select(ProgressAnalysis)
            .join(ObjectiveRow, ProgressAnalysis.objective_id == ObjectiveRow.id)
            .join(WorkProgramme, ObjectiveRow.programme_id == WorkProgramme.id)
            .join(ReportingYear, WorkProgramme.reporting_year_id == ReportingYear.id)
            .where(ReportingYear.year == year)
        )
    }
    reports = {}
    for region, progs in progs_by_region.items():
        quarter = quarters.get(region, 1)
        of_quarter = {objective_id: a for (objective_id, q), a in written.items() if q == quarter}
        reports[region] = _report(region, year, quarter, offices.get(region.iso_code, ""), progs, of_quarter, False)
    return reports


def service_name(session: Session) -> str:
    """"Name (ACRONYM)" of the reporting service, or "" when none is stored yet."""
    service = session.scalar(select(Service).order_by(Service.created_at).limit(1))
    return f"{service.name} ({service.acronym})" if service else ""
