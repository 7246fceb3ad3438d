"""The example data set: seed 001 (Tarapacá 2009) transcribed in ``resources/examples``.

:func:`read_example` turns the data file into domain records (no database); :func:`load_example`
stores them in one transaction. Record ids are UUIDv5 derived from the file's keys, so every
installation that loads the example gives each record the same id.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from db.engine import Database
from db.models import CommitmentRow, ObjectiveRow, ProgressAnalysis, ReportingYear, WorkProgramme
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
        ry = ReportingYear(
            id=_id(region.iso_code, year), service=service, region=region_row(session, region), year=year,
            responsible_office=data.responsible_office,
        )
        session.add(ry)
        n_obj = n_com = n_prog = 0
        for p in data.programmes:
            instance = p.instance or ComplementarityInstance()
            row = WorkProgramme(
                id=p.id, reporting_year=ry, form=p.form.value, responsible_office=p.responsible_office,
                instance_name=instance.name, main_problem=instance.main_problem, territories=instance.territories,
                institutions=instance.institutions, products=instance.products,
            )
            for o in p.objectives:
                orow = ObjectiveRow(
                    id=o.id, position=o.position, section=o.section, text=o.text, indicator=o.indicator,
                    indicator_result=o.indicator_result,
                )
                row.objectives.append(orow)
                n_obj += 1
                for c in o.commitments:
                    orow.commitments.append(
                        CommitmentRow(
                            id=c.id, position=c.position, kind=c.kind.value, description=c.description,
                            responsible_unit=c.responsible_unit, verification_means=c.verification_means,
                            weight_text=c.weight_text, weight=c.weight, met=c.met,
                        )
                    )
                    n_com += 1
            session.add(row)
        session.flush()
        for report in data.progress:
            for e in report.entries:
                session.add(
                    ProgressAnalysis(
                        id=e.id, objective_id=e.objective_id, quarter=report.quarter, objective_text=e.objective_text,
                        progress=e.progress, authority_measures=e.authority_measures,
                        recommendations=e.recommendations, responsible=e.responsible,
                    )
                )
                n_prog += 1
    return LoadResult(True, region.name, year, n_obj, n_com, n_prog)


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
