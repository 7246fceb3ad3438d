"""Weights ("Ponderación (%)") as real forms write them.

Source: seed 001, Actividad III.1 note (8) (III.2 (13) and III.3 (8) say "Ídem"). The Tarapacá
2009 form writes weights such as ``"0.5%  0.5%"`` (two activities in one cell), ``"01%"``,
``"0.05 %"`` and ``"1%"``; the app keeps the text as written and computes with the values it
can read, as :class:`decimal.Decimal`, never float.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

# A number: digits, optionally a decimal part with "." or "," directly followed by digits
# ("0.5", "0,5"); optionally a "%" sign after it, with or without a space ("0.05 %").
_NUMBER = re.compile(r"(?P<num>\d+(?:[.,]\d+)?)\s*(?P<pct>%)?")
# What may stand between two weights in one cell: blanks, a separating comma or semicolon,
# a slash, a plus sign, or the word "y".
_SEPARATOR = re.compile(r"^(?:[\s,;/+]|\by\b)*$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class ParsedWeight:
    """A weight cell, read.

    Attributes:
        text: the cell exactly as written ("0.5%  0.5%").
        values: each percentage read, in order (``(Decimal("0.5"), Decimal("0.5"))``); a cell
            with two values weighs two activities written in one row.
        problems: Spanish messages for what could not be read (one for the cell, naming every
            part not read); empty when all was read.
        notes: Spanish messages for readings a person should check ("01%" read as 1 %).
    """

    text: str
    values: tuple[Decimal, ...] = ()
    problems: tuple[str, ...] = ()
    notes: tuple[str, ...] = field(default=())

    @property
    def total(self) -> Decimal | None:
        """Sum of the values in percent, or ``None`` when the cell is empty or unreadable."""
        if self.problems or not self.values:
            return None
        return sum(self.values, Decimal(0))

    @property
    def is_empty(self) -> bool:
        """True when nothing is written in the cell."""
        return not self.text.strip()


def _unreadable(parts: list[str], raw: str) -> str:
    """The one problem of a weight cell with parts that are not numbers: those parts, and the
    whole cell unless a part is all of it ("mucho" is said once)."""
    whole = raw.strip()
    if parts == [whole]:
        return f"no se pudo leer la ponderación «{whole}»"
    named = " ni ".join(f"«{p}»" for p in parts)
    return f"no se pudo leer {named} en la ponderación «{whole}»"


def parse_weight(text: str | None) -> ParsedWeight:
    """Read a "Ponderación (%)" cell as written on a form.

    Args:
        text: the cell ("0.5%  0.5%", "01%", "0.05 %", "1%", "0,5%", "" or ``None``).

    Returns:
        A :class:`ParsedWeight` that keeps ``text`` as written, with one Decimal per weight
        found, and the problems and notes to show the user. Never raises on bad text.

    Source: seed 001, III.1 note (8).
    """
    raw = "" if text is None else str(text)
    if not raw.strip():
        return ParsedWeight(text=raw)

    values: list[Decimal] = []
    unread: list[str] = []
    notes: list[str] = []
    position = 0
    for match in _NUMBER.finditer(raw):
        between = raw[position : match.start()]
        if not _SEPARATOR.match(between):
            unread.append(between.strip())
        position = match.end()
        digits = match.group("num")
        try:
            value = Decimal(digits.replace(",", "."))
        except InvalidOperation:  # pragma: no cover - the pattern only admits digits
            unread.append(digits)
            continue
        whole = digits.replace(",", ".").split(".")[0]
        if len(whole) > 1 and whole.startswith("0"):
            notes.append(f"«{match.group(0).strip()}» se leyó como {format_percent(value)} (cero a la izquierda)")
        if value > 100:
            notes.append(f"«{match.group(0).strip()}» supera el 100 %")
        values.append(value)
    tail = raw[position:]
    if not _SEPARATOR.match(tail):
        unread.append(tail.strip())
    problems = (_unreadable(unread, raw),) if unread else ()
    return ParsedWeight(text=raw, values=tuple(values), problems=problems, notes=tuple(notes))


def format_decimal(value: Decimal | None, places: int | None = None) -> str:
    """Format a Decimal the Chilean way: decimal comma, no exponent ("6,05").

    Args:
        value: the number, or ``None`` (gives "").
        places: fixed number of decimals; ``None`` keeps the significant ones.

    Returns:
        The text, e.g. ``format_decimal(Decimal("0.50"))`` is "0,5".
    """
    if value is None:
        return ""
    if places is not None:
        value = value.quantize(Decimal(1).scaleb(-places))
        text = f"{value:f}"
    else:
        text = f"{value.normalize():f}" if value == value.to_integral_value() else f"{value:f}".rstrip("0")
        if "." in text and text.endswith("."):
            text = text[:-1]
    return text.replace(".", ",")


def format_percent(value: Decimal | None, places: int | None = None) -> str:
    """Format a percentage in es-CL ("6,05 %"); ``None`` gives ""."""
    if value is None:
        return ""
    return f"{format_decimal(value, places)} %"


def format_percent_column(value: Decimal | None) -> str:
    """Format a percentage for a column of them: at least two decimals so the commas line up
    ("91,70 %", "93,36 %"), more when the value has them (never rounded: "33,333 %"); ``None``
    gives ""."""
    if value is None:
        return ""
    exponent = value.normalize().as_tuple().exponent
    places = max(2, -exponent) if isinstance(exponent, int) else 2
    return format_percent(value, places)
