"""PDF printing of the Etapa 3 forms III.1–III.4, laid out as the official formats, and of the
national consolidation report.

Source of the layout: seed 001 ("Formatos de la Etapa 3: Implementación del Programa de Trabajo
GT 2009"), Actividades III.1, III.2, III.3 and III.4. Every official text (headings, column
headers and groups, result labels, III.3 sections, notes) comes from
:mod:`desktop.domain.forms`; nothing is retyped here. The national report (:func:`national_story`)
shows the national result of III.1 notes (11) and (12): every region's performance per
programme, the 90 % bar, the service verdict and a bar chart.

An objective's cells (2)–(4) span its activity rows (III.4: a programme's label spans its
objectives), as the seed's merged cells; when a page breaks inside them, the next page's first
row repeats them, marked "(continuación)" and shortened, in dark grey (:data:`CONTINUED`).

Pages are landscape Carta or Oficio (:data:`PAPER_SIZES`); column widths follow the page. Every
page's footer shows the service, the region and year, the print date, "Huella: xxxx-xxxx-xxxx"
(the fingerprint of the record printed on that page, :func:`desktop.domain.fingerprint.fingerprint`)
and "página n de N". All text is escaped: "<" and "&" print as written.

Pure reportlab: no Qt, no SQL. The caller scores the programme
(:func:`desktop.domain.scoring.score_programme`) and computes the service verdict text; this
module only lays out what it is given. Fonts are DejaVu TrueType, embedded, so Spanish accents,
«ñ», «», “”, – and ° print on any reader.

Typical use::

    register_fonts()
    ctx = PrintContext("Servicio Nacional de la Mujer (SERNAM)", dt.date.today(),
                       verdict_text="NO CUMPLE (1 de 1 región en esta base)")
    print_programme(programme, score_programme(programme), ctx, "III.1.pdf")
"""

from __future__ import annotations

import datetime as dt
import os
import re
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from enum import Enum
from functools import partial
from importlib import resources
from pathlib import Path
from typing import BinaryIO
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, Line, String
from reportlab.lib.pagesizes import landscape, letter
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm, mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus.tables import CellStyle, _setCellStyle
from reportlab.platypus.doctemplate import LayoutError
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    BaseDocTemplate,
    Frame,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from desktop.domain.fingerprint import fingerprint, page_fingerprint
from desktop.domain.forms import PROGRAMME_FORMS, PROGRAMME_LABELS, SHORT_NAMES, Column, FormKind, FormSpec, spec
from desktop.domain.records import Commitment, ProgressReport, Programme, quarter_label
from desktop.domain.scoring import PASS_MARK, ProgrammeScore, Verdict, earned_weight
from desktop.domain.weights import format_percent, format_percent_column

__all__ = [
    "CONTINUED",
    "NATIONAL_FOOTER",
    "NATIONAL_TITLE",
    "PAPER_SIZES",
    "Footer",
    "LayoutFailure",
    "PrintContext",
    "Progress",
    "ProgressCallback",
    "Stage",
    "national_story",
    "paper_size",
    "register_fonts",
    "programme_fingerprint",
    "programme_story",
    "scaled",
    "progress_story",
    "write_pdf",
    "print_programme",
    "print_progress",
]

# --------------------------------------------------------------------------------------------
# Progress of a long printout


class Stage(Enum):
    """What a long printout is doing (see :class:`Progress`)."""

    PREPARING = "preparing"
    """Reading and scoring the records; ``done`` of ``total`` regions (or steps)."""
    COMPOSING = "composing"
    """Laying the forms out on pages; ``done`` of ``total`` blocks placed, ``pages`` so far."""
    WRITING = "writing"
    """Numbering the pages and writing the file; ``done`` of ``total`` pages."""
    PRINTING = "printing"
    """Painting the pages on a printer (:mod:`ui.printing`); ``done`` of ``total`` pages."""


@dataclass(frozen=True)
class Progress:
    """How far a printout is, for a progress dialog.

    Attributes:
        stage: what it is doing now.
        done: units of ``stage`` done (regions, blocks or pages, see :class:`Stage`).
        total: units of ``stage`` in all.
        pages: pages laid out so far (0 while preparing).
        per_mille: the whole job done, 0–1000; 1000 only when the file is written.
    """

    stage: Stage
    done: int
    total: int
    pages: int = 0
    per_mille: int = 0


ProgressCallback = Callable[[Progress], None]
"""``progress(step)``: called in the printing thread as a long printout advances. An exception it
raises stops the printout (a cancel button raises one); nothing is written then."""

_COMPOSE_SHARE = 900
"""Of :func:`write_pdf`'s own 1000: laying out takes ~90 % of its time, writing the rest."""


def scaled(progress: ProgressCallback | None, start: int, end: int) -> ProgressCallback | None:
    """A callback that reports a part of a job: its 0–1000 mapped to ``start``–``end`` of the
    whole job's :attr:`Progress.per_mille` (None for None)."""
    if progress is None:
        return None

    def report(step: Progress) -> None:
        progress(replace(step, per_mille=start + step.per_mille * (end - start) // 1000))

    return report


# --------------------------------------------------------------------------------------------
# Fonts

FONT = "DejaVuSansCondensed"
FONT_BOLD = "DejaVuSansCondensed-Bold"
FONT_WIDE = "DejaVuSans"
FONT_WIDE_BOLD = "DejaVuSans-Bold"
_FONT_FILES = {
    FONT: "DejaVuSansCondensed.ttf",
    FONT_BOLD: "DejaVuSansCondensed-Bold.ttf",
    FONT_WIDE: "DejaVuSans.ttf",
    FONT_WIDE_BOLD: "DejaVuSans-Bold.ttf",
}
_fonts_lock = threading.Lock()
_fonts_ready = False


def register_fonts() -> None:
    """Register the DejaVu TrueType fonts shipped in ``resources/fonts`` with reportlab.

    Registers DejaVuSansCondensed (regular and bold) and DejaVuSans (regular and bold), and
    the font families so that ``<b>`` in a paragraph picks the bold face. TrueType fonts are
    embedded (subset) in every PDF, so Spanish text (á, ñ, «», “”, –, °) prints everywhere.
    Calling it again does nothing.

    Raises:
        FileNotFoundError: a font file is missing from ``resources/fonts``.
    """
    global _fonts_ready
    if _fonts_ready:
        return
    with _fonts_lock:
        if _fonts_ready:
            return
        folder = resources.files("resources") / "fonts"
        registered = set(pdfmetrics.getRegisteredFontNames())
        for name, filename in _FONT_FILES.items():
            if name in registered:
                continue
            path = folder / filename
            if not path.is_file():
                raise FileNotFoundError(f"No se encontró la fuente {filename} en resources/fonts.")
            pdfmetrics.registerFont(TTFont(name, os.fspath(path) if isinstance(path, os.PathLike) else str(path)))
        pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD)
        pdfmetrics.registerFontFamily(
            FONT_WIDE, normal=FONT_WIDE, bold=FONT_WIDE_BOLD, italic=FONT_WIDE, boldItalic=FONT_WIDE_BOLD
        )
        _fonts_ready = True


# --------------------------------------------------------------------------------------------
# Page set-up and styles (created once and shared by every cell: no per-cell style objects)

MARGIN = 1.2 * cm
FOOTER_GAP = 0.55 * cm
GRID = 0.4
GRID_COLOR = colors.HexColor("#606060")
HEADER_BG = colors.HexColor("#E4E4E4")
GROUP_BG = colors.HexColor("#D2D2D2")
SECTION_BG = colors.HexColor("#F1F1F1")

_CELL = ParagraphStyle("avance-cell", fontName=FONT, fontSize=7.2, leading=8.6, alignment=TA_LEFT)
_CELL_BOLD = ParagraphStyle("avance-cell-bold", parent=_CELL, fontName=FONT_BOLD)
_HEAD = ParagraphStyle("avance-head", parent=_CELL, fontName=FONT_BOLD, fontSize=7, leading=8.2, alignment=TA_CENTER)
_GROUP = ParagraphStyle("avance-group", parent=_HEAD, fontSize=7.5, leading=9)
_LABEL = ParagraphStyle("avance-label", parent=_CELL, fontName=FONT_BOLD, fontSize=7.5, leading=9)
_VALUE = ParagraphStyle("avance-value", parent=_CELL, fontSize=7.5, leading=9)
_TITLE = ParagraphStyle(
    "avance-title", fontName=FONT_WIDE_BOLD, fontSize=10, leading=12.5, spaceAfter=6, alignment=TA_LEFT
)
_SUBHEAD = ParagraphStyle(
    "avance-subhead", fontName=FONT_BOLD, fontSize=8, leading=10, spaceBefore=8, spaceAfter=2, keepWithNext=1
)  # a heading never ends a page alone
_SMALL = ParagraphStyle(
    "avance-small", fontName=FONT, bulletFontName=FONT, fontSize=6.5, leading=7.8, leftIndent=8, bulletIndent=0
)
_NOTE = ParagraphStyle("avance-note", fontName=FONT, fontSize=7, leading=8.4, spaceAfter=1.5)

_PAD_TOP = 1.5
_PAD_BOTTOM = 2.5
_PADDING = [
    ("LEFTPADDING", (0, 0), (-1, -1), 2.5),
    ("RIGHTPADDING", (0, 0), (-1, -1), 2.5),
    ("TOPPADDING", (0, 0), (-1, -1), _PAD_TOP),
    ("BOTTOMPADDING", (0, 0), (-1, -1), _PAD_BOTTOM),
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
]

# Relative widths per column key: long texts wide, weight/met/earned narrow (sum is normalised).
_CONTROL_WEIGHTS = {
    "objective": 17.0,
    "indicator": 14.0,
    "indicator_result": 11.0,
    "description": 18.0,
    "responsible_unit": 10.0,
    "verification_means": 11.0,
    "weight": 7.4,
    "met": 6.2,
    "earned": 7.4,
}
_PROGRESS_WEIGHTS = {
    "objective": 18.0,
    "progress": 24.0,
    "authority_measures": 18.0,
    "recommendations": 18.0,
    "responsible": 13.0,
}
_INSTANCE_FIELDS = {"instance_name": "name"}
"""III.2 header column keys whose ComplementarityInstance attribute has another name."""
_INSTANCE_WEIGHTS = {"instance_name": 14.0, "main_problem": 22.0, "territories": 14.0, "institutions": 26.0, "products": 24.0}


PAPER_SIZES: dict[str, tuple[float, float]] = {
    "carta": landscape(letter),
    "oficio": landscape((216 * mm, 330 * mm)),
}
"""Landscape paper sizes in points: "carta" (US letter, 215.9 × 279.4 mm) and "oficio"
(Chilean legal, 216 × 330 mm). The forms of seed 001 are printed landscape."""


def paper_size(paper: str) -> tuple[float, float]:
    """The landscape page size of ``paper`` ("carta" or "oficio", any case).

    Raises:
        ValueError: unknown paper (Spanish message).
    """
    size = PAPER_SIZES.get((paper or "").strip().lower())
    if size is None:
        raise ValueError(f"Papel desconocido: «{paper}». Use carta u oficio.")
    return size


@dataclass(frozen=True)
class Footer:
    """What the footer of a page says about the form on it.

    Attributes:
        region: the region printed ("Tarapacá"), or "Consolidación nacional"; "" for none.
        year: the reporting year, or None.
        fingerprint: "xxxx-xxxx-xxxx", from :func:`desktop.domain.fingerprint.fingerprint`
            of the record printed on the page; "" for none.
    """

    region: str = ""
    year: int | None = None
    fingerprint: str = ""
    form: str = ""
    """What is printed, for an error message ("el formulario III.1"); not printed."""


class LayoutFailure(ValueError):
    """A page could not be laid out: the Spanish message names the form, region, year, page
    and, when known, the row (reportlab's own ``LayoutError`` never reaches the user)."""


@dataclass(frozen=True)
class PrintContext:
    """What a printout needs besides the form's content.

    Attributes:
        service_name: the service, printed in the footer ("Servicio Nacional de la Mujer (SERNAM)").
        printed_on: the print date, printed in the footer.
        page_size: reportlab page size in points; defaults to landscape letter ("Carta"), see
            :data:`PAPER_SIZES`. Column widths follow the frame width.
        verdict_text: what to print in the "Desempeño Anual Servicio" row (III.1 (12),
            III.2 (17), III.3 (15)), e.g. "NO CUMPLE (1 de 1 región en esta base)"; the
            caller computes it (it is a national result, seed 001, III.1 note (12)).
        region: footer region for pages no story marks (each story from
            :func:`programme_story`, :func:`progress_story` or :func:`national_story` sets
            its own region, year and fingerprint on the pages it fills).
        year: footer year for unmarked pages.
        fingerprint: footer fingerprint for unmarked pages.
        include_warnings: print Avance's own scoring warnings after the form's notes, under a
            heading saying they are not part of the official form (off: the official form only).
    """

    service_name: str
    printed_on: dt.date
    page_size: tuple[float, float] = PAPER_SIZES["carta"]
    verdict_text: str = ""
    region: str = ""
    year: int | None = None
    fingerprint: str = ""
    include_warnings: bool = False

    @property
    def footer(self) -> Footer:
        """The footer of pages that no story marks."""
        return Footer(self.region, self.year, self.fingerprint)


class _FooterMark(Flowable):
    """An invisible flowable that sets the footer of the page it lands on and those after it.

    Placed first in each story, so when several forms share one PDF every page shows the
    region, year and fingerprint of the form printed on it.
    """

    _ZEROSIZE = True

    def __init__(self, footer: Footer) -> None:
        super().__init__()
        self.footer = footer
        self.width = self.height = 0

    def wrap(self, availWidth, availHeight):  # noqa: N803 (reportlab API)
        return 0, 0

    def draw(self) -> None:
        self.canv._avance_footer = self.footer  # read by _NumberedCanvas when the page ends


# --------------------------------------------------------------------------------------------
# Small helpers


@dataclass(eq=False)
class _Group:
    """The context cells of a run of rows: an objective's (2)–(4) over its activity rows
    (III.1–III.3), or a programme's label over its objectives (III.4).

    The cells are one row-spanned cell per column over the group's rows, as the seed's merged
    cells. When the table breaks inside the group, the first row of the next page's part
    prints :attr:`continuation` in those columns, so a sheet read alone still says which
    objective (or programme) its rows belong to.

    A group whose cells, or one of whose rows, would not fit on an empty page is not spanned
    (:attr:`spanned` False): its texts sit in its first row, which is as tall as they need, so
    reportlab can split that row between pages like any other (a row-spanned cell cannot be
    split, and would stop the whole printout). The grid lines look the same.

    Attributes:
        columns: the spanned columns.
        need: height in points the head cells (the full texts) need.
        continuation: the texts of the continuation row, one per column in ``columns``.
        continuation_need: height in points the continuation texts need.
        spanned: whether the cells span the group's rows (False: they are in its first row).
    """

    columns: tuple[int, ...]
    need: float
    continuation: tuple[str, ...]
    continuation_need: float
    spanned: bool = True


@dataclass
class _Rows:
    """Row bookkeeping of a grouped table (one entry per row, headers included).

    Attributes:
        natural: the row's own height in points, without the group's cells.
        groups: the group the row belongs to, or None (headers, III.3 section rows).
        heads: True where the row starts its group's run with the full head texts; False
            where the run is a continuation (the table broke inside the group).
        labels: what each row is, for an error message ("objetivo 3, actividad 2"); "" for
            headers.
    """

    natural: list[float]
    groups: list[_Group | None]
    heads: list[bool]
    labels: list[str] = field(default_factory=list)

    def label(self, index: int) -> str:
        """What row ``index`` is ("" when unknown)."""
        return self.labels[index] if 0 <= index < len(self.labels) else ""

    def runs(self) -> list[tuple[int, int, _Group]]:
        """(first row, last row, group) of every run of rows of one group."""
        out: list[tuple[int, int, _Group]] = []
        groups = self.groups
        start = 0
        for i in range(1, len(groups) + 1):
            if i == len(groups) or groups[i] is not groups[start] or (i > start and self.heads[i]):
                if groups[start] is not None:
                    out.append((start, i - 1, groups[start]))
                start = i
        return out

    def heights(self) -> list[float]:
        """Row heights: each row its own, the last row of a run grown by what the group's
        cells need beyond the run's rows (the seed's merged cell, grown at its foot); for a group
        that is not spanned, the rows as they are (its first row's natural height includes the
        group's cells, see :meth:`_FormTable._carry_groups`)."""
        heights = list(self.natural)
        for first, last, group in self.runs():
            need = group.need if self.heads[first] else group.continuation_need
            if not group.spanned:  # its first row's natural height holds the cells already
                continue
            missing = need - sum(heights[first : last + 1])
            if missing > 0:
                heights[last] += missing
        return heights

    def part(self, rows: slice | list[int], natural: list[float] | None = None) -> _Rows:
        """The bookkeeping of the rows ``rows`` (a slice or indices), natural heights replaced
        by ``natural`` when given."""
        if isinstance(rows, slice):
            rows = list(range(len(self.natural)))[rows]
        return _Rows(
            list(natural) if natural is not None else [self.natural[i] for i in rows],
            [self.groups[i] for i in rows],
            [self.heads[i] for i in rows],
            [self.label(i) for i in rows],
        )


CONTINUED_COLOR = colors.HexColor("#505050")
"""Text colour of the context a continuation row repeats (dark grey: a repeat, not new data)."""


def _continued_style(style: CellStyle) -> CellStyle:
    """``style`` in :data:`CONTINUED_COLOR` (one copy per style, kept on it)."""
    copy = getattr(style, "_avance_continued", None)  # CellStyle.copy() skips "_" names
    if copy is None:
        copy = style.copy()
        copy.color = CONTINUED_COLOR
        style._avance_continued = copy
    return copy


class _FormTable(Table):
    """A table that splits between rows, and inside a row only when it must; with grouped rows
    (:class:`_Rows`), it also breaks inside a group and repeats the group's context.

    reportlab's ``splitInRow`` splits whichever row meets the page end, and may even start a
    continuation (repeated headers plus a sliver of a row) at the foot of a page. This table
    moves a row that fits on a page to the next page whole, and splits a row only when the
    table starts a fresh page and the row still does not fit (a row taller than a page):
    no text is ever cut.

    Grouped rows carry row-spanned context cells (an objective's (2)–(4)). reportlab never
    breaks a table between the rows of a row span, so a group would always move whole to the
    next page; here the table may break between any two rows of a group, provided the part
    left on the page can still hold the group's full cells (its last row grows if needed). The
    next part's first row then prints the group's continuation texts ("(continuación)" and the
    objective shortened). Row heights are computed here from the wrapped texts
    (:class:`_TextTable`), so reportlab does not measure the cells again.
    """

    fresh_height: float = 0.0
    rows_info: _Rows | None = None

    def _getFirstPossibleSplitRowPosition(self, availHeight, ignoreSpans=0):  # noqa: N802, N803 (reportlab API)
        """The last row boundary where the part above fits ``availHeight`` (0: none).

        Without groups, or for an in-row split, as reportlab does. With groups, a boundary inside
        a group is allowed: the part above then ends with the group's rows up to there, grown to
        the height of the group's cells.
        """
        info = self.rows_info
        if info is None or ignoreSpans:
            return super()._getFirstPossibleSplitRowPosition(availHeight, ignoreSpans)
        heights = self._rowHeights
        heads, natural = info.heads, info.natural
        # A group that is not spanned is split like plain rows (its cells are in its first row).
        groups = [g if g is not None and g.spanned else None for g in info.groups]
        total = len(heights)
        used = 0.0  # height of the rows above the current run
        run_natural = 0.0
        run_need = 0.0
        split_at = 0
        for i in range(total):
            group = groups[i]
            starts = group is None or i == 0 or group is not groups[i - 1] or heads[i]
            if starts:
                run_natural = 0.0
                run_need = 0.0 if group is None else (group.need if heads[i] else group.continuation_need)
                run_used = used
            run_natural += natural[i]
            used += heights[i]
            ends = i + 1 == total or group is None or groups[i + 1] is not group or heads[i + 1]
            above = used if ends else run_used + max(run_natural, run_need)
            if above > availHeight:
                break
            split_at = i + 1
        return split_at

    def split(self, availWidth, availHeight):  # noqa: N803 (reportlab API)
        self._calc(availWidth, availHeight)
        result = self._splitRows(availHeight, doInRowSplit=0)
        if not result and (availHeight >= self.fresh_height - 1 or self._must_split_here(availHeight)):
            result = self._splitRows(availHeight, doInRowSplit=1)
        if len(result) == 2 and self.rows_info is not None:
            self._carry_groups(*result)
        for index, part in enumerate(result):
            part.fresh_height = self.fresh_height
            if index < len(result) - 1:
                # Close the part that ends at the page foot (the outer BOX does not).
                part.setStyle([("LINEBELOW", (0, -1), (-1, -1), GRID, GRID_COLOR)])
        return result

    def _must_split_here(self, available: float) -> bool:
        """Whether the first body row, taller than an empty page holds, is split on this page
        already (rather than on the next one, leaving this page empty): when a good part of the
        page is left for it."""
        repeat = self.repeatRows
        heights = self._rowHeights
        if len(heights) <= repeat:
            return False
        header = sum(heights[:repeat])
        room = self.fresh_height - header
        return heights[repeat] > room and available - header >= room / 3

    def _carry_groups(self, first: _FormTable, rest: _FormTable) -> None:
        """Give both parts of a split their rows' bookkeeping and heights; print the group's
        continuation texts on the first row of ``rest`` when the split fell inside a group."""
        info = self.rows_info
        total = len(self._cellvalues)
        repeat = len(rest._cellvalues) - (total - len(first._cellvalues))
        if repeat < 0 or repeat > len(rest._cellvalues):  # pragma: no cover - reportlab changed
            return
        n = len(first._cellvalues)
        if repeat == self.repeatRows:  # between rows n - 1 and n
            head_rows = list(range(repeat))
            first_info = info.part(slice(0, n))
            rest_info = info.part(head_rows + list(range(n, total)))
            carried = info.groups[n] is not None and info.groups[n] is info.groups[n - 1] and not info.heads[n]
        else:  # inside row n - 1: reportlab made two rows of it
            repeat = self.repeatRows
            k = n - 1
            first_info = info.part(slice(0, n), info.natural[:k] + [first._rowHeights[k]])
            rest_rows = list(range(repeat)) + [k] + list(range(k + 1, total))
            rest_natural = [info.natural[i] for i in range(repeat)] + [rest._rowHeights[repeat]]
            rest_natural += info.natural[k + 1 :]
            rest_info = info.part(rest_rows, rest_natural)
            carried = info.groups[k] is not None
        if carried:
            group = rest_info.groups[repeat]
            rest_info.heads[repeat] = False
            # The row and its styles are shared with self: change copies.
            row = rest._cellvalues[repeat] = list(rest._cellvalues[repeat])
            styles = rest._cellStyles[repeat] = list(rest._cellStyles[repeat])
            for column, text in zip(group.columns, group.continuation):
                if not row[column]:  # a cell reportlab split keeps its own rest of the text
                    row[column] = text
                    styles[column] = _continued_style(styles[column])
            if not group.spanned:  # the continuation texts are in this row: it holds them
                rest_info.natural[repeat] = max(rest_info.natural[repeat], group.continuation_need)
        for part, part_info in ((first, first_info), (rest, rest_info)):
            part.rows_info = part_info
            part._argH = part._rowHeights = part_info.heights()

    def _drawCell(self, cellval, cellstyle, pos, size):  # noqa: N802 (reportlab API)
        """Draw a plain-text cell with one text object; anything else as reportlab does.

        The big tables hold thousands of wrapped lines: one text object per cell instead of
        one per line (``canvas.drawString``) keeps printing fast. Empty cells draw nothing.
        """
        if type(cellval) is not str or cellstyle.direction or cellstyle.shaping:
            return super()._drawCell(cellval, cellstyle, pos, size)
        if not cellval:
            return None
        just = cellstyle.alignment
        if just != "LEFT" or cellstyle.valign != "TOP":
            return super()._drawCell(cellval, cellstyle, pos, size)
        canv = self.canv
        if self._curcellstyle is not cellstyle:  # as Table._drawCell: the canvas holds the font
            cur = self._curcellstyle
            if cur is None or cellstyle.color != cur.color:
                canv.setFillColor(cellstyle.color)
            if (
                cur is None
                or cellstyle.leading != cur.leading
                or cellstyle.fontname != cur.fontname
                or cellstyle.fontsize != cur.fontsize
            ):
                canv.setFont(cellstyle.fontname, cellstyle.fontsize, cellstyle.leading)
            self._curcellstyle = cellstyle
        colpos, rowpos = pos
        _colwidth, rowheight = size
        # First baseline as Table._drawCell puts it (VALIGN TOP); each line then moves down
        # by the leading the canvas font was set with.
        text = canv.beginText(colpos + cellstyle.leftPadding, rowpos + rowheight - cellstyle.topPadding - cellstyle.fontsize)
        text.textLines(cellval.split("\n"))
        canv.drawText(text)
        return None


_CELL_OPS = frozenset(
    {
        "FONT", "FONTNAME", "FACE", "SIZE", "FONTSIZE", "LEADING", "TEXTCOLOR", "ALIGN", "ALIGNMENT",
        "VALIGN", "LEFTPADDING", "RIGHTPADDING", "TOPPADDING", "BOTTOMPADDING", "HREF", "DESTINATION",
        "DIRECTION", "SHAPING",
    }
)
"""Table commands that set a cell's style (the others draw lines, backgrounds or spans)."""


def _cell_style(name: str) -> CellStyle:
    """A new cell style in the body font: reportlab's default is Helvetica, a font the PDF would
    not embed. (Not ``CellStyle(name, parent)``: that copies the parent's bound ``copy`` method,
    so copying the style later would copy the parent instead.)"""
    style = CellStyle(name)
    style.fontname = FONT
    style.fontsize = _CELL.fontSize
    style.leading = _CELL.leading
    return style


def _cell_styles(nrows: int, ncols: int, commands: Sequence[tuple]) -> tuple[list[list[CellStyle]], list[tuple]]:
    """Apply the cell-style commands once, sharing one CellStyle among cells styled alike.

    reportlab gives every cell its own style and applies each command cell by cell, on
    every table and again on every part of a split table: thousands of cells times a
    dozen commands. Here rows covered by the same commands share their styles column by
    column (a big table has a handful of row kinds), so a command is applied a few times.
    Rows with a vertically centred cell keep styles of their own (an in-row split changes
    such a style in place).

    Returns:
        The styles (one list per row) and the commands left for the table (lines,
        backgrounds, spans).
    """
    cell_commands: list[tuple[str, int, int, int, int, tuple]] = []
    rest: list[tuple] = []
    for command in commands:
        op = command[0]
        if op not in _CELL_OPS or isinstance(command[1][1], str):  # "splitfirst"/"splitlast" rows
            rest.append(command)
            continue
        (sc, sr), (ec, er) = command[1], command[2]
        sc, ec = (sc + ncols if sc < 0 else sc), (ec + ncols if ec < 0 else ec)
        sr, er = (sr + nrows if sr < 0 else sr), (er + nrows if er < 0 else er)
        cell_commands.append((op, max(0, sc), min(ncols - 1, ec), max(0, sr), min(nrows - 1, er), tuple(command[3:])))
    by_signature: dict[tuple[int, ...], list[CellStyle]] = {}
    styles: list[list[CellStyle]] = []
    for r in range(nrows):
        signature = tuple(i for i, c in enumerate(cell_commands) if c[3] <= r <= c[4])
        shared = by_signature.get(signature)
        if shared is None:
            shared = [_cell_style(f"avance-{len(by_signature)}-{j}") for j in range(ncols)]
            for i in signature:
                op, sc, ec, _sr, _er, values = cell_commands[i]
                for j in range(sc, ec + 1):
                    _setCellStyle([shared], 0, j, op, values)
            by_signature[signature] = shared
        if any(style.valign == "MIDDLE" for style in shared):
            styles.append([style.copy() for style in shared])
        else:
            styles.append(list(shared))
    return styles, rest


def _table(
    rows,
    widths,
    commands,
    ctx: PrintContext,
    repeat_rows: int = 0,
    h_align: str | None = None,
    rows_info: _Rows | None = None,
) -> _FormTable:
    """A :class:`_FormTable`; with ``rows_info`` its groups' cells are row-spanned and the row
    heights are those of ``rows_info`` (reportlab does not measure the cells)."""
    heights = None
    if rows_info is not None:
        commands = list(commands)
        for first, last, group in rows_info.runs():
            if last > first and group.spanned:
                commands += [("SPAN", (c, first), (c, last)) for c in group.columns]
        heights = rows_info.heights()
    cell_styles, commands = _cell_styles(len(rows), len(widths), commands)
    table = _FormTable(
        rows,
        colWidths=list(widths),
        rowHeights=heights,
        style=TableStyle(commands),
        cellStyles=cell_styles,
        repeatRows=repeat_rows,
        splitInRow=1,
        hAlign=h_align,
    )
    table.rows_info = rows_info
    # Height of an empty frame (the frame has no padding).
    table.fresh_height = ctx.page_size[1] - 2 * MARGIN
    return table


# Control characters (pasted from other programs) that the paragraph parser rejects; tabs print
# as a space, line breaks are kept.
_CONTROL = {c: None for c in range(32) if c not in (9, 10, 13)} | {9: " ", 0x7F: None}


def _markup(text: str | None) -> str:
    """Paragraph markup that prints ``text`` as written: escape &, <, > first, then line breaks."""
    return escape(_clean(text)).replace("\n", "<br/>")


def _clean(text: str | None) -> str:
    """``text`` with line breaks normalised to "\\n" and control characters removed."""
    if not text:
        return ""
    return text.replace("\r\n", "\n").replace("\r", "\n").translate(_CONTROL)


class _Measure:
    """Word widths of one font and size, cached: the big tables measure the same words often.

    TrueType widths in reportlab are the sum of the glyph widths (no kerning), so a line's
    width is the sum of its words' and spaces' widths.
    """

    _LIMIT = 50_000

    def __init__(self, font_name: str, font_size: float) -> None:
        self.font_name = font_name
        self.font_size = font_size
        self._string_width = pdfmetrics.getFont(font_name).stringWidth
        self._cache: dict[str, float] = {}

    def line_width(self, text: str) -> float:
        """Width of a whole line (not cached: lines seldom repeat)."""
        return self._string_width(text, self.font_size)

    def width(self, text: str) -> float:
        """Width of a word or a character (cached)."""
        cache = self._cache
        width = cache.get(text)
        if width is None:
            if len(cache) > self._LIMIT:
                cache.clear()
            width = cache[text] = self._string_width(text, self.font_size)
        return width


_measures: dict[tuple[str, float], _Measure] = {}
_WORD = re.compile(r"( *)([^ ]+)")


def _measure(font_name: str, font_size: float) -> _Measure:
    key = (font_name, font_size)
    measure = _measures.get(key)
    if measure is None:
        measure = _measures[key] = _Measure(font_name, font_size)
    return measure


def _break_word(word: str, width: float, measure: _Measure) -> list[str]:
    """``word`` cut into pieces no wider than ``width`` (at least one character each)."""
    pieces: list[str] = []
    start, used = 0, 0.0
    for i, char in enumerate(word):
        w = measure.width(char)
        if used + w > width and i > start:
            pieces.append(word[start:i])
            start, used = i, 0.0
        used += w
    pieces.append(word[start:])
    return pieces


def _wrap(text: str | None, width: float, measure: _Measure) -> str:
    """``text`` broken into lines no wider than ``width`` points, joined with "\\n".

    Lines break at spaces; a word wider than the column is broken between characters, so no
    text is ever cut off. Spaces inside a line print as written (e.g. "0.5%  0.5%"); spaces
    where a line breaks are dropped. The result is plain text, not markup: "<" and "&" print
    as written.
    """
    clean = _clean(text).strip()  # no blank lines above or below the text
    if not clean:
        return ""
    space = measure.width(" ")
    width += 1e-6  # a text exactly as wide as the column fits
    out: list[str] = []
    for paragraph in clean.split("\n"):
        paragraph = paragraph.strip(" ")
        if measure.line_width(paragraph) <= width:
            out.append(paragraph)
            continue
        line: list[str] = []
        used = 0.0
        for spaces, word in _WORD.findall(paragraph):
            word_width = measure.width(word)
            gap = space * len(spaces) if line else 0.0
            if line and used + gap + word_width <= width:
                line += (spaces, word)
                used += gap + word_width
                continue
            if line:
                out.append("".join(line))
                line, used = [], 0.0
            if word_width > width:
                *full, word = _break_word(word, width, measure)
                out.extend(full)
                word_width = measure.width(word)
            line, used = [word], word_width
        out.append("".join(line))
    return "\n".join(out)


def _p(text: str | None, style: ParagraphStyle = _CELL) -> Paragraph | str:
    """A wrapping cell for ``text`` (an empty string for empty cells: nothing to lay out)."""
    markup = _markup(text)
    return Paragraph(markup, style) if markup else ""


def _frame_width(ctx: PrintContext) -> float:
    return ctx.page_size[0] - 2 * MARGIN


def _widths(columns: Sequence[Column] | Sequence[str], weights: dict[str, float], total: float) -> list[float]:
    keys = [c.key if isinstance(c, Column) else c for c in columns]
    raw = [weights.get(k, 10.0) for k in keys]
    scale = total / sum(raw)
    return [w * scale for w in raw]


def _heading(form_spec: FormSpec, year: int) -> Paragraph:
    """The activity heading and title, exactly as :meth:`FormSpec.heading` (seed 001)."""
    return Paragraph(_markup(form_spec.heading(year)), _TITLE)


def _label_value_table(
    cells: Sequence[tuple[str, ParagraphStyle]], widths: Sequence[float], ctx: PrintContext
) -> Table:
    """A one-row header table; cells styled _LABEL get the grey header background."""
    row = [_p(text, style) for text, style in cells]
    style = list(_PADDING) + [("BOX", (0, 0), (-1, -1), GRID, GRID_COLOR), ("INNERGRID", (0, 0), (-1, -1), GRID, GRID_COLOR)]
    for i, (_text, st) in enumerate(cells):
        if st is _LABEL:
            style.append(("BACKGROUND", (i, 0), (i, 0), HEADER_BG))
    return _table([row], widths, style, ctx, h_align="LEFT")


def _region_header(programme: Programme, ctx: PrintContext) -> Table:
    """ "REGIÓN (1)" | region (— responsible office), as seed 001 III.1–III.3 print it."""
    value = programme.region.name
    if programme.responsible_office.strip():
        value = f"{value} — {programme.responsible_office.strip()}"
    # As wide as the layout (the form's table below): a long office name wraps in its cell
    # instead of widening the table.
    width = _frame_width(ctx)
    return _label_value_table([("REGIÓN (1)", _LABEL), (value, _VALUE)], [3.2 * cm, width - 3.2 * cm], ctx)


def _instance_table(programme: Programme, form_spec: FormSpec, ctx: PrintContext) -> Table:
    """III.2's instance header, columns (2)–(6) with their official headers (seed 001, III.2)."""
    fields = form_spec.header_fields
    instance = programme.instance
    head = [_p(f"{c.label.format(year=programme.year)} ({c.number})", _HEAD) for c in fields]
    body = [_p(getattr(instance, _INSTANCE_FIELDS.get(c.key, c.key), "") if instance is not None else "") for c in fields]
    widths = _widths(fields, _INSTANCE_WEIGHTS, _frame_width(ctx))
    style = list(_PADDING) + [
        ("GRID", (0, 0), (-1, -1), GRID, GRID_COLOR),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_BG),
        ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
    ]
    return _table([head, body], widths, style, ctx, repeat_rows=1)


@dataclass(frozen=True)
class _Font:
    """Font, size and leading of the plain-text cells of a big table (see :class:`_TextTable`)."""

    name: str
    size: float
    leading: float

    def commands(self, start: tuple[int, int], stop: tuple[int, int]) -> list[tuple]:
        return [("FONT", start, stop, self.name, self.size, self.leading)]


# The same faces and sizes as the paragraph styles of the small tables.
_BODY = _Font(_CELL.fontName, _CELL.fontSize, _CELL.leading)
_BODY_BOLD = _Font(_CELL_BOLD.fontName, _CELL_BOLD.fontSize, _CELL_BOLD.leading)
_HEADS = _Font(_HEAD.fontName, _HEAD.fontSize, _HEAD.leading)
_GROUPS = _Font(_GROUP.fontName, _GROUP.fontSize, _GROUP.leading)
_PAD_X = 2.5
"""LEFTPADDING and RIGHTPADDING of every cell (see _PADDING)."""
_CENTERED_KEYS = frozenset({"weight", "met", "earned"})
"""Control-table columns printed centred: weight as written, "Sí"/"No", earned weight."""


class _TextTable:
    """Cells of a big table as plain text, wrapped once to their column width.

    A Paragraph per cell is wrapped again on every measure, split and draw, which made the big
    tables slow; a multi-line string is measured by counting its lines and drawn line by line.
    The cell's font, size and leading come from the table's FONT commands, so every text
    must be wrapped with the same font its row is given (:meth:`cell`).
    """

    def __init__(self, widths: Sequence[float]) -> None:
        self.widths = list(widths)

    def cell(self, text: str | None, column: int, font: _Font = _BODY, span: int = 1) -> str:
        width = sum(self.widths[column : column + span]) - 2 * _PAD_X
        return _wrap(text, width, _measure(font.name, font.size))

    def short(self, text: str | None, column: int, lines: int, font: _Font = _BODY) -> str:
        """Like :meth:`cell`, but at most ``lines`` lines; a cut text ends with "…"."""
        width = self.widths[column] - 2 * _PAD_X
        measure = _measure(font.name, font.size)
        wrapped = _wrap(text, width, measure).split("\n")
        if len(wrapped) <= lines:
            return "\n".join(wrapped)
        kept, last = wrapped[: lines - 1], wrapped[lines - 1]
        while last and measure.line_width(last + " …") > width:
            cut = last.rstrip().rfind(" ")
            last = last[:cut] if cut > 0 else last[:-1]
        return "\n".join([*kept, last.rstrip(" ,;:") + " …"])

    @staticmethod
    def height(cells: Iterable[str], font: _Font = _BODY) -> float:
        """Height in points of a row holding ``cells`` (wrapped texts) in ``font``, as reportlab
        measures a text cell: its lines (an empty cell has one) times the leading, plus padding."""
        lines = max((cell.count("\n") + 1 for cell in cells), default=1)
        return lines * font.leading + _PAD_TOP + _PAD_BOTTOM


def _group_header(columns: Sequence[Column], text: _TextTable) -> tuple[list[str], list[tuple]]:
    """First header row: one cell per run of columns of the same group, spanned (seed 001)."""
    row: list[str] = [""] * len(columns)
    commands: list[tuple] = []
    start = 0
    for i in range(1, len(columns) + 1):
        if i == len(columns) or columns[i].group != columns[start].group:
            row[start] = text.cell(columns[start].group, start, _GROUPS, span=i - start)
            if i - 1 > start:
                commands.append(("SPAN", (start, 0), (i - 1, 0)))
            start = i
    return row, commands


def _commitment_texts(commitment: Commitment) -> list[str]:
    """Columns (5)–(10) of one commitment (seed 001, III.1 notes (8), (9), (10))."""
    met = commitment.met
    if met is True:
        met_text, earned = "Sí", format_percent(earned_weight(commitment.weight, met))
    elif met is False:
        met_text, earned = "No", "0 %"
    else:
        met_text, earned = "", ""
    return [
        commitment.description,
        commitment.responsible_unit,
        commitment.verification_means,
        commitment.weight_text,
        met_text,
        earned,
    ]


def _body_room(ctx: PrintContext, header_heights: Sequence[float]) -> float:
    """Height in points left for body rows on an empty page under a table's repeated header
    rows (``header_heights``): a row, or a group's cells, taller than this must be split."""
    return ctx.page_size[1] - 2 * MARGIN - sum(header_heights) - 2


def _short_label(text: str | None, limit: int = 40) -> str:
    """``text`` on one line, cut to ``limit`` characters with "…", for an error message."""
    line = " ".join(_clean(text).split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


CONTINUED = "(continuación)"
"""Printed atop the context cells of a group's rows continued from the previous page."""
_CONTINUED_LINES = 3
"""Lines of each context text a continuation row repeats (the rest is cut with "…")."""


def _control_table(programme: Programme, form_spec: FormSpec, ctx: PrintContext) -> Table:
    """The control table: two header rows, then one row per commitment (seed 001, III.1–III.3).

    The objective's cells (2)–(4) span its commitment rows, as the seed's merged cells; each
    commitment row is as tall as its own texts, the last one grows when the objective's texts
    need more. The table may break between any two rows of an objective: the next page's part
    then starts with the objective's cells again, "(continuación)" and the objective, indicator
    and result shortened to three lines each. Cells are plain text wrapped once
    (:class:`_TextTable`).
    """
    columns = form_spec.columns
    ncols = len(columns)
    n_result = sum(1 for c in columns if c.group == columns[0].group)  # (2)–(4)
    widths = _widths(columns, _CONTROL_WEIGHTS, _frame_width(ctx))
    text = _TextTable(widths)
    group_row, commands = _group_header(columns, text)
    head_row = [text.cell(c.header, j, _HEADS) for j, c in enumerate(columns)]
    rows: list[list[str]] = [group_row, head_row]
    info = _Rows([text.height(group_row, _GROUPS), text.height(head_row, _HEADS)], [None, None], [False, False], ["", ""])
    commands += list(_PADDING)
    commands += _GROUPS.commands((0, 0), (-1, 0))
    commands += _HEADS.commands((0, 1), (-1, 1))
    commands += _BODY.commands((0, 2), (-1, -1))
    commands += [
        ("ALIGN", (0, 0), (-1, 1), "CENTER"),
        ("BACKGROUND", (0, 0), (-1, 0), GROUP_BG),
        ("BACKGROUND", (0, 1), (-1, 1), HEADER_BG),
        ("VALIGN", (0, 0), (-1, 1), "MIDDLE"),
        ("GRID", (0, 0), (-1, 1), GRID, GRID_COLOR),
        ("BOX", (0, 0), (-1, -1), GRID, GRID_COLOR),
        ("LINEAFTER", (0, 2), (-2, -1), GRID, GRID_COLOR),
    ]
    commands += [("ALIGN", (j, 2), (j, -1), "CENTER") for j, c in enumerate(columns) if c.key in _CENTERED_KEYS]
    blank = [""] * (ncols - n_result)
    context_columns = tuple(range(n_result))
    body_room = _body_room(ctx, info.natural)
    objective_number = [0]

    def objective_rows(objective) -> None:
        first = len(rows)
        texts = (objective.text, objective.indicator, objective.indicator_result)
        objective_cells = [text.cell(t, j) for j, t in enumerate(texts)]
        continued = [text.short(t, j, _CONTINUED_LINES) for j, t in enumerate(texts)]
        continued[0] = f"{CONTINUED}\n{continued[0]}" if continued[0] else CONTINUED
        commitments = objective.commitments or (None,)
        owns = [
            blank if commitment is None else [text.cell(t, n_result + j) for j, t in enumerate(_commitment_texts(commitment))]
            for commitment in commitments
        ]
        naturals = [text.height(own) for own in owns]
        need = text.height(objective_cells)
        group = _Group(context_columns, need, tuple(continued), text.height(continued),
                       spanned=max(need, *naturals) <= body_room)
        number = objective_number[0] = objective_number[0] + 1
        for index, own in enumerate(owns):
            cells = objective_cells if index == 0 else ["", "", ""]
            rows.append(cells + own)
            info.natural.append(max(naturals[0], need) if index == 0 and not group.spanned else naturals[index])
            info.groups.append(group)
            info.heads.append(index == 0)
            info.labels.append(f"objetivo {number} («{_short_label(objective.text)}»), fila {index + 1} de sus "
                               "actividades")
            if index:
                commands.append(("LINEABOVE", (n_result, len(rows) - 1), (-1, len(rows) - 1), GRID, GRID_COLOR))
        commands.append(("LINEABOVE", (0, first), (-1, first), GRID, GRID_COLOR))

    def section_row(label: str) -> None:
        r = len(rows)
        cell = text.cell(label, 0, _BODY_BOLD, span=ncols)
        rows.append([cell] + [""] * (ncols - 1))
        info.natural.append(text.height([cell], _BODY_BOLD))
        info.groups.append(None)
        info.heads.append(False)
        info.labels.append(f"sección «{_short_label(label)}»")
        commands.extend(
            [
                ("SPAN", (0, r), (-1, r)),
                ("FONTNAME", (0, r), (-1, r), _BODY_BOLD.name),
                ("ALIGN", (0, r), (-1, r), "LEFT"),
                ("BACKGROUND", (0, r), (-1, r), SECTION_BG),
                ("LINEABOVE", (0, r), (-1, r), GRID, GRID_COLOR),
            ]
        )

    if form_spec.sections:
        # III.3: every section is printed, even when empty, as the seed does.
        codes = [code for code, _label, _note in form_spec.sections]
        for code, label, _note in form_spec.sections:
            section_row(f"({code}) {label}")
            for objective in programme.objectives:
                if objective.section == code:
                    objective_rows(objective)
        orphans = [o for o in programme.objectives if o.section not in codes]
        if orphans:
            section_row("Sin sección asignada")
            for objective in orphans:
                objective_rows(objective)
    else:
        for objective in programme.objectives:
            objective_rows(objective)

    return _table(rows, widths, commands, ctx, repeat_rows=2, rows_info=info)


def _results_table(programme: Programme, score: ProgrammeScore, form_spec: FormSpec, ctx: PrintContext) -> Table:
    """Rows "Desempeño Anual Región (%)" and "Desempeño Anual Servicio" (seed 001, III.1 (11)/(12))."""
    year = programme.year
    (region_label, service_label), (region_no, service_no) = form_spec.result_labels, form_spec.result_numbers
    performance = format_percent(score.performance_pct)
    performance += " — válido" if score.valid else " — bajo el 90 %: no valida"
    width = _frame_width(ctx)
    label_width = width * 0.62
    rows = [
        [_p(f"{region_label.format(year=year)} ({region_no})", _LABEL), _p(performance, _VALUE)],
        [_p(f"{service_label.format(year=year)} ({service_no})", _LABEL), _p(ctx.verdict_text, _VALUE)],
    ]
    style = list(_PADDING) + [
        ("GRID", (0, 0), (-1, -1), GRID, GRID_COLOR),
        ("BACKGROUND", (0, 0), (0, -1), HEADER_BG),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ]
    return _table(rows, [label_width, width - label_width], style, ctx)


WARNINGS_HEADING = "Advertencias de Avance (no forman parte del formulario oficial)"
"""Heading of Avance's own warnings, printed after the notes only when asked."""


def _warnings(messages: Iterable[str]) -> list[Flowable]:
    messages = [m for m in messages if m]
    if not messages:
        return []
    out: list[Flowable] = [Paragraph(_markup(WARNINGS_HEADING), _SUBHEAD)]
    out += [Paragraph(_markup(m), _SMALL, bulletText="•") for m in messages]
    return out


def _notes(form_spec: FormSpec, year: int) -> list[Flowable]:
    """ "Notas Actividad III. n." and every note "(n) text" of the form (seed 001)."""
    out: list[Flowable] = [Paragraph(_markup(f"Notas {form_spec.activity}"), _SUBHEAD)]
    out += [Paragraph(_markup(f"({n}) {text.format(year=year)}"), _NOTE) for n, text in form_spec.notes]
    return out


# --------------------------------------------------------------------------------------------
# Public stories


def programme_story(programme: Programme, score: ProgrammeScore, ctx: PrintContext) -> list[Flowable]:
    """The flowables of one work programme, form III.1, III.2 or III.3, as seed 001 lays it out.

    Layout (seed 001, Actividades III.1–III.3): the activity heading and title; the
    "REGIÓN (1)" header; for III.2 the instance header (2)–(6); the control table with the
    group row ("Control de Resultados" over (2)–(4), "Control Operacional" over (5)–(10)) and
    the numbered headers, both repeated on every page, one row per commitment, III.3's
    objectives under their sections (11)–(13) (all three printed, even empty); the rows
    "Desempeño Anual Región (%)" and "Desempeño Anual Servicio"; the form's notes; and only
    when ``ctx.include_warnings``, Avance's scoring warnings under a heading saying they are not
    part of the official form (:data:`WARNINGS_HEADING`). Column (8) prints the weight as
    written; (9) "Sí"/"No"; (10) the earned weight when met (III.1 notes (8)–(10)). An
    invisible first flowable puts the region, year and :func:`programme_fingerprint` (of
    everything the pages print) in the footer of its pages.

    Args:
        programme: the programme to print (its form says which layout).
        score: its scoring, from :func:`desktop.domain.scoring.score_programme`.
        ctx: print context; ``ctx.verdict_text`` fills the service result row.

    Returns:
        A list of reportlab flowables, to pass to :func:`write_pdf`.

    Raises:
        ValueError: ``programme.form`` is III.4 (use :func:`progress_story`).
    """
    if programme.form is FormKind.III_4:
        raise ValueError("III.4 no es un programa de trabajo: use progress_story.")
    register_fonts()
    form_spec = spec(programme.form)
    mark = _FooterMark(Footer(programme.region.name, programme.year, programme_fingerprint(programme, score, ctx),
                              f"el formulario {programme.form.value}"))
    story: list[Flowable] = [mark, _heading(form_spec, programme.year), _region_header(programme, ctx), Spacer(1, 5)]
    if form_spec.header_fields:
        story += [_instance_table(programme, form_spec, ctx), Spacer(1, 5)]
    story += [_control_table(programme, form_spec, ctx), Spacer(1, 6)]
    story.append(KeepTogether([_results_table(programme, score, form_spec, ctx)]))
    story += _notes(form_spec, programme.year)
    if ctx.include_warnings:
        story += _warnings(score.warnings)
    return story


def programme_fingerprint(programme: Programme, score: ProgrammeScore, ctx: PrintContext) -> str:
    """The "Huella" in the footer of a programme's pages: of the programme and of everything
    else they print, the results rows (11)/(12) (the service result of ``ctx.verdict_text``
    included, seed 001 III.1 note (12)) and, when printed, Avance's warnings
    (:func:`desktop.domain.fingerprint.page_fingerprint`)."""
    printed: dict[str, object] = {
        "performance": score.performance_pct,
        "valid": score.valid,
        "service_result": ctx.verdict_text,
    }
    if ctx.include_warnings:
        printed["warnings"] = tuple(score.warnings)
    return page_fingerprint(programme, printed)


def progress_story(report: ProgressReport, ctx: PrintContext) -> list[Flowable]:
    """The flowables of form III.4, "Análisis del avance", as seed 001 lays it out.

    Layout (seed 001, Actividad III.4): heading; header "REGIÓN (1)" | region | responsible
    office | "Trimestre Tn (a la fecha)"; a table "Programa de Trabajo", "Objetivos
    específicos" and columns (2)–(5), its header repeated on every page, the programme label
    (:data:`desktop.domain.forms.PROGRAMME_LABELS`) in one cell spanning the programme's
    rows (on a page where a programme's rows continue, its first row repeats the label with
    "(continuación)"); then the notes of III.4. The footer of its pages carries the region,
    year and fingerprint of ``report``.

    Args:
        report: the III.4 report of one region, year and quarter.
        ctx: print context.

    Returns:
        A list of reportlab flowables, to pass to :func:`write_pdf`.

    Raises:
        ValueError: ``report.quarter`` is not 1–4.
    """
    register_fonts()
    form_spec = spec(FormKind.III_4)
    quarter = f"Trimestre {quarter_label(report.quarter)} (a la fecha)"
    width = _frame_width(ctx)
    header = _label_value_table(
        [
            ("REGIÓN (1)", _LABEL),
            (report.region.name, _VALUE),
            (report.responsible_office, _VALUE),
            (quarter, _LABEL),
        ],
        [3.2 * cm, 6 * cm, width - 14.2 * cm, 5 * cm],  # the layout's width: the office wraps
        ctx,
    )
    columns = form_spec.columns
    # The programme column is as wide as its longest word ("Complementariedad", or
    # "(continuación)"), so no label is broken inside a word; the other columns share the rest
    # by content type.
    labels = [*" ".join(PROGRAMME_LABELS.values()).split(), CONTINUED]
    bold = _measure(_BODY_BOLD.name, _BODY_BOLD.size)
    first_width = max(bold.width(word) for word in labels) + 8
    widths = [first_width, *_widths(columns[1:], _PROGRESS_WEIGHTS, width - first_width)]
    text = _TextTable(widths)
    rows: list[list[str]] = [[text.cell(c.header, j, _HEADS) for j, c in enumerate(columns)]]
    info = _Rows([text.height(rows[0], _HEADS)], [None], [False], [""])
    body_room = _body_room(ctx, info.natural)
    # A programme's label spans its rows unless one of them needs more than a page (see _Group).
    tall_forms = set()
    for entry in report.entries:
        values = (entry.objective_text, entry.progress, entry.authority_measures, entry.recommendations, entry.responsible)
        if text.height([text.cell(v, j) for j, v in enumerate(values, start=1)]) > body_room:
            tall_forms.add(entry.form)
    commands: list[tuple] = list(_PADDING)
    commands += _HEADS.commands((0, 0), (-1, 0))
    commands += _BODY.commands((0, 1), (-1, -1))
    commands += [
        ("FONTNAME", (0, 1), (0, -1), _BODY_BOLD.name),  # the programme label
        ("ALIGN", (0, 0), (-1, 0), "CENTER"),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_BG),
        ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
        ("GRID", (0, 0), (-1, 0), GRID, GRID_COLOR),
        ("BOX", (0, 0), (-1, -1), GRID, GRID_COLOR),
        ("LINEAFTER", (0, 1), (-2, -1), GRID, GRID_COLOR),
    ]
    previous: FormKind | None = None
    group: _Group | None = None
    for entry in report.entries:
        r = len(rows)
        first = entry.form is not previous
        previous = entry.form
        if first:
            label = text.cell(PROGRAMME_LABELS.get(entry.form, entry.form.value), 0, _BODY_BOLD)
            continued = text.cell(f"{label}\n{CONTINUED}", 0, _BODY_BOLD)
            group = _Group((0,), text.height([label], _BODY_BOLD), (continued,), text.height([continued], _BODY_BOLD),
                           spanned=entry.form not in tall_forms)
        values = (entry.objective_text, entry.progress, entry.authority_measures, entry.recommendations, entry.responsible)
        own = [text.cell(v, j) for j, v in enumerate(values, start=1)]
        rows.append([label if first else "", *own])
        natural = text.height(own)
        info.natural.append(max(natural, group.need) if first and not group.spanned else natural)
        info.groups.append(group)
        info.heads.append(first)
        info.labels.append(f"fila {r} («{_short_label(entry.objective_text)}»)")
        # No line under the programme cell between rows of the same programme (merged look).
        commands.append(("LINEABOVE", (0 if first else 1, r), (-1, r), GRID, GRID_COLOR))
    if not report.entries:
        rows.append([""] * len(columns))
        info.natural.append(text.height(rows[-1]))
        info.groups.append(None)
        info.heads.append(False)
        info.labels.append("")
    table = _table(rows, widths, commands, ctx, repeat_rows=1, rows_info=info)
    mark = _FooterMark(Footer(report.region.name, report.year, fingerprint(report),
                              f"el formulario III.4 (trimestre {quarter_label(report.quarter)})"))
    return [mark, _heading(form_spec, report.year), header, Spacer(1, 6), table, *_notes(form_spec, report.year)]


# --------------------------------------------------------------------------------------------
# National consolidation

NATIONAL_TITLE = "Consolidación nacional — Desempeño anual por región {year}"
"""Title of the national consolidation report (the service result of III.1 note (12))."""
NATIONAL_FOOTER = "Consolidación nacional"
"""What the footer says instead of a region on the national report's pages."""
SERVICE_ROW = "Desempeño anual servicio"
"""Label of the row with the service verdict per programme (III.1 column (12))."""
_BAR_COLORS = (colors.HexColor("#2F5C8A"), colors.HexColor("#D08A2E"), colors.HexColor("#5B8C4A"))
_BELOW_BG = colors.HexColor("#F6D5D2")
_REFERENCE_COLOR = colors.HexColor("#B22222")
_NATIONAL_TEXT = (
    "Desempeño anual de cada región por programa de trabajo: columna (11) de III.1, (16) de III.2 "
    "y (14) de III.3. La región valida un programa cuando su desempeño es igual o mayor a 90 % "
    "(nota 11); el servicio CUMPLE un programa cuando todas las regiones que lo comprometen lo "
    "validan (nota 12). «—»: la región no comprometió ese programa."
)


def _programme_name(form: FormKind) -> str:
    """"III.1 Gestión Territorial (…)" for tables and the chart's legend."""
    return SHORT_NAMES[form]


def national_story(summary, ctx: PrintContext) -> list[Flowable]:
    """The flowables of the national consolidation report for the central office.

    Layout: the title "Consolidación nacional — Desempeño anual por región {year}"; a table
    with one row per region (CUT order) and, per programme III.1, III.2, III.3, its
    "Desempeño anual región (%)" (III.1 column (11)) and whether it validates (≥ 90 %, note
    (11)), "—" where the region did not commit the programme; a last row "Desempeño anual
    servicio" with CUMPLE / NO CUMPLE per programme (III.1 note (12)), then the service's
    overall result; a bar chart of every region's performance per programme with the 90 %
    line and a legend (reportlab graphics); and the text of III.1 notes (11) and (12).
    Source: seed 001, Actividad III.1, notes (11) and (12) (III.2 and III.3 say "Ídem").

    Args:
        summary: a :class:`desktop.services.summary.NationalSummary` (or anything with
            ``year``, ``regions`` (each with ``region`` and ``scores``), ``verdicts`` by form
            and ``service``).
        ctx: print context (page size; the footer's region, year and fingerprint are set
            from ``summary``).

    Returns:
        A list of reportlab flowables, to pass to :func:`write_pdf`.
    """
    register_fonts()
    year = summary.year
    mark = _FooterMark(Footer(NATIONAL_FOOTER, year, fingerprint(summary), "la consolidación nacional"))
    story: list[Flowable] = [
        mark,
        Paragraph(_markup(NATIONAL_TITLE.format(year=year)), _TITLE),
        Paragraph(_markup(_NATIONAL_TEXT), _NOTE),
        Spacer(1, 4),
        _national_table(summary, ctx),
        Spacer(1, 8),
    ]
    story.append(
        KeepTogether(
            [
                Paragraph(_markup(f"Desempeño anual por región y programa de trabajo {year} (%)"), _SUBHEAD),
                _national_chart(summary, ctx),
            ]
        )
    )
    iii1 = spec(FormKind.III_1)
    notes: list[Flowable] = [Paragraph(_markup(f"Notas {iii1.activity}"), _SUBHEAD)]
    notes += [Paragraph(_markup(f"({n}) {iii1.note(n, year)}"), _NOTE) for n in (11, 12)]
    story.append(KeepTogether(notes))
    return story


def _national_table(summary, ctx: PrintContext) -> Table:
    """Regions × programmes: performance and validation, then the service verdicts."""
    forms = PROGRAMME_FORMS
    width = _frame_width(ctx)
    first = width * 0.19
    result = (width - first) / len(forms)
    widths = [first] + [result * 0.58, result * 0.42] * len(forms)
    text = _TextTable(widths)
    ncols = len(widths)
    bar = format_percent(PASS_MARK)
    group_row = [text.cell("Región", 0, _GROUPS)] + [""] * (ncols - 1)
    head_row = [""] * ncols
    commands: list[tuple] = list(_PADDING)
    commands += [("SPAN", (0, 0), (0, 1))]
    for i, form in enumerate(forms):
        col = 1 + 2 * i
        group_row[col] = text.cell(_programme_name(form), col, _GROUPS, span=2)
        head_row[col] = text.cell("Desempeño anual región (%)", col, _HEADS)
        head_row[col + 1] = text.cell(f"Válido (≥ {bar})", col + 1, _HEADS)
        commands.append(("SPAN", (col, 0), (col + 1, 0)))
    rows: list[list[str]] = [group_row, head_row]
    commands += _GROUPS.commands((0, 0), (-1, 0))
    commands += _HEADS.commands((0, 1), (-1, 1))
    commands += _BODY.commands((0, 2), (-1, -1))
    commands += [
        ("ALIGN", (0, 0), (-1, 1), "CENTER"),
        ("ALIGN", (1, 2), (-1, -1), "CENTER"),
        ("BACKGROUND", (0, 0), (-1, 0), GROUP_BG),
        ("BACKGROUND", (1, 1), (-1, 1), HEADER_BG),
        ("BACKGROUND", (0, 1), (0, 1), GROUP_BG),  # "Región" spans both header rows
        ("VALIGN", (0, 0), (-1, 1), "MIDDLE"),
        ("GRID", (0, 0), (-1, -1), GRID, GRID_COLOR),
    ]
    for regional in summary.regions:
        r = len(rows)
        by_form = {score.form: score for score in regional.scores}
        row = [text.cell(f"{regional.region.cut} {regional.region.name}", 0)]
        for i, form in enumerate(forms):
            score = by_form.get(form)
            if score is None:
                row += ["—", "—"]
                continue
            row += [text.cell(format_percent_column(score.performance_pct), 1 + 2 * i), "Sí" if score.valid else "No"]
            if not score.valid:
                commands.append(("BACKGROUND", (1 + 2 * i, r), (2 + 2 * i, r), _BELOW_BG))
        rows.append(row)
    r = len(rows)
    verdict_row = [text.cell(f"{SERVICE_ROW} (CUMPLE / NO CUMPLE)", 0, _BODY_BOLD)]
    for i, form in enumerate(forms):
        verdict = summary.verdicts.get(form)
        verdict_row += [text.cell(verdict.value if verdict is not None else "—", 1 + 2 * i, _BODY_BOLD, span=2), ""]
        commands.append(("SPAN", (1 + 2 * i, r), (2 + 2 * i, r)))
        if verdict is Verdict.NO_CUMPLE:
            commands.append(("BACKGROUND", (1 + 2 * i, r), (2 + 2 * i, r), _BELOW_BG))
    rows.append(verdict_row)
    overall = summary.service.value
    rows.append(
        [text.cell("Resultado del servicio (todos los programas)", 0, _BODY_BOLD), text.cell(overall, 1, _BODY_BOLD, span=ncols - 1)]
        + [""] * (ncols - 2)
    )
    commands += [
        ("SPAN", (1, r + 1), (-1, r + 1)),
        ("FONT", (0, r), (-1, r + 1), _BODY_BOLD.name, _BODY_BOLD.size, _BODY_BOLD.leading),
        ("BACKGROUND", (0, r), (0, r + 1), HEADER_BG),
        ("LINEABOVE", (0, r), (-1, r), 1.0, GRID_COLOR),
    ]
    if summary.service is Verdict.NO_CUMPLE:
        commands.append(("BACKGROUND", (1, r + 1), (-1, r + 1), _BELOW_BG))
    return _table(rows, widths, commands, ctx, repeat_rows=2)


def _national_chart(summary, ctx: PrintContext) -> Drawing:
    """Bar chart of each region's performance per programme, with the 90 % line and a legend.

    Drawn with reportlab's graphics (vector, so it prints sharp). A region that did not
    commit a programme has no bar for it. Floats are used only for drawing coordinates.
    """
    forms = PROGRAMME_FORMS
    width = _frame_width(ctx)
    names = [r.region.name for r in summary.regions]
    # Up to eight regions the chart fits under the table on the first page; with more, the
    # table fills it and the chart gets a taller place on the next page.
    height = 8.2 * cm if len(names) <= 8 else 11 * cm
    # The drawing's initial font is reportlab's default Times-Roman, a font the PDF would not embed.
    drawing = Drawing(width, height, initialFontName=FONT, initialFontSize=7)
    data: list[list[float | None]] = []
    top = 100.0  # the axis reaches at least 100 %, more if a region's weights exceed it
    for form in forms:
        series: list[float | None] = []
        for regional in summary.regions:
            score = next((s for s in regional.scores if s.form is form), None)
            value = None if score is None else float(score.performance_pct)
            series.append(value)
            if value is not None:
                top = max(top, value)
        data.append(series)
    top = float(int((top + 9.999) // 10 * 10))

    legend_height = 14
    chart = VerticalBarChart()
    slanted = len(names) > 8  # sixteen names side by side would overlap: slant them
    chart.x = 34
    chart.y = 48 if slanted else 18
    chart.width = width - chart.x - 30
    chart.height = height - chart.y - legend_height - 10
    chart.data = data or [[0]]
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = top
    chart.valueAxis.valueStep = 10
    chart.valueAxis.labels.fontName = FONT
    chart.valueAxis.labels.fontSize = 6.5
    chart.valueAxis.labelTextFormat = lambda v: f"{v:.0f} %"
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colors.HexColor("#D8D8D8")
    chart.valueAxis.gridStrokeWidth = 0.3
    chart.valueAxis.strokeWidth = 0.5
    chart.categoryAxis.categoryNames = names or [""]
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = 6.5
    if slanted:
        chart.categoryAxis.labels.angle = 30
        chart.categoryAxis.labels.boxAnchor = "ne"
        chart.categoryAxis.labels.dx = 2
    chart.categoryAxis.labels.dy = -3
    chart.categoryAxis.strokeWidth = 0.5
    chart.barSpacing = 0.6
    chart.groupSpacing = 6
    chart.bars.strokeColor = None
    for i, color in enumerate(_BAR_COLORS):
        chart.bars[i].fillColor = color
    drawing.add(chart)

    # The 90 % bar (note 11): a dashed line across the plot, labelled at its right end.
    y = chart.y + chart.height * float(PASS_MARK) / top
    drawing.add(Line(chart.x, y, chart.x + chart.width, y, strokeColor=_REFERENCE_COLOR, strokeWidth=1, strokeDashArray=[4, 2]))
    drawing.add(String(chart.x + chart.width + 3, y - 2.3, format_percent(PASS_MARK), fontName=FONT_BOLD, fontSize=6.5, fillColor=_REFERENCE_COLOR))

    legend = Legend()
    legend.x = chart.x
    legend.y = height - 4
    legend.fontName = FONT
    legend.fontSize = 7
    legend.dx = legend.dy = 7
    legend.dxTextSpace = 4
    legend.columnMaximum = 1  # one entry per column: a single row
    legend.variColumn = 1  # each column as wide as its text
    legend.autoXPadding = 14
    legend.alignment = "right"
    legend.strokeColor = None
    legend.colorNamePairs = [(color, _programme_name(form)) for color, form in zip(_BAR_COLORS, forms)]
    drawing.add(legend)
    # The reference line's entry, after the bars' entries.
    _lx0, _ly0, lx1, _ly1 = legend.getBounds()
    x = lx1 + 16
    line_y = legend.y - legend.dy / 2
    drawing.add(Line(x, line_y, x + 16, line_y, strokeColor=_REFERENCE_COLOR, strokeWidth=1, strokeDashArray=[4, 2]))
    drawing.add(String(x + 20, line_y - 2.4, f"Umbral de validación: {format_percent(PASS_MARK)} (nota 11)", fontName=FONT, fontSize=7))
    drawing.hAlign = "LEFT"
    return drawing


# --------------------------------------------------------------------------------------------
# Document


class _NumberedCanvas(rl_canvas.Canvas):
    """Canvas that defers each page until the end, to print "página n de N" with the real N.

    Each page keeps the footer set by the last :class:`_FooterMark` drawn up to its end (the
    context's footer before any), so a PDF of several forms shows each form's own region,
    year and fingerprint.
    """

    def __init__(self, *args, ctx: PrintContext, progress: ProgressCallback | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self._ctx = ctx
        self._avance_footer = ctx.footer
        self._avance_progress = progress
        self._pages: list[dict] = []

    def showPage(self) -> None:  # noqa: N802 (reportlab API)
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        progress: ProgressCallback | None = self._avance_progress
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            self._footer(total)
            super().showPage()
            if progress is not None:
                per_mille = _COMPOSE_SHARE + (1000 - _COMPOSE_SHARE) * number // (total + 1)
                progress(Progress(Stage.WRITING, number, total, total, per_mille))
        super().save()
        if progress is not None:
            progress(Progress(Stage.WRITING, total, total, total, 1000))

    def _footer(self, total: int) -> None:
        """Left: service and print date; centre: region and year; right: fingerprint and page."""
        width, _height = self._pagesize
        footer: Footer = self._avance_footer
        y = MARGIN - FOOTER_GAP
        self.saveState()
        self.setFont(FONT, 6.5)
        self.setFillColor(colors.HexColor("#404040"))
        printed = self._ctx.printed_on.strftime("%d-%m-%Y")
        left = f"{self._ctx.service_name} · impreso el {printed}" if self._ctx.service_name else f"Impreso el {printed}"
        self.drawString(MARGIN, y, left)
        middle = " · ".join(
            part for part in (footer.region, f"Año {footer.year}" if footer.year is not None else "") if part
        )
        if middle:
            # Centred, unless a long service name reaches the centre: then after it.
            middle_width = self.stringWidth(middle, FONT, 6.5)
            x = max(width / 2 - middle_width / 2, MARGIN + self.stringWidth(left, FONT, 6.5) + 14)
            self.drawString(x, y, middle)
        right = f"página {self._pageNumber} de {total}"
        if footer.fingerprint:
            right = f"Huella: {footer.fingerprint} · {right}"
        self.drawRightString(width - MARGIN, y, right)
        self.restoreState()


class _Composing:
    """reportlab's build progress (blocks placed, pages begun) as :class:`Progress` steps,
    reported only when the bar or the page count moves."""

    def __init__(self, progress: ProgressCallback) -> None:
        self.progress = progress
        self.total = 1
        self.done = 0
        self.pages = 0
        self._last = (-1, -1)

    def __call__(self, kind: str, value: int) -> None:
        if kind == "SIZE_EST":
            self.total = max(1, value)
        elif kind == "PROGRESS":
            self.done = max(self.done, min(value, self.total))  # a split block goes back in the list
        elif kind == "PAGE":
            self.pages = value
        else:
            return
        per_mille = _COMPOSE_SHARE * self.done // self.total
        if (per_mille, self.pages) != self._last:
            self._last = (per_mille, self.pages)
            self.progress(Progress(Stage.COMPOSING, self.done, self.total, self.pages, per_mille))


class _Document(BaseDocTemplate):
    """The document template: a layout failure becomes a :class:`LayoutFailure` that names what
    could not be placed."""

    def handle_flowable(self, flowables):  # noqa: ANN001, ANN201 (reportlab API)
        current = flowables[0] if flowables else None
        try:
            return super().handle_flowable(flowables)
        except LayoutError as exc:
            raise LayoutFailure(self._failure(current)) from exc

    def _failure(self, flowable: Flowable | None) -> str:
        footer: Footer = getattr(self.canv, "_avance_footer", None) or Footer()
        what = footer.form or "el documento"
        where = " ".join(part for part in (footer.region, str(footer.year) if footer.year else "") if part)
        if where and footer.region != NATIONAL_FOOTER:
            what += f" de {where}"
        elif footer.year:
            what += f" {footer.year}"
        row = ""
        info = getattr(flowable, "rows_info", None)
        if isinstance(info, _Rows):
            repeat = getattr(flowable, "repeatRows", 0) or 0
            row = next((info.label(i) for i in range(repeat, len(info.natural)) if info.label(i)), "")
        subject = f"la fila del {row}" if row.startswith("objetivo") else (f"la {row}" if row else "una parte")
        return (f"No se pudo componer {what}: {subject} no cabe en la página {self.page}. Acorte ese texto y "
                "vuelva a imprimir; si el problema sigue, avise al soporte de Avance.")


def write_pdf(
    stories: list[list[Flowable]],
    out: str | Path | BinaryIO,
    ctx: PrintContext,
    title: str,
    progress: ProgressCallback | None = None,
) -> None:
    """Build one PDF of several stories, each starting on a new page.

    Every page gets a footer: the service name and print date on the left; the region and
    year in the middle; "Huella: xxxx-xxxx-xxxx · página n de N" on the right (N is the
    document's real page count: the pages are held until the end, then numbered). Region,
    year and fingerprint are those of the story printed on the page (each story of
    :func:`programme_story`, :func:`progress_story` and :func:`national_story` starts with a
    marker that sets them), else the context's. The PDF's title is ``title``, its author the
    service.

    Args:
        stories: the stories, e.g. from :func:`programme_story` and :func:`progress_story`.
            Flowables are consumed: build a story again to print it twice.
        out: a file path, or a binary file object open for writing.
        ctx: print context (page size, service name, print date, footer of unmarked pages).
        title: document title (PDF metadata).
        progress: called as the pages are laid out (:attr:`Stage.COMPOSING`) and written
            (:attr:`Stage.WRITING`), :attr:`Progress.per_mille` reaching 1000 once the whole
            file is written; an exception it raises stops the build and goes up to the caller.

    Raises:
        ValueError: there is nothing to print (no story, or only empty ones).
        LayoutFailure: a page could not be laid out (Spanish message naming the form, region,
            year, page and row).
        OSError: the file cannot be written.
    """
    register_fonts()
    parts = [s for s in stories if s]
    if not parts:
        raise ValueError("No hay nada que imprimir.")
    flowables: list[Flowable] = []
    for index, story in enumerate(parts):
        if index:
            flowables.append(PageBreak())
        flowables.extend(story)
    target = os.fspath(out) if isinstance(out, (str, os.PathLike)) else out
    doc = _Document(
        target,
        pagesize=ctx.page_size,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=title,
        author=ctx.service_name,
        subject="PMG Gestión Territorial, Etapa 3",
        creator="Avance",
        lang="es-CL",
        initialFontName=FONT,
        displayDocTitle=1,
    )
    width, height = ctx.page_size
    frame = Frame(MARGIN, MARGIN, width - 2 * MARGIN, height - 2 * MARGIN, 0, 0, 0, 0, id="form")
    doc.addPageTemplates([PageTemplate(id="form", frames=[frame])])
    if progress is not None:
        doc.setProgressCallBack(_Composing(progress))
    doc.build(flowables, canvasmaker=partial(_NumberedCanvas, ctx=ctx, progress=progress))


def _title(form: FormKind, region_name: str, year: int) -> str:
    return f"{SHORT_NAMES[form]} — {region_name} {year}"


def print_programme(programme: Programme, score: ProgrammeScore, ctx: PrintContext, out: str | Path | BinaryIO) -> None:
    """Print one work programme (III.1, III.2 or III.3) to a PDF.

    Args:
        programme: the programme.
        score: its scoring.
        ctx: print context.
        out: a file path or a binary file object.

    Raises:
        ValueError: ``programme.form`` is III.4.
        OSError: the file cannot be written.
    """
    story = programme_story(programme, score, ctx)
    write_pdf([story], out, ctx, _title(programme.form, programme.region.name, programme.year))


def print_progress(report: ProgressReport, ctx: PrintContext, out: str | Path | BinaryIO) -> None:
    """Print form III.4 of one region, year and quarter to a PDF.

    Args:
        report: the III.4 report.
        ctx: print context.
        out: a file path or a binary file object.

    Raises:
        ValueError: ``report.quarter`` is not 1–4.
        OSError: the file cannot be written.
    """
    story = progress_story(report, ctx)
    title = f"{_title(FormKind.III_4, report.region.name, report.year)} {quarter_label(report.quarter)}"
    write_pdf([story], out, ctx, title)
