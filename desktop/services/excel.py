"""Excel export and import of the Etapa 3 forms (seed 001, Actividades III.1–III.4).

Export: :func:`export_region` and :func:`export_national` gather the records (every field as
stored, with the records' timestamps) and hand them to :mod:`desktop.forms.xlsx`.

Import: :func:`validate_workbook` reads a workbook and lists every problem at once, each with its
sheet, cell and a Spanish explanation; :func:`import_workbook` writes nothing unless the whole
file is good, in one transaction. Two layouts are read:

* the workbook Avance exports (it has the very hidden sheet ``_avance``): it comes back
  lossless, every record with its id, position, kind and timestamps; a record edited in the
  workbook gets a new ``updated_at``;
* the legacy layout of seed 001 (a sheet per form with the official headers, a "REGIÓN (1)"
  header cell, no ``_avance``): it creates new programmes for the region and year.

A region and year already in the database is replaced only when asked (``replace``), and in
place: a record the workbook carries by id keeps its row (so the evidence attached to a
commitment, and the central office's observations and review, stay), the year is the
database's year of that region and year and a programme its programme of that form, new
records are inserted, and only the rows the workbook no longer has are deleted. What that
would delete with them (evidence, observations, reviews) is said before anything is written
(:func:`plan_import`, the refusal without ``replace``, the dry run) and in the report.

Before any XML of a file is parsed, it is checked as a zip with :mod:`zipfile`: an OLE compound
file (a password-protected workbook, or an old .xls), a file that is not a zip, a truncated or
damaged zip (CRCs checked), an encrypted entry, a DTD in an XML part, or a zip bomb (more than
:data:`MAX_UNCOMPRESSED` bytes once uncompressed, more than :data:`MAX_ENTRIES` entries, or an
entry compressed more than :data:`MAX_RATIO` times) is refused with a clear message. The cells
are then read by :class:`_Book`, a small read-only reader (openpyxl's loader takes seconds on the
national workbook); openpyxl writes the workbooks.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import errno
import os
import re
import tempfile
import unicodedata
import uuid
import zipfile
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session, selectinload

from db import queries
from db.engine import Database
from db.models import (
    CommitmentRow,
    Evidence,
    ObjectiveRow,
    Observation,
    ProgrammeReview,
    ProgressAnalysis,
    RegionRow,
    ReportingYear,
    Service,
    WorkProgramme,
)
from desktop.domain.forms import PROGRAMME_FORMS, PROGRAMME_LABELS, III3_SECTIONS, FormKind, spec
from desktop.domain.records import (
    Commitment,
    CommitmentKind,
    ComplementarityInstance,
    Objective,
    ProgressEntry,
    Programme,
)
from desktop.domain.regions import Region, UnknownRegionError, find_region, parse_region_label
from desktop.domain.weights import format_percent, parse_weight
from desktop.errors import NotFoundError
from desktop.wording import count
from desktop.forms import xlsx
from desktop.forms.xlsx import (
    ENTRY_ID_HEADER,
    META_COLUMNS,
    META_HEADER_ROW,
    META_SHEET,
    NATIONAL_SHEET,
    NO_SECTION,
    NOTES_SHEET,
    OBJECTIVE_ID_HEADER,
    QUARTER_LABEL,
    ROW_ID_HEADER,
    NationalTable,
    RegionYear,
    ServiceInfo,
    Stamp,
    WorkbookContent,
)

__all__ = [
    "MAX_ENTRIES",
    "MAX_RATIO",
    "MAX_UNCOMPRESSED",
    "ExcelImportError",
    "ImportPlan",
    "ImportReport",
    "Loss",
    "Problem",
    "Removal",
    "WorkbookData",
    "YearData",
    "check_file",
    "export_national",
    "export_region",
    "import_workbook",
    "plan_import",
    "validate_workbook",
]

MAX_UNCOMPRESSED = 50 * 1024 * 1024
"""Largest total uncompressed size of a workbook accepted for import (50 MB)."""
MAX_ENTRIES = 5000
"""Most entries (files) a workbook's zip may hold."""
MAX_RATIO = 100
"""Largest compression ratio of one entry bigger than :data:`RATIO_FLOOR`."""
RATIO_FLOOR = 2 * 1024 * 1024

_OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
_ZIP_MAGIC = b"PK\x03\x04"
_HEADER_SCAN_ROWS = 40


# =============================================================================================
# Problems and results


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a workbook.

    Attributes:
        sheet: the sheet's name ("III.1"); "" for a problem of the whole file.
        cell: the cell, as an A1 reference ("G12"); "" when the problem is not in one cell.
        message: what is wrong and what to do, in Spanish.
    """

    sheet: str
    cell: str
    message: str

    def __str__(self) -> str:
        if self.sheet and self.cell:
            return f"Hoja «{self.sheet}», celda {self.cell}: {self.message}"
        if self.sheet:
            return f"Hoja «{self.sheet}»: {self.message}"
        return self.message


class ExcelImportError(ValueError):
    """The workbook was not imported (nothing was written); ``problems`` lists why.

    The message is every problem, one per line, in Spanish.
    """

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


@dataclass
class YearData:
    """One region and year read from a workbook, as domain records.

    Attributes:
        id: the reporting year's id (from ``_avance``, or new).
        region: column (1).
        year: reporting year.
        responsible_office: the reporting year's office (III.4 header, note (1)).
        programmes: III.1–III.3 read.
        progress: III.4 rows by quarter.
        service_id: the service of ``_avance``; None in the legacy layout.
        sheet: the sheet that names the year, for messages.
        cell: the cell holding the year.
    """

    id: uuid.UUID
    region: Region
    year: int
    responsible_office: str
    programmes: list[Programme]
    progress: dict[int, list[ProgressEntry]]
    service_id: uuid.UUID | None
    sheet: str
    cell: str


@dataclass
class WorkbookData:
    """What :func:`validate_workbook` read.

    Attributes:
        layout: "avance" (exported by Avance, with ``_avance``) or "legado" (seed layout).
        years: every region and year in the workbook.
        services: the services listed in ``_avance``.
        stamps: created/updated timestamps to store, by record id.
        id_cells: where each record id was read, (sheet, cell), for messages.
    """

    layout: str
    years: list[YearData] = field(default_factory=list)
    services: dict[uuid.UUID, ServiceInfo] = field(default_factory=dict)
    stamps: dict[uuid.UUID, Stamp] = field(default_factory=dict)
    id_cells: dict[uuid.UUID, tuple[str, str]] = field(default_factory=dict)
    notices: list[Problem] = field(default_factory=list)
    quarter_missing: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class ImportReport:
    """What :func:`import_workbook` did (or, with ``dry_run``, would do).

    Attributes:
        path: the workbook.
        layout: "avance" or "legado".
        dry_run: True when nothing was written.
        years: (region, year) imported.
        replaced: the (region, year) that existed and were replaced.
        programmes: programmes written.
        objectives: objectives written.
        commitments: commitment rows written.
        progress_entries: III.4 rows written.
        losses: what replacing deleted (or, with ``dry_run``, would delete) beyond the
            workbook's own records: evidence, central office observations and reviews.
        removals: the records an exported workbook no longer has (rows deleted or emptied in
            Excel), deleted (or, with ``dry_run``, to be deleted) by replacing.
        notices: what was read otherwise than the workbook shows, without stopping the import
            (a value typed over one of Avance's formulas, which is ignored), sheet and cell.
    """

    path: Path
    layout: str
    dry_run: bool
    years: tuple[tuple[Region, int], ...]
    replaced: tuple[tuple[Region, int], ...]
    programmes: int
    objectives: int
    commitments: int
    progress_entries: int
    losses: tuple[Loss, ...] = ()
    removals: tuple[Removal, ...] = ()
    notices: tuple[Problem, ...] = ()

    def summary(self) -> str:
        """One Spanish line saying what was (or would be) imported, and what replacing
        deleted (or would delete) with it."""
        where = ", ".join(f"{r.name} {y}" for r, y in self.years)
        verb = "Se importaría" if self.dry_run else "Importado"
        text = (
            f"{verb}: {where} — {count(self.programmes, 'programa', 'programas')}, "
            f"{count(self.objectives, 'objetivo', 'objetivos')}, "
            f"{count(self.commitments, 'fila de actividades', 'filas de actividades')}, "
            f"{count(self.progress_entries, 'fila de III.4', 'filas de III.4')}"
        )
        if self.replaced:
            text += " (reemplaza " + ", ".join(f"{r.name} {y}" for r, y in self.replaced) + ")"
        said = [r.text(done=not self.dry_run) for r in self.removals]
        said += [loss.text(done=not self.dry_run) for loss in self.losses]
        if said:
            text += ". Al reemplazar, " + "; ".join(said)
        if self.notices:
            n = len(self.notices)
            text += f". {n} {'aviso' if n == 1 else 'avisos'} (vea abajo)"
        if self.dry_run:
            text += ". Prueba sin escribir: no se cambió nada."
        else:
            text += "."
        return text


# =============================================================================================
# Export


def _raw_programme(row: WorkProgramme, region: Region, year: int) -> Programme:
    """A programme with its fields exactly as stored (no fallback to the year's office)."""
    form = FormKind(row.form)
    instance = None
    if form is FormKind.III_2:
        instance = ComplementarityInstance(row.instance_name, row.main_problem, row.territories, row.institutions,
                                           row.products)
    objectives = []
    for o in sorted(row.objectives, key=lambda o: (o.section or "", o.position)):
        objectives.append(
            Objective(
                id=o.id, position=o.position, text=o.text, indicator=o.indicator,
                indicator_result=o.indicator_result, section=o.section,
                commitments=tuple(
                    Commitment(
                        id=c.id, position=c.position, kind=CommitmentKind(c.kind), description=c.description,
                        responsible_unit=c.responsible_unit, verification_means=c.verification_means,
                        weight_text=c.weight_text, met=c.met,
                    )
                    for c in sorted(o.commitments, key=lambda c: c.position)
                ),
            )
        )
    return Programme(
        id=row.id, form=form, region=region, year=year, responsible_office=row.responsible_office,
        instance=instance, objectives=tuple(objectives),
    )


def _stamp(row: Any) -> Stamp:
    return Stamp(row.created_at, row.updated_at)


def load_content(session: Session, years: Sequence[ReportingYear]) -> WorkbookContent:
    """Gather the records of ``years`` for :func:`desktop.forms.xlsx.build_workbook`.

    Args:
        session: an open session.
        years: the reporting years to export, in order.

    Returns:
        The :class:`WorkbookContent` (without the national table).
    """
    stamps: dict[uuid.UUID, Stamp] = {}
    services: dict[uuid.UUID, ServiceInfo] = {}
    out: list[RegionYear] = []
    ry_ids = [ry.id for ry in years]
    programmes = session.scalars(
        select(WorkProgramme)
        .where(WorkProgramme.reporting_year_id.in_(ry_ids))
        .options(selectinload(WorkProgramme.objectives).selectinload(ObjectiveRow.commitments))
    ).all()
    by_year: dict[uuid.UUID, list[WorkProgramme]] = {}
    for p in programmes:
        by_year.setdefault(p.reporting_year_id, []).append(p)
    objective_year: dict[uuid.UUID, uuid.UUID] = {}
    for p in programmes:
        for o in p.objectives:
            objective_year[o.id] = p.reporting_year_id
    progress_rows = session.scalars(
        select(ProgressAnalysis)
        .join(ObjectiveRow, ProgressAnalysis.objective_id == ObjectiveRow.id)
        .join(WorkProgramme, ObjectiveRow.programme_id == WorkProgramme.id)
        .where(WorkProgramme.reporting_year_id.in_(ry_ids))
    ).all()
    progress: dict[uuid.UUID, dict[int, list[ProgressAnalysis]]] = {}
    for a in progress_rows:
        progress.setdefault(objective_year[a.objective_id], {}).setdefault(a.quarter, []).append(a)

    for ry in years:
        region = find_region(ry.region.iso_code)
        stamps[ry.id] = _stamp(ry)
        if ry.service_id not in services:
            services[ry.service_id] = ServiceInfo(ry.service.id, ry.service.name, ry.service.acronym)
            stamps[ry.service.id] = _stamp(ry.service)
        rows = sorted(by_year.get(ry.id, []), key=lambda p: PROGRAMME_FORMS.index(FormKind(p.form)))
        records = []
        for p in rows:
            stamps[p.id] = _stamp(p)
            for o in p.objectives:
                stamps[o.id] = _stamp(o)
                for c in o.commitments:
                    stamps[c.id] = _stamp(c)
            records.append(_raw_programme(p, region, ry.year))
        order = {o.id: i for i, o in enumerate(o for p in records for o in xlsx.sheet_order(p))}
        entries: dict[int, tuple[ProgressEntry, ...]] = {}
        programme_of = {o.id: p.form for p in records for o in p.objectives}
        for quarter, analyses in progress.get(ry.id, {}).items():
            for a in analyses:
                stamps[a.id] = _stamp(a)
            entries[quarter] = tuple(
                ProgressEntry(
                    a.id, a.objective_id, programme_of[a.objective_id], a.objective_text, a.progress,
                    a.authority_measures, a.recommendations, a.responsible,
                )
                for a in sorted(analyses, key=lambda a: order[a.objective_id])
            )
        out.append(RegionYear(ry.id, region, ry.year, ry.responsible_office, tuple(records), entries, ry.service_id))
    return WorkbookContent(
        years=tuple(out), services=tuple(services.values()), stamps=stamps,
        service_name=queries.service_name(session), exported_at=dt.datetime.now(dt.UTC),
    )


def _atomic_save(content: WorkbookContent, out: Path) -> Path:
    """Save to a temporary file beside ``out`` and rename it: a failed export never leaves a
    half-written workbook, nor destroys an older one. The folder must exist (it is not created:
    FileNotFoundError)."""
    out = Path(out)
    if not out.parent.is_dir():  # a mistyped folder is not created: the file would be lost in it
        if out.parent.exists():
            raise NotADirectoryError(errno.ENOTDIR, "no es una carpeta", str(out.parent))
        raise FileNotFoundError(errno.ENOENT, "la carpeta no existe", str(out.parent))
    fd, tmp = tempfile.mkstemp(prefix=".avance-", suffix=".xlsx", dir=out.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            xlsx.write_workbook(content, handle)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return out


def export_region(db: Database, region: Region, year: int, out: Path, *, today: dt.date | None = None) -> Path:
    """Export III.1–III.3 and III.4 (one sheet per quarter written) of a region and year.

    The "Desempeño anual servicio" cell of each form is what its PDF prints
    (:func:`desktop.services.summary.verdict_text`): a national result over the regions in
    this database (III.1 note (12)), not one this region's sheet could compute.

    Args:
        db: the open database.
        region: the region.
        year: the reporting year.
        out: the .xlsx file to write (replaced atomically).
        today: the date the scoring is made (defaults to today).

    Returns:
        ``out``.

    Raises:
        NotFoundError: no data for that region and year (Spanish message).
        OSError: the file cannot be written.

    Source: seed 001, Actividades III.1–III.4 (layout, notes (1)–(12)).
    """
    from desktop.services.summary import verdict_text

    with db.reading() as session:
        ry = queries.require_reporting_year(session, region, year)
        content = load_content(session, [ry])
    forms = {p.form for y in content.years for p in y.programmes}
    verdicts = {form: verdict_text(db, form, year, today) for form in PROGRAMME_FORMS if form in forms}
    content = dataclasses.replace(content, service_verdicts=verdicts)
    return _atomic_save(content, out)


def export_national(db: Database, year: int, out: Path, *, today: dt.date | None = None) -> Path:
    """Export every region of ``year``: the "Nacional" sheet (each region's performance per
    programme, the 90 % bar and the service verdict, III.1 notes (11), (12)) and each region's
    form sheets ("CL-TA III.1", …).

    Args:
        db: the open database.
        year: the reporting year.
        out: the .xlsx file to write (replaced atomically).
        today: the date the scoring is made (defaults to today).

    Returns:
        ``out``.

    Raises:
        NotFoundError: no region has data for ``year``.
        OSError: the file cannot be written.
    """
    from desktop.services.summary import national_summary

    summary = national_summary(db, year, today)
    with db.reading() as session:
        years = session.scalars(
            select(ReportingYear)
            .join(RegionRow, ReportingYear.region_id == RegionRow.id)
            .where(ReportingYear.year == year)
            .options(selectinload(ReportingYear.region), selectinload(ReportingYear.service))
            .order_by(RegionRow.cut)
        ).all()
        if not years:  # pragma: no cover - national_summary already refused
            raise NotFoundError(f"Ninguna región tiene datos del año {year}.")
        content = load_content(session, years)
    table = NationalTable(
        regions=tuple((r.region, r.scores) for r in summary.regions),
        verdicts=dict(summary.verdicts),
        service=summary.service,
    )
    content = WorkbookContent(
        years=content.years, services=content.services, stamps=content.stamps, national=table,
        service_name=content.service_name, exported_at=content.exported_at,
    )
    return _atomic_save(content, out)


# =============================================================================================
# File checks (before openpyxl)


def check_file(path: Path) -> list[Problem]:
    """Check that ``path`` is a workbook openpyxl may safely open.

    Args:
        path: the file.

    Returns:
        The problems (empty when the file may be opened): missing file, an OLE compound file
        (password-protected workbook or old .xls: D0 CF 11 E0), not a zip, truncated or damaged
        zip, encrypted entries, a zip bomb (total uncompressed size over 50 MB, too many
        entries, an entry compressed over 100 times), DTDs in XML parts, missing workbook parts.
    """
    path = Path(path)
    name = path.name
    if not path.exists():
        return [Problem("", "", f"No existe el archivo «{path}».")]
    if path.is_dir():
        return [Problem("", "", f"«{path}» es una carpeta; indique un libro de Excel (.xlsx).")]
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
    except OSError as exc:
        return [Problem("", "", f"No se puede leer «{path}»: {exc.strerror or exc}.")]
    if not head:
        return [Problem("", "", f"«{name}» está vacío: no es un libro de Excel.")]
    if head.startswith(_OLE_MAGIC):
        return [Problem("", "", f"«{name}» está protegido con contraseña (cifrado) o es un libro .xls antiguo: "
                                "ábralo en Excel, quite la contraseña y guárdelo como «Libro de Excel (.xlsx)».")]
    if not head.startswith(_ZIP_MAGIC):
        return [Problem("", "", f"«{name}» no es un libro de Excel (.xlsx): guárdelo desde Excel como "
                                "«Libro de Excel (.xlsx)».")]
    damaged = (f"«{name}» está dañado o incompleto (¿se copió o descargó a medias?): no se puede abrir como "
               "libro de Excel.")
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            if len(infos) > MAX_ENTRIES:
                return [Problem("", "", f"«{name}» contiene {len(infos)} archivos internos (más de {MAX_ENTRIES}): "
                                        "no parece un libro de Excel y no se abre (posible bomba zip).")]
            total = sum(i.file_size for i in infos)
            if total > MAX_UNCOMPRESSED:
                return [Problem("", "", f"«{name}» ocuparía {total / 1e6:.0f} MB al descomprimirse (más de "
                                        f"{MAX_UNCOMPRESSED // (1024 * 1024)} MB): no se abre (posible bomba zip).")]
            for info in infos:
                if info.flag_bits & 0x1:
                    return [Problem("", "", f"«{name}» tiene partes cifradas (protegido con contraseña): quite la "
                                            "contraseña y guárdelo de nuevo.")]
                if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
                    return [Problem("", "", f"«{name}»: la parte «{info.filename}» se comprime más de {MAX_RATIO} "
                                            "veces: no se abre (posible bomba zip).")]
            names = {i.filename for i in infos}
            if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
                return [Problem("", "", f"«{name}» es un archivo comprimido pero no un libro de Excel (.xlsx).")]
            if zf.testzip() is not None:
                return [Problem("", "", damaged)]
            for info in infos:
                if info.filename.endswith((".xml", ".rels", ".vml")):
                    with zf.open(info) as part:
                        start = part.read(2048)
                    if b"<!DOCTYPE" in start or b"<!ENTITY" in start:
                        return [Problem("", "", f"«{name}»: la parte «{info.filename}» declara entidades XML "
                                                "(DTD), que un libro de Excel no usa: no se abre.")]
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError, NotImplementedError):
        return [Problem("", "", damaged)]
    except Exception:  # zlib.error and the like from a damaged entry
        return [Problem("", "", damaged)]
    return []


# =============================================================================================
# Reading cells


def _fold(value: object) -> str:
    """Lower-case, accent-free, single-spaced text of a cell, for comparing headers."""
    if value is None:
        return ""
    text = str(value)
    if text.isascii():
        return " ".join(text.casefold().split())
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.split())


def _text(value: object) -> str:
    """A cell as the text Avance stores: "" when empty, numbers without float noise."""
    if value is None:
        return ""
    if isinstance(value, str):
        return xlsx.decode_text(value)
    if isinstance(value, bool):
        return "Sí" if value else "No"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _ref(row: int, col: int) -> str:
    from openpyxl.utils import get_column_letter

    return f"{get_column_letter(col)}{row}"


class _Grid:
    """The values of one worksheet, 1-based, with its merged ranges and number formats.

    ``formats`` is either the number formats of the numeric cells by (row, col), or a callable
    that reads them when first asked (reading formats costs a second pass over the sheet, and
    only a number typed in a weight cell needs one)."""

    def __init__(self, name: str, rows: list[tuple[Any, ...]], merged: list[tuple[int, int, int, int, str]],
                 formats: dict[tuple[int, int], str] | Callable[[], dict[tuple[int, int], str]] | None = None,
                 formulas: set[tuple[int, int]] | None = None, uncached: set[tuple[int, int]] | None = None) -> None:
        self.name = name
        self.rows = rows
        self.nrows = len(rows)
        self.merged = merged
        self._formats = formats if formats is not None else {}
        self.formulas = formulas or set()
        """(row, col) of the cells holding a formula (their value is the cached result)."""
        self.uncached = uncached or set()
        """(row, col) of the formulas with no cached result (their value reads as empty)."""

    @property
    def formats(self) -> dict[tuple[int, int], str]:
        if callable(self._formats):
            self._formats = self._formats()
        return self._formats

    def get(self, row: int, col: int) -> Any:
        if 1 <= row <= self.nrows:
            values = self.rows[row - 1]
            if 1 <= col <= len(values):
                return values[col - 1]
        return None

    def number_format(self, row: int, col: int) -> str:
        """The number format of a numeric cell ("0%"), "" when General or unknown."""
        return self.formats.get((row, col), "")

    def right_values(self, row: int, col: int, limit: int = 2) -> list[tuple[int, Any]]:
        """The first ``limit`` non-empty cells to the right of (row, col)."""
        found = []
        values = self.rows[row - 1] if 1 <= row <= self.nrows else ()
        for c in range(col + 1, len(values) + 1):
            v = values[c - 1]
            if v is not None and _text(v).strip():
                found.append((c, v))
                if len(found) == limit:
                    break
        return found


class _BookError(Exception):
    """The workbook's XML cannot be read."""


class _SheetLimitError(_BookError):
    """A sheet reaches past Excel's own grid (a damaged or hostile file): says which sheet."""

    def __init__(self, sheet: str, message: str) -> None:
        super().__init__(message)
        self.sheet = sheet
        self.message = message


class _MissingPartError(_BookError):
    """The workbook lists sheets whose part is not in the file (a damaged zip)."""

    def __init__(self, sheets: Sequence[str]) -> None:
        super().__init__(", ".join(sheets))
        self.sheets = list(sheets)


MAX_SHEET_ROWS = 1_048_576
"""Excel's own limits: a cell beyond them is a damaged or hostile file, not a form."""
MAX_SHEET_COLUMNS = 16_384

_VALUES_PARSER: type | None = None


def _values_parser() -> type:
    """openpyxl's ``WorkSheetParser`` with one shortcut: a plain inline string (``<is><t>``,
    what openpyxl itself writes for every text cell) is read straight from its element instead
    of through openpyxl's generic ``Text`` object, which costs more than the rest of the cell.
    Rich inline strings (``<r>`` runs, phonetic text) still go through ``Text``. It also notes
    which cells hold a formula, and which of those have no calculated value (``<f>`` without
    ``<v>``: a file written by a program and never opened in Excel). Built on first use so
    importing this module does not import openpyxl."""
    global _VALUES_PARSER  # noqa: PLW0603
    if _VALUES_PARSER is None:
        from openpyxl.worksheet._reader import FORMULA_TAG, INLINE_STRING, VALUE_TAG, WorkSheetParser
        from openpyxl.xml.constants import SHEET_MAIN_NS

        plain = f"{{{SHEET_MAIN_NS}}}t"
        formula, value_tag = FORMULA_TAG, VALUE_TAG

        class ValuesParser(WorkSheetParser):
            formula_cells: set[tuple[int, int]]
            uncached_cells: set[tuple[int, int]]

            def parse_cell(self, element: Any) -> dict[str, Any]:
                if element.get("t") == "inlineStr":
                    child = element.find(INLINE_STRING)
                    if child is not None and len(child) == 1 and child[0].tag == plain:
                        coordinate = element.get("r")
                        if coordinate:
                            row, column = coordinate_to_tuple(coordinate)
                            self.col_counter = column
                        else:
                            self.col_counter += 1
                            row, column = self.row_counter, self.col_counter
                        return {"row": row, "column": column, "value": child[0].text or "",
                                "data_type": "s", "style_id": int(element.get("s", 0) or 0)}
                cell = super().parse_cell(element)
                if element.find(formula) is not None:  # data_only gave its cached value
                    key = (cell["row"], cell["column"])
                    self.formula_cells.add(key)
                    cached = element.find(value_tag)
                    # Never calculated (written by a program, e.g. openpyxl's "<v />"): no value, or
                    # an empty one that is not a text result (Excel writes t="str" for a "" result).
                    if cached is None or (not cached.text and element.get("t") not in ("str", "s", "inlineStr")):
                        self.uncached_cells.add(key)
                return cell

        from openpyxl.utils.cell import coordinate_to_tuple

        _VALUES_PARSER = ValuesParser
    return _VALUES_PARSER


class _Book:
    """A read-only view of an .xlsx file through openpyxl's streaming (read-only) mode: sheet
    names in order and each sheet's cell values (a formula's cached value, as ``data_only``
    gives it), with merged ranges and the number formats of numeric cells.

    openpyxl's read-only sheets do not report merged ranges; those come from the sheet's
    ``<mergeCell>`` elements (ElementTree over the same part openpyxl located).
    """

    def __init__(self, path: Path) -> None:
        from openpyxl.reader.excel import ExcelReader

        self.zip = zipfile.ZipFile(path)
        try:
            # What openpyxl.load_workbook does, keeping the reader to see every declared sheet.
            reader = ExcelReader(path, read_only=True, data_only=True, keep_links=False)
            reader.read()
            self._wb = reader.wb
            missing = [sheet.name for sheet, rel in reader.parser.find_sheets() if rel.target not in reader.valid_files]
        except Exception as exc:  # noqa: BLE001 - any damage in the package is "unreadable"
            self.zip.close()
            raise _BookError(str(exc)) from exc
        if missing:  # openpyxl would silently leave the sheet out: the file is damaged
            self.close()
            raise _MissingPartError(missing)
        self.sheetnames: list[str] = [ws.title for ws in self._wb.worksheets]
        self._cache: dict[str, _Grid] = {}

    def close(self) -> None:
        self._wb.close()
        self.zip.close()

    def __getitem__(self, name: str) -> _Grid:
        grid = self._cache.get(name)
        if grid is None:
            try:
                grid = self._cache[name] = self._sheet(name)
            except _SheetLimitError:
                raise
            except Exception as exc:  # noqa: BLE001 - damaged sheet XML surfaces while streaming
                raise _BookError(str(exc)) from exc
        return grid

    @property
    def worksheets(self) -> list[_Grid]:
        return [self[name] for name in self.sheetnames]

    def _sheet(self, name: str) -> _Grid:
        """Every cell value of sheet ``name``, row by row, through openpyxl's own worksheet
        parser (what ``iter_rows(values_only=True)`` runs, with :class:`_ValuesParser` reading
        plain inline strings directly); the file's declared dimensions are not trusted."""
        ws = self._wb[name]
        wb = self._wb
        rows: list[tuple[Any, ...]] = []
        with wb._archive.open(ws._worksheet_path) as src:  # noqa: SLF001 - what ReadOnlyWorksheet opens
            parser = _values_parser()(src, ws._shared_strings, data_only=True, epoch=wb.epoch,  # noqa: SLF001
                                      date_formats=wb._date_formats,  # noqa: SLF001
                                      timedelta_formats=wb._timedelta_formats)  # noqa: SLF001
            parser.formula_cells, parser.uncached_cells = set(), set()
            for index, cells in parser.parse():
                if index > MAX_SHEET_ROWS:
                    raise _SheetLimitError(name, f"la fila {index} pasa del límite de Excel ({MAX_SHEET_ROWS} "
                                                 "filas): el archivo está dañado. Guárdelo de nuevo desde Excel.")
                if index <= len(rows):  # a row repeated or out of order: openpyxl skips it too
                    continue
                rows.extend(() for _ in range(len(rows) + 1, index))
                values: list[Any] = []
                for cell in cells:
                    value = cell["value"]
                    if value is None:
                        continue
                    column = cell["column"]
                    if column > MAX_SHEET_COLUMNS:
                        raise _SheetLimitError(name, f"la columna {column} de la fila {index} pasa del límite de "
                                                     f"Excel ({MAX_SHEET_COLUMNS} columnas): el archivo está dañado. "
                                                     "Guárdelo de nuevo desde Excel.")
                    if column > len(values):
                        values.extend([None] * (column - len(values)))
                    values[column - 1] = value
                rows.append(tuple(values))
        while rows and not rows[-1]:
            rows.pop()
        return _Grid(name, rows, self._merged(ws), lambda: self._formats(name), parser.formula_cells,
                     parser.uncached_cells)

    def _formats(self, name: str) -> dict[tuple[int, int], str]:
        """The number formats of the numeric cells of sheet ``name`` (a second streaming pass,
        with cell objects; "General" left out)."""
        ws = self._wb[name]
        formats: dict[tuple[int, int], str] = {}
        try:
            for r_index, cells in enumerate(ws.iter_rows(min_row=1, min_col=1), start=1):
                for c_index, cell in enumerate(cells, start=1):
                    value = cell.value
                    if isinstance(value, (int, float)) and not isinstance(value, bool):
                        fmt = getattr(cell, "number_format", None)
                        if fmt and fmt != "General":
                            formats[(r_index, c_index)] = fmt
        except Exception as exc:  # noqa: BLE001 - the first pass read this sheet; keep the error typed
            raise _BookError(str(exc)) from exc
        return formats

    def _merged(self, ws: Any) -> list[tuple[int, int, int, int, str]]:
        """The sheet's merged ranges: only its ``<mergeCells>`` element is parsed (it follows
        the cell data, so the rest of the part is not read again as XML)."""
        import xml.etree.ElementTree as ET

        from openpyxl.utils.cell import range_boundaries

        part = getattr(ws, "_worksheet_path", None)
        if not part:
            return []
        data = self.zip.read(part.lstrip("/"))
        start = data.rfind(b"<mergeCells")
        if start < 0:
            return []
        end = data.find(b"</mergeCells>", start)
        fragment = data[start : end + len(b"</mergeCells>")] if end >= 0 else data[start : data.find(b">", start) + 1]
        prefix = fragment[1 : fragment.find(b"mergeCells")]  # a namespace prefix such as b"x:"
        if prefix:
            fragment = fragment.replace(b"<" + prefix, b"<").replace(b"</" + prefix, b"</")
        merged = []
        for element in ET.fromstring(fragment):
            ref = element.get("ref", "")
            if ":" in ref:
                min_col, min_row, max_col, max_row = range_boundaries(ref)
                merged.append((min_row, min_col, max_row, max_col, ref))
        return merged


_FORM_IN_NAME = re.compile(r"III\s*\.?\s*([1-4])", re.IGNORECASE)
_QUARTER_IN_TEXT = re.compile(r"\bT\s*([1-4])\b|^\s*([1-4])\s*$", re.IGNORECASE)
_YEAR_IN_TEXT = re.compile(r"\b(20\d\d)\b")


def _form_of_sheet(grid: _Grid) -> FormKind | None:
    """The form a sheet holds: from its name ("III.1", "CL-TA III.4 T2") or its heading."""
    match = _FORM_IN_NAME.search(grid.name)
    if match:
        return FormKind(f"III.{match.group(1)}")
    for r in range(1, min(grid.nrows, 4) + 1):
        for v in grid.rows[r - 1][:6]:
            folded = _fold(v)
            for kind in FormKind:
                if folded.startswith(_fold(spec(kind).activity).rstrip(".:")):
                    return kind
    return None


def _parse_met(value: object) -> tuple[bool | None, bool]:
    """Column (9): (value, ok). "Sí" or "Si" in any case (Excel's comparison ignores case, not
    accents), "No" in any case, spaces ignored, TRUE/FALSE, or empty (note (9)). Exactly what
    the workbook's earned-weight formula counts as met (:func:`desktop.forms.xlsx.met_condition`),
    so the workbook's totals and the import agree."""
    if value is None:
        return None, True
    if isinstance(value, bool):
        return value, True
    text = _text(value).replace(" ", "").casefold()
    if text == "":
        return None, True
    if text in ("sí", "si"):
        return True, True
    if text == "no":
        return False, True
    return None, False


def _weight_text(grid: _Grid, row: int, col: int, value: object, *, legacy: bool) -> str:
    """Column (8) as written. A number there is the percentage a person typed: Excel keeps a
    typed 5 % as 0.05, written back as "5%" (0.005 as "0.5%"). In a workbook Avance exported
    every number in (8) is read so, as its earned-weight formula reads it (the column has a
    percent format); in the legacy layout only a number in a percent-formatted cell is, and
    other numbers are taken as written ("5" is 5 %, note (8))."""
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        if not legacy or "%" in grid.number_format(row, col):
            number *= 100
            text = format(number.normalize(), "f")
            return f"{text}%"
        return _text(value)
    return _text(value)


def _weight_fix(weight_number: int) -> str:
    """What to write in a weight cell, citing the form's weight note: (8), or (13) on III.2."""
    return f"escriba la ponderación como «0,5%» o «0.5%  0.5%» (nota {weight_number})"


def _typed_weight(value: object, weight_number: int = 8, met_number: int = 9) -> str:
    """The problem of a weight cell (8) holding a date, a time or a logical value (TRUE/FALSE),
    which Excel makes of what is typed as "1-5", "0:5" or "verdadero"; "" for any other value.
    ``weight_number`` and ``met_number`` are the form's numbers of the weight and compliance
    columns ((8) and (9); (13) and (14) on III.2), which the message cites."""
    fix = _weight_fix(weight_number)
    if isinstance(value, bool):
        shown = "VERDADERO (TRUE)" if value else "FALSO (FALSE)"
        return (f"la celda tiene el valor lógico {shown}, no una ponderación: {fix}; «Sí» o «No» van en "
                f"Cumple/no cumple ({met_number}).")
    if isinstance(value, (dt.date, dt.time, dt.timedelta)):
        if isinstance(value, dt.datetime) and value.time() != dt.time():
            shown, what = value.strftime("%d-%m-%Y %H:%M"), "una fecha"
        elif isinstance(value, dt.date):
            shown, what = value.strftime("%d-%m-%Y"), "una fecha"
        else:
            shown, what = _text(value), "una hora"
        return (f"la celda tiene {what} ({shown}), no una ponderación: Excel convierte en fecha u hora lo que lo "
                f"parece (como «1-5» o «0:5»); {fix}. Si Excel la vuelve a cambiar, dé formato de texto o de "
                "porcentaje a la celda antes de escribirla.")
    return ""


def _helper_weight(weight: object, helper: object) -> Decimal | None:
    """The weight the workbook's earned-weight formula takes for a row (note (10)): None when
    column (8) holds a number (the formula reads that number itself, as the import does), else
    ``N()`` of the helper column "Ponderación leída (%)": its number, 1 or 0 for a logical
    value, 0 for anything else (the earned-weight formula of :mod:`desktop.forms.xlsx`)."""
    if isinstance(weight, (int, float, Decimal, dt.date, dt.time, dt.timedelta)) and not isinstance(weight, bool):
        return None
    if isinstance(helper, bool):
        return Decimal(int(helper))
    if isinstance(helper, (int, float, Decimal)):
        return Decimal(repr(helper)) if isinstance(helper, float) else Decimal(helper)
    return Decimal(0)


def _helper_notice(pc: _PCommitment, unchanged: bool | None) -> tuple[str, str] | None:
    """(cell, message) when the workbook's totals take another weight for a row than the one
    the import reads from its column (8) (the helper column "Ponderación leída (%)" holds the
    number read when exporting, and does not follow a weight rewritten as text); None when
    they agree. ``unchanged``: the row is as exported (so the helper column was edited), None
    for a row that was not exported."""
    if pc.helper is None:
        return None
    parsed = parse_weight(pc.weight_text)
    if parsed.problems:  # a problem of its own
        return None
    read = parsed.total or Decimal(0)
    if abs(read - pc.helper) < Decimal("1e-9"):
        return None
    used = format_percent(pc.helper.normalize())
    shown = format_percent(read.normalize())
    helper = f"columna «{xlsx.HELPER_HEADER}», {pc.helper_ref}, que no se recalcula al cambiar la ponderación"
    written = pc.weight_text if len(pc.weight_text) <= 50 else pc.weight_text[:49] + "…"
    if unchanged:
        return pc.helper_ref, (f"la «{xlsx.HELPER_HEADER}» se cambió a {used}, pero Avance lee la ponderación escrita "
                               f"en {pc.weight_ref} («{written}») como {shown}, que es lo que se "
                               f"importa; los totales del libro usaban {used}. Si la ponderación era otra, "
                               f"corríjala en {pc.weight_ref}.")
    if not pc.weight_text.strip():
        what = "la ponderación se borró: Avance la lee vacía (sin ponderación)"
    elif unchanged is None:
        what = f"la ponderación «{written}» se lee como {shown}"
    else:
        what = f"la ponderación cambió a «{written}», que Avance lee como {shown}"
    return pc.weight_ref, (f"{what}; los totales del libro usaban {used} ({helper}). Se importa {shown}: el "
                           "desempeño que calcula Avance puede diferir del que mostraba el libro.")


def _parse_uuid(value: object) -> uuid.UUID | None:
    try:
        return uuid.UUID(_text(value).strip())
    except ValueError:
        return None


_SECTION_KEYS = [(code, _fold(label)) for code, label, _note in III3_SECTIONS]
_CODE = re.compile(r"\(?\b(1[123])\b\)?")


def _section_of(text: str) -> tuple[bool, str | None]:
    """Whether ``text`` is a III.3 section heading ("(11) Oferta de información al GORE",
    "Oferta de información al GORE(11)", "Sin sección asignada"), and its code."""
    folded = _fold(text)
    if folded == _fold(NO_SECTION):
        return True, None
    bare = " ".join(_CODE.sub(" ", folded).split()).strip(" .:-")
    for code, label in _SECTION_KEYS:
        if bare == label:
            return True, code
    return False, None


# =============================================================================================
# Parsed sheets


@dataclass
class _PCommitment:
    row: int
    id: uuid.UUID | None
    id_ref: str
    description: str
    responsible_unit: str
    verification_means: str
    weight_text: str
    met: bool | None
    blank: bool = False  # every visible cell empty: kept only if it was exported so
    helper: Decimal | None = None  # what the workbook's formulas take as its weight (helper column)
    weight_ref: str = ""
    helper_ref: str = ""


@dataclass
class _PObjective:
    row: int
    id: uuid.UUID | None
    id_ref: str
    text: str
    indicator: str
    indicator_result: str
    section: str | None
    commitments: list[_PCommitment] = field(default_factory=list)
    blank: bool = False  # its row's visible cells all empty: kept only if it was exported so
    rows: list[int] = field(default_factory=list)  # rows that write its cells (2)–(4)
    apart: bool = False  # some of those rows are not next to the others, and no id ties them

    @property
    def key(self) -> tuple[str, str, str, str | None]:
        """Cells (2)–(4) and the III.3 section: what makes two rows the same objective."""
        return self.text, self.indicator, self.indicator_result, self.section


class _ObjectiveGroups:
    """The objectives of one sheet by their cells (2)–(4) and by their hidden id, so that the
    rows of one objective are found wherever a sort or a filter left them (README, Excel
    import: copy the objective's cells onto its rows to sort or filter)."""

    def __init__(self) -> None:
        self._by_key: dict[tuple[str, str, str, str | None], list[_PObjective]] = {}
        self._by_id: dict[uuid.UUID, _PObjective] = {}
        self._all: list[_PObjective] = []

    def add(self, objective: _PObjective) -> None:
        self._by_key.setdefault(objective.key, []).append(objective)
        if objective.id is not None:
            self._by_id.setdefault(objective.id, objective)
        if not objective.rows:
            objective.rows.append(objective.row)
            self._all.append(objective)

    def forget(self, objective: _PObjective) -> None:
        same = self._by_key.get(objective.key, [])
        if objective in same:
            same.remove(objective)

    def find(self, current: _PObjective | None, key: tuple[str, str, str, str | None], oid: uuid.UUID | None,
             row: int, id_ref: str) -> _PObjective | None:
        """The objective a row whose cells (2)–(4) are written belongs to; None for a new one.

        A row with an id belongs to the objective of that id when its cells are the same (else
        it is another objective, and its repeated id is reported), or to the objective of the
        same cells read so far without an id (rows sorted above the one that keeps the id). A
        row without an id belongs to the objective of the same cells: the one right above, else
        one with an id, else one without (marked ``apart``: said as a notice).
        """
        target: _PObjective | None = None
        if oid is not None:
            known = self._by_id.get(oid)
            if known is not None:
                target = known if known.key == key else None
            else:
                target = next((o for o in self._by_key.get(key, ()) if o.id is None), None)
                if target is not None:
                    target.id, target.id_ref = oid, id_ref
                    self._by_id[oid] = target
        elif current is not None and not current.blank and current.key == key:
            target = current
        else:
            same = self._by_key.get(key, ())
            target = next((o for o in same if o.id is not None), None) or next(iter(same), None)
            if target is not None and target.id is None:
                target.apart = True
        if target is not None:
            target.rows.append(row)
        return target

    def scattered(self) -> list[_PObjective]:
        """Objectives without an id whose rows are not all together (a notice each)."""
        return [o for o in self._all if o.apart and o.id is None]


@dataclass
class _PEntry:
    row: int
    id: uuid.UUID | None
    id_ref: str
    objective_id: uuid.UUID | None
    oid_ref: str
    objective_ref: str
    form: FormKind | None
    objective_text: str
    progress: str
    authority_measures: str
    recommendations: str
    responsible: str
    blank: bool = False  # columns (2)–(5) all empty, with a row id: kept only if exported so


@dataclass
class _PSheet:
    name: str
    form: FormKind
    region: Region | None = None
    region_ref: str = ""
    year: int | None = None
    year_ref: str = "A1"
    office: str = ""
    office_ref: str = ""
    quarter: int | None = None
    quarter_ref: str = "A1"
    instance: ComplementarityInstance | None = None
    objectives: list[_PObjective] = field(default_factory=list)
    entries: list[_PEntry] = field(default_factory=list)
    ok: bool = True
    readable: bool = True
    year_missing: bool = False


QUARTER_HINT = ("indique el trimestre al importar, nombre la hoja «III.4 T2» o escriba «Trimestre» y T1–T4 sobre "
                "la tabla")
"""What to do when a III.4 sheet names no quarter (the command line names its option)."""

UNCACHED = ("la celda tiene una fórmula sin valor calculado; escriba el valor o ábrala y guárdela en Excel "
            "(Avance lee el valor que Excel calculó).")
"""The problem of a formula with no cached value in a cell the importer reads."""


class _Reader:
    """Reads the sheets of one workbook, collecting every problem (and notices: what is read
    differently from what the workbook shows, but does not stop the import)."""

    def __init__(self, quarter: int | None = None, quarter_hint: str = "") -> None:
        self.problems: list[Problem] = []
        self.notices: list[Problem] = []
        self.quarter = quarter
        """The quarter of a III.4 sheet that names none (given when importing)."""
        self.quarter_hint = quarter_hint or QUARTER_HINT
        self.quarter_missing: list[str] = []
        """III.4 sheets that name no quarter (and none was given)."""

    def notice(self, sheet: str, cell: str, message: str) -> None:
        self.notices.append(Problem(sheet, cell, message))

    def problem(self, sheet: str, cell: str, message: str) -> None:
        self.problems.append(Problem(sheet, cell, message))

    # -- header --------------------------------------------------------------------------
    def _header_row(self, grid: _Grid, headers: Sequence[tuple[str, str]]) -> tuple[int, int] | None:
        """(row, first column) of the table's header row: the row among the first 40 where most
        official headers are found; None when fewer than two are."""
        wanted = {}
        for j, (header, label) in enumerate(headers):
            wanted.setdefault(_fold(header), j)
            wanted.setdefault(_fold(label), j)
        best: tuple[int, int, int] | None = None
        for r in range(1, min(grid.nrows, _HEADER_SCAN_ROWS) + 1):
            offsets: Counter[int] = Counter()
            hits = set()
            for c, v in enumerate(grid.rows[r - 1], start=1):
                if isinstance(v, str) and len(v) < 160:  # headers are short; data texts need no folding
                    j = wanted.get(_fold(v))
                    if j is not None:
                        hits.add(j)
                        offsets[c - j] += 1
            if len(hits) >= 2 and (best is None or len(hits) > best[0]):
                best = (len(hits), r, offsets.most_common(1)[0][0])
        if best is None:
            return None
        return best[1], best[2]

    def _check_headers(self, grid: _Grid, row: int, first: int, headers: Sequence[tuple[str, str]]) -> tuple[bool, int]:
        """Check the header row against the official headers, in order; report each problem once.

        A missing column is reported as such (where it should be), not as every header after it
        being "not the official one"; a renamed header as renamed. Returns (aligned, first
        column): aligned is False when a column is missing, extra or out of place, so the data
        cannot be read by position (the sheet is then not read further: its rows would be
        misread, and every III.4 row of the form would fail to match).
        """
        wanted: dict[str, int] = {}
        for j, (header, label) in enumerate(headers):
            wanted.setdefault(_fold(header), j)
            wanted.setdefault(_fold(label), j)
        n = len(headers)
        values = grid.rows[row - 1] if 1 <= row <= grid.nrows else ()
        found: dict[int, int] = {}
        for c, v in enumerate(values, start=1):
            j = wanted.get(_fold(v)) if isinstance(v, str) else None
            if j is not None and j not in found:
                found[j] = c
        if not found:
            return False, first
        name = grid.name
        aligned = True
        mj = min(found)
        anchor = found[mj]
        # Headers before the first one found: renamed in place, or missing at the left.
        for j in range(mj):
            col = anchor - (mj - j)
            header = headers[j][0]
            if col < 1:
                self.problem(name, _ref(row, 1), f"falta la columna «{header}» a la izquierda de la tabla: las columnas "
                                                 "oficiales van en su orden; insértela.")
                aligned = False
                continue
            text = _text(grid.get(row, col)).strip()
            if text:
                self.problem(name, _ref(row, col), f"el encabezado «{text}» no es el oficial: se esperaba «{header}».")
            else:
                self.problem(name, _ref(row, col), f"falta el encabezado «{header}»: la tabla debe tener las columnas "
                                                   "oficiales en su orden.")
        j, col = mj, anchor
        while j < n:
            header = headers[j][0]
            value = grid.get(row, col)
            text = _text(value).strip()
            k = wanted.get(_fold(value)) if text else None
            if k == j:
                j, col = j + 1, col + 1
                continue
            if k is not None and k > j:
                # Header j is not here: the column was deleted (or moved).
                where = f"antes de «{headers[k][0]}»"
                if found.get(j, 0) > col:
                    self.problem(name, _ref(row, col), f"la columna «{headers[k][0]}» está fuera de su lugar: se "
                                                       f"esperaba «{header}»; las columnas oficiales van en su orden.")
                else:
                    self.problem(name, _ref(row, col), f"falta la columna «{header}»: insértela {where} (las columnas "
                                                       "oficiales van en su orden).")
                aligned = False
                j += 1
                continue
            if k is not None:  # an earlier header again
                self.problem(name, _ref(row, col), f"la columna «{headers[k][0]}» está repetida o fuera de su lugar: "
                                                   f"se esperaba «{header}».")
                aligned = False
                j, col = j + 1, col + 1
                continue
            if found.get(j, 0) > col:  # an extra column before header j
                self.problem(name, _ref(row, col), f"la columna «{text or 'sin encabezado'}» no es del formulario: "
                                                   f"bórrela (se esperaba «{header}»).")
                aligned = False
                col += 1
                continue
            if text:
                self.problem(name, _ref(row, col), f"el encabezado «{text}» no es el oficial: se esperaba «{header}».")
            else:
                self.problem(name, _ref(row, col), f"falta el encabezado «{header}»: la tabla debe tener las columnas "
                                                   "oficiales en su orden.")
            j, col = j + 1, col + 1
        return aligned, anchor - mj

    def _head_cells(self, sheet: _PSheet, grid: _Grid, header_row: int) -> None:
        """Region (1), responsible office, year and (III.4) quarter from the rows above the table."""
        region_text, region_ref = "", ""
        year_value: Any = None
        year_ref = ""
        for r in range(1, header_row):
            values = grid.rows[r - 1]
            for c, v in enumerate(values, start=1):
                if not isinstance(v, str):
                    continue
                folded = _fold(v)
                if folded.startswith("region") and not region_ref:
                    rest = re.sub(r"^regi[oó]n\s*(\(1\))?\s*[:\-]?\s*", "", _text(v).strip(), flags=re.IGNORECASE)
                    right = grid.right_values(r, c)
                    if rest:
                        region_text, region_ref = rest, _ref(r, c)
                        if right:
                            sheet.office, sheet.office_ref = _text(right[0][1]).strip(), _ref(r, right[0][0])
                    elif right:
                        region_text, region_ref = _text(right[0][1]).strip(), _ref(r, right[0][0])
                        if len(right) > 1:
                            sheet.office, sheet.office_ref = _text(right[1][1]), _ref(r, right[1][0])
                    else:
                        region_ref = _ref(r, c)
                elif folded.rstrip(":") in ("ano", "año") and not year_ref:
                    right = grid.right_values(r, c, 1)
                    year_ref = _ref(r, right[0][0]) if right else _ref(r, c + 1)
                    year_value = right[0][1] if right else None
                elif folded.startswith(_fold(QUARTER_LABEL)) and sheet.form is FormKind.III_4 and sheet.quarter is None:
                    rest = _text(v)[len(QUARTER_LABEL):]
                    right = grid.right_values(r, c, 1)
                    candidates = [(rest, _ref(r, c))] + [(_text(x), _ref(r, cc)) for cc, x in right]
                    for text, ref in candidates:
                        m = _QUARTER_IN_TEXT.search(text.strip().split("(")[0].strip()) if text.strip() else None
                        if m:
                            sheet.quarter, sheet.quarter_ref = int(m.group(1) or m.group(2)), ref
                            break
                    else:
                        sheet.quarter_ref = candidates[-1][1]
                        self.problem(grid.name, sheet.quarter_ref, "no se entiende el trimestre: escriba T1, T2, T3 o T4.")
                        sheet.ok = False
        # Region (when there is no "REGIÓN (1)" cell, the caller looks for a column (1)).
        sheet.region_ref = region_ref
        if not region_ref:
            pass
        elif not region_text:
            self.problem(grid.name, region_ref, "falta la región junto a «REGIÓN (1)».")
            sheet.ok = False
        else:
            try:
                sheet.region, office = parse_region_label(region_text)
            except UnknownRegionError as exc:
                self.problem(grid.name, region_ref, str(exc))
                sheet.ok = False
            else:
                if office and not sheet.office:  # "Tarapacá — DIRECCION REGIONAL" (note (1))
                    sheet.office, sheet.office_ref = office, region_ref
        # Year: the "Año" cell, else a year in the title.
        if not year_ref:
            for r in range(1, header_row):
                for c, v in enumerate(grid.rows[r - 1], start=1):
                    if isinstance(v, str):
                        m = _YEAR_IN_TEXT.search(v)
                        if m:
                            year_value, year_ref = int(m.group(1)), _ref(r, c)
                            break
                if year_ref:
                    break
        if not year_ref:
            # Seed 001 prints no year on III.3: the workbook's other sheets may give it.
            sheet.year_missing = True
        else:
            sheet.year_ref = year_ref
            year = _year_value(year_value)
            if year is None:
                shown = _text(year_value).strip() or "vacío"
                self.problem(grid.name, year_ref, f"el año «{shown}» no es un número de año (por ejemplo 2009).")
                sheet.ok = False
            elif not 2000 <= year <= 2100:
                self.problem(grid.name, year_ref, f"el año {year} está fuera de rango (2000–2100).")
                sheet.ok = False
            else:
                sheet.year = year
        if sheet.form is FormKind.III_4 and sheet.quarter is None and not any(
            p.sheet == grid.name and p.cell == sheet.quarter_ref for p in self.problems
        ):
            m = re.search(r"\bT\s*([1-4])\b", grid.name, re.IGNORECASE)
            if m:
                sheet.quarter, sheet.quarter_ref = int(m.group(1)), "A1"
            elif self.quarter is not None:  # seed 001's III.4 names no quarter: the user gave it
                sheet.quarter, sheet.quarter_ref = self.quarter, "A1"
            else:
                self.quarter_missing.append(grid.name)
                self.problem(grid.name, "A1", f"no se indica el trimestre de III.4 (como en el formulario de la "
                                              f"semilla): {self.quarter_hint}.")
                sheet.ok = False

    def _check_uncached(self, grid: _Grid, first_row: int, last_row: int,
                        columns: set[int] | None = None) -> None:
        """A formula with no calculated value in a cell the importer reads (rows ``first_row``–
        ``last_row``, ``columns`` or all) reads as empty: say so instead of importing nothing."""
        for r, c in sorted(grid.uncached):
            if first_row <= r <= last_row and (columns is None or c in columns):
                self.problem(grid.name, _ref(r, c), UNCACHED)

    def _check_merged(self, grid: _Grid, first_row: int, last_row: int) -> None:
        """No cell of the data area may span rows: each row is one record."""
        for min_row, _min_col, max_row, _max_col, coord in grid.merged:
            if max_row > min_row and max_row >= first_row and min_row <= last_row:
                self.problem(
                    grid.name, coord.split(":")[0],
                    f"celdas combinadas en varias filas ({coord}) en la zona de datos: cada fila es una actividad. "
                    "Separe las celdas y deje vacías las del objetivo en sus filas siguientes.",
                )

    # -- III.1–III.3 ---------------------------------------------------------------------
    def programme_sheet(self, grid: _Grid, form: FormKind, *, legacy: bool) -> _PSheet:
        form_spec = spec(form)
        sheet = _PSheet(grid.name, form)
        headers = [(c.header, c.label) for c in form_spec.columns]
        found = self._header_row(grid, headers)
        if found is None:
            self.problem(grid.name, "A1", f"no se encontró la fila de encabezados del formulario {form.value} "
                                          f"(«{headers[0][0]}», «{headers[1][0]}», …).")
            sheet.ok = sheet.readable = False
            return sheet
        header_row, first = found
        before = len(self.problems)
        aligned, first = self._check_headers(grid, header_row, first, headers)
        self._head_cells(sheet, grid, header_row)
        self._check_uncached(grid, 1, header_row - 1)
        if not aligned:  # its rows cannot be read by position: fix the columns first
            sheet.ok = sheet.readable = False
            return sheet
        ncols = len(headers)
        region_col = first - 1 if first > 1 and _fold(grid.get(header_row, first - 1)).startswith("region") else 0
        oid_col = rid_col = 0
        for c, v in enumerate(grid.rows[header_row - 1], start=1):
            if v == OBJECTIVE_ID_HEADER:
                oid_col = c
            elif v == ROW_ID_HEADER:
                rid_col = c

        # III.2's instance header (2)–(6): the row under the row with its headers.
        if form_spec.header_fields:
            sheet.instance = self._instance(grid, form_spec, header_row, sheet)

        # Data area: until the results rows (11)/(12) (a row with an id is data, whatever it says).
        end = grid.nrows
        for r in range(header_row + 1, grid.nrows + 1):
            if any(isinstance(v, str) and v.lstrip()[:1] in ("D", "d") and _fold(v).startswith("desempeno anual")
                   for v in grid.rows[r - 1]) and not (oid_col and grid.get(r, oid_col)) \
                    and not (rid_col and grid.get(r, rid_col)):
                end = r - 1
                break
        self._check_merged(grid, header_row + 1, end)
        key = {c.key: first + j for j, c in enumerate(form_spec.columns)}
        c_weight, c_met, c_earned = key["weight"], key["met"], key["earned"]
        # The form's own column numbers for its messages: (2)–(10), or (7)–(15) on III.2.
        num = {c.key: c.number for c in form_spec.columns}
        c_helper = first + ncols if grid.get(header_row, first + ncols) == xlsx.HELPER_HEADER else 0
        read_columns = {first + j for j in range(ncols)} - {c_earned} | {c for c in (oid_col, rid_col, region_col) if c}
        self._check_uncached(grid, header_row + 1, end, read_columns)
        current: _PObjective | None = None
        groups = _ObjectiveGroups()
        section: str | None = None
        region_text = region_text_ref = ""
        for r in range(header_row + 1, end + 1):
            values = grid.rows[r - 1]
            cell = lambda c: values[c - 1] if 0 < c <= len(values) else None  # noqa: E731
            table = [cell(first + j) for j in range(ncols)]
            obj = [_text(v) for v in table[0:3]]
            com = [_text(v) for v in table[3:6]]
            weight_raw, met_raw = cell(c_weight), cell(c_met)
            oid_raw = cell(oid_col) if oid_col else None
            rid_raw = cell(rid_col) if rid_col else None
            if region_col and not region_text and _text(cell(region_col)).strip():
                region_text = _text(cell(region_col)).strip()
                region_text_ref = _ref(r, region_col)
            weight_text = _weight_text(grid, r, c_weight, weight_raw, legacy=legacy) if weight_raw is not None else ""
            written_obj = any(t.strip() for t in obj)
            has_com = any(t.strip() for t in com) or bool(weight_text.strip()) or _text(met_raw).strip() != ""
            # A row whose visible cells (2)–(9) are all empty is no row, whatever ids it keeps in
            # its hidden columns: a cleared row is a deleted row (see README, Excel import). Only
            # a record exported empty comes back (the assembler checks its digest).
            blank = not written_obj and not has_com
            if blank and oid_raw is None and rid_raw is None:
                continue
            has_com = has_com or (blank and rid_raw is not None)
            earned_raw = cell(c_earned)
            if not legacy and earned_raw is not None and (r, c_earned) not in grid.formulas:
                self.notice(grid.name, _ref(r, c_earned), f"se ignoró el valor escrito en {_ref(r, c_earned)}: Avance "
                                                          f"calcula la ponderación ganada (nota {num['earned']}) con la ponderación "
                                                          "y «Cumple/no cumple».")
            has_obj = written_obj or oid_raw is not None
            # A III.3 section row: only the first cell written.
            if form_spec.sections and obj[0].strip() and not any(t.strip() for t in obj[1:]) and not has_com \
                    and oid_raw is None:
                is_section, code = _section_of(obj[0])
                if is_section:
                    section = code
                    current = None
                    continue
            if legacy and current is not None and current.commitments and obj[0].strip() and oid_raw is None \
                    and not any(t.strip() for t in obj[1:]) and not has_com:
                # Only column (2) written under an objective with activities: the rest of its text,
                # cut by a page break (seed 001 prints the forms so).
                groups.forget(current)
                current.text = f"{current.text.rstrip()} {obj[0].strip()}"
                groups.add(current)
                continue
            if has_obj:
                text = obj[0]
                obj_section = section if form_spec.sections else None
                if legacy and form_spec.sections and "\n" in text:
                    head, rest = text.split("\n", 1)
                    is_section, code = _section_of(head)
                    if is_section:
                        obj_section, section, text = code, code, rest
                oid = None
                if oid_raw is not None:
                    oid = _parse_uuid(oid_raw)
                    if oid is None:
                        self.problem(grid.name, _ref(r, oid_col), f"el identificador «{_text(oid_raw)}» no es válido.")
                target = groups.find(current, (text, obj[1], obj[2], obj_section), oid, r,
                                     _ref(r, oid_col) if oid_col else "") if written_obj else None
                if target is not None:
                    # Cells (2)–(4) copied onto the objective's other rows (to sort or filter, as
                    # coordinators do), next to each other or not: the same objective, not a new one.
                    current = target
                else:
                    current = _PObjective(r, oid, _ref(r, oid_col) if oid_col else "", text, obj[1], obj[2],
                                          obj_section, blank=blank)
                    sheet.objectives.append(current)
                    if written_obj:
                        groups.add(current)
            if has_com and not written_obj and not any(t.strip() for t in com) and not weight_text.strip() \
                    and _text(met_raw).strip():
                self.problem(grid.name, _ref(r, c_met), f"la fila solo tiene «{_short(_text(met_raw).strip())}» en "
                                                         f"Cumple/no cumple ({num['met']}), sin objetivo específico "
                                                         f"({num['objective']}), actividad ({num['description']}) ni "
                                                         f"ponderación ({num['weight']}) a los que se refiera: escriba la "
                                                         "actividad y su ponderación en esta fila, o borre "
                                                         f"{_ref(r, c_met)}.")
                continue
            if has_com:
                if current is None:
                    self.problem(grid.name, _ref(r, first), "esta fila tiene actividades pero ningún objetivo "
                                                            "específico arriba: escriba el objetivo en su primera fila.")
                    continue
                met, ok = _parse_met(met_raw)
                if not ok:
                    self.problem(grid.name, _ref(r, c_met), f"«{_text(met_raw).strip()}» no es un valor de "
                                                             "Cumple/no cumple: escriba Sí, No o deje la celda vacía "
                                                             f"(nota {num['met']}: «Sí» sólo si se cumplió en un 100 %).")
                typed = _typed_weight(weight_raw, num["weight"], num["met"])
                if typed:
                    self.problem(grid.name, _ref(r, c_weight), typed)
                else:
                    for message in parse_weight(weight_text).problems:  # one for the cell
                        self.problem(grid.name, _ref(r, c_weight), f"{message}; {_weight_fix(num['weight'])}.")
                rid = None
                if rid_raw is not None:
                    rid = _parse_uuid(rid_raw)
                    if rid is None:
                        self.problem(grid.name, _ref(r, rid_col), f"el identificador «{_text(rid_raw)}» no es válido.")
                current.commitments.append(
                    _PCommitment(r, rid, _ref(r, rid_col) if rid_col else "", com[0], com[1], com[2], weight_text, met,
                                 blank=blank, helper=_helper_weight(weight_raw, cell(c_helper)) if c_helper else None,
                                 weight_ref=_ref(r, c_weight), helper_ref=_ref(r, c_helper) if c_helper else "")
                )
        for group in groups.scattered():
            rows = group.rows
            shown = ", ".join(str(x) for x in rows[:-1]) + f" y {rows[-1]}"
            self.notice(grid.name, _ref(group.row, first),
                        f"las filas {shown} repiten el objetivo específico «{_short(group.text)}» (columnas "
                        f"({num['objective']}) a ({num['indicator_result']})) sin estar juntas: se importan como un solo objetivo, con sus actividades en el orden de las "
                        "filas. Si eran objetivos distintos, cambie el texto de uno y vuelva a importar.")
        if not legacy and end < grid.nrows:
            # Row (11): the regional performance is Avance's formula too.
            for c, v in enumerate(grid.rows[end], start=1):
                if c == c_earned and v is not None and (end + 1, c) not in grid.formulas:
                    self.notice(grid.name, _ref(end + 1, c), f"se ignoró el valor escrito en {_ref(end + 1, c)}: Avance "
                                                             "calcula el desempeño anual de la región (nota "
                                                             f"{form_spec.result_numbers[0]}) con "
                                                             "las filas de la tabla.")
        if not sheet.region_ref:
            # No "REGIÓN (1)" header cell: the legacy layout with a column (1) "Región".
            if region_text:
                sheet.region_ref = region_text_ref
                try:
                    sheet.region = parse_region_label(region_text)[0]
                except UnknownRegionError as exc:
                    self.problem(grid.name, region_text_ref, str(exc))
            else:
                sheet.region_ref = "A1"
                self.problem(grid.name, "A1", "no se encontró la región: escriba «REGIÓN (1)» y la región sobre la "
                                              "tabla.")
        if len(self.problems) > before:
            sheet.ok = False
        return sheet

    def _instance(self, grid: _Grid, form_spec: Any, header_row: int, sheet: _PSheet) -> ComplementarityInstance:
        """III.2's header table (2)–(6): headers in one row, values in the row below."""
        year = sheet.year or 2009
        fields = form_spec.header_fields
        wanted = {_fold(c.header.format(year=year)): j for j, c in enumerate(fields)}
        wanted.update({_fold(c.label.format(year=year)): j for j, c in enumerate(fields)})
        for r in range(1, header_row):
            found: dict[int, int] = {}
            for c, v in enumerate(grid.rows[r - 1], start=1):
                if isinstance(v, str):
                    folded = re.sub(r"\b20\d\d\b", str(year), _fold(v))
                    j = wanted.get(folded)
                    if j is None:
                        # "Principal problema a resolver el año 2010" in a 2010 sheet read as 2009.
                        for key, jj in wanted.items():
                            if re.sub(r"\b20\d\d\b", "", key) == re.sub(r"\b20\d\d\b", "", folded):
                                j = jj
                    if j is not None:
                        found[j] = c
            if len(found) >= 2:
                for j, c in enumerate(fields):
                    if j not in found:
                        self.problem(grid.name, _ref(r, min(found.values()) + j),
                                     f"falta el encabezado «{c.header.format(year=year)}» de la instancia.")
                values = [_text(grid.get(r + 1, found.get(j, 0))) if j in found else "" for j in range(len(fields))]
                return ComplementarityInstance(*values)
        return ComplementarityInstance()

    # -- III.4 ---------------------------------------------------------------------------
    def progress_sheet(self, grid: _Grid) -> _PSheet:
        form_spec = spec(FormKind.III_4)
        sheet = _PSheet(grid.name, FormKind.III_4)
        headers = [(c.header, c.label) for c in form_spec.columns]
        found = self._header_row(grid, headers)
        if found is None:
            self.problem(grid.name, "A1", "no se encontró la fila de encabezados del formulario III.4 "
                                          "(«Programa de Trabajo», «Objetivos específicos», …).")
            sheet.ok = sheet.readable = False
            return sheet
        header_row, first = found
        before = len(self.problems)
        aligned, first = self._check_headers(grid, header_row, first, headers)
        self._head_cells(sheet, grid, header_row)
        self._check_uncached(grid, 1, header_row - 1)
        if not aligned:
            sheet.ok = sheet.readable = False
            return sheet
        if not sheet.region_ref:
            sheet.region_ref = "A1"
            self.problem(grid.name, "A1", "no se encontró la región: escriba «REGIÓN (1)» y la región sobre la tabla.")
        oid_col = eid_col = 0
        for c, v in enumerate(grid.rows[header_row - 1], start=1):
            if v == OBJECTIVE_ID_HEADER:
                oid_col = c
            elif v == ENTRY_ID_HEADER:
                eid_col = c
        self._check_merged(grid, header_row + 1, grid.nrows)
        labels = {_fold(label): form for form, label in PROGRAMME_LABELS.items()}
        current: FormKind | None = None
        for r in range(header_row + 1, grid.nrows + 1):
            values = grid.rows[r - 1]
            cell = lambda c: values[c - 1] if 0 < c <= len(values) else None  # noqa: E731
            texts = [_text(cell(first + j)) for j in range(len(headers))]
            oid_raw = cell(oid_col) if oid_col else None
            eid_raw = cell(eid_col) if eid_col else None
            bad_label = False
            if texts[0].strip():
                folded = _fold(texts[0])
                form = labels.get(folded)
                if form is None:
                    m = _FORM_IN_NAME.search(texts[0])
                    form = FormKind(f"III.{m.group(1)}") if m and m.group(1) != "4" else None
                if form is None:
                    self.problem(grid.name, _ref(r, first), f"programa de trabajo desconocido «{texts[0].strip()}»: "
                                 "use " + ", ".join(f"«{label}»" for label in PROGRAMME_LABELS.values()) + ".")
                    bad_label = True
                current = form
            empty = not any(t.strip() for t in texts[2:])
            if empty and eid_raw is None:
                continue  # a row left blank for this quarter
            if not texts[0].strip() and not texts[1].strip() and oid_raw is None and eid_raw is None \
                    and sheet.entries and not bad_label:
                # The rest of the row above, cut by a page break (seed 001 prints III.4 so): its
                # texts go on in the same cells.
                previous = sheet.entries[-1]
                for name, text in zip(("progress", "authority_measures", "recommendations", "responsible"), texts[2:]):
                    if text.strip():
                        written = getattr(previous, name)
                        setattr(previous, name, f"{written} {text}".strip() if written.strip() else text)
                continue
            oid = eid = None
            if oid_raw is not None:
                oid = _parse_uuid(oid_raw)
                if oid is None:
                    self.problem(grid.name, _ref(r, oid_col), f"el identificador «{_text(oid_raw)}» no es válido.")
            if eid_raw is not None:
                eid = _parse_uuid(eid_raw)
                if eid is None:
                    self.problem(grid.name, _ref(r, eid_col), f"el identificador «{_text(eid_raw)}» no es válido.")
            if current is None and oid is None:
                if not bad_label:
                    self.problem(grid.name, _ref(r, first), "esta fila no dice a qué programa de trabajo pertenece.")
                continue
            sheet.entries.append(
                _PEntry(r, eid, _ref(r, eid_col) if eid_col else "", oid, _ref(r, oid_col) if oid_col else "",
                        _ref(r, first + 1), current, texts[1],
                        texts[2], texts[3], texts[4], texts[5], blank=empty)
            )
        if len(self.problems) > before:
            sheet.ok = False
        return sheet


def _year_value(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


# =============================================================================================
# The _avance sheet


@dataclass
class _MetaRecord:
    row: int
    kind: str
    id: uuid.UUID | None
    parent: uuid.UUID | None
    sheet: str
    region: Region | None
    year: int | None
    form: FormKind | None
    quarter: int | None
    position: int | None
    klass: str
    stamp: Stamp | None
    digest: str
    name: str
    acronym: str
    packed: bool = False

    def cell(self, j: int) -> str:
        """Where field j (1-based, :data:`META_COLUMNS` order) of this record is: its cell, or
        in format version 2 the record's cell in column A and the field's name."""
        if self.packed:
            return f"{_ref(self.row, 1)} (campo «{META_COLUMNS[j - 1]}»)"
        return _ref(self.row, j)


_META_KINDS = {xlsx.T_SERVICE, xlsx.T_YEAR, xlsx.T_PROGRAMME, xlsx.T_PROGRESS_SHEET, xlsx.T_OBJECTIVE,
               xlsx.T_COMMITMENT, xlsx.T_ENTRY}


@dataclass(frozen=True, slots=True)
class _LongText:
    """A text cut in its cell when exporting (``_avance`` record "texto largo", format version 3)."""

    row: int
    sheet: str
    cell: str
    parent: uuid.UUID | None
    text: str


def _read_meta(reader: _Reader, grid: _Grid, long_texts: list[_LongText] | None = None) -> list[_MetaRecord] | None:
    """The records of ``_avance``; None when the sheet is not one Avance can read. The texts cut
    in their cell (format version 3) are added to ``long_texts``."""
    name = grid.name
    if _text(grid.get(1, 2)) != xlsx.FORMAT:
        reader.problem(name, "B1", f"la hoja «{META_SHEET}» no es de Avance (se esperaba «{xlsx.FORMAT}»).")
        return None
    version = _year_value(grid.get(2, 2))
    if version not in xlsx.READABLE_VERSIONS:
        reader.problem(name, "B2", f"versión de formato «{_text(grid.get(2, 2))}» desconocida: este Avance lee las "
                                   f"versiones {', '.join(map(str, xlsx.READABLE_VERSIONS))}. Actualice Avance.")
        return None
    packed = version >= 2  # one JSON array per record in column A (see xlsx.FORMAT_VERSION)
    if packed:
        try:
            heads = xlsx.decode_meta_record(_text(grid.get(META_HEADER_ROW, 1)))
        except ValueError:
            heads = []
        if heads != list(META_COLUMNS):
            reader.problem(name, _ref(META_HEADER_ROW, 1), f"encabezados de la hoja «{META_SHEET}» alterados.")
            return None
    else:
        for j, head in enumerate(META_COLUMNS, start=1):
            if _text(grid.get(META_HEADER_ROW, j)) != head:
                reader.problem(name, _ref(META_HEADER_ROW, j), f"encabezado «{head}» esperado en la hoja «{META_SHEET}».")
                return None
    records: list[_MetaRecord] = []
    seen: dict[uuid.UUID, int] = {}
    for r in range(META_HEADER_ROW + 1, grid.nrows + 1):
        v = grid.rows[r - 1]
        if packed:
            if not any(x is not None for x in v):
                continue
            if version >= 3 and isinstance(v[0], str) and v[0].startswith(f'["{xlsx.T_LONG_TEXT}"'):
                _read_long_text(reader, name, r, v, long_texts)
                continue
            if any(x is not None for x in v[1:]) or not isinstance(v[0], str):
                reader.problem(name, _ref(r, 1), "registro alterado: cada registro ocupa solo la columna A.")
                continue
            try:
                v = tuple(xlsx.decode_meta_record(v[0]))
            except ValueError as exc:
                reader.problem(name, _ref(r, 1), f"registro alterado: {exc}.")
                continue

        def at(j: int, r: int = r) -> str:
            """Where field j (1-based) of row r is: its cell, or in version 2 column A and the field."""
            return f"{_ref(r, 1)} (campo «{META_COLUMNS[j - 1]}»)" if packed else _ref(r, j)

        get = lambda j: v[j] if j < len(v) else None  # noqa: E731
        kind = _text(get(0))
        if not kind and not any(x is not None for x in v):
            continue
        if kind not in _META_KINDS:
            reader.problem(name, at(1), f"tipo de registro «{kind}» desconocido.")
            continue
        record_id = None
        if kind != xlsx.T_PROGRESS_SHEET:
            record_id = _parse_uuid(get(1))
            if record_id is None:
                reader.problem(name, at(2), f"el identificador «{_text(get(1))}» no es válido.")
                continue
            if record_id in seen:
                reader.problem(name, at(2), f"el identificador {record_id} está repetido (fila {seen[record_id]}).")
                continue
            seen[record_id] = r
        parent = _parse_uuid(get(2)) if get(2) not in (None, "") else None
        if get(2) not in (None, "") and parent is None:
            reader.problem(name, at(3), f"el identificador «{_text(get(2))}» no es válido.")
            continue
        region = None
        if get(4) not in (None, ""):
            try:
                region = find_region(_text(get(4)))
            except UnknownRegionError as exc:
                reader.problem(name, at(5), str(exc))
                continue
        form = None
        if get(6) not in (None, ""):
            try:
                form = FormKind.parse(_text(get(6)))
            except ValueError as exc:
                reader.problem(name, at(7), str(exc))
                continue
        try:
            stamp, digest = xlsx.read_seal(_text(get(10)))
        except ValueError:
            reader.problem(name, at(11), "sello ilegible: se esperan las fechas de creación y modificación y la "
                                              "huella.")
            continue
        records.append(
            _MetaRecord(
                r, kind, record_id, parent, _text(get(3)), region, _year_value(get(5)), form, _year_value(get(7)),
                _year_value(get(8)), _text(get(9)), stamp, digest, _text(get(11)), _text(get(12)), packed,
            )
        )
    return records


# =============================================================================================
# Matching III.4 rows to objectives (legacy layout, or rows added by hand)


def _match_entries(rows: Sequence[tuple[int, str]], objectives: Sequence[tuple[uuid.UUID, str]]) -> dict[int, uuid.UUID]:
    """Pair III.4 rows with objectives by their text: equal texts first, then the most similar
    (ratio ≥ 0.5), each objective used once. III.4 may word an objective differently (seed
    001 writes "Acerca r la oferta…" for "Acercar la oferta…").

    Args:
        rows: (row key, objective text as written on III.4).
        objectives: (objective id, text) of the programme.

    Returns:
        row key → objective id, for the rows that could be paired.
    """
    result: dict[int, uuid.UUID] = {}
    used: set[uuid.UUID] = set()
    folded_objectives = [(oid, _fold(text)) for oid, text in objectives]
    pending = []
    for key, text in rows:
        folded = _fold(text)
        exact = next((oid for oid, t in folded_objectives if t == folded and oid not in used), None)
        if exact is not None:
            result[key] = exact
            used.add(exact)
        else:
            pending.append((key, folded))
    pairs = []
    for key, folded in pending:
        for oid, t in folded_objectives:
            if oid not in used:
                ratio = difflib.SequenceMatcher(None, folded, t, autojunk=False).ratio()
                if ratio >= 0.5:
                    pairs.append((ratio, key, oid))
    for _ratio, key, oid in sorted(pairs, key=lambda p: -p[0]):
        if key not in result and oid not in used:
            result[key] = oid
            used.add(oid)
    return result


# =============================================================================================
# Assembling records


def _positions(stored: Sequence[int | None], groups: Sequence[object] | None = None) -> list[int]:
    """Positions of records in sheet order: the stored ones when every record has one and they
    still increase in sheet order (within each group, e.g. a III.3 section); else 0, 1, 2…"""
    if stored and all(p is not None for p in stored) and len(set(stored)) == len(stored):
        keys = groups or [None] * len(stored)
        last: dict[object, int] = {}
        ok = True
        for p, g in zip(stored, keys):
            if g in last and p <= last[g]:  # type: ignore[operator]
                ok = False
                break
            last[g] = p  # type: ignore[assignment]
        if ok:
            return list(stored)  # type: ignore[arg-type]
    return list(range(len(stored)))


class _Assembler:
    """Turns parsed sheets (and ``_avance``) into :class:`YearData` records."""

    def __init__(self, reader: _Reader, now: dt.datetime) -> None:
        self.reader = reader
        self.now = now

    def problem(self, sheet: str, cell: str, message: str) -> None:
        self.reader.problem(sheet, cell, message)

    def programme_records(self, sheet: _PSheet, programme_id: uuid.UUID, meta: dict[uuid.UUID, _MetaRecord] | None,
                          data: WorkbookData, seen: dict[uuid.UUID, tuple[str, str]]) -> Programme:
        """Objectives and commitments of one sheet, with ids, positions and timestamps.

        A row left with every visible cell empty (only its hidden ids) is no record: it is left
        out (and so deleted when replacing), unless ``_avance`` shows it was exported empty.
        """
        parsed: list[_PObjective] = []
        for po in sheet.objectives:
            po.commitments = [pc for pc in po.commitments
                              if not pc.blank or self._exported_empty_commitment(pc, po, meta)]
            if po.blank and not self._exported_empty_objective(po, programme_id, meta):
                live = [pc.row for pc in po.commitments if not pc.blank]
                if live:
                    rows = ", ".join(str(r) for r in live[:5]) + (" y más" if len(live) > 5 else "")
                    self.problem(sheet.name, _ref(po.row, 1), f"la fila {po.row} quedó vacía, pero las filas {rows} "
                                                              "siguen siendo actividades de su objetivo: escriba el "
                                                              f"objetivo en la fila {po.row}, o borre también esas "
                                                              "filas.")
                continue
            parsed.append(po)
        sheet.objectives = parsed
        objectives: list[Objective] = []
        stored_o: list[int | None] = []
        o_ids: list[uuid.UUID] = []
        for po in sheet.objectives:
            oid, rec = self._identify(po.id, po.id_ref, xlsx.T_OBJECTIVE, sheet.name, meta, seen)
            o_ids.append(oid)
            stored_o.append(rec.position if rec else None)
        positions = _positions(stored_o, [po.section for po in sheet.objectives] if sheet.form is FormKind.III_3 else None)
        for po, oid, position in zip(sheet.objectives, o_ids, positions):
            c_ids: list[uuid.UUID] = []
            c_recs: list[_MetaRecord | None] = []
            for pc in po.commitments:
                cid, crec = self._identify(pc.id, pc.id_ref, xlsx.T_COMMITMENT, sheet.name, meta, seen)
                c_ids.append(cid)
                c_recs.append(crec)
            c_positions = _positions([r.position if r else None for r in c_recs])
            commitments = []
            for pc, cid, crec, cpos in zip(po.commitments, c_ids, c_recs, c_positions):
                kind = CommitmentKind.ACTIVITY
                if crec is not None and crec.klass in (CommitmentKind.ACTIVITY.value, CommitmentKind.GOAL.value):
                    kind = CommitmentKind(crec.klass)
                commitment = Commitment(cid, cpos, kind, pc.description, pc.responsible_unit, pc.verification_means,
                                        pc.weight_text, pc.met)
                digest = xlsx.commitment_digest(commitment, oid)
                self._stamp(data, cid, crec, digest)
                said = _helper_notice(pc, None if crec is None else self._weight_as_exported(commitment, crec, oid))
                if said is not None:
                    self.reader.notice(sheet.name, *said)
                commitments.append(commitment)
            objective = Objective(oid, position, po.text, po.indicator, po.indicator_result, po.section,
                                  tuple(commitments))
            self._stamp(data, oid, meta.get(oid) if meta else None, xlsx.objective_digest(objective, programme_id))
            objectives.append(objective)
        assert sheet.region is not None and sheet.year is not None
        return Programme(programme_id, sheet.form, sheet.region, sheet.year, sheet.office,
                         sheet.instance if sheet.form is FormKind.III_2 else None, tuple(objectives))

    @staticmethod
    def _weight_as_exported(commitment: Commitment, rec: _MetaRecord, objective_id: uuid.UUID) -> bool:
        """Whether a row's columns (5)–(8) are as exported (its compliance (9) and place aside):
        ``_avance`` keeps the digest of the row as exported, not its texts."""
        for met in (None, True, False):
            exported = dataclasses.replace(commitment, met=met, position=rec.position or 0)
            if xlsx.commitment_digest(exported, objective_id) == rec.digest:
                return True
        return False

    @staticmethod
    def _exported_empty_commitment(pc: _PCommitment, po: _PObjective,
                                   meta: dict[uuid.UUID, _MetaRecord] | None) -> bool:
        """Whether an empty row with a row id was exported empty (``_avance``'s digest says so)."""
        rec = meta.get(pc.id) if meta is not None and pc.id is not None else None
        if rec is None or rec.kind != xlsx.T_COMMITMENT or po.id is None:
            return False
        kind = CommitmentKind(rec.klass) if rec.klass in (k.value for k in CommitmentKind) else CommitmentKind.ACTIVITY
        empty = Commitment(pc.id, rec.position if rec.position is not None else 0, kind, "", "", "", "", None)
        return rec.digest == xlsx.commitment_digest(empty, po.id)

    @staticmethod
    def _exported_empty_objective(po: _PObjective, programme_id: uuid.UUID,
                                  meta: dict[uuid.UUID, _MetaRecord] | None) -> bool:
        """Whether an empty row with an objective id was exported empty (``_avance``'s digest)."""
        rec = meta.get(po.id) if meta is not None and po.id is not None else None
        if rec is None or rec.kind != xlsx.T_OBJECTIVE:
            return False
        empty = Objective(po.id, rec.position if rec.position is not None else 0, po.section, "", "", "", ())
        return rec.digest == xlsx.objective_digest(empty, programme_id)

    def _identify(self, record_id: uuid.UUID | None, ref: str, kind: str, sheet: str,
                  meta: dict[uuid.UUID, _MetaRecord] | None, seen: dict[uuid.UUID, tuple[str, str]]
                  ) -> tuple[uuid.UUID, _MetaRecord | None]:
        """The id of a row: its own when ``_avance`` lists it for this sheet, else a new one
        (with a problem when the id is unknown, of another kind or sheet, or repeated)."""
        if record_id is None or meta is None:
            return uuid.uuid4(), None
        rec = meta.get(record_id)
        label = {"objetivo": "del objetivo", "fila": "de la fila", "análisis": "de la fila de III.4"}[kind]
        if record_id in seen:
            first_sheet, first_ref = seen[record_id]
            self.problem(sheet, ref, f"el identificador {label} {record_id} está repetido (también en hoja "
                                     f"«{first_sheet}», celda {first_ref}): ¿se copió una fila? Borre el "
                                     "identificador de la copia.")
            return uuid.uuid4(), None
        seen[record_id] = (sheet, ref)
        if rec is None or rec.kind != kind:
            self.problem(sheet, ref, f"el identificador {label} {record_id} no figura en la hoja «{META_SHEET}»: "
                                     "no corresponde a este libro.")
            return uuid.uuid4(), None
        if rec.sheet != sheet:
            self.problem(sheet, ref, f"el identificador {label} {record_id} pertenece a la hoja «{rec.sheet}»: "
                                     "no mueva filas entre hojas.")
            return uuid.uuid4(), None
        return record_id, rec

    def _stamp(self, data: WorkbookData, record_id: uuid.UUID, rec: _MetaRecord | None, digest: str) -> None:
        if rec is not None and rec.stamp is not None:
            if rec.digest == digest:
                data.stamps[record_id] = rec.stamp
            else:
                data.stamps[record_id] = Stamp(rec.stamp.created_at, self.now)
        else:
            data.stamps[record_id] = Stamp(self.now, self.now)

    def entries(self, sheet: _PSheet, programmes: Sequence[Programme], quarter: int,
                meta: dict[uuid.UUID, _MetaRecord] | None, data: WorkbookData,
                seen: dict[uuid.UUID, tuple[str, str]], *, unreadable: set[uuid.UUID] | frozenset = frozenset(),
                skip_forms: set[FormKind] | frozenset = frozenset(),
                sheet_of: Mapping[FormKind, str] | None = None) -> list[ProgressEntry]:
        """III.4 rows of one sheet, each tied to an objective of the region's programmes.

        Rows of an objective whose sheet could not be read (``unreadable`` ids, ``skip_forms``)
        are passed over: that sheet's own problem says what to fix. ``sheet_of``: the sheet of
        each form in the workbook, named when an objective is not found there.
        """
        objectives = {o.id: (p.form, o) for p in programmes for o in p.objectives}
        by_text: dict[FormKind, list[tuple[int, str]]] = {}
        for pe in sheet.entries:
            if pe.objective_id is None and pe.form is not None and pe.form not in skip_forms:
                by_text.setdefault(pe.form, []).append((pe.row, pe.objective_text))
        matched: dict[int, uuid.UUID] = {}
        for form, rows in by_text.items():
            candidates = [(o.id, o.text) for p in programmes if p.form is form for o in p.objectives]
            taken = {pe.objective_id for pe in sheet.entries if pe.objective_id is not None}
            matched.update(_match_entries(rows, [(i, t) for i, t in candidates if i not in taken]))
        out: list[ProgressEntry] = []
        used: dict[uuid.UUID, int] = {}
        for pe in sheet.entries:
            oid = pe.objective_id
            if (oid is not None and oid in unreadable) or (oid is None and pe.form in skip_forms):
                if pe.id is not None:
                    seen.setdefault(pe.id, (sheet.name, pe.id_ref))
                continue
            if oid is not None:
                deleted = meta is not None and oid in meta and meta[oid].kind == xlsx.T_OBJECTIVE
                if oid not in objectives and deleted:
                    # Its objective's row was deleted (or emptied) on the form: the row goes with
                    # it (replacing deletes it, and the plan says so), and a notice says so.
                    if not pe.blank:
                        assert meta is not None
                        form_sheet = meta[oid].sheet
                        self.reader.notice(sheet.name, pe.objective_ref,
                                           f"esta fila es del objetivo «{_short(pe.objective_text)}», que se borró de "
                                           f"la hoja «{form_sheet}» de este libro: no se importa (al reemplazar se "
                                           "elimina con su objetivo). Si el objetivo debía quedar, cancele y deshaga "
                                           f"el borrado en «{form_sheet}» (o vuelva a exportar el libro).")
                    continue
                if oid not in objectives:
                    if pe.id is not None:
                        seen.setdefault(pe.id, (sheet.name, pe.id_ref))
                    self.problem(sheet.name, pe.oid_ref or pe.objective_ref,
                                 f"el identificador de objetivo de la fila {pe.row} no es de ningún objetivo de las "
                                 "hojas III.1 a III.3 de este libro (¿se copió la fila de otro libro?): borre "
                                 f"{pe.oid_ref or 'el identificador'} para buscar el objetivo por su texto (2), o "
                                 "borre la fila.")
                    continue
            else:
                oid = matched.get(pe.row)
                if oid is None:
                    named = (sheet_of or {}).get(pe.form) if pe.form else None
                    where = (f"la hoja «{named}» (formulario {pe.form.value})" if named and pe.form else
                             f"el formulario {pe.form.value}" if pe.form else "los formularios III.1 a III.3")
                    self.problem(sheet.name, pe.objective_ref, f"no se encontró el objetivo «{_short(pe.objective_text)}» "
                                                               f"en {where} de este libro (se busca por su texto, "
                                                               "columna Objetivos específicos): si se borró de allí, "
                                                               "borre también esta fila; si no, escriba el texto tal "
                                                               "como está en el formulario.")
                    continue
            if pe.blank:  # columns (2)–(5) emptied: no row, unless it was exported empty
                rec = meta.get(pe.id) if meta is not None and pe.id is not None else None
                empty = ProgressEntry(pe.id or uuid.uuid4(), oid, objectives[oid][0], pe.objective_text, "", "", "", "")
                if rec is None or rec.kind != xlsx.T_ENTRY or rec.digest != xlsx.entry_digest(empty, quarter):
                    continue
            if oid in used:
                self.problem(sheet.name, pe.objective_ref, f"el objetivo ya tiene una fila en este trimestre (fila "
                                                           f"{used[oid]}): deje una sola.")
                continue
            used[oid] = pe.row
            eid, rec = self._identify(pe.id, pe.id_ref, xlsx.T_ENTRY, sheet.name, meta, seen)
            form = objectives[oid][0]
            entry = ProgressEntry(eid, oid, form, pe.objective_text, pe.progress, pe.authority_measures,
                                  pe.recommendations, pe.responsible)
            self._stamp(data, eid, rec, xlsx.entry_digest(entry, quarter))
            out.append(entry)
        return out


def _short(text: str, limit: int = 50) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


# =============================================================================================
# validate_workbook


def _damaged(path: Path) -> Problem:
    return Problem("", "", f"«{Path(path).name}» está dañado o no es un libro de Excel válido: no se pudo leer.")


def _load(path: Path) -> tuple[_Book | None, list[Problem]]:
    problems = check_file(path)
    if problems:
        return None, problems
    try:
        return _Book(path), []
    except _MissingPartError as exc:
        names = ", ".join(f"«{s}»" for s in exc.sheets)
        which = f"la hoja {names}" if len(exc.sheets) == 1 else f"las hojas {names}"
        return None, [Problem("", "", f"«{Path(path).name}» está dañado o incompleto: le falta el contenido de {which} "
                                      "(¿se copió o descargó a medias?). Vuelva a copiarlo, o ábralo en Excel y "
                                      "guárdelo de nuevo.")]
    except (_BookError, zipfile.BadZipFile, OSError, ValueError):
        return None, [_damaged(path)]


def validate_workbook(path: Path | str, *, quarter: int | None = None,
                      quarter_hint: str = "") -> tuple[WorkbookData | None, list[Problem]]:
    """Read a workbook and check everything in it, without touching any database.

    Args:
        path: the .xlsx file.
        quarter: the quarter (1–4) of a III.4 sheet that names none (seed 001's III.4 prints
            no quarter); without it such a sheet is a problem (``WorkbookData.quarter_missing``).
        quarter_hint: what that problem tells the user to do (default :data:`QUARTER_HINT`;
            the command line names its option).

    Returns:
        (the data read, every problem found). The data is None when the file cannot be read at
        all; when there are problems it may be partial and must not be imported. Problems cite
        the sheet and cell and explain in Spanish: missing or renamed headers, a weight
        ``parse_weight`` cannot read (note (8)), a compliance value that is not Sí/No/empty
        (note (9)), an unknown region, a year that is not a number, cells merged across rows,
        ids in ``_avance`` that do not match the rows, sheets that are missing or unknown.

    Source: seed 001, Actividades III.1–III.4 (headers, notes (1), (8), (9)).
    """
    path = Path(path)
    wb, problems = _load(path)
    if wb is None:
        return None, problems
    try:
        return _validate(wb, quarter, quarter_hint)
    except _SheetLimitError as exc:
        return None, [Problem(exc.sheet, "", exc.message)]
    except _BookError:
        return None, [_damaged(path)]
    finally:
        wb.close()


def _validate(wb: _Book, quarter: int | None = None, quarter_hint: str = "") -> tuple[WorkbookData | None, list[Problem]]:
    reader = _Reader(quarter, quarter_hint)
    now = dt.datetime.now(dt.UTC)
    names = wb.sheetnames
    if META_SHEET in names:
        data = _validate_exported(reader, wb, now)
    else:
        data = _validate_legacy(reader, wb, now)
    data.notices = list(reader.notices)
    data.quarter_missing = list(reader.quarter_missing)
    return data, reader.problems


def _form_sheets(wb: _Book) -> list[tuple[_Grid, FormKind]]:
    out = []
    for name in wb.sheetnames:
        if name in (META_SHEET, NOTES_SHEET, NATIONAL_SHEET):
            continue
        grid = wb[name]
        kind = _form_of_sheet(grid)
        if kind is not None:
            out.append((grid, kind))
    return out


def _validate_legacy(reader: _Reader, wb: _Book, now: dt.datetime) -> WorkbookData:
    data = WorkbookData("legado")
    sheets = _form_sheets(wb)
    if not sheets:
        first = wb.sheetnames[0] if wb.sheetnames else ""
        reader.problem(first, "A1", "el libro no tiene ninguna hoja de formulario: nombre las hojas «III.1», «III.2», "
                                    "«III.3» o «III.4 T2», o use el libro que exporta Avance.")
        return data
    parsed: list[_PSheet] = []
    for grid, kind in sheets:
        if kind is FormKind.III_4:
            parsed.append(reader.progress_sheet(grid))
        else:
            parsed.append(reader.programme_sheet(grid, kind, legacy=True))
    # One workbook is one region and year (the seed's forms of one regional office): a sheet
    # that says another is refused, naming both cells; the most common one is taken as the
    # workbook's.
    for attribute, ref, what in (("year", "year_ref", "el año"), ("region", "region_ref", "la región")):
        values = [getattr(s, attribute) for s in parsed if getattr(s, attribute) is not None]
        if len(set(values)) <= 1:
            continue
        common = Counter(values).most_common(1)[0][0]
        model = next(s for s in parsed if getattr(s, attribute) == common)
        shown = (lambda v: v.name) if attribute == "region" else str  # noqa: E731
        for s in parsed:
            value = getattr(s, attribute)
            if value is not None and value != common:
                reader.problem(s.name, getattr(s, ref) or "A1",
                               f"{what} {shown(value)} no coincide con {shown(common)} de la hoja «{model.name}» (celda "
                               f"{getattr(model, ref) or 'A1'}): un libro es de una sola región y año; corrija la celda "
                               "o separe los formularios en libros distintos.")
                s.ok = False
                setattr(s, attribute, None)
                if attribute == "year":
                    s.year_missing = False
    years = {s.year for s in parsed if s.year is not None}
    for s in parsed:
        if s.year_missing:
            if len(years) == 1:
                s.year = next(iter(years))
            else:
                reader.problem(s.name, "A1", "no se encontró el año: escriba «Año» y el año (por ejemplo 2009) sobre "
                                             "la tabla.")
    groups: dict[tuple[str, int], list[_PSheet]] = {}
    failed: set[FormKind] = set()  # forms whose sheet has no readable region or year
    for s in parsed:
        if s.region is not None and s.year is not None:
            groups.setdefault((s.region.iso_code, s.year), []).append(s)
        elif s.form is not FormKind.III_4:
            failed.add(s.form)
    assembler = _Assembler(reader, now)
    for (_iso, year), sheets_of in groups.items():
        region = sheets_of[0].region
        assert region is not None
        forms: dict[FormKind, _PSheet] = {}
        quarters: dict[int, _PSheet] = {}
        for s in sheets_of:
            if s.form is FormKind.III_4:
                if s.quarter in quarters:
                    reader.problem(s.name, s.quarter_ref, f"el trimestre T{s.quarter} de {region.name} {year} ya está "
                                                          f"en la hoja «{quarters[s.quarter].name}».")
                elif s.quarter is not None:
                    quarters[s.quarter] = s
            elif s.form in forms:
                reader.problem(s.name, "A1", f"el formulario {s.form.value} de {region.name} {year} ya está en la hoja "
                                             f"«{forms[s.form].name}».")
            else:
                forms[s.form] = s
        programmes = [
            assembler.programme_records(forms[f], uuid.uuid4(), None, data, {}) for f in PROGRAMME_FORMS if f in forms
            if forms[f].readable
        ]
        office = next((s.office for s in quarters.values() if s.office), "")
        ry_id = uuid.uuid4()
        data.stamps[ry_id] = Stamp(now, now)
        for p in programmes:
            data.stamps[p.id] = Stamp(now, now)
        progress: dict[int, list[ProgressEntry]] = {}
        for q, s in sorted(quarters.items()):
            missing = set()
            for pe in s.entries:
                if pe.form is not None and pe.form not in forms and pe.form not in failed and pe.form not in missing:
                    missing.add(pe.form)
                    reader.problem(s.name, _ref(pe.row, 1), f"la fila se refiere al formulario {pe.form.value}, que no "
                                                            f"está en el libro para {region.name} {year}.")
            skip = failed | missing | {f for f, fs in forms.items() if not fs.readable}
            entries = assembler.entries(s, programmes, q, None, data, {}, skip_forms=skip,
                                        sheet_of={f: fs.name for f, fs in forms.items()})
            if entries:
                progress[q] = entries
        first = next((s for s in sheets_of if s.form is not FormKind.III_4), sheets_of[0])
        data.years.append(YearData(ry_id, region, year, office, programmes, progress, None, first.name, first.year_ref))
    return data


def _read_long_text(reader: _Reader, name: str, r: int, v: tuple[Any, ...], out: list[_LongText] | None) -> None:
    """One "texto largo" record of ``_avance`` (row ``r``): its sheet, cell, row id and the full
    text from the cells B, C… (see :data:`desktop.forms.xlsx.T_LONG_TEXT`)."""
    try:
        fields = xlsx.decode_meta_record(v[0])
    except ValueError as exc:
        reader.problem(name, _ref(r, 1), f"registro alterado: {exc}.")
        return
    pieces = list(v[1:])
    while pieces and pieces[-1] is None:
        pieces.pop()
    ref = _text(fields[11])
    parent = _parse_uuid(fields[2]) if fields[2] is not None else None
    if not pieces or any(not isinstance(p, str) for p in pieces) or not re.fullmatch(r"[A-Z]{1,3}[1-9][0-9]*", ref) \
            or (fields[2] is not None and parent is None):
        reader.problem(name, _ref(r, 1), "registro de texto largo alterado: se esperan la hoja, la celda y el texto "
                                          "en las columnas B, C… de la fila.")
        return
    if out is not None:
        out.append(_LongText(r, _text(fields[3]), ref, parent, "".join(xlsx.decode_text(p) for p in pieces)))


def _restore_long_texts(reader: _Reader, wb: _Book, long_texts: Sequence[_LongText]) -> None:
    """Put back in their sheets the full texts that were cut in their cell when exporting.

    A cell that still shows the cut text as exported (wherever a sort moved its row) gets the
    full text; a cell the coordinator edited keeps the edit, with a notice naming the cell.
    """
    from openpyxl.utils.cell import coordinate_to_tuple

    for lt in long_texts:
        if lt.sheet not in wb.sheetnames:
            continue  # the missing sheet is a problem of its own
        grid = wb[lt.sheet]
        shown = xlsx.cut_text(lt.text)
        full = xlsx.encode_text(lt.text)
        found = False
        for i, values in enumerate(grid.rows):
            if shown in values:
                grid.rows[i] = tuple(full if x == shown else x for x in values)
                found = True
        if found:
            continue
        row, col = coordinate_to_tuple(lt.cell)
        if lt.parent is not None:
            key = str(lt.parent)
            row = next((i for i, values in enumerate(grid.rows, start=1) if key in values), 0)
            if not row:
                continue  # the row was deleted: said (or done) as any deleted row
        now = _text(grid.get(row, col))
        size = lambda n: f"{n:,}".replace(",", "\u00a0")  # noqa: E731 - 40 000, as written in Chile
        reader.notice(grid.name, _ref(row, col),
                      f"este texto tenía {size(len(lt.text))} caracteres al exportar, más de los "
                      f"{size(xlsx.CELL_LIMIT)} que caben en una celda de Excel: la celda mostraba solo el comienzo, "
                      f"hasta «{xlsx.CUT_MARK}», y el texto completo venía guardado en la hoja «{META_SHEET}». Como la "
                      f"celda se editó, se importa el texto editado ({size(len(now))} caracteres), no el completo. Si "
                      "no era lo que quería, cancele y corrija el texto en Avance.")


def _validate_exported(reader: _Reader, wb: _Book, now: dt.datetime) -> WorkbookData:
    data = WorkbookData("avance")
    long_texts: list[_LongText] = []
    records = _read_meta(reader, wb[META_SHEET], long_texts)
    if records is None:
        return data
    _restore_long_texts(reader, wb, long_texts)
    by_id = {r.id: r for r in records if r.id is not None}
    services = [r for r in records if r.kind == xlsx.T_SERVICE]
    for s in services:
        assert s.id is not None
        data.services[s.id] = ServiceInfo(s.id, s.name, s.acronym)
        data.stamps[s.id] = s.stamp or Stamp(now, now)
    years = [r for r in records if r.kind == xlsx.T_YEAR]
    programme_recs = [r for r in records if r.kind == xlsx.T_PROGRAMME]
    progress_recs = [r for r in records if r.kind == xlsx.T_PROGRESS_SHEET]
    listed = {r.sheet for r in programme_recs + progress_recs}
    if not years:
        reader.problem(META_SHEET, _ref(META_HEADER_ROW + 1, 1), "la hoja no lista ninguna región y año.")
    for ws, _kind in _form_sheets(wb):
        if ws.name not in listed:
            reader.problem(ws.name, "A1", f"la hoja no figura en «{META_SHEET}»: no agregue hojas de formulario a un "
                                           "libro exportado (impórtela en un libro aparte).")
    year_ids = {y.id for y in years}
    for rec in programme_recs + progress_recs:
        if rec.parent not in year_ids:
            reader.problem(META_SHEET, rec.cell(3), f"la hoja «{rec.sheet}» no pertenece a ninguna región y año "
                                                         "de la hoja.")
    # Sheets that are missing or whose table cannot be found: their own problem is reported,
    # and their records are not reported once more, row by row.
    unreadable: set[str] = set()
    for rec in programme_recs + progress_recs:
        if rec.sheet not in wb.sheetnames:
            unreadable.add(rec.sheet)
    unreadable_ids = {r.id for r in records if r.kind == xlsx.T_OBJECTIVE and r.sheet in unreadable}
    seen: dict[uuid.UUID, tuple[str, str]] = {}
    assembler = _Assembler(reader, now)
    meta_ids = by_id
    for y in years:
        assert y.id is not None
        if y.region is None or y.year is None:
            reader.problem(META_SHEET, y.cell(5), "al registro del año le falta la región o el año.")
            continue
        if y.parent is not None and y.parent not in data.services:
            reader.problem(META_SHEET, y.cell(3), f"el servicio {y.parent} no figura en la hoja.")
        programmes: list[Programme] = []
        where = ("", "")
        for rec in (r for r in programme_recs if r.parent == y.id):
            if rec.sheet not in wb.sheetnames:
                reader.problem(META_SHEET, rec.cell(4), f"la hoja «{rec.sheet}» no existe en el libro: ¿se "
                                                             "renombró o se borró? Use el nombre original.")
                continue
            if rec.form not in PROGRAMME_FORMS:
                reader.problem(META_SHEET, rec.cell(7), "formulario inválido para un programa.")
                continue
            grid = wb[rec.sheet]
            sheet = reader.programme_sheet(grid, rec.form, legacy=False)
            _same_place(reader, sheet, y)
            if not where[0]:
                where = (sheet.name, sheet.year_ref)
            if not sheet.readable:
                unreadable.add(rec.sheet)
                unreadable_ids.update(r.id for r in records if r.kind == xlsx.T_OBJECTIVE and r.sheet == rec.sheet)
                continue
            assert rec.id is not None
            programme = assembler.programme_records(sheet, rec.id, meta_ids, data, seen)
            if programme.responsible_office:
                # REGIÓN (1) shows the reporting year's office when the programme has none of its
                # own (as the PDF): read back unchanged, it is still none of its own.
                inherited = dataclasses.replace(programme, responsible_office="")
                if rec.digest == xlsx.programme_digest(inherited) \
                        and y.digest == xlsx.year_digest(programme.responsible_office):
                    programme = inherited
            assembler._stamp(data, rec.id, rec, xlsx.programme_digest(programme))
            data.id_cells[rec.id] = (META_SHEET, rec.cell(2))
            programmes.append(programme)
        progress: dict[int, list[ProgressEntry]] = {}
        offices: list[tuple[str, str, str]] = []
        for rec in (r for r in progress_recs if r.parent == y.id):
            if rec.sheet not in wb.sheetnames:
                reader.problem(META_SHEET, rec.cell(4), f"la hoja «{rec.sheet}» no existe en el libro: ¿se "
                                                             "renombró o se borró? Use el nombre original.")
                continue
            sheet = reader.progress_sheet(wb[rec.sheet])
            _same_place(reader, sheet, y)
            if not sheet.readable:
                unreadable.add(rec.sheet)
                continue
            if sheet.quarter is not None and rec.quarter is not None and sheet.quarter != rec.quarter:
                reader.problem(sheet.name, sheet.quarter_ref, f"el trimestre T{sheet.quarter} no coincide con el "
                                                              f"exportado (T{rec.quarter}).")
                continue
            quarter = rec.quarter or sheet.quarter
            if quarter is None:
                continue
            if not where[0]:
                where = (sheet.name, sheet.year_ref)
            offices.append((sheet.office, sheet.name, sheet.office_ref))
            entries = assembler.entries(sheet, programmes, quarter, meta_ids, data, seen, unreadable=unreadable_ids)
            if quarter in progress:
                reader.problem(sheet.name, "A1", f"el trimestre T{quarter} está en dos hojas.")
            elif entries:
                progress[quarter] = entries
        office = offices[0][0] if offices else ""
        for other, sheet_name, ref in offices[1:]:
            if other != office:
                reader.problem(sheet_name, ref or "C2", f"la oficina responsable «{other}» difiere de la de la hoja "
                                                        f"«{offices[0][1]}» («{office}»): deje la misma en todas.")
        assembler._stamp(data, y.id, y, xlsx.year_digest(office))
        data.id_cells[y.id] = (META_SHEET, y.cell(2))
        data.years.append(
            YearData(y.id, y.region, y.year, office, programmes, progress, y.parent, where[0] or META_SHEET,
                     where[1] or y.cell(6))
        )
    # Records of _avance with no row: the row was deleted (or emptied) in the workbook. Not a
    # problem: replacing deletes them (the plan lists them, see Loss), a new import leaves them out.
    for record_id, where in seen.items():
        data.id_cells.setdefault(record_id, where)
    return data


def _same_place(reader: _Reader, sheet: _PSheet, y: _MetaRecord) -> None:
    """The region and year written on a sheet must be the exported ones."""
    if sheet.region is not None and y.region is not None and sheet.region != y.region:
        reader.problem(sheet.name, sheet.region_ref, f"la región «{sheet.region.name}» no coincide con la del libro "
                                                     f"exportado ({y.region.name}): no cambie la región de un libro "
                                                     "exportado.")
    if sheet.year is not None and y.year is not None and sheet.year != y.year:
        reader.problem(sheet.name, sheet.year_ref, f"el año {sheet.year} no coincide con el del libro exportado "
                                                   f"({y.year}).")
    # Whatever the cells say (their problem is reported), the rows belong to the exported place.
    sheet.region, sheet.year = y.region, y.year


# =============================================================================================
# import_workbook


_RECORDS = (ReportingYear, WorkProgramme, ObjectiveRow, CommitmentRow, ProgressAnalysis)
"""The tables a workbook writes, parents first."""


def _chunks(ids: Sequence[uuid.UUID] | set[uuid.UUID], size: int = 500) -> list[list[uuid.UUID]]:
    items = list(ids)
    return [items[i:i + size] for i in range(0, len(items), size)]


@dataclass(frozen=True, slots=True)
class Loss:
    """What replacing one programme deletes beyond the workbook's own records: the evidence
    ("medios de verificación", column (7)) attached to commitments the workbook no longer has,
    and the central office's observations and review that would be left without the objective,
    commitment or programme they refer to.

    Attributes:
        region: the programme's region.
        year: its reporting year.
        form: III.1, III.2 or III.3.
        evidence: evidence files that would be deleted.
        evidence_rows: the commitments (column (5), shortened) those files are attached to.
        observations: central-office observations left without their objective or commitment.
        review: the central office's review of the programme ("aprobado"…) when the programme
            itself would be deleted; "" otherwise.
    """

    region: Region
    year: int
    form: FormKind
    evidence: int = 0
    evidence_rows: tuple[str, ...] = ()
    observations: int = 0
    review: str = ""

    def text(self, *, done: bool = False) -> str:
        """One Spanish sentence: "III.1 de Tarapacá 2009: se eliminarían 2 medios de verificación
        adjuntos a la actividad «Taller…»" (``done``: in the past, after the import)."""
        parts = []
        if self.evidence:
            one = self.evidence == 1
            verb = ("se eliminó" if one else "se eliminaron") if done else ("se eliminaría" if one else "se eliminarían")
            noun = "medio de verificación adjunto" if one else "medios de verificación adjuntos"
            rows = self.evidence_rows
            named = ", ".join(f"«{r}»" for r in rows[:3]) + (f" y {len(rows) - 3} más" if len(rows) > 3 else "")
            target = f"a la actividad {named}" if len(rows) == 1 else f"a {len(rows)} actividades ({named})"
            parts.append(f"{verb} {self.evidence} {noun} {target}")
        if self.observations:
            one = self.observations == 1
            verb = ("quedó" if one else "quedaron") if done else ("quedaría" if one else "quedarían")
            parts.append(
                f"{self.observations} {'observación' if one else 'observaciones'} de la oficina central {verb} sin el "
                f"objetivo o la actividad que {'comenta' if one else 'comentan'}"
            )
        if self.review:
            verb = "quedó" if done else "quedaría"
            parts.append(f"la revisión de la oficina central («{self.review}») {verb} sin su programa")
        return f"{self.form.value} de {self.region.name} {self.year}: " + "; ".join(parts)


@dataclass(frozen=True, slots=True)
class Removal:
    """Records of an exported workbook's programme that replacing deletes because the workbook no
    longer has them: their row was deleted, or emptied (every visible cell), in Excel. Listed
    before anything is written. (A workbook in the legacy layout has no ids: replacing with it
    replaces every row, and lists none.)

    Attributes:
        region: the programme's region.
        year: its reporting year.
        form: III.1, III.2 or III.3 (III.4 rows go with their objective's programme).
        objectives: the objectives deleted, column (2) shortened.
        commitments: the activity rows deleted, column (5) shortened.
        entries: III.4 rows deleted.
    """

    region: Region
    year: int
    form: FormKind
    objectives: tuple[str, ...] = ()
    commitments: tuple[str, ...] = ()
    entries: int = 0

    def text(self, *, done: bool = False) -> str:
        """"III.1 de Tarapacá 2009: se eliminarían 1 objetivo («Asesorar…») y 1 fila de
        actividades («Realizar…»), que el libro ya no tiene" (``done``: in the past)."""
        parts = []

        def named(items: tuple[str, ...]) -> str:
            shown = ", ".join(f"«{t}»" for t in items[:3])
            return shown + (f" y {len(items) - 3} más" if len(items) > 3 else "")

        if self.objectives:
            n = len(self.objectives)
            parts.append(f"{n} {'objetivo' if n == 1 else 'objetivos'} ({named(self.objectives)})")
        if self.commitments:
            n = len(self.commitments)
            parts.append(f"{n} {'fila' if n == 1 else 'filas'} de actividades ({named(self.commitments)})")
        if self.entries:
            parts.append(f"{self.entries} {'fila' if self.entries == 1 else 'filas'} de III.4")
        count = len(self.objectives) + len(self.commitments) + self.entries
        verb = ("se eliminó" if count == 1 else "se eliminaron") if done else \
            ("se eliminaría" if count == 1 else "se eliminarían")
        joined = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " y " + parts[-1]
        return f"{self.form.value} de {self.region.name} {self.year}: {verb} {joined}, que el libro ya no tiene"


@dataclass
class _Changes:
    """How the workbook's records fall on the database's (replacing in place).

    Attributes:
        year_ids: workbook year id → the database's year of the same region and year.
        programme_ids: workbook programme id → the database's programme of that year and form.
        rows: the database's rows of the years replaced, by table and id (every column).
        delete: ids of those rows the workbook no longer has, by table.
        losses: what deleting them takes with it (evidence, observations, reviews).
        removals: the records an exported workbook no longer has (deleted or emptied rows).
    """

    year_ids: dict[uuid.UUID, uuid.UUID] = field(default_factory=dict)
    programme_ids: dict[uuid.UUID, uuid.UUID] = field(default_factory=dict)
    rows: dict[type, dict[uuid.UUID, dict[str, Any]]] = field(default_factory=lambda: {m: {} for m in _RECORDS})
    delete: dict[type, set[uuid.UUID]] = field(default_factory=lambda: {m: set() for m in _RECORDS})
    losses: list[Loss] = field(default_factory=list)
    removals: list[Removal] = field(default_factory=list)


def _db_problems(session: Session, data: WorkbookData) -> tuple[list[Problem], list[tuple[YearData, ReportingYear]]]:
    """Checks against the database that hold whether or not a year is replaced (the same region
    and year twice in the workbook, ids that exist elsewhere in the database), and the
    workbook's years already present, each with the database's year. At the central office a
    region that sends sync bundles is refused (:func:`desktop.services.ownership.excel_problem`)."""
    from desktop.services.ownership import excel_problem

    problems: list[Problem] = []
    refused: list[Problem] = []
    present: list[tuple[YearData, ReportingYear]] = []
    seen: dict[tuple[str, int], YearData] = {}
    for y in data.years:
        key = (y.region.iso_code, y.year)
        if key in seen:
            problems.append(Problem(y.sheet, y.cell, f"{y.region.name} {y.year} aparece dos veces en el libro."))
            continue
        seen[key] = y
        owned = excel_problem(session, y.region)
        if owned is not None:
            refused.append(Problem(y.sheet, y.cell, owned))
        found = queries.reporting_year(session, y.region, y.year)
        if found is not None:
            present.append((y, found))
    if refused:  # not imported at all: nothing to replace, no identifier to compare
        return problems + refused, []
    if data.layout == "avance":
        # Ids of the region/years already present are theirs (replaced in place).
        replaced_ids: set[uuid.UUID] = set()
        ry_ids = [ry.id for _y, ry in present]
        if ry_ids:
            replaced_ids.update(ry_ids)
            p_ids = set(session.scalars(select(WorkProgramme.id).where(WorkProgramme.reporting_year_id.in_(ry_ids))))
            replaced_ids |= p_ids
            o_ids = set(session.scalars(select(ObjectiveRow.id).where(ObjectiveRow.programme_id.in_(p_ids))))
            replaced_ids |= o_ids
            for chunk in _chunks(o_ids):
                replaced_ids |= set(session.scalars(select(CommitmentRow.id).where(CommitmentRow.objective_id.in_(chunk))))
                replaced_ids |= set(session.scalars(select(ProgressAnalysis.id)
                                                    .where(ProgressAnalysis.objective_id.in_(chunk))))
        wanted: dict[type, list[uuid.UUID]] = {m: [] for m in _RECORDS}
        for y in data.years:
            wanted[ReportingYear].append(y.id)
            for p in y.programmes:
                wanted[WorkProgramme].append(p.id)
                for o in p.objectives:
                    wanted[ObjectiveRow].append(o.id)
                    wanted[CommitmentRow].extend(c.id for c in o.commitments)
            for entries in y.progress.values():
                wanted[ProgressAnalysis].extend(e.id for e in entries)
        for model, ids in wanted.items():
            for chunk in _chunks(ids):
                for found_id in session.scalars(select(model.id).where(model.id.in_(chunk))):
                    if found_id not in replaced_ids:
                        sheet, cell = data.id_cells.get(found_id, (META_SHEET, ""))
                        problems.append(Problem(sheet, cell, f"el identificador {found_id} ya existe en la base de datos "
                                                             "en otra región o año: este libro parece una copia de "
                                                             "otro; no se puede importar sin duplicar registros."))
    return problems, present


def _changes(session: Session, present: Sequence[tuple[YearData, ReportingYear]], layout: str = "avance") -> _Changes:
    """Match the workbook's records with the database's rows of the years it replaces.

    A record keeps the database row of the same id (so the evidence, observations and review
    that hang from it stay); a year is the database's year of the same region and year, and a
    programme the database's programme of that year and form, whatever id the workbook gives
    them (a workbook in the legacy layout has none). Rows of those years that no record of
    the workbook keeps are to be deleted; what that deletes with them is listed as losses.
    """
    changes = _Changes()
    if not present:
        return changes
    rows = changes.rows
    ry_ids = [ry.id for _y, ry in present]
    for ry in (ry for _y, ry in present):
        rows[ReportingYear][ry.id] = {c.key: getattr(ry, c.key) for c in ReportingYear.__table__.columns}
    p_table, o_table = WorkProgramme.__table__, ObjectiveRow.__table__
    c_table, a_table = CommitmentRow.__table__, ProgressAnalysis.__table__
    for r in session.execute(select(p_table).where(p_table.c.reporting_year_id.in_(ry_ids))).mappings():
        rows[WorkProgramme][r["id"]] = dict(r)
    in_years = p_table.c.reporting_year_id.in_(ry_ids)
    for r in session.execute(select(o_table).join(p_table, o_table.c.programme_id == p_table.c.id).where(in_years)).mappings():
        rows[ObjectiveRow][r["id"]] = dict(r)
    for table, fk in ((c_table, c_table.c.objective_id), (a_table, a_table.c.objective_id)):
        query = (select(table).join(o_table, fk == o_table.c.id).join(p_table, o_table.c.programme_id == p_table.c.id)
                 .where(in_years))
        model = CommitmentRow if table is c_table else ProgressAnalysis
        for r in session.execute(query).mappings():
            rows[model][r["id"]] = dict(r)

    keep: dict[type, set[uuid.UUID]] = {m: set() for m in _RECORDS}
    forms = {(p["reporting_year_id"], p["form"]): pid for pid, p in rows[WorkProgramme].items()}
    for y, ry in present:
        changes.year_ids[y.id] = ry.id
        keep[ReportingYear].add(ry.id)
        for p in y.programmes:
            pid = forms.get((ry.id, p.form.value), p.id)
            changes.programme_ids[p.id] = pid
            keep[WorkProgramme].add(pid)
            for o in p.objectives:
                keep[ObjectiveRow].add(o.id)
                keep[CommitmentRow].update(c.id for c in o.commitments)
        for entries in y.progress.values():
            keep[ProgressAnalysis].update(e.id for e in entries)
    for model in _RECORDS:
        changes.delete[model] = set(rows[model]) - keep[model]
    changes.losses = _losses(session, present, changes)
    if layout == "avance":
        changes.removals = _removals(present, changes)
    return changes


def _removals(present: Sequence[tuple[YearData, ReportingYear]], changes: _Changes) -> list[Removal]:
    """The records of the replaced years an exported workbook no longer has, by programme."""
    rows, delete = changes.rows, changes.delete
    years = {ry.id: (find_region(ry.region.iso_code), ry.year) for _y, ry in present}
    found: dict[uuid.UUID, dict[str, list]] = {}

    def of(programme_id: uuid.UUID) -> dict[str, list]:
        return found.setdefault(programme_id, {"objectives": [], "commitments": [], "entries": []})

    def programme_of_objective(objective_id: uuid.UUID) -> uuid.UUID | None:
        objective = rows[ObjectiveRow].get(objective_id)
        return objective["programme_id"] if objective else None

    for oid in delete[ObjectiveRow]:
        objective = rows[ObjectiveRow][oid]
        of(objective["programme_id"])["objectives"].append((objective["position"], _short(objective["text"], 50)
                                                            if objective["text"].strip() else "sin texto"))
    for cid in delete[CommitmentRow]:
        commitment = rows[CommitmentRow][cid]
        pid = programme_of_objective(commitment["objective_id"])
        if pid is not None:
            of(pid)["commitments"].append((commitment["position"], _short(commitment["description"], 50)
                                           if commitment["description"].strip() else "sin descripción"))
    for eid in delete[ProgressAnalysis]:
        pid = programme_of_objective(rows[ProgressAnalysis][eid]["objective_id"])
        if pid is not None:
            of(pid)["entries"].append(eid)
    removals = []
    for pid, entry in found.items():
        programme = rows[WorkProgramme].get(pid)
        if programme is None:
            continue
        region, year = years[programme["reporting_year_id"]]
        removals.append(Removal(region, year, FormKind(programme["form"]),
                                tuple(t for _p, t in sorted(entry["objectives"], key=lambda x: x[0])),
                                tuple(t for _p, t in sorted(entry["commitments"], key=lambda x: x[0])),
                                len(entry["entries"])))
    return sorted(removals, key=lambda x: (x.region.cut, x.year, PROGRAMME_FORMS.index(x.form)))


def _losses(session: Session, present: Sequence[tuple[YearData, ReportingYear]], changes: _Changes) -> list[Loss]:
    """What deleting ``changes.delete`` takes with it, by programme: evidence rows (cascade),
    observations and reviews (left without their record)."""
    rows, delete = changes.rows, changes.delete
    dead_commitments, dead_objectives = delete[CommitmentRow], delete[ObjectiveRow]
    dead_programmes = delete[WorkProgramme]
    if not (dead_commitments or dead_objectives or dead_programmes):
        return []
    evidence: dict[uuid.UUID, int] = {}
    for chunk in _chunks(dead_commitments):
        query = (select(Evidence.commitment_id, func.count()).where(Evidence.commitment_id.in_(chunk))
                 .group_by(Evidence.commitment_id))
        evidence.update({cid: n for cid, n in session.execute(query)})
    observed: list[uuid.UUID] = []
    for chunk in _chunks(dead_commitments | dead_objectives):
        observed.extend(session.scalars(select(Observation.target_id).where(Observation.target_id.in_(chunk))))
    reviews = {pid: status for chunk in _chunks(dead_programmes) for pid, status in session.execute(
        select(ProgrammeReview.programme_id, ProgrammeReview.status).where(ProgrammeReview.programme_id.in_(chunk)))}
    if not (evidence or observed or reviews):
        return []
    years = {ry.id: (find_region(ry.region.iso_code), ry.year) for _y, ry in present}

    def programme_of(record_id: uuid.UUID) -> uuid.UUID:
        if record_id in rows[CommitmentRow]:
            record_id = rows[CommitmentRow][record_id]["objective_id"]
        if record_id in rows[ObjectiveRow]:
            record_id = rows[ObjectiveRow][record_id]["programme_id"]
        return record_id

    found: dict[uuid.UUID, dict[str, Any]] = {}
    for cid, n in evidence.items():
        entry = found.setdefault(programme_of(cid), {"evidence": 0, "rows": [], "observations": 0, "review": ""})
        entry["evidence"] += n
        description = rows[CommitmentRow][cid]["description"]
        entry["rows"].append(_short(description, 60) if description.strip() else "sin descripción")
    for target in observed:
        entry = found.setdefault(programme_of(target), {"evidence": 0, "rows": [], "observations": 0, "review": ""})
        entry["observations"] += 1
    for pid, status in reviews.items():
        entry = found.setdefault(pid, {"evidence": 0, "rows": [], "observations": 0, "review": ""})
        entry["review"] = status
    losses = []
    for pid, entry in found.items():
        programme = rows[WorkProgramme][pid]
        region, year = years[programme["reporting_year_id"]]
        losses.append(Loss(region, year, FormKind(programme["form"]), entry["evidence"], tuple(entry["rows"]),
                           entry["observations"], entry["review"]))
    return sorted(losses, key=lambda x: (x.region.cut, x.year, PROGRAMME_FORMS.index(x.form)))


def _service_id(session: Session, data: WorkbookData, y: YearData, cache: dict[Any, uuid.UUID]) -> uuid.UUID:
    """The service of a reporting year: the one of ``_avance`` (created if missing, by id or
    acronym), else the database's first service, else SERNAM."""
    key = y.service_id
    if key in cache:
        return cache[key]
    info = data.services.get(key) if key is not None else None
    if info is not None:
        found = session.get(Service, info.id) or session.scalar(select(Service).where(Service.acronym == info.acronym))
        if found is None:
            stamp = data.stamps.get(info.id)
            found = Service(id=info.id, name=info.name, acronym=info.acronym)
            if stamp is not None:
                found.created_at, found.updated_at = stamp.created_at, stamp.updated_at
            session.add(found)
            session.flush()
    else:
        found = session.scalar(select(Service).order_by(Service.created_at).limit(1))
        if found is None:
            found = queries.get_or_create_service(session, "Servicio Nacional de la Mujer", "SERNAM")
    cache[key] = found.id
    return found.id


def _write(session: Session, data: WorkbookData, changes: _Changes, now: dt.datetime) -> tuple[int, int, int, int]:
    """Write the workbook's records in place: a record whose id the database holds is updated
    (only when something differs), a new one inserted, and the rows of a replaced year the
    workbook no longer has deleted last, so nothing that hangs from a kept record is touched.
    Bulk statements, in the caller's transaction."""
    session.expunge_all()
    cache: dict[Any, uuid.UUID] = {}
    year_ids, programme_ids, old_rows = changes.year_ids, changes.programme_ids, changes.rows

    plan: dict[type, tuple[list[dict[str, Any]], list[dict[str, Any]]]] = {m: ([], []) for m in _RECORDS}

    def put(model: type, record_id: uuid.UUID, db_id: uuid.UUID, values: dict[str, Any]) -> None:
        """Queue ``values`` of a workbook record as the row ``db_id``: inserted, updated, or left."""
        old = old_rows[model].get(db_id)
        if old is None or db_id == record_id:
            stamp = data.stamps.get(record_id) or Stamp(now, now)
            created, updated = stamp.created_at, stamp.updated_at
        else:  # the database's row of the same year (and form): its own dates, moved when edited
            same = all(old.get(k) == v for k, v in values.items())
            created, updated = old["created_at"], old["updated_at"] if same else now
        row = {"id": db_id, **values, "created_at": created, "updated_at": updated}
        if old is None:
            plan[model][0].append(row)
        elif any(old.get(k) != v for k, v in row.items()):
            plan[model][1].append(row)

    for y in data.years:
        ry_id = year_ids.get(y.id, y.id)
        put(ReportingYear, y.id, ry_id, {"service_id": _service_id(session, data, y, cache),
                                         "region_id": queries.region_row(session, y.region).id, "year": y.year,
                                         "responsible_office": y.responsible_office})
        for p in y.programmes:
            i = p.instance or ComplementarityInstance()
            pid = programme_ids.get(p.id, p.id)
            put(WorkProgramme, p.id, pid, {"reporting_year_id": ry_id, "form": p.form.value,
                                           "responsible_office": p.responsible_office, "instance_name": i.name,
                                           "main_problem": i.main_problem, "territories": i.territories,
                                           "institutions": i.institutions, "products": i.products})
            for o in p.objectives:
                put(ObjectiveRow, o.id, o.id, {"programme_id": pid, "position": o.position, "section": o.section,
                                               "text": o.text, "indicator": o.indicator,
                                               "indicator_result": o.indicator_result})
                for c in o.commitments:
                    put(CommitmentRow, c.id, c.id, {
                        "objective_id": o.id, "position": c.position, "kind": c.kind.value,
                        "description": c.description, "responsible_unit": c.responsible_unit,
                        "verification_means": c.verification_means, "weight_text": c.weight_text,
                        "weight": parse_weight(c.weight_text).total, "met": c.met})
        for quarter, rows in y.progress.items():
            for e in rows:
                put(ProgressAnalysis, e.id, e.id, {
                    "objective_id": e.objective_id, "quarter": quarter, "objective_text": e.objective_text,
                    "progress": e.progress, "authority_measures": e.authority_measures,
                    "recommendations": e.recommendations, "responsible": e.responsible})

    def run(model: type) -> None:
        inserts, updates = plan[model]
        if inserts:
            session.execute(insert(model), inserts)
        if updates:
            session.execute(update(model), updates)

    def remove(model: type, ids: set[uuid.UUID]) -> None:
        for chunk in _chunks(ids):
            session.execute(delete(model).where(model.id.in_(chunk)).execution_options(synchronize_session=False))

    for model in (ReportingYear, WorkProgramme, ObjectiveRow, CommitmentRow):
        run(model)
    # III.4 rows hang from nothing: one that moves to another objective or quarter is written
    # anew, after the rows leaving, so the one-row-per-objective-and-quarter rule always holds.
    inserts, updates = plan[ProgressAnalysis]
    old_entries = old_rows[ProgressAnalysis]
    moved = [r for r in updates if (old_entries[r["id"]]["objective_id"], old_entries[r["id"]]["quarter"])
             != (r["objective_id"], r["quarter"])]
    moved_ids = {r["id"] for r in moved}
    remove(ProgressAnalysis, changes.delete[ProgressAnalysis] | moved_ids)
    plan[ProgressAnalysis] = (inserts + moved, [r for r in updates if r["id"] not in moved_ids])
    run(ProgressAnalysis)
    for model in (CommitmentRow, ObjectiveRow, WorkProgramme, ReportingYear):
        remove(model, changes.delete[model])
    programmes = sum(len(y.programmes) for y in data.years)
    objectives = sum(len(p.objectives) for y in data.years for p in y.programmes)
    commitments = sum(len(o.commitments) for y in data.years for p in y.programmes for o in p.objectives)
    entries = sum(len(rows) for y in data.years for rows in y.progress.values())
    return programmes, objectives, commitments, entries


@dataclass(frozen=True, slots=True)
class ImportPlan:
    """A workbook read once and checked against the database, before anything is written
    (what the window shows before it asks; :func:`import_workbook` takes it back).

    Attributes:
        path: the workbook.
        data: what was read; None when the file could not be read at all.
        problems: everything wrong with it (sheet, cell, Spanish explanation), except that a
            region and year is already in the database.
        existing: the workbook's regions and years the database already has (replacing them
            is asked, not an error).
        losses: what replacing those would delete with them (evidence, central office
            observations and reviews of records the workbook no longer has).
        file_problems: the problems of the file itself (``problems`` less the database checks,
            which :func:`import_workbook` makes again).
        removals: the records of an exported workbook replacing would delete because the
            workbook no longer has them (rows deleted or emptied in Excel).
        notices: values read otherwise than the workbook shows (ignored), sheet and cell.
        quarter_missing: III.4 sheets that name no quarter (seed 001's does not): plan again
            with ``quarter`` (the window asks it).
        quarter: the quarter given for such sheets.
    """

    path: Path
    data: WorkbookData | None
    problems: tuple[Problem, ...]
    existing: tuple[tuple[Region, int], ...] = ()
    losses: tuple[Loss, ...] = ()
    file_problems: tuple[Problem, ...] = ()
    removals: tuple[Removal, ...] = ()
    notices: tuple[Problem, ...] = ()
    quarter_missing: tuple[str, ...] = ()
    quarter: int | None = None

    @property
    def ok(self) -> bool:
        """True when the workbook can be imported (replacing ``existing`` if there are any)."""
        return self.data is not None and not self.problems


def _read(path: Path, quarter: int | None = None, quarter_hint: str = "") -> tuple[WorkbookData | None, list[Problem]]:
    data, problems = validate_workbook(path, quarter=quarter, quarter_hint=quarter_hint)
    if data is not None and not data.years and not problems:
        problems.append(Problem("", "", f"«{path.name}» no tiene datos que importar."))
    return data, problems


def plan_import(db: Database, path: Path | str, *, quarter: int | None = None) -> ImportPlan:
    """Read and check a workbook against the database, writing nothing.

    Args:
        db: the open database.
        path: the .xlsx file.
        quarter: the quarter of a III.4 sheet that names none (see :func:`validate_workbook`);
            ``ImportPlan.quarter_missing`` lists the sheets that need one.

    Returns:
        An :class:`ImportPlan`: its problems, the regions and years already present, and what
        replacing them would delete (evidence, observations, reviews). Hand it to
        :func:`import_workbook` (``plan=``) so the file is not read again.
    """
    path = Path(path)
    data, problems = _read(path, quarter)
    if data is None:
        return ImportPlan(path, None, tuple(problems))
    with db.reading() as session:
        db_problems, present = _db_problems(session, data)
        changes = _changes(session, present, data.layout) if not (problems or db_problems) else _Changes()
        existing = tuple((y.region, y.year) for y, _ry in present)
    return ImportPlan(path, data, tuple(problems + db_problems), existing, tuple(changes.losses), tuple(problems),
                      tuple(changes.removals), tuple(data.notices), tuple(data.quarter_missing), quarter)


REPLACE_HINT = "vuelva a importar eligiendo reemplazarlo, o cancele"
"""What the problem of a year already present says to do (the command line says its own)."""


def _existing_problem(y: YearData, losses: Sequence[Loss], hint: str, removals: Sequence[Removal] = ()) -> Problem:
    """A year already present, without ``replace``: what to do, and what replacing would delete."""
    text = f"ya existe {y.region.name} ({y.region.iso_code}) {y.year} en la base de datos: {hint}."
    mine = [r.text() for r in removals if (r.region, r.year) == (y.region, y.year)]
    mine += [loss.text() for loss in losses if (loss.region, loss.year) == (y.region, y.year)]
    if mine:
        text += " Al reemplazarlo, " + "; ".join(mine) + "."
    return Problem(y.sheet, y.cell, text)


def import_workbook(db: Database, path: Path | str, *, dry_run: bool = False, replace: bool = False,
                    plan: ImportPlan | None = None, replace_hint: str = REPLACE_HINT, quarter: int | None = None,
                    quarter_hint: str = "") -> ImportReport:
    """Import a workbook: all of it in one transaction, or nothing.

    Args:
        db: the open database.
        path: the .xlsx file (exported by Avance, or in the legacy layout of seed 001).
        dry_run: check everything (the file and the database) and report, writing nothing.
        replace: a region and year already in the database is replaced in place: records the
            workbook carries by id are updated (keeping their evidence, observations and
            review), new ones inserted, and only those the workbook no longer has deleted
            (the report's ``losses`` says what went with them). Without it, that is a problem
            (whose message says what replacing would delete).
        plan: the :func:`plan_import` of ``path``: its reading of the file is used instead of
            reading it again (the database checks are made again, inside the transaction).
        replace_hint: what the problem of a year already present tells the user to do (the
            command line names its ``--replace``; the window asks, so it never shows this).
        quarter: the quarter of a III.4 sheet that names none (seed 001's III.4 names none).
        quarter_hint: what the problem of a III.4 sheet with no quarter tells the user to do
            (the command line names its ``--quarter``).

    Returns:
        An :class:`ImportReport`.

    Raises:
        ExcelImportError: the file is not a usable workbook, or has problems (each with sheet,
            cell and a Spanish explanation); nothing was written.

    Source: seed 001, Actividades III.1–III.4; weights as written (III.1 note (8)) with their
    Decimal from :func:`desktop.domain.weights.parse_weight`; compliance Sí/No (note (9)).
    """
    path = Path(path)
    if plan is not None and plan.path == path and plan.data is not None and plan.quarter == quarter:
        data = plan.data
        problems = list(plan.file_problems)
    else:
        data, problems = _read(path, quarter, quarter_hint)
    if data is None:
        raise ExcelImportError(problems)
    now = dt.datetime.now(dt.UTC)
    with (db.reading() if dry_run else db.transaction()) as session:
        db_problems, present = _db_problems(session, data)
        problems = problems + db_problems
        changes = _changes(session, present, data.layout) if not problems else _Changes()
        if present and not replace:
            problems += [_existing_problem(y, changes.losses, replace_hint, changes.removals) for y, _ry in present]
        elif plan is not None and not problems and tuple(changes.losses) != plan.losses:
            # Evidence or observations attached since the check: the user was not told of them.
            lost = "; ".join(loss.text() for loss in changes.losses) or "nada"
            problems.append(Problem("", "", "La base de datos cambió desde que se revisó el libro (al reemplazar, ahora "
                                            f"{lost}). Vuelva a importarlo para revisarlo de nuevo."))
        if problems:
            raise ExcelImportError(problems)
        replaced = tuple((find_region(ry.region.iso_code), ry.year) for _y, ry in present)
        if dry_run:
            counts = (
                sum(len(y.programmes) for y in data.years),
                sum(len(p.objectives) for y in data.years for p in y.programmes),
                sum(len(o.commitments) for y in data.years for p in y.programmes for o in p.objectives),
                sum(len(e) for y in data.years for e in y.progress.values()),
            )
        else:
            counts = _write(session, data, changes, now)
    return ImportReport(path, data.layout, dry_run, tuple((y.region, y.year) for y in data.years), replaced, *counts,
                        losses=tuple(changes.losses), removals=tuple(changes.removals), notices=tuple(data.notices))
