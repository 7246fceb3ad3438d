"""The example data set: seed 001 (Tarapacá 2009) transcribed in ``resources/examples``.

:func:`read_example` turns the data file into domain records (no database); :func:`load_example`
stores them in one transaction. Record ids are UUIDv5 derived from the file's keys, so every
installation that loads the example gives each record the same id.

The window loads the example on an empty database, except at the central office, whose data
are what the regions send, and at a regional office of another region (:func:`wants_example`);
setting up an installation as one of those removes it when it is untouched
(:func:`remove_example_in`), and ``avance example remove`` does it by hand. Records that went out or came in through a sync bundle are
never removed.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from db.engine import Database
from db.models import (
    CommitmentRow,
    Evidence,
    Installation,
    ObjectiveRow,
    Observation,
    ProgrammeReview,
    ProgressAnalysis,
    ReportingYear,
    SyncRecord,
    WorkProgramme,
)
from db.queries import get_or_create_service, region_row, reporting_year
from desktop.domain.forms import FormKind
from desktop.domain.records import (
    Commitment,
    CommitmentKind,
    ComplementarityInstance,
    Objective,
    ProgressEntry,
    ProgressReport,
    Programme,
)
from desktop.domain.regions import UnknownRegionError, find_region
from desktop.errors import EditError

FORMAT = "avance-example"
FORMAT_VERSION = 1
EXAMPLE_NAMESPACE = uuid.UUID("2b9f7a52-0c4e-4c1e-9a57-5d0f3e8b6a11")


class ExampleFormatError(ValueError):
    """The example file is not in the documented format; the message says where (Spanish)."""


@dataclass(frozen=True, slots=True)
class ExampleData:
    """One region and year of example data, as domain records.

    Attributes:
        service_name: "Servicio Nacional de la Mujer".
        service_acronym: "SERNAM".
        responsible_office: the regional office named on III.4's header.
        programmes: III.1, III.2, III.3.
        progress: the III.4 reports (one per quarter written).
    """

    service_name: str
    service_acronym: str
    responsible_office: str
    programmes: tuple[Programme, ...]
    progress: tuple[ProgressReport, ...]


def example_path() -> Path:
    """The Tarapacá 2009 data file shipped in ``resources/examples``."""
    return Path(str(resources.files("resources") / "examples" / "tarapaca_2009.json"))


def _get(obj: Any, key: str, kind: type | tuple[type, ...], where: str) -> Any:
    if not isinstance(obj, dict) or key not in obj:
        raise ExampleFormatError(f"{where}: falta el campo «{key}».")
    value = obj[key]
    if not isinstance(value, kind) or isinstance(value, bool) and bool not in (kind if isinstance(kind, tuple) else (kind,)):
        raise ExampleFormatError(f"{where}.{key}: tipo inválido ({type(value).__name__}).")
    return value


def _id(*parts: object) -> uuid.UUID:
    return uuid.uuid5(EXAMPLE_NAMESPACE, "/".join(str(p) for p in parts))


def read_example(path: Path | None = None) -> ExampleData:
    """Read an example data file into domain records.

    Args:
        path: the JSON file; defaults to :func:`example_path`.

    Returns:
        The :class:`ExampleData`.

    Raises:
        ExampleFormatError: unreadable JSON, wrong format or version, a missing or mistyped
            field, an unknown region or form, or a III.4 row naming an unknown objective. The
            message names the file and the place ("programmes[0].objectives[3].text").
    """
    path = path or example_path()
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ExampleFormatError(f"{path}: no se pudo leer el archivo de ejemplo ({exc}).") from exc
    where = path.name if isinstance(path, Path) else str(path)
    if _get(data, "format", str, where) != FORMAT or _get(data, "format_version", int, where) != FORMAT_VERSION:
        raise ExampleFormatError(f"{where}: formato no reconocido (se espera {FORMAT} versión {FORMAT_VERSION}).")
    try:
        region = find_region(_get(data, "region", str, where))
    except UnknownRegionError as exc:
        raise ExampleFormatError(f"{where}.region: {exc}") from exc
    year = _get(data, "year", int, where)
    service = _get(data, "service", dict, where)
    base = (region.iso_code, year)

    objective_ids: dict[str, tuple[uuid.UUID, FormKind, str]] = {}
    programmes = []
    for p_index, p in enumerate(_get(data, "programmes", list, where)):
        pw = f"{where}.programmes[{p_index}]"
        try:
            form = FormKind.parse(_get(p, "form", str, pw))
        except ValueError as exc:
            raise ExampleFormatError(f"{pw}.form: {exc}") from exc
        instance = None
        if p.get("instance") is not None:
            i = _get(p, "instance", dict, pw)
            iw = f"{pw}.instance"
            instance = ComplementarityInstance(
                *(_get(i, k, str, iw) for k in ("name", "main_problem", "territories", "institutions", "products"))
            )
        objectives = []
        for o_index, o in enumerate(_get(p, "objectives", list, pw)):
            ow = f"{pw}.objectives[{o_index}]"
            key = _get(o, "key", str, ow)
            if key in objective_ids:
                raise ExampleFormatError(f"{ow}.key: clave repetida «{key}».")
            commitments = []
            for c_index, c in enumerate(_get(o, "commitments", list, ow)):
                cw = f"{ow}.commitments[{c_index}]"
                met = c.get("met") if isinstance(c, dict) else None
                if met is not None and not isinstance(met, bool):
                    raise ExampleFormatError(f"{cw}.met: debe ser true, false o null.")
                try:
                    kind = CommitmentKind(_get(c, "kind", str, cw))
                except ValueError as exc:
                    raise ExampleFormatError(f"{cw}.kind: use «activity» o «goal».") from exc
                commitments.append(
                    Commitment(
                        id=_id(*base, key, c_index),
                        position=c_index,
                        kind=kind,
                        description=_get(c, "description", str, cw),
                        responsible_unit=_get(c, "responsible_unit", str, cw),
                        verification_means=_get(c, "verification_means", str, cw),
                        weight_text=_get(c, "weight", str, cw),
                        met=met,
                    )
                )
            section = o.get("section")
            if section not in (None, "11", "12", "13"):
                raise ExampleFormatError(f"{ow}.section: use «11», «12», «13» o null.")
            objective = Objective(
                id=_id(*base, key),
                position=o_index,
                text=_get(o, "text", str, ow),
                indicator=_get(o, "indicator", str, ow),
                indicator_result=_get(o, "indicator_result", str, ow),
                section=section,
                commitments=tuple(commitments),
            )
            objective_ids[key] = (objective.id, form, objective.text)
            objectives.append(objective)
        programmes.append(
            Programme(
                id=_id(*base, form.value),
                form=form,
                region=region,
                year=year,
                responsible_office=_get(p, "responsible_office", str, pw),
                instance=instance,
                objectives=tuple(objectives),
            )
        )

    reports = []
    office = ""
    for r_index, r in enumerate(_get(data, "progress", list, where)):
        rw = f"{where}.progress[{r_index}]"
        quarter = _get(r, "quarter", int, rw)
        if quarter not in (1, 2, 3, 4):
            raise ExampleFormatError(f"{rw}.quarter: debe ser 1, 2, 3 o 4.")
        office = _get(r, "responsible_office", str, rw) or office
        entries = []
        for e_index, e in enumerate(_get(r, "entries", list, rw)):
            ew = f"{rw}.entries[{e_index}]"
            key = _get(e, "objective", str, ew)
            if key not in objective_ids:
                raise ExampleFormatError(f"{ew}.objective: el objetivo «{key}» no existe.")
            objective_id, form, _text = objective_ids[key]
            entries.append(
                ProgressEntry(
                    id=_id(*base, key, "T", quarter),
                    objective_id=objective_id,
                    form=form,
                    objective_text=_get(e, "objective_text", str, ew),
                    progress=_get(e, "progress", str, ew),
                    authority_measures=_get(e, "authority_measures", str, ew),
                    recommendations=_get(e, "recommendations", str, ew),
                    responsible=_get(e, "responsible", str, ew),
                )
            )
        reports.append(ProgressReport(region, year, quarter, office, tuple(entries)))
    return ExampleData(
        service_name=_get(service, "name", str, f"{where}.service"),
        service_acronym=_get(service, "acronym", str, f"{where}.service"),
        responsible_office=office,
        programmes=tuple(programmes),
        progress=tuple(reports),
    )


@dataclass(frozen=True, slots=True)
class LoadResult:
    """What :func:`load_example` did.

    Attributes:
        loaded: False when the region and year were already in the database (nothing changed).
        region_name: "Tarapacá".
        year: 2009.
        objectives: objectives stored.
        commitments: commitment rows stored.
        progress_entries: III.4 rows stored.
    """

    loaded: bool
    region_name: str
    year: int
    objectives: int = 0
    commitments: int = 0
    progress_entries: int = 0


def _example_rows(data: ExampleData, service_id: uuid.UUID, region_id: uuid.UUID
                  ) -> dict[tuple[str, uuid.UUID], tuple[type, dict[str, Any]]]:
    """Every row the example writes: (table, id) → (model, column values but the timestamps),
    parents first. The ids are :func:`_id` of the file's keys, so they are the same in every
    installation."""
    first = data.programmes[0]
    region, year = first.region, first.year
    year_id = _id(region.iso_code, year)
    rows: dict[tuple[str, uuid.UUID], tuple[type, dict[str, Any]]] = {
        ("reporting_year", year_id): (ReportingYear, {
            "id": year_id, "service_id": service_id, "region_id": region_id, "year": year,
            "responsible_office": data.responsible_office}),
    }
    later: list[tuple[tuple[str, uuid.UUID], tuple[type, dict[str, Any]]]] = []
    for p in data.programmes:
        instance = p.instance or ComplementarityInstance()
        rows[("work_programme", p.id)] = (WorkProgramme, {
            "id": p.id, "reporting_year_id": year_id, "form": p.form.value, "responsible_office": p.responsible_office,
            "instance_name": instance.name, "main_problem": instance.main_problem, "territories": instance.territories,
            "institutions": instance.institutions, "products": instance.products})
        for o in p.objectives:
            later.append((("objective", o.id), (ObjectiveRow, {
                "id": o.id, "programme_id": p.id, "position": o.position, "section": o.section, "text": o.text,
                "indicator": o.indicator, "indicator_result": o.indicator_result})))
    rows.update(later)
    for p in data.programmes:
        for o in p.objectives:
            for c in o.commitments:
                rows[("commitment", c.id)] = (CommitmentRow, {
                    "id": c.id, "objective_id": o.id, "position": c.position, "kind": c.kind.value,
                    "description": c.description, "responsible_unit": c.responsible_unit,
                    "verification_means": c.verification_means, "weight_text": c.weight_text, "weight": c.weight,
                    "met": c.met})
    for report in data.progress:
        for e in report.entries:
            rows[("progress_analysis", e.id)] = (ProgressAnalysis, {
                "id": e.id, "objective_id": e.objective_id, "quarter": report.quarter,
                "objective_text": e.objective_text, "progress": e.progress,
                "authority_measures": e.authority_measures, "recommendations": e.recommendations,
                "responsible": e.responsible})
    return rows


def store_example(db: Database, data: ExampleData) -> LoadResult:
    """Store ``data`` in one transaction; do nothing if its region and year are present.

    Returns:
        A :class:`LoadResult`.
    """
    first = data.programmes[0]
    region, year = first.region, first.year
    with db.transaction() as session:
        if reporting_year(session, region, year) is not None:
            return LoadResult(False, region.name, year)
        service = get_or_create_service(session, data.service_name, data.service_acronym)
        session.flush()
        rows = _example_rows(data, service.id, region_row(session, region).id)
        counts = {"objective": 0, "commitment": 0, "progress_analysis": 0}
        for table in ("reporting_year", "work_programme", "objective", "commitment", "progress_analysis"):
            for (name, _), (model, values) in rows.items():
                if name == table:
                    session.add(model(**values))
                    counts[name] = counts.get(name, 0) + 1
            session.flush()
    return LoadResult(True, region.name, year, counts["objective"], counts["commitment"], counts["progress_analysis"])


def load_example(db: Database, path: Path | None = None) -> LoadResult:
    """Load the example data set (seed 001, Tarapacá 2009) into ``db``.

    Args:
        db: the open database.
        path: another example file in the same format (tests use this).

    Returns:
        A :class:`LoadResult`; ``loaded`` is False when the data was already there.

    Raises:
        ExampleFormatError: the file is not valid (nothing is written).
    """
    return store_example(db, read_example(path))


# -- removing the example --------------------------------------------------------------------------

ABSENT, UNTOUCHED, EDITED, SYNCED = "ausente", "intacto", "modificado", "sincronizado"
"""What :func:`example_state` finds."""


@lru_cache(maxsize=1)
def example_ids() -> frozenset[tuple[str, uuid.UUID]]:
    """(table, id) of every record the shipped example writes (stable in every installation).

    Returns:
        The reporting year, programmes, objectives, commitments and III.4 rows of Tarapacá 2009.
    """
    nil = uuid.UUID(int=0)
    return frozenset(_example_rows(read_example(), nil, nil))


def example_state_in(session: Session) -> tuple[str, str]:
    """What became of the shipped example in this database (in an open session).

    Returns:
        (state, why): :data:`ABSENT` (its reporting year is not here), :data:`SYNCED` (one of its
        records went out or came in through a sync bundle: ``sync_record`` names it, so it is the
        region's data now), :data:`EDITED` (a record differs from the example, one is missing or
        added under it, a file is attached, or the central office observed or reviewed it) or
        :data:`UNTOUCHED`; ``why`` says it in Spanish ("" when untouched or absent).
    """
    data = read_example()
    ids = example_ids()
    year_id = next(i for t, i in ids if t == "reporting_year")
    year = session.get(ReportingYear, year_id)
    if year is None:
        return ABSENT, ""
    every = [i for _, i in ids]
    for part in range(0, len(every), 500):
        chunk = every[part : part + 500]
        if session.scalar(select(SyncRecord.id).where(SyncRecord.record_id.in_(chunk)).limit(1)) is not None:
            return SYNCED, "sus registros se enviaron o llegaron en un paquete de sincronización"
        if session.scalar(select(Observation.id).where(Observation.target_id.in_(chunk)).limit(1)) is not None \
                or session.scalar(select(ProgrammeReview.id).where(ProgrammeReview.programme_id.in_(chunk))
                                  .limit(1)) is not None:
            return EDITED, "la oficina central lo observó o revisó"
    expected = _example_rows(data, year.service_id, year.region_id)
    held: dict[tuple[str, uuid.UUID], Any] = {("reporting_year", year.id): year}
    programmes = session.scalars(select(WorkProgramme).where(WorkProgramme.reporting_year_id == year.id)).all()
    held.update((("work_programme", p.id), p) for p in programmes)
    objectives = session.scalars(select(ObjectiveRow).where(
        ObjectiveRow.programme_id.in_([p.id for p in programmes]))).all() if programmes else []
    held.update((("objective", o.id), o) for o in objectives)
    objective_ids = [o.id for o in objectives]
    commitments = session.scalars(select(CommitmentRow).where(
        CommitmentRow.objective_id.in_(objective_ids))).all() if objective_ids else []
    held.update((("commitment", c.id), c) for c in commitments)
    held.update((("progress_analysis", r.id), r) for r in (session.scalars(select(ProgressAnalysis).where(
        ProgressAnalysis.objective_id.in_(objective_ids))).all() if objective_ids else []))
    if commitments and session.scalar(select(Evidence.id).where(
            Evidence.commitment_id.in_([c.id for c in commitments])).limit(1)) is not None:
        return EDITED, "tiene medios de verificación adjuntos"
    if set(held) != set(expected):
        return EDITED, "se agregaron o eliminaron registros"
    for key, (_, values) in expected.items():
        row = held[key]
        if any(getattr(row, column) != value for column, value in values.items()):
            return EDITED, "se modificaron registros"
    return UNTOUCHED, ""


def example_state(db: Database) -> str:
    """:func:`example_state_in` in its own read, the state only."""
    with db.reading() as session:
        return example_state_in(session)[0]


@dataclass(frozen=True, slots=True)
class RemoveResult:
    """What :func:`remove_example` removed: the region and year, and how many records."""

    region_name: str
    year: int
    records: int


def remove_example_in(session: Session, *, edited: bool = False) -> RemoveResult:
    """Remove the shipped example (Tarapacá 2009) in an open transaction.

    Args:
        session: an open transaction.
        edited: remove it also when it was edited here (``avance example remove --edited``).
            Records that went out or came in through a sync bundle are never removed: they are
            the region's data.

    Returns:
        What was removed.

    Raises:
        EditError: the example is not here, it went through sync, or (without ``edited``) it
            was edited; nothing is removed.
    """
    state, why = example_state_in(session)
    data = read_example()
    first = data.programmes[0]
    name, year = first.region.name, first.year
    if state == ABSENT:
        raise EditError(f"Esta base no tiene el ejemplo {name} {year}; no se quitó nada.")
    if state == SYNCED:
        raise EditError(f"El ejemplo {name} {year} de esta base no se quita: {why}, así que ya son datos de la "
                        "región. No se quitó nada.")
    if state == EDITED and not edited:
        raise EditError(f"El ejemplo {name} {year} de esta base no está como se cargó ({why}); no se quitó, para no "
                        "perder ese trabajo. Si de verdad no sirve, quítelo con «avance example remove --edited».")
    year_id = next(i for t, i in example_ids() if t == "reporting_year")
    row = session.get(ReportingYear, year_id)
    programmes = [p.id for p in session.scalars(select(WorkProgramme).where(WorkProgramme.reporting_year_id == year_id))]
    objectives = [o.id for o in session.scalars(select(ObjectiveRow).where(ObjectiveRow.programme_id.in_(programmes)))]
    commitments = [c.id for c in session.scalars(select(CommitmentRow).where(CommitmentRow.objective_id.in_(objectives)))]
    removed = 1 + len(programmes) + len(objectives) + len(commitments)
    for model, column, ids in ((Evidence, Evidence.commitment_id, commitments),
                               (ProgressAnalysis, ProgressAnalysis.objective_id, objectives),
                               (CommitmentRow, CommitmentRow.objective_id, objectives),
                               (ObjectiveRow, ObjectiveRow.programme_id, programmes),
                               (WorkProgramme, WorkProgramme.reporting_year_id, [year_id])):
        result = session.execute(delete(model).where(column.in_(ids)))
        if model in (Evidence, ProgressAnalysis):
            removed += result.rowcount or 0
    session.execute(delete(ProgrammeReview).where(ProgrammeReview.programme_id.in_(programmes)))
    session.delete(row)
    session.flush()
    return RemoveResult(name, year, removed)


def remove_example(db: Database, *, edited: bool = False) -> RemoveResult:
    """Remove the shipped example (``avance example remove``), in one transaction.

    Raises:
        EditError: see :func:`remove_example_in`.
    """
    with db.transaction() as session:
        return remove_example_in(session, edited=edited)


@lru_cache(maxsize=1)
def example_region_code() -> str:
    """ISO 3166-2 code of the example's region ("CL-TA", seed 001)."""
    return read_example().programmes[0].region.iso_code


def belongs_here(kind: str | None, region_code: str | None) -> bool:
    """Whether the example belongs in an installation of this ``kind`` ("regional", "central"
    or None while not set up) and region: not at the central office (its data are what the
    regions send), nor at a regional office of another region (it holds its own region only)."""
    if kind is None:
        return True
    return kind == "regional" and region_code == example_region_code()


def wants_example(db: Database) -> bool:
    """Whether the window loads the example on this database: it is empty and the example
    belongs in this installation (:func:`belongs_here`)."""
    from desktop.services.programmes import ProgrammeService

    if not ProgrammeService(db).is_empty():
        return False
    with db.reading() as session:
        row = session.execute(select(Installation.kind, Installation.region_code)).first()
    return belongs_here(*row) if row is not None else True
