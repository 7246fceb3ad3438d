"""The Etapa 3 forms as an Excel workbook (openpyxl): one region, or the whole nation.

Pure: it takes domain records (:mod:`desktop.domain.records`) and scores, and writes a workbook;
it never opens the database. :mod:`desktop.services.excel` gathers the records and reads the
workbooks back.

Layout of a form sheet (seed 001, Actividades III.1–III.3): the activity heading and title, the
header "REGIÓN (1)" | "region — responsible office" (note (1), as the PDF prints it; the
office is the programme's, else the reporting year's), "Año" | year; for III.2 the instance
header table (2)–(6); the group row ("Control de Resultados" over (2)–(4), "Control Operacional"
over (5)–(10)) and the numbered column headers (frozen, repeated when printed); one row per
commitment, the objective's cells (2)–(4) written on its first row only (the rows below belong to
the same objective; no cell spans rows, so any row can be edited, sorted or imported); III.3's
objectives under their section rows (11) (12) (13). Column (8) holds the weight as written, as
text (note (8)), in a percent-formatted column; a helper column "Ponderación leída (%)" holds
the number :func:`desktop.domain.weights.parse_weight` reads from it, so the formulas never
re-read a text weight written "0.5%  0.5%" (text functions such as VALUE depend on the
decimal separator of Excel's language). Column (10) is the live formula of note (10): the
weight when (9) is "Sí", taken from (8) itself when a number was typed there (a typed 5 % is
kept by Excel as 0.05), else from the helper column; "Sí" counts as written in any case, with or
without its accent and spaces, or TRUE, exactly what the importer reads as met
(:func:`met_condition`). The table ends with one empty row (with its formula) inside the
totals, so an activity typed there counts; row (11) is their sum (note (11)). Row
(12), "Desempeño anual servicio", is a national result (note (12)): in a national workbook it
reads the "Nacional" sheet's live verdict of the programme; in a regional workbook it is the
text the PDF prints (computed when exporting, over the regions of the database). III.4 has one
sheet per quarter. The "Nacional" sheet gives each region's performance as Avance computed it
and as read live from the region's sheet, "≥ 90 %" and the service verdicts over the live
figures (notes (11), (12)).

Two hidden columns on every form sheet carry the ids of the objective and of the row, and the
very hidden sheet ``_avance`` lists every record, one per row as a JSON array in column A (ids,
positions, kinds, timestamps and a digest of its content), the format version, the region and
the year, so that
:func:`desktop.services.excel.import_workbook` gives the database back exactly.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from copy import copy
import math
import re
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from desktop.domain.forms import (
    OPERATIONS,
    PROGRAMME_FORMS,
    PROGRAMME_LABELS,
    RESULTS,
    FormKind,
    FormSpec,
    spec,
)
from desktop.domain.records import Commitment, Objective, ProgressEntry, Programme, quarter_label
from desktop.domain.regions import Region
from desktop.domain.scoring import PASS_MARK, ProgrammeScore, Verdict

__all__ = [
    "CELL_LIMIT",
    "CUT_MARK",
    "FORMAT",
    "FORMAT_VERSION",
    "META_SHEET",
    "NATIONAL_SHEET",
    "NOTES_SHEET",
    "NationalTable",
    "RegionYear",
    "ServiceInfo",
    "Stamp",
    "WorkbookContent",
    "build_workbook",
    "cut_text",
    "decode_text",
    "encode_text",
    "record_digest",
    "sheet_name",
    "sheet_order",
    "write_workbook",
]

FORMAT = "avance-xlsx"
"""Value of ``_avance!B1``: a workbook Avance wrote."""

FORMAT_VERSION = 3
"""Value of ``_avance!B2``; the importer refuses a version it does not know.

Version 1 kept each field of a record in its own column (A…M); version 2 keeps each record in
one cell (column A) as a JSON array of the same fields in the same order (see
:func:`encode_meta_record`): a sixth of the cells, so a national workbook imports in about
two thirds of the time. Version 3 adds the "texto largo" records: a text longer than an Excel
cell holds (:data:`CELL_LIMIT`) shows cut, ending in :data:`CUT_MARK`, and its full text is kept
in ``_avance`` split over the cells B, C… of its record (see :func:`cut_text`). The importer
reads all three."""

READABLE_VERSIONS = (1, 2, 3)
"""Versions of ``_avance`` the importer reads."""

META_SHEET = "_avance"
NOTES_SHEET = "Notas"
NATIONAL_SHEET = "Nacional"

REGION_LABEL = "REGIÓN (1)"
"""Header cell of column (1), "Región" (seed 001, III.1–III.4 note (1))."""
YEAR_LABEL = "Año"
QUARTER_LABEL = "Trimestre"
HELPER_HEADER = "Ponderación leída (%)"
"""The helper column: the number read from column (8) by ``parse_weight`` (note (8))."""
OBJECTIVE_ID_HEADER = "Avance: id objetivo"
ROW_ID_HEADER = "Avance: id fila"
ENTRY_ID_HEADER = "Avance: id análisis"
NO_SECTION = "Sin sección asignada"
WEIGHT_FORMAT = "0.0##%"
"""Number format of column (8): a weight written as text ("0.5%  0.5%") shows as written; a
number typed there is a percentage (Excel keeps 5 % as 0.05, and turns a typed 5 into 5 %
in a percent cell), which the formulas and the importer read as such."""
_PLACES = 9
"""Decimals the formulas round earned weights and sums to, so binary floating point never
puts 90 % a hair under the bar."""
MET_YES, MET_NO = "Sí", "No"

META_HEADER_ROW = 7
"""Row of the record table's headers in ``_avance``; records start on the next row."""
META_COLUMNS = (
    "tipo", "id", "padre", "hoja", "región", "año", "formulario", "trimestre", "posición", "clase",
    "sello", "nombre", "sigla",
)
"""Fields of a record of ``_avance``, in order (version 1: columns A…M; version 2: the items of
the JSON array in column A). "sello" is "created updated digest": the record's timestamps
(ISO 8601, UTC) and the digest of its content ("-" for a part unknown)."""

# Record types of ``_avance`` (column A).
T_SERVICE, T_YEAR, T_PROGRAMME, T_PROGRESS_SHEET = "servicio", "año", "programa", "hoja III.4"
T_OBJECTIVE, T_COMMITMENT, T_ENTRY = "objetivo", "fila", "análisis"
T_LONG_TEXT = "texto largo"
"""A text cut in its cell (format version 3): "hoja" its sheet, "nombre" its cell as exported
("A7"), "padre" the id on its row (to find the row after a sort), and the full text in the
cells B, C… of the record's row (each at most :data:`LONG_TEXT_PIECE` characters)."""

CELL_LIMIT = 32_767
"""Characters an Excel cell holds (counted in UTF-16 units, as Excel counts them)."""
CUT_MARK = "…"
"""Ends the visible text of a cell cut at :data:`CELL_LIMIT`."""
LONG_TEXT_PIECE = 4_000
"""Characters of a long text per cell of its ``_avance`` record: even escaped (``_xHHHH_``,
7 characters each), a piece fits in a cell."""


@dataclass(frozen=True, slots=True)
class Stamp:
    """A record's ``created_at`` and ``updated_at`` (UTC), kept so a round trip is exact."""

    created_at: dt.datetime
    updated_at: dt.datetime


@dataclass(frozen=True, slots=True)
class ServiceInfo:
    """The reporting service (SERNAM): id, name and acronym (its timestamps go in the stamps)."""

    id: uuid.UUID
    name: str
    acronym: str


@dataclass(frozen=True, slots=True)
class RegionYear:
    """Everything of one region and year that goes into the workbook.

    Attributes:
        id: the reporting year's id.
        region: column (1).
        year: reporting year.
        responsible_office: the reporting year's office, printed on III.4 (note (1)).
        programmes: III.1, III.2, III.3 (those present), with their raw fields.
        progress: III.4 rows written, by quarter (1–4); quarters absent have none.
        service_id: the service the year belongs to.
    """

    id: uuid.UUID
    region: Region
    year: int
    responsible_office: str
    programmes: tuple[Programme, ...]
    progress: Mapping[int, tuple[ProgressEntry, ...]] = field(default_factory=dict)
    service_id: uuid.UUID | None = None


@dataclass(frozen=True, slots=True)
class NationalTable:
    """The national consolidation (III.1 notes (11), (12)), from :mod:`desktop.services.summary`.

    Attributes:
        regions: each region with its programmes' scores.
        verdicts: "Desempeño anual servicio" per programme form.
        service: CUMPLE only when every programme's verdict is CUMPLE.
    """

    regions: tuple[tuple[Region, tuple[ProgrammeScore, ...]], ...]
    verdicts: Mapping[FormKind, Verdict]
    service: Verdict


@dataclass(frozen=True, slots=True)
class WorkbookContent:
    """What a workbook holds.

    Attributes:
        years: the regions and years, in order (one for a regional workbook).
        services: the services the years belong to, stored in ``_avance`` so an empty database
            gets them back.
        stamps: every record's timestamps, by id (records without one get none).
        national: the national table; when given, sheets are named "CL-TA III.1" and a
            "Nacional" sheet comes first.
        service_name: "Servicio Nacional de la Mujer (SERNAM)", for the titles.
        exported_at: when the workbook was written (informative, in ``_avance``).
        service_verdicts: a regional workbook's "Desempeño anual servicio" per form (III.1
            (12), III.2 (17), III.3 (15)), exactly as the PDF prints it
            (:func:`desktop.services.summary.verdict_text`: a national result, so one region's
            sheet does not compute it); a national workbook's cells read the "Nacional" sheet.
    """

    years: tuple[RegionYear, ...]
    services: tuple[ServiceInfo, ...] = ()
    stamps: Mapping[uuid.UUID, Stamp] = field(default_factory=dict)
    national: NationalTable | None = None
    service_name: str = ""
    exported_at: dt.datetime | None = None
    service_verdicts: Mapping[FormKind, str] = field(default_factory=dict)


# -- text helpers ------------------------------------------------------------------------------

_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0d\x0e-\x1f\ufffe\uffff]")
_ESCAPE_LIKE = re.compile(r"_(x[0-9A-Fa-f]{4}_)")
_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")


def encode_text(text: str) -> str:
    """Make ``text`` storable in a cell without loss, with the OOXML escape ``_xHHHH_``.

    XML cannot hold control characters and turns "\\r\\n" into "\\n"; Excel shows ``_x000D_``
    as the character itself. A literal "_x0041_" is protected as "_x005F_x0041_".
    """
    if "_x" in text:
        text = _ESCAPE_LIKE.sub(r"_x005F_\1", text)
    return _ILLEGAL.sub(lambda m: f"_x{ord(m.group(0)):04X}_", text)


def decode_text(text: str) -> str:
    """Undo :func:`encode_text` (and read Excel's own ``_xHHHH_`` escapes)."""
    if "_x" not in text:
        return text
    return _ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), text)


def _excel_length(text: str) -> int:
    """Length of ``text`` as Excel counts it (UTF-16 code units)."""
    return len(text) if text.isascii() else len(text.encode("utf-16-le")) // 2


def cut_text(text: str) -> str | None:
    """The visible text of a cell for ``text`` when it does not fit in one (:data:`CELL_LIMIT`).

    Args:
        text: the text, as stored (not yet escaped).

    Returns:
        None when ``encode_text(text)`` fits in a cell; else the longest beginning of it that
        fits followed by :data:`CUT_MARK`, already escaped (what the cell holds).
    """
    encoded = encode_text(text)
    if len(encoded) <= CELL_LIMIT and _excel_length(encoded) <= CELL_LIMIT:
        return None
    keep = CELL_LIMIT - len(CUT_MARK)
    cut = text[:keep]
    while True:
        shown = encode_text(cut)
        excess = _excel_length(shown) - keep
        if excess <= 0:
            return shown + CUT_MARK
        cut = cut[: max(0, len(cut) - max(1, excess // 7))]


def text_pieces(text: str) -> list[str]:
    """``text`` split in pieces of :data:`LONG_TEXT_PIECE` characters, each escaped for a cell."""
    return [encode_text(text[i:i + LONG_TEXT_PIECE]) for i in range(0, len(text), LONG_TEXT_PIECE)] or [""]


def encode_meta_record(fields: Sequence[object]) -> str:
    """One record of ``_avance`` (format version 2) as the text of its cell.

    Args:
        fields: the record's fields in :data:`META_COLUMNS` order: text, integers or None.

    Returns:
        A compact JSON array; each text field is first made storable with :func:`encode_text`,
        exactly as a version 1 cell held it, so the JSON holds no control character.
    """
    items = [encode_text(f) if isinstance(f, str) else f for f in fields]
    return json.dumps(items, ensure_ascii=False, separators=(",", ":"))


def _no_float(text: str) -> object:
    raise ValueError(f"número con decimales «{text}»")


def decode_meta_record(text: str) -> list[str | int | None]:
    """Undo :func:`encode_meta_record`, strictly.

    Args:
        text: the cell's text.

    Returns:
        The record's fields: a list as long as :data:`META_COLUMNS` of text (still escaped as
        a version 1 cell held it: undo with :func:`decode_text`), integers or None.

    Raises:
        ValueError: not a JSON array of that length and those types (floats, booleans, objects
            and nested arrays are refused), with a Spanish explanation.
    """
    try:
        value = json.loads(text, parse_float=_no_float, parse_constant=_no_float)
    except json.JSONDecodeError as exc:
        raise ValueError(f"no es un registro legible (texto dañado en el carácter {exc.pos + 1})") from None
    except ValueError as exc:  # a float, from _no_float
        raise ValueError(f"no es un registro legible ({exc})") from None
    if not isinstance(value, list) or len(value) != len(META_COLUMNS):
        raise ValueError(f"se esperaba una lista de {len(META_COLUMNS)} campos")
    for name, item in zip(META_COLUMNS, value, strict=True):
        if item is not None and (isinstance(item, bool) or not isinstance(item, (str, int))):
            raise ValueError(f"el campo «{name}» tiene un valor de tipo no admitido")
    return value


def record_digest(*fields: object) -> str:
    """A short SHA-256 of a record's content, so the importer knows whether it was edited.

    Args:
        fields: the record's values, in a fixed order (None, bools and ids as text).

    Returns:
        16 hexadecimal characters.
    """
    joined = "\x1f".join("" if f is None else str(f) for f in fields)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:16]


def seal(stamp: Stamp | None, digest: str) -> str:
    """The "sello" cell of ``_avance``: "created updated digest" ("-" for a missing part)."""
    if stamp is None and not digest:
        return ""
    created, updated = (stamp.created_at.isoformat(), stamp.updated_at.isoformat()) if stamp else ("-", "-")
    return f"{created} {updated} {digest or '-'}"


def read_seal(text: str) -> tuple[Stamp | None, str]:
    """Undo :func:`seal`.

    Raises:
        ValueError: not three parts, or a timestamp that is not ISO 8601 with a time zone.
    """
    if not text.strip():
        return None, ""
    created, updated, digest = text.split()
    stamp = None
    if created != "-" or updated != "-":
        stamp = Stamp(dt.datetime.fromisoformat(created), dt.datetime.fromisoformat(updated))
        if stamp.created_at.tzinfo is None or stamp.updated_at.tzinfo is None:
            raise ValueError("timestamp without a time zone")
    return stamp, "" if digest == "-" else digest


def year_digest(responsible_office: str) -> str:
    """Digest of a reporting year's content (note (1): the responsible office)."""
    return record_digest(T_YEAR, responsible_office)


def programme_digest(programme: Programme) -> str:
    """Digest of a programme's own fields: office (note (1)) and III.2's header (2)–(6)."""
    i = programme.instance
    fields = (i.name, i.main_problem, i.territories, i.institutions, i.products) if i else ("",) * 5
    return record_digest(T_PROGRAMME, programme.form.value, programme.responsible_office, *fields)


def objective_digest(objective: Objective, programme_id: uuid.UUID) -> str:
    """Digest of an objective's columns (2)–(4), section, position and programme."""
    return record_digest(
        T_OBJECTIVE, programme_id, objective.position, objective.section, objective.text, objective.indicator,
        objective.indicator_result,
    )


def commitment_digest(commitment: Commitment, objective_id: uuid.UUID) -> str:
    """Digest of a commitment's columns (5)–(9), kind, position and objective."""
    return record_digest(
        T_COMMITMENT, objective_id, commitment.position, commitment.kind.value, commitment.description,
        commitment.responsible_unit, commitment.verification_means, commitment.weight_text, commitment.met,
    )


def entry_digest(entry: ProgressEntry, quarter: int) -> str:
    """Digest of a III.4 row: objective, quarter, objective as written and columns (2)–(5)."""
    return record_digest(
        T_ENTRY, entry.objective_id, quarter, entry.objective_text, entry.progress, entry.authority_measures,
        entry.recommendations, entry.responsible,
    )


_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


def sheet_name(form: FormKind, region: Region | None = None, quarter: int | None = None) -> str:
    """The sheet of a form: "III.1", "III.4 T2", or "CL-TA III.1" in a national workbook.

    Excel sheet names have at most 31 characters and none of ``[]:*?/\\``.
    """
    name = form.value if quarter is None else f"{form.value} {quarter_label(quarter)}"
    if region is not None:
        name = f"{region.iso_code} {name}"
    return _BAD_SHEET_CHARS.sub("-", name)[:31]


# -- styles ------------------------------------------------------------------------------------

_THIN = Side(style="thin", color="808080")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_TITLE_FONT = Font(bold=True, size=12)
_BOLD = Font(bold=True)
_SMALL_GREY = Font(italic=True, size=9, color="595959")
_GROUP_FILL = PatternFill("solid", fgColor="BFBFBF")
_HEAD_FILL = PatternFill("solid", fgColor="D9D9D9")
_SECTION_FILL = PatternFill("solid", fgColor="EDEDED")
_HELPER_FILL = PatternFill("solid", fgColor="F2F2F2")
_WRAP = Alignment(wrap_text=True, vertical="top")
_WRAP_CENTER = Alignment(wrap_text=True, vertical="top", horizontal="center")
_HEAD_ALIGN = Alignment(wrap_text=True, vertical="center", horizontal="center")

# Widest a column grows, in characters, by the field it shows.
_MAX_WIDTH = {
    "objective": 48, "indicator": 34, "indicator_result": 28, "description": 48, "responsible_unit": 24,
    "verification_means": 26, "weight": 14, "met": 10, "earned": 12,
    "programme": 18, "objective_text": 44, "progress": 44, "authority_measures": 38, "recommendations": 38,
    "responsible": 22,
}
_LINE_HEIGHT = 15.0
_MAX_ROW_HEIGHT = 409.0


def _fit_width(texts: Iterable[str], header: str, cap: int) -> float:
    """A column width that fits its content: the longest line (wrapped past ``cap``), never
    narrower than the header's longest word."""
    longest = max((len(w) for w in header.split()), default=8)
    for text in texts:
        for line in text.split("\n"):
            if len(line) > longest:
                longest = len(line)
                if longest >= cap:
                    return float(cap)
    return float(min(cap, max(longest + 2, 9)))


def _lines(text: str, width: float) -> int:
    usable = max(width - 1.5, 1.0)
    return sum(max(1, math.ceil(len(line) / usable)) for line in text.split("\n"))


class _Styles:
    """Cell styles of one workbook, built once per combination and copied onto each cell.

    Setting ``cell.font`` (or border, fill…) makes openpyxl hash the style object for every
    cell, most of the export time for the national workbook; copying a prepared style array
    is cheap and gives the same file.
    """

    def __init__(self, wb: Workbook) -> None:
        self._scratch = wb.create_sheet("_estilos")
        self._cache: dict[tuple[object, ...], object] = {}

    def array(self, font: Font | None, align: Alignment | None, border: bool, fill: PatternFill | None,
              number_format: str | None) -> object:
        key = (id(font), id(align), border, id(fill), number_format)
        array = self._cache.get(key)
        if array is None:
            cell = self._scratch.cell(row=1, column=1)
            if font is not None:
                cell.font = font
            if align is not None:
                cell.alignment = align
            if border:
                cell.border = _BORDER
            if fill is not None:
                cell.fill = fill
            if number_format:
                cell.number_format = number_format
            array = self._cache[key] = copy(cell._style)
            cell._style = StyleArray()
        return array

    def close(self, wb: Workbook) -> None:
        wb.remove(self._scratch)


class _Sheet:
    """Helpers to write one worksheet quickly with shared style objects."""

    def __init__(self, ws: Worksheet, styles: _Styles, long_texts: list[tuple[str, int, int, str]] | None = None) -> None:
        self.ws = ws
        self.styles = styles
        self.long_texts = long_texts
        """Where the texts cut at :data:`CELL_LIMIT` are noted (sheet, row, column, full text)."""

    def text(self, row: int, col: int, value: str | None, *, font: Font | None = None,
             align: Alignment | None = _WRAP, border: bool = True, fill: PatternFill | None = None,
             number_format: str | None = None):  # noqa: ANN201
        cell = self.ws.cell(row=row, column=col)
        if value is not None and value != "":
            shown = cut_text(value) if len(value) * 7 > CELL_LIMIT else None
            if shown is None:
                cell.value = encode_text(value)
            else:  # Excel would cut it (or refuse the file): the full text goes to _avance
                cell.value = shown
                cell.comment = _comment(f"Texto de {len(value):,} caracteres".replace(",", " ")
                                        + f": una celda de Excel guarda hasta {CELL_LIMIT:,}".replace(",", " ")
                                        + f". Aquí se ve hasta «{CUT_MARK}»; el texto completo está guardado en "
                                          "la hoja interna de Avance y vuelve al importar el libro si no edita "
                                          "esta celda.")
                if self.long_texts is not None:
                    self.long_texts.append((self.ws.title, row, col, value))
            if cell.value.startswith("="):
                cell.data_type = "s"  # a text that starts with "=" is a text, never a formula
        cell._style = copy(self.styles.array(font, align, border, fill, number_format))
        return cell

    def value(self, row: int, col: int, value: object, *, border: bool = True, align: Alignment | None = _WRAP,
              number_format: str | None = None, font: Font | None = None, fill: PatternFill | None = None):  # noqa: ANN201
        cell = self.ws.cell(row=row, column=col, value=value)
        cell._style = copy(self.styles.array(font, align, border, fill, number_format))
        return cell


def _comment(text: str) -> Comment:
    comment = Comment(text, "Avance")
    comment.width = 320
    comment.height = max(80, min(400, 16 * (len(text) // 45 + 2)))
    return comment


REGION_SEPARATOR = " — "
"""Between the region and the responsible office in the REGIÓN (1) cell of III.1–III.3, as the
PDF prints it ("Tarapacá — DIRECCION REGIONAL", note (1))."""


def region_cell(region: Region, office: str) -> str:
    """The REGIÓN (1) cell of III.1–III.3: the region and the responsible office (note (1))."""
    return f"{region.name}{REGION_SEPARATOR}{office}" if office.strip() else region.name


def _title_rows(sh: _Sheet, form_spec: FormSpec, year: int, region: Region, office: str, width: int, *,
                joined: bool = False) -> None:
    """Rows 1–3: heading; "REGIÓN (1)" | region | office (``joined``: "region — office" in one
    cell, as III.1–III.3 print it); "Año" | year (seed 001 headers)."""
    ws = sh.ws
    sh.text(1, 1, form_spec.heading(year), font=_TITLE_FONT, border=False,
            align=Alignment(wrap_text=True, vertical="center"))
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    ws.row_dimensions[1].height = 36
    label = sh.text(2, 1, REGION_LABEL, font=_BOLD, fill=_HEAD_FILL)
    label.comment = _comment(form_spec.note(1, year))
    if joined:
        sh.text(2, 2, region_cell(region, office))
        ws.merge_cells(start_row=2, start_column=2, end_row=2, end_column=min(width, 6))
    else:
        sh.text(2, 2, region.name)
        sh.text(2, 3, office)
    sh.text(3, 1, YEAR_LABEL, font=_BOLD, fill=_HEAD_FILL)
    sh.value(3, 2, year, align=Alignment(horizontal="left"))


def _header_cells(sh: _Sheet, row: int, form_spec: FormSpec, year: int) -> None:
    """The group row (row) and the numbered headers (row + 1), with each note as a comment."""
    ws = sh.ws
    columns = form_spec.columns
    start = 1
    for group in (RESULTS, OPERATIONS):
        n = sum(1 for c in columns if c.group == group)
        if not n:
            continue
        sh.text(row, start, group, font=_BOLD, align=_HEAD_ALIGN, fill=_GROUP_FILL)
        for j in range(start + 1, start + n):
            sh.text(row, j, None, fill=_GROUP_FILL)
        if n > 1:
            ws.merge_cells(start_row=row, start_column=start, end_row=row, end_column=start + n - 1)
        start += n
    for j, column in enumerate(columns, start=1):
        cell = sh.text(row + 1, j, column.header, font=_BOLD, align=_HEAD_ALIGN, fill=_HEAD_FILL)
        note = column.note.format(year=year) if column.note else ""
        if note:
            cell.comment = _comment(f"Nota ({column.number}): {note}")


def met_condition(cell: str) -> str:
    """The Excel condition "column (9) says Sí" for ``cell`` ("H8"): what the importer reads as
    met (:func:`desktop.services.excel._parse_met`): "Sí" or "Si" in any case, spaces ignored
    (Excel's = ignores case but not accents), or TRUE. Note (9)."""
    return f'OR({met_spaceless(cell)}="{MET_YES}",{met_spaceless(cell)}="Si",{cell}=TRUE)'


def met_spaceless(cell: str) -> str:
    """``cell``'s text without its spaces, as the importer compares column (9)."""
    return f'SUBSTITUTE({cell}," ","")'


def _met_text(met: bool | None) -> str | None:
    return None if met is None else (MET_YES if met else MET_NO)


def _ordered_objectives(programme: Programme, form_spec: FormSpec) -> list[tuple[str | None, list[Objective]]]:
    """Objectives grouped as printed: III.3 by section (every section, even empty, as the
    seed prints them; objectives without one last), the others as one group."""
    if not form_spec.sections:
        return [(None, list(programme.objectives))]
    groups: list[tuple[str | None, list[Objective]]] = []
    codes = [code for code, _label, _note in form_spec.sections]
    for code, label, _note in form_spec.sections:
        groups.append((f"({code}) {label}", [o for o in programme.objectives if o.section == code]))
    orphans = [o for o in programme.objectives if o.section not in codes]
    if orphans:
        groups.append((NO_SECTION, orphans))
    return groups


@dataclass
class _Meta:
    """Rows of the ``_avance`` record table, gathered while the sheets are written."""

    stamps: Mapping[uuid.UUID, Stamp]
    rows: list[tuple[object, ...]] = field(default_factory=list)
    long_texts: list[tuple[str, int, int, str]] = field(default_factory=list)
    """Texts cut in their cell: (sheet, row, column, full text), see :data:`T_LONG_TEXT`."""

    def add(self, kind: str, record_id: uuid.UUID | None, *, parent: uuid.UUID | None = None, sheet: str = "",
            region: str = "", year: int | None = None, form: str = "", quarter: int | None = None,
            position: int | None = None, klass: str = "", digest: str = "", name: str = "", acronym: str = "") -> None:
        stamp = self.stamps.get(record_id) if record_id is not None else None
        self.rows.append(
            (
                kind, str(record_id) if record_id else "", str(parent) if parent else "", sheet, region, year, form,
                quarter, position, klass, seal(stamp, digest), name, acronym,
            )
        )


@dataclass(frozen=True, slots=True)
class _Results:
    """Where a programme sheet's results are: the regional performance, for the national
    sheet's formulas, and the service result cell, that reads the national sheet back."""

    sheet: str
    performance_cell: str
    verdict_cell: str


def _programme_sheet(wb: Workbook, title: str, programme: Programme, meta: _Meta, styles: _Styles,
                     verdict_text: str | None, year_office: str = "") -> _Results:
    """Write one form III.1–III.3 (seed 001 layout; see the module docstring). ``verdict_text``
    fills the service result cell of a regional workbook; None leaves it to the national
    sheet (:func:`build_workbook` writes the reference)."""
    form_spec = spec(programme.form)
    year = programme.year
    columns = form_spec.columns
    ncols = len(columns)
    key_col = {c.key: j for j, c in enumerate(columns, start=1)}
    c_weight, c_met, c_earned = key_col["weight"], key_col["met"], key_col["earned"]
    c_helper, c_oid, c_rid = ncols + 1, ncols + 2, ncols + 3
    L = get_column_letter
    ws = wb.create_sheet(title)
    sh = _Sheet(ws, styles, meta.long_texts)
    # The office the PDF prints: the programme's, else the reporting year's (note (1)).
    office = programme.responsible_office if programme.responsible_office.strip() else year_office
    _title_rows(sh, form_spec, year, programme.region, office, ncols, joined=True)

    row = 5
    if form_spec.header_fields:
        # III.2: "Identificación de la instancia" (2) … "Productos o subproductos" (6).
        instance = programme.instance
        values = (
            (instance.name, instance.main_problem, instance.territories, instance.institutions, instance.products)
            if instance else ("",) * 5
        )
        for j, column in enumerate(form_spec.header_fields, start=1):
            cell = sh.text(row, j, column.header.format(year=year), font=_BOLD, align=_HEAD_ALIGN, fill=_HEAD_FILL)
            cell.comment = _comment(f"Nota ({column.number}): {column.note.format(year=year)}")
            sh.text(row + 1, j, values[j - 1])
        row += 3

    group_row, header_row = row, row + 1
    _header_cells(sh, group_row, form_spec, year)
    helper = sh.text(header_row, c_helper, HELPER_HEADER, font=_BOLD, align=_HEAD_ALIGN, fill=_HELPER_FILL)
    helper.comment = _comment(
        "Número que Avance leyó de la ponderación escrita como texto en la columna de ponderación (nota 8), "
        "p. ej. «0.5%  0.5%» da 1. Cuando en la ponderación se escribe un número (5 % en una celda con formato "
        "de porcentaje), la ponderación ganada usa ese número y no este valor. Si cambia una ponderación "
        "escrita como texto, corrija también este valor; al importar el libro, Avance vuelve a leer la "
        "ponderación escrita."
    )
    sh.text(header_row, c_oid, OBJECTIVE_ID_HEADER, font=_SMALL_GREY)
    sh.text(header_row, c_rid, ROW_ID_HEADER, font=_SMALL_GREY)

    first = row = header_row + 1
    texts: dict[int, list[str]] = {j: [] for j in range(1, ncols + 1)}
    row_texts: list[tuple[int, list[tuple[int, str]]]] = []
    pid = programme.id

    def earned_formula(r: int) -> str:
        # Note (10): the weight when met. A number in (8) is what Excel keeps for a typed
        # percentage (5 % -> 0.05); a text weight ("0.5%  0.5%") is read from the helper column.
        met, weight, helper_cell = f"{L(c_met)}{r}", f"{L(c_weight)}{r}", f"{L(c_helper)}{r}"
        return (f'=IF({met_condition(met)},IF(ISNUMBER({weight}),ROUND({weight}*100,{_PLACES}),N({helper_cell})),'
                f'IF({met_spaceless(met)}="","",0))')

    for section_label, objectives in _ordered_objectives(programme, form_spec):
        if section_label is not None:
            sh.text(row, 1, section_label, font=_BOLD, fill=_SECTION_FILL)
            for j in range(2, ncols + 1):
                sh.text(row, j, None, fill=_SECTION_FILL)
            ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=ncols)
            row += 1
        for objective in objectives:
            meta.add(T_OBJECTIVE, objective.id, sheet=title, position=objective.position,
                     digest=objective_digest(objective, pid))
            commitments: Sequence[Commitment | None] = objective.commitments or (None,)
            for index, commitment in enumerate(commitments):
                cells: list[tuple[int, str]] = []
                if index == 0:
                    for j, t in ((1, objective.text), (2, objective.indicator), (3, objective.indicator_result)):
                        sh.text(row, j, t)
                        cells.append((j, t))
                    sh.value(row, c_oid, str(objective.id), border=False, align=None)
                else:
                    for j in (1, 2, 3):
                        sh.text(row, j, None)
                if commitment is None:
                    for j in range(4, ncols + 1):
                        sh.text(row, j, None, number_format=WEIGHT_FORMAT if j == c_weight else None)
                    sh.value(row, c_earned, earned_formula(row), align=_WRAP_CENTER)
                else:
                    for j, t in (
                        (4, commitment.description), (5, commitment.responsible_unit),
                        (6, commitment.verification_means),
                    ):
                        sh.text(row, j, t)
                        cells.append((j, t))
                    sh.text(row, c_weight, commitment.weight_text, align=_WRAP_CENTER,
                            number_format=WEIGHT_FORMAT)
                    cells.append((c_weight, commitment.weight_text))
                    sh.text(row, c_met, _met_text(commitment.met), align=_WRAP_CENTER)
                    sh.value(row, c_earned, earned_formula(row), align=_WRAP_CENTER)
                    total = commitment.parsed_weight.total
                    sh.value(row, c_helper, total, align=_WRAP_CENTER, fill=_HELPER_FILL)
                    sh.value(row, c_rid, str(commitment.id), border=False, align=None)
                    meta.add(T_COMMITMENT, commitment.id, sheet=title,
                             position=commitment.position, klass=commitment.kind.value,
                             digest=commitment_digest(commitment, objective.id))
                for j, t in cells:
                    texts[j].append(t)
                row_texts.append((row, cells))
                row += 1
    # One empty row of the table above the results, part of the totals: an activity typed
    # there (or a row inserted above it) counts in (11) as it does in the import.
    for j in range(1, ncols + 1):
        sh.text(row, j, None, number_format=WEIGHT_FORMAT if j == c_weight else None)
    sh.value(row, c_earned, earned_formula(row), align=_WRAP_CENTER)
    last = row
    row += 1

    # Data validation: column (9) is "Sí", "No" or empty (note (9); (14) on III.2).
    met_number = next(c.number for c in form_spec.columns if c.key == "met")
    validation = DataValidation(type="list", formula1=f'"{MET_YES},{MET_NO}"', allow_blank=True,
                                showErrorMessage=True, errorTitle="Cumple/no cumple",
                                error=f"Escriba Sí o No (nota {met_number}): «Sí» sólo si se cumplió en un 100 %.")
    validation.add(f"{L(c_met)}{first}:{L(c_met)}{last}")
    ws.add_data_validation(validation)

    # Results (11) and (12): live formulas over this sheet.
    (region_label, service_label), (region_no, service_no) = form_spec.result_labels, form_spec.result_numbers
    perf_row, verdict_row = row, row + 1
    for r, label in ((perf_row, f"{region_label.format(year=year)} ({region_no})"),
                     (verdict_row, f"{service_label.format(year=year)} ({service_no})")):
        sh.text(r, 1, label, font=_BOLD, fill=_HEAD_FILL, align=Alignment(wrap_text=True, vertical="center"))
        for j in range(2, c_earned):
            sh.text(r, j, None, fill=_HEAD_FILL)
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=c_earned - 1)
        ws.row_dimensions[r].height = 30
    earned_range = f"{L(c_earned)}{first}:{L(c_earned)}{last}"
    perf = sh.value(perf_row, c_earned, f"=ROUND(SUM({earned_range}),{_PLACES})",
                    align=_HEAD_ALIGN, font=_BOLD, number_format="0.00")
    perf.comment = _comment(f"Nota ({region_no}): {form_spec.note(region_no, year)}")
    perf_ref = f"{L(c_earned)}{perf_row}"
    # Note (12): a national result (CUMPLE only when every region that committed the programme
    # reaches 90 %), never this region's own: the national sheet's live cell, or the PDF's text.
    note = form_spec.note(service_no, year)
    if verdict_text is None:
        verdict = sh.value(verdict_row, c_earned, None, align=_HEAD_ALIGN, font=_BOLD)
        verdict.comment = _comment(
            f"Nota ({service_no}): {note}\n\nResultado nacional: se lee de la hoja «{NATIONAL_SHEET}», que lo "
            "recalcula con el desempeño de todas las regiones de este libro."
        )
    else:
        verdict = sh.text(verdict_row, c_earned, verdict_text, align=_HEAD_ALIGN, font=_BOLD)
        if verdict_text:  # "Resultado nacional (nota 12): lo informa…" wraps in its narrow column
            ws.row_dimensions[verdict_row].height = min(_MAX_ROW_HEIGHT, max(30.0, _lines(
                verdict_text, _MAX_WIDTH["earned"]) * _LINE_HEIGHT))
        verdict.comment = _comment(
            f"Nota ({service_no}): {note}\n\nResultado nacional, como lo imprime Avance: calculado al exportar "
            "sobre las regiones de la base de datos. No se recalcula en este libro, que tiene una sola región."
        )
    sh.text(verdict_row + 2, 1, "Las notas del formulario están en la hoja «Notas».", border=False,
            font=_SMALL_GREY, align=None)

    # Widths that fit, row heights for the wrapped text, frozen headers, hidden id columns.
    ws.column_dimensions[L(c_helper)].width = 12
    _fit_sheet(ws, columns, texts, row_texts, header_row, (c_oid, c_rid), lambda key: key)
    _page_setup(ws, f"{group_row}:{header_row}")
    return _Results(title, perf_ref, f"{L(c_earned)}{verdict_row}")


def _fit_sheet(ws: Worksheet, columns, texts, row_texts, header_row: int, id_columns: tuple[int, int], width_key) -> None:  # noqa: ANN001
    """Column widths that fit their texts, row heights for the wrapped text, hidden id columns
    and frozen header rows."""
    L = get_column_letter  # noqa: N806
    widths: dict[int, float] = {}
    for j, column in enumerate(columns, start=1):
        widths[j] = _fit_width(texts[j], column.header, _MAX_WIDTH.get(width_key(column.key), 30))
        ws.column_dimensions[L(j)].width = widths[j]
    for c in id_columns:
        ws.column_dimensions[L(c)].width = 38
        ws.column_dimensions[L(c)].hidden = True
    for r, cells in row_texts:
        lines = max((_lines(t, widths[j]) for j, t in cells if t), default=1)
        if lines > 1:
            ws.row_dimensions[r].height = min(_MAX_ROW_HEIGHT, lines * _LINE_HEIGHT)
    ws.row_dimensions[header_row].height = 45
    ws.freeze_panes = f"A{header_row + 1}"


def _page_setup(ws: Worksheet, title_rows: str) -> None:
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = title_rows


def _progress_sheet(wb: Workbook, title: str, ry: RegionYear, quarter: int, meta: _Meta, styles: _Styles) -> None:
    """Write III.4 of one quarter (seed 001, Actividad III.4): every objective of the region's
    programmes, the rows written for the quarter with their id, the others blank to fill in."""
    form_spec = spec(FormKind.III_4)
    columns = form_spec.columns
    ncols = len(columns)
    c_oid, c_eid = ncols + 1, ncols + 2
    ws = wb.create_sheet(title)
    sh = _Sheet(ws, styles, meta.long_texts)
    _title_rows(sh, form_spec, ry.year, ry.region, ry.responsible_office, ncols)
    sh.text(3, 3, QUARTER_LABEL, font=_BOLD, fill=_HEAD_FILL)
    sh.text(3, 4, f"{quarter_label(quarter)} (a la fecha)")
    meta.add(T_PROGRESS_SHEET, None, parent=ry.id, sheet=title, region=ry.region.iso_code, year=ry.year,
             form=FormKind.III_4.value, quarter=quarter)

    header_row = 5
    for j, column in enumerate(columns, start=1):
        cell = sh.text(header_row, j, column.header, font=_BOLD, align=_HEAD_ALIGN, fill=_HEAD_FILL)
        if column.note:
            cell.comment = _comment(f"Nota ({column.number}): {column.note.format(year=ry.year)}")
    sh.text(header_row, c_oid, OBJECTIVE_ID_HEADER, font=_SMALL_GREY)
    sh.text(header_row, c_eid, ENTRY_ID_HEADER, font=_SMALL_GREY)

    written = {e.objective_id: e for e in ry.progress.get(quarter, ())}
    row = header_row + 1
    texts: dict[int, list[str]] = {j: [] for j in range(1, ncols + 1)}
    row_texts: list[tuple[int, list[tuple[int, str]]]] = []
    placed: set[uuid.UUID] = set()
    for programme in ry.programmes:
        label = PROGRAMME_LABELS[programme.form]
        first_of_programme = True
        for objective in sheet_order(programme):
            entry = written.get(objective.id)
            cells: list[tuple[int, str]] = [(1, label if first_of_programme else "")]
            first_of_programme = False
            if entry is not None:
                placed.add(objective.id)
                cells += [(2, entry.objective_text), (3, entry.progress), (4, entry.authority_measures),
                          (5, entry.recommendations), (6, entry.responsible)]
                sh.value(row, c_eid, str(entry.id), border=False, align=None)
                meta.add(T_ENTRY, entry.id, parent=objective.id, sheet=title, quarter=quarter,
                         digest=entry_digest(entry, quarter))
            else:
                cells += [(2, objective.text), (3, ""), (4, ""), (5, ""), (6, "")]
            for j, t in cells:
                sh.text(row, j, t, font=_BOLD if j == 1 else None)
                texts[j].append(t)
            sh.value(row, c_oid, str(objective.id), border=False, align=None)
            row_texts.append((row, cells))
            row += 1
    stray = [e for e in ry.progress.get(quarter, ()) if e.objective_id not in placed]
    if stray:  # pragma: no cover - every III.4 row belongs to an objective of the region's programmes
        raise ValueError("Hay filas de III.4 cuyo objetivo no pertenece a los programas de la región.")

    _fit_sheet(ws, columns, texts, row_texts, header_row, (c_oid, c_eid),
               lambda key: "objective_text" if key == "objective" else key)
    _page_setup(ws, f"{header_row}:{header_row}")


def sheet_order(programme: Programme) -> list[Objective]:
    """The programme's objectives in the order its sheet shows them."""
    return [o for _label, group in _ordered_objectives(programme, spec(programme.form)) for o in group]


def progress_quarters(ry: RegionYear) -> list[int]:
    """The quarters that get a III.4 sheet: those with rows; T1 (a blank form) when none."""
    quarters = sorted(q for q, entries in ry.progress.items() if entries)
    return quarters or [1]


def _notes_sheet(wb: Workbook, year: int, styles: _Styles) -> None:
    """Every form's notes, "(n) text", as seed 001 prints them under each form."""
    ws = wb.create_sheet(NOTES_SHEET)
    sh = _Sheet(ws, styles)
    ws.column_dimensions["A"].width = 7
    ws.column_dimensions["B"].width = 120
    sh.text(1, 1, f"Notas de los formularios de la Etapa 3 ({year})", font=_TITLE_FONT, border=False, align=None)
    row = 3
    for kind in FormKind:
        form_spec = spec(kind)
        sh.text(row, 1, f"Notas {form_spec.activity}", font=_BOLD, border=False, align=None)
        row += 1
        for number, text in form_spec.notes:
            sh.text(row, 1, f"({number})", align=Alignment(vertical="top"), border=False)
            note = text.format(year=year)
            sh.text(row, 2, note, border=False)
            ws.row_dimensions[row].height = min(_MAX_ROW_HEIGHT, _lines(note, 120) * _LINE_HEIGHT)
            row += 1
        row += 1


def _national_sheet(wb: Workbook, table: NationalTable, year: int, service_name: str,
                    results: Mapping[tuple[str, FormKind], _Results], styles: _Styles) -> dict[FormKind, str]:
    """The national consolidation (III.1 notes (11), (12)).

    Per programme, three columns: each region's performance as Avance computed it when
    exporting, the same read live from the region's sheet (it follows the workbook's edits),
    and "≥ 90 %" over the live figure; then the service verdict per programme, as Avance gave
    it and as a live formula ("CUMPLE" only when every region that committed the programme
    reaches the bar), and the service over all programmes, live and as Avance gave it.

    Returns:
        The live service verdict cell of each programme ("D25"), which the regions' sheets read.
    """
    ws = wb.create_sheet(NATIONAL_SHEET, 0)
    sh = _Sheet(ws, styles)
    L = get_column_letter  # noqa: N806
    forms = [f for f in PROGRAMME_FORMS if any(s.form is f for _r, scores in table.regions for s in scores)]
    width = 2 + 3 * len(forms)
    sh.text(1, 1, f"Consolidado nacional {year}: desempeño anual de cada región por programa de trabajo",
            font=_TITLE_FONT, border=False, align=Alignment(vertical="center"))
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=max(width, 2))
    ws.row_dimensions[1].height = 24
    sh.text(2, 1, "Servicio", font=_BOLD, fill=_HEAD_FILL)
    sh.text(2, 2, service_name)
    sh.text(3, 1, "Umbral de validación (%) (nota 11)", font=_BOLD, fill=_HEAD_FILL)
    bar = sh.value(3, 2, PASS_MARK, number_format="0")
    bar.comment = _comment(spec(FormKind.III_1).note(11, year))
    bar_ref = "$B$3"

    group_row, header_row = 5, 6
    sh.text(group_row, 1, "", fill=_GROUP_FILL)
    sh.text(group_row, 2, "", fill=_GROUP_FILL)
    sh.text(header_row, 1, "Región (1)", font=_BOLD, align=_HEAD_ALIGN, fill=_HEAD_FILL)
    sh.text(header_row, 2, "Código", font=_BOLD, align=_HEAD_ALIGN, fill=_HEAD_FILL)
    col = 3
    form_cols: dict[FormKind, int] = {}
    for form in forms:
        form_cols[form] = col
        sh.text(group_row, col, f"{form.value} {PROGRAMME_LABELS[form]}", font=_BOLD, align=_HEAD_ALIGN,
                fill=_GROUP_FILL)
        sh.text(group_row, col + 1, None, fill=_GROUP_FILL)
        sh.text(group_row, col + 2, None, fill=_GROUP_FILL)
        ws.merge_cells(start_row=group_row, start_column=col, end_row=group_row, end_column=col + 2)
        region_no = spec(form).result_numbers[0]
        for j, head in enumerate((f"Desempeño anual región (%) ({region_no}) según Avance",
                                  "Desempeño en este libro (%) (fórmula)", "≥ 90 % (en este libro)")):
            sh.text(header_row, col + j, head, font=_BOLD, align=_HEAD_ALIGN, fill=_HEAD_FILL)
        col += 3
    first = row = header_row + 1
    for region, scores in table.regions:
        sh.text(row, 1, region.name)
        sh.text(row, 2, region.iso_code, align=_WRAP_CENTER)
        by_form = {s.form: s for s in scores}
        for form, c in form_cols.items():
            score = by_form.get(form)
            where = results.get((region.iso_code, form))
            if score is None or where is None:  # the region did not commit this programme
                for j in range(3):
                    sh.text(row, c + j, None)
                continue
            sh.value(row, c, score.performance_pct, number_format="0.00", align=_WRAP_CENTER)
            live = f"{L(c + 1)}{row}"
            sh.value(row, c + 1, f"='{where.sheet}'!{where.performance_cell}", number_format="0.00",
                     align=_WRAP_CENTER)
            sh.value(row, c + 2, f'=IF({live}>={bar_ref},"Sí","No")', align=_WRAP_CENTER)
        row += 1
    last = row - 1
    verdict_row = row + 1
    service_no = spec(FormKind.III_1).result_numbers[1]
    note12 = spec(FormKind.III_1).note(12, year)
    sh.text(verdict_row, 1, f"Desempeño anual servicio (CUMPLE / NO CUMPLE) ({service_no})", font=_BOLD,
            fill=_HEAD_FILL)
    sh.text(verdict_row, 2, None, fill=_HEAD_FILL)
    live_verdicts: dict[FormKind, str] = {}
    for form, c in form_cols.items():
        verdict = table.verdicts.get(form)
        sh.text(verdict_row, c, verdict.value if verdict else "", font=_BOLD, align=_WRAP_CENTER)
        live = f"{L(c + 1)}{first}:{L(c + 1)}{last}"
        cell = sh.value(verdict_row, c + 1,
                        f'=IF(COUNT({live})=0,"",IF(COUNTIF({live},"<"&{bar_ref})=0,"CUMPLE","NO CUMPLE"))',
                        font=_BOLD, align=_WRAP_CENTER)
        cell.comment = _comment(note12)
        sh.text(verdict_row, c + 2, None)
        live_verdicts[form] = f"{L(c + 1)}{verdict_row}"
    service_row = verdict_row + 2
    sh.text(service_row, 1, "Servicio (todos los programas), en este libro (fórmula)", font=_BOLD, fill=_HEAD_FILL)
    if live_verdicts:
        any_fails = ",".join(f'{ref}="{Verdict.NO_CUMPLE.value}"' for ref in live_verdicts.values())
        service = f'=IF(OR({any_fails}),"{Verdict.NO_CUMPLE.value}","{Verdict.CUMPLE.value}")'
    else:  # pragma: no cover - a national table has at least one programme
        service = table.service.value
    cell = sh.value(service_row, 2, service, font=_BOLD, align=_WRAP_CENTER)
    cell.comment = _comment("CUMPLE cuando el desempeño anual del servicio de cada programa es CUMPLE (nota 12).")
    sh.text(service_row + 1, 1, "Servicio (todos los programas), según Avance", font=_BOLD, fill=_HEAD_FILL)
    sh.text(service_row + 1, 2, table.service.value, font=_BOLD, align=_WRAP_CENTER)
    explain = service_row + 3
    sh.text(explain, 1,
            "«Según Avance»: calculado por Avance al exportar. «En este libro»: fórmulas que se recalculan desde las "
            "hojas de cada región cuando se editan su cumplimiento o sus ponderaciones. Cada región debe alcanzar el "
            "90 % para validar el programa (nota 11); el servicio CUMPLE cuando todas las regiones que comprometen "
            "el programa lo alcanzan (nota 12).",
            border=False, font=_SMALL_GREY)
    ws.merge_cells(start_row=explain, start_column=1, end_row=explain, end_column=max(width, 2))
    ws.row_dimensions[explain].height = 45
    ws.column_dimensions["A"].width = 34
    ws.column_dimensions["B"].width = 12
    for c in range(3, width + 1):
        ws.column_dimensions[L(c)].width = 16
    ws.row_dimensions[header_row].height = 60
    ws.freeze_panes = f"C{header_row + 1}"
    _page_setup(ws, f"{group_row}:{header_row}")
    return live_verdicts


def _meta_sheet(wb: Workbook, content: WorkbookContent, meta: _Meta) -> None:
    """The very hidden sheet ``_avance``: format, version, region, year, then one row per record
    (format version 2: the record's fields as a JSON array in column A, see :func:`encode_meta_record`)."""
    ws = wb.create_sheet(META_SHEET)
    ws.sheet_state = "veryHidden"
    years = content.years
    single = len(years) == 1 and content.national is None
    head = (
        ("formato", FORMAT),
        ("versión", FORMAT_VERSION),
        ("región", years[0].region.iso_code if single else "nacional"),
        ("año", years[0].year if years and len({y.year for y in years}) == 1 else ""),
        ("exportado", (content.exported_at or dt.datetime.now(dt.UTC)).isoformat()),
        ("aviso", "Hoja interna de Avance: identifica cada registro para volver a importar el libro sin "
                  "pérdidas. No la modifique."),
    )
    for r, (label, value) in enumerate(head, start=1):
        ws.cell(row=r, column=1, value=label)
        ws.cell(row=r, column=2, value=value)
    ws.cell(row=META_HEADER_ROW, column=1, value=encode_meta_record(META_COLUMNS))
    cell = ws.cell
    r = META_HEADER_ROW
    for r, record in enumerate(meta.rows, start=META_HEADER_ROW + 1):
        cell(row=r, column=1, value=encode_meta_record([None if v == "" else v for v in record]))
    for r, (title, row, col, text) in enumerate(meta.long_texts, start=r + 1):
        sheet = wb[title]
        row_id = next((v for c in range(sheet.max_column, 0, -1) if _is_uuid(v := sheet.cell(row, c).value)), None)
        fields: list[object] = [None] * len(META_COLUMNS)
        fields[0], fields[2], fields[3], fields[11] = T_LONG_TEXT, row_id, title, f"{get_column_letter(col)}{row}"
        cell(row=r, column=1, value=encode_meta_record(fields))
        for j, piece in enumerate(text_pieces(text), start=2):
            cell(row=r, column=j, value=piece)


def _is_uuid(value: object) -> bool:
    """Whether a cell holds an id Avance wrote (the hidden id columns)."""
    if not isinstance(value, str) or len(value) != 36:
        return False
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


def build_workbook(content: WorkbookContent) -> Workbook:
    """Build the workbook of ``content`` (see the module docstring for the layout).

    Args:
        content: the regions and years with their records, the service, the records'
            timestamps, and for a national workbook the national table.

    Returns:
        An openpyxl :class:`Workbook` (not saved).

    Raises:
        ValueError: ``content`` has no region and year.

    Source: seed 001, Actividades III.1–III.4 and their notes; earned weight, regional
    performance and the 90 % bar follow III.1 notes (10), (11) and (12).
    """
    if not content.years:
        raise ValueError("No hay datos que exportar.")
    wb = Workbook()
    wb.remove(wb.active)
    styles = _Styles(wb)
    meta = _Meta(content.stamps)
    for s in content.services:
        meta.add(T_SERVICE, s.id, name=s.name, acronym=s.acronym)
    national = content.national is not None
    results: dict[tuple[str, FormKind], _Results] = {}
    for ry in content.years:
        meta.add(T_YEAR, ry.id, parent=ry.service_id, region=ry.region.iso_code, year=ry.year,
                 digest=year_digest(ry.responsible_office))
        for programme in ry.programmes:
            title = sheet_name(programme.form, ry.region if national else None)
            meta.add(T_PROGRAMME, programme.id, parent=ry.id, sheet=title, region=ry.region.iso_code,
                     year=ry.year, form=programme.form.value, digest=programme_digest(programme))
            verdict_text = None if national else content.service_verdicts.get(programme.form, "")
            results[(ry.region.iso_code, programme.form)] = _programme_sheet(wb, title, programme, meta, styles,
                                                                            verdict_text, ry.responsible_office)
        for quarter in progress_quarters(ry):
            _progress_sheet(wb, sheet_name(FormKind.III_4, ry.region if national else None, quarter), ry, quarter, meta,
                            styles)
    if content.national is not None:
        live = _national_sheet(wb, content.national, content.years[0].year, content.service_name, results, styles)
        for (_iso, form), where in results.items():  # each region's (12) is the nation's live verdict
            if form in live:
                wb[where.sheet][where.verdict_cell].value = f"='{NATIONAL_SHEET}'!{live[form]}"
    _notes_sheet(wb, content.years[0].year, styles)
    _meta_sheet(wb, content, meta)
    styles.close(wb)
    wb.active = 0
    return wb


def write_workbook(content: WorkbookContent, out: str | Path | BinaryIO) -> None:
    """Build the workbook of ``content`` and save it to ``out`` (a path or a binary file).

    Args:
        content: see :func:`build_workbook`.
        out: the .xlsx file, or an open binary file.

    Raises:
        ValueError: nothing to export.
        OSError: the file cannot be written.

    Source: seed 001, Actividades III.1–III.4 (layout and notes).
    """
    build_workbook(content).save(out)
