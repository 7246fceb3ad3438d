"""Table models over the domain records: one per form kind (STYLE.md rule 3).

A model never writes to the database itself: an edit goes to its ``editor`` callback, which the
window turns into an undoable command that calls a service. After the write the window hands
the model the fresh record with :meth:`ProgrammeTableModel.set_programme`.
"""

from __future__ import annotations

import textwrap
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QIcon, QPainter, QPixmap

from desktop.domain.forms import PROGRAMME_LABELS, Column, FormKind, rule_note, spec
from desktop.domain.records import Commitment, Objective, ProgressEntry, ProgressReport, Programme
from desktop.domain.scoring import earned_weight
from desktop.domain.weights import format_percent

Index = QModelIndex | QPersistentModelIndex

#: ``editor(target, target_id, field, old_value, new_value)``; target is "objective",
#: "commitment" or "progress"; returns True when the edit was accepted.
Editor = Callable[[str, uuid.UUID, str, Any, Any], bool]

MET_LABELS = {True: "Sí", False: "No", None: ""}
WARN_BRUSH = QBrush(QColor("#fde2e1"))
PENDING_BRUSH = QBrush(QColor("#fff4cc"))
COMPUTED_BRUSH = QBrush(QColor("#eef1f5"))
HINT_BRUSH = QBrush(QColor("#6b7580"))
NOTE_BRUSH = QBrush(QColor("#fbe9d0"))
"""Background of a cell the central office left an observation on."""
NOTE_COLOR = QColor("#c25e00")

_note_icon: QIcon | None = None


def note_icon() -> QIcon:
    """The marker of a row with observations of the central office: an orange disc with a white
    "!" (drawn, so it looks the same on every platform)."""
    global _note_icon  # noqa: PLW0603 - one icon for every model, made on first use
    if _note_icon is None:
        pixmap = QPixmap(16, 16)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(NOTE_COLOR)
        painter.drawEllipse(QRectF(1, 1, 14, 14))
        font = QFont()
        font.setBold(True)
        font.setPixelSize(12)
        painter.setFont(font)
        painter.setPen(QColor("white"))
        painter.drawText(QRectF(1, 1, 14, 14), int(Qt.AlignmentFlag.AlignCenter), "!")
        painter.end()
        _note_icon = QIcon(pixmap)
    return _note_icon


def parse_met(value: Any) -> bool | None:
    """Read what a user typed or chose in column (9): "Sí"/"si"/"s"/True → True, "No" → False,
    "" or None → None.

    Raises:
        ValueError: anything else (Spanish message).
    """
    if value is None or isinstance(value, bool):
        return value
    text = str(value).strip().casefold().replace("í", "i")
    if text in ("", "-", "—"):
        return None
    if text in ("si", "s", "1", "x", "cumple"):
        return True
    if text in ("no", "n", "0", "no cumple"):
        return False
    raise ValueError(f"«{value}» no es válido en «Cumple/no cumple»: use Sí o No.")


@dataclass(frozen=True, slots=True)
class _Row:
    objective: Objective
    commitment: Commitment | None
    first: bool
    section_first: bool


def _key(row: _Row) -> tuple[uuid.UUID, uuid.UUID | None]:
    return row.objective.id, row.commitment.id if row.commitment else None


def _block_change(old: list[Any], new: list[Any]) -> tuple[str, int, int, int] | None:
    """How ``new`` differs from ``old`` when it is one contiguous block of rows inserted,
    removed, or moved past the block beside it: ("insert" | "remove", first, last, -1) with the
    rows of the block, or ("move", first, last, destination) in ``beginMoveRows`` terms (rows
    ``first``–``last`` of ``old`` go before row ``destination`` of ``old``); None otherwise."""
    prefix = 0
    while prefix < min(len(old), len(new)) and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < min(len(old), len(new)) - prefix and old[-1 - suffix] == new[-1 - suffix]:
        suffix += 1
    old_mid, new_mid = old[prefix:len(old) - suffix], new[prefix:len(new) - suffix]
    if not old_mid and new_mid:
        return "insert", prefix, prefix + len(new_mid) - 1, -1
    if old_mid and not new_mid:
        return "remove", prefix, prefix + len(old_mid) - 1, -1
    if len(old_mid) == len(new_mid) and len(old_mid) > 1:
        for cut in range(1, len(old_mid)):  # old_mid = A + B, new_mid = B + A: B moves before A
            if new_mid == old_mid[cut:] + old_mid[:cut]:
                return "move", prefix + cut, prefix + len(old_mid) - 1, prefix
    return None


NARROW = frozenset({"weight", "met", "earned"})


def header_text(column: Column, year: int) -> str:
    """The column's header as printed, broken into lines so it fits a narrow column."""
    return textwrap.fill(column.header.format(year=year), 12 if column.key in NARROW else 24)


SECTION_COLUMN = Column("section", 0, "Sección", "", spec(FormKind.III_3).note(2))


class ProgrammeTableModel(QAbstractTableModel):
    """The control table of III.1, III.2 or III.3: one row per commitment.

    Columns are the form's numbered columns (III.1 (2)–(10), III.2 (7)–(15), III.3 (2)–(10)
    with a leading "Sección" column). The objective's cells (2)–(4) show on its first row.

    Args:
        editor: receives every edit (see :data:`Editor`).
        year_closed: highlight unset compliance as pending (note (9)).
    """

    invalid_input = Signal(str)
    """Emitted with a Spanish message when a typed value is refused before any write."""

    def __init__(self, editor: Editor, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self._editor = editor
        self._programme: Programme | None = None
        self._rows: list[_Row] = []
        self._columns: tuple[Column, ...] = ()
        self._notes: dict[uuid.UUID, tuple[str, ...]] = {}
        self.year_closed = False
        self.read_only = False
        """No cell can be edited (at the central office: a region that sends its data in bundles)."""

    # -- content ---------------------------------------------------------------------------
    @property
    def programme(self) -> Programme | None:
        """The record shown."""
        return self._programme

    @property
    def columns(self) -> tuple[Column, ...]:
        """The columns shown, in order."""
        return self._columns

    def set_programme(self, programme: Programme | None) -> None:
        """Show ``programme``. Same programme and rows: cells are refreshed in place (selection
        and scroll stay). Same programme with one block of rows added, removed or moved past its
        neighbour (an objective or activity added, deleted, moved): the rows are inserted,
        removed or moved (``beginInsertRows`` …) and every cell refreshed. Anything else resets
        the model."""
        rows = self._flatten(programme) if programme else []
        columns = self._columns_for(programme)
        same_programme = self._programme is not None and programme is not None and programme.id == self._programme.id
        old_keys, new_keys = [_key(r) for r in self._rows], [_key(r) for r in rows]
        if same_programme and old_keys == new_keys:
            self._programme, self._rows = programme, rows
            self._refresh_all()
            return
        shape = _block_change(old_keys, new_keys) if same_programme else None
        if shape is None:
            self.beginResetModel()
            self._programme, self._rows, self._columns = programme, rows, columns
            self.endResetModel()
            return
        kind, first, last, destination = shape
        root = QModelIndex()
        if kind == "insert":
            self.beginInsertRows(root, first, last)
            self._programme, self._rows = programme, rows
            self.endInsertRows()
        elif kind == "remove":
            self.beginRemoveRows(root, first, last)
            self._programme, self._rows = programme, rows
            self.endRemoveRows()
        else:
            self.beginMoveRows(root, first, last, root, destination)
            self._programme, self._rows = programme, rows
            self.endMoveRows()
        self._refresh_all()  # neighbours' first-row cells (objective, section) change too

    def _refresh_all(self) -> None:
        if self._rows and self._columns:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(self._columns) - 1))

    def set_notes(self, notes: Mapping[uuid.UUID, Sequence[str]]) -> None:
        """Mark the rows the central office left observations on: ``notes`` maps an objective's
        or activity's id to the lines of its observations (what the tooltips say). The row
        header shows :func:`note_icon` with every observation of the row; the objective's cells
        (2)–(4), or the activity's (5), are tinted and their tooltip says them."""
        notes = {k: tuple(v) for k, v in notes.items() if v}
        if notes == self._notes:
            return
        self._notes = notes
        self._refresh_all()
        if self._rows:
            self.headerDataChanged.emit(Qt.Orientation.Vertical, 0, len(self._rows) - 1)

    def notes_of(self, row: int) -> tuple[str, ...]:
        """The observation lines shown on ``row``: its objective's (on the objective's first row)
        and its activity's."""
        r = self._rows[row]
        lines = self._notes.get(r.objective.id, ()) if r.first else ()
        if r.commitment is not None:
            lines += self._notes.get(r.commitment.id, ())
        return lines

    def _cell_notes(self, row: _Row, key: str) -> tuple[str, ...]:
        if key in ("objective", "indicator", "indicator_result"):
            return self._notes.get(row.objective.id, ()) if row.first else ()
        if key == "description" and row.commitment is not None:
            return self._notes.get(row.commitment.id, ())
        return ()

    def row_of(self, record_id: uuid.UUID | None) -> int:
        """The row showing objective or commitment ``record_id`` (an objective: its first row); -1 if none."""
        if record_id is None:
            return -1
        for i, r in enumerate(self._rows):
            if (r.commitment is not None and r.commitment.id == record_id) or (r.first and r.objective.id == record_id):
                return i
        return -1

    @staticmethod
    def _columns_for(programme: Programme | None) -> tuple[Column, ...]:
        if programme is None:
            return ()
        columns = spec(programme.form).columns
        return (SECTION_COLUMN, *columns) if programme.form is FormKind.III_3 else columns

    @staticmethod
    def _flatten(programme: Programme) -> list[_Row]:
        rows: list[_Row] = []
        last_section: str | None = "∅"
        for objective in programme.objectives:
            section_first = objective.section != last_section
            last_section = objective.section
            if not objective.commitments:
                rows.append(_Row(objective, None, True, section_first))
                continue
            for i, commitment in enumerate(objective.commitments):
                rows.append(_Row(objective, commitment, i == 0, section_first and i == 0))
        return rows

    def row_at(self, row: int) -> tuple[Objective, Commitment | None]:
        """The objective and commitment shown on ``row``."""
        r = self._rows[row]
        return r.objective, r.commitment

    def column_of(self, key: str) -> int:
        """The column index of field ``key`` ("met", "weight", …); -1 if absent."""
        for i, c in enumerate(self._columns):
            if c.key == key:
                return i
        return -1

    def objective_span(self, row: int) -> int:
        """How many rows the objective starting on ``row`` covers (0 if it does not start there)."""
        if not self._rows[row].first:
            return 0
        n = 1
        while row + n < len(self._rows) and not self._rows[row + n].first:
            n += 1
        return n

    # -- Qt model API ----------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Vertical:
            if not 0 <= section < len(self._rows):
                return None
            if role == Qt.ItemDataRole.DisplayRole:
                return str(section + 1)
            if role in (Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.ToolTipRole):
                lines = self.notes_of(section)
                if not lines:
                    return None
                if role == Qt.ItemDataRole.DecorationRole:
                    return note_icon()
                return self.tr("Observaciones de la oficina central:") + "\n" + "\n".join(lines)
            return None
        if not 0 <= section < len(self._columns):
            return None
        column = self._columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return header_text(column, self._programme.year if self._programme else 2009)
        if role == Qt.ItemDataRole.ToolTipRole:
            group = f"{column.group}\n" if column.group else ""
            note = f"({column.number}) {column.note}" if column.note and column.number else column.note
            year = self._programme.year if self._programme else 2009
            return f"{group}{note}".format(year=year) if note or group else None
        return None

    def _value(self, row: _Row, key: str) -> Any:
        o, c = row.objective, row.commitment
        if key == "section":
            if not row.section_first or not o.section:
                return ""
            label = dict((code, label) for code, label, _ in spec(FormKind.III_3).sections)[o.section]
            return f"({o.section}) {label}"
        if key in ("objective", "indicator", "indicator_result"):
            if not row.first:
                return ""
            return {"objective": o.text, "indicator": o.indicator, "indicator_result": o.indicator_result}[key]
        if c is None:
            return ""
        if key == "description":
            return c.description
        if key == "responsible_unit":
            return c.responsible_unit
        if key == "verification_means":
            return c.verification_means
        if key == "weight":
            return c.weight_text
        if key == "met":
            return MET_LABELS[c.met]
        if key == "earned":
            return "" if c.met is None else format_percent(earned_weight(c.weight, c.met))
        return ""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows) or index.column() >= len(self._columns):
            return None
        row = self._rows[index.row()]
        key = self._columns[index.column()].key
        c = row.commitment
        if role == Qt.ItemDataRole.DisplayRole:
            if c is None and key == "description":
                return self.tr("(sin actividades: Editar → Agregar actividad)")
            return self._value(row, key)
        if role == Qt.ItemDataRole.ForegroundRole and c is None and key == "description":
            return HINT_BRUSH
        if role == Qt.ItemDataRole.EditRole:
            if key == "met":
                return MET_LABELS[c.met] if c else ""
            return self._value(row, key)
        if role == Qt.ItemDataRole.BackgroundRole:
            if self._cell_notes(row, key):
                return NOTE_BRUSH
            if key == "earned":
                return COMPUTED_BRUSH
            if key == "weight" and c is not None and c.parsed_weight.problems:
                return WARN_BRUSH
            if key == "met" and c is not None and c.met is None and self.year_closed:
                return PENDING_BRUSH
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            notes = self._cell_notes(row, key)
            if notes:
                text = self._value(row, key)
                head = text if isinstance(text, str) and len(text) > 80 else ""
                return ((head + "\n\n") if head else "") + self.tr("Observaciones de la oficina central:") + "\n" + \
                    "\n".join(notes)
            if key == "weight" and c is not None:
                parsed = c.parsed_weight
                lines = [f"Escrito: «{parsed.text}»"]
                if parsed.values:
                    lines.append("Leído: " + " + ".join(format_percent(v) for v in parsed.values))
                lines.extend(parsed.problems)
                lines.extend(parsed.notes)
                return "\n".join(lines)
            if key == "met" and c is not None and c.met is None and self.year_closed:
                note = rule_note(self._programme.form, 9) if self._programme else "nota 9"  # (14) on III.2
                return f"Falta indicar si cumple ({note}): «Sí» sólo si se cumplió al 100 %."
            text = self._value(row, key)
            return text if isinstance(text, str) and len(text) > 80 else None
        if role == Qt.ItemDataRole.TextAlignmentRole and key in ("weight", "met", "earned"):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if not index.isValid():
            return base
        row = self._rows[index.row()]
        key = self._columns[index.column()].key
        if key in ("section", "earned") or self.read_only:
            return base
        if key in ("objective", "indicator", "indicator_result"):
            return base | Qt.ItemFlag.ItemIsEditable if row.first else base
        return base | Qt.ItemFlag.ItemIsEditable if row.commitment is not None else base

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or not (self.flags(index) & Qt.ItemFlag.ItemIsEditable):
            return False
        row = self._rows[index.row()]
        key = self._columns[index.column()].key
        if key in ("objective", "indicator", "indicator_result"):
            field = "text" if key == "objective" else key
            old = getattr(row.objective, field)
            if value == old:
                return False
            return self._editor("objective", row.objective.id, field, old, value)
        c = row.commitment
        assert c is not None
        if key == "met":
            try:
                new = parse_met(value)
            except ValueError as exc:
                self.invalid_input.emit(str(exc))
                return False
            if new == c.met:
                return False
            return self._editor("commitment", c.id, "met", c.met, new)
        field = "weight_text" if key == "weight" else key
        old = getattr(c, field)
        if value == old:
            return False
        return self._editor("commitment", c.id, field, old, value)


class ProgressTableModel(QAbstractTableModel):
    """III.4 for one quarter: one row per objective (programme, objective, (2)–(5)).

    Args:
        editor: receives every edit, target "progress" with the objective id; the quarter is
            the model's :attr:`quarter`.
    """

    COLUMNS: tuple[Column, ...] = spec(FormKind.III_4).columns

    def __init__(self, editor: Editor, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self._editor = editor
        self._report: ProgressReport | None = None
        self._entries: list[ProgressEntry] = []
        self.read_only = False
        """No cell can be edited (at the central office: a region that sends its data in bundles)."""

    @property
    def report(self) -> ProgressReport | None:
        """The III.4 shown."""
        return self._report

    @property
    def quarter(self) -> int:
        """The quarter shown (1–4), 0 when empty."""
        return self._report.quarter if self._report else 0

    def set_report(self, report: ProgressReport | None) -> None:
        """Show ``report``, refreshing in place when only texts changed."""
        entries = list(report.entries) if report else []
        if (
            self._report is not None
            and report is not None
            and report.quarter == self._report.quarter
            and [e.objective_id for e in entries] == [e.objective_id for e in self._entries]
        ):
            self._report, self._entries = report, entries
            if entries:
                self.dataChanged.emit(self.index(0, 0), self.index(len(entries) - 1, len(self.COLUMNS) - 1))
            return
        self.beginResetModel()
        self._report, self._entries = report, entries
        self.endResetModel()

    def entry(self, row: int) -> ProgressEntry:
        """The entry on ``row``."""
        return self._entries[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1) if role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self._entries) else None
        if not 0 <= section < len(self.COLUMNS):
            return None
        column = self.COLUMNS[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return header_text(column, self._report.year if self._report else 2009)
        if role == Qt.ItemDataRole.ToolTipRole and column.note:
            return f"({column.number}) {column.note}"
        return None

    def _value(self, row: int, key: str) -> str:
        e = self._entries[row]
        if key == "programme":
            first = row == 0 or self._entries[row - 1].form is not e.form
            return PROGRAMME_LABELS[e.form] if first else ""
        if key == "objective":
            return e.objective_text
        return getattr(e, key)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._entries):
            return None
        key = self.COLUMNS[index.column()].key
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._value(index.row(), key)
        if role == Qt.ItemDataRole.BackgroundRole and key == "programme":
            return COMPUTED_BRUSH
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if not index.isValid() or self.COLUMNS[index.column()].key == "programme" or self.read_only:
            return base
        return base | Qt.ItemFlag.ItemIsEditable

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.EditRole or not (self.flags(index) & Qt.ItemFlag.ItemIsEditable):
            return False
        e = self._entries[index.row()]
        key = self.COLUMNS[index.column()].key
        field = "objective_text" if key == "objective" else key
        old = getattr(e, field)
        if value == old:
            return False
        return self._editor("progress", e.objective_id, field, old, value)
