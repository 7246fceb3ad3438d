"""A short fingerprint of the data a printed form shows, so a paper page can be matched to a record.

Every page of a printed form (seed 001, Actividades III.1–III.4, and the national consolidation
of III.1 note (12)) carries "Huella: xxxx-xxxx-xxxx" in its footer: the first 12 hexadecimal
characters of a SHA-256 over a canonical JSON of the record printed. The same data always gives
the same fingerprint, on any machine and any day (the print date is not part of it); any change
to a field printed or stored (a text, a weight as written, "Cumple/no cumple", an id, an order)
gives another.

Pure Python: no Qt, no SQL. Numbers are :class:`decimal.Decimal` and are written as their
string; a float is refused, since its text is not a faithful record of a weight.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import hashlib
import json
import uuid
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

__all__ = ["FINGERPRINT_LENGTH", "canonical_json", "fingerprint", "page_fingerprint"]

FINGERPRINT_LENGTH = 12
"""Hexadecimal characters of the SHA-256 kept in the fingerprint (48 bits)."""


_FIELDS: dict[type, tuple[str, ...]] = {}
"""Field names of each dataclass met so far (``dataclasses.fields`` is slow to call often)."""


def _canonical(value: Any) -> Any:
    """``value`` as plain JSON data: dicts with string keys, lists, strings, ints, bools, None.

    Dataclasses become a dict of their fields plus ``"__type__"`` (the class name), so two
    different records with the same field values do not collide. Enums are written as their
    value (as a string), Decimals, UUIDs and dates as their string form, tuples, lists and
    frozensets as lists (sets sorted by their canonical text).

    Raises:
        TypeError: a float, or a value of a type with no canonical form.
        ValueError: two keys of a mapping have the same canonical text.
    """
    kind = type(value)
    if kind is str or kind is bool or kind is int or value is None:  # the common cases first
        return value
    names = _FIELDS.get(kind)
    if names is not None:
        out = {name: _canonical(getattr(value, name)) for name in names}
        out["__type__"] = kind.__name__
        return out
    if kind is tuple or kind is list:
        return [_canonical(item) for item in value]
    if isinstance(value, enum.Enum):  # before str and int: StrEnum and IntEnum are both
        return str(value.value)
    if isinstance(value, bool):
        return bool(value)
    if isinstance(value, str):
        return str(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        raise TypeError("La huella no admite números de punto flotante: use Decimal.")
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        _FIELDS[kind] = tuple(field.name for field in dataclasses.fields(value))
        return _canonical(value)
    if isinstance(value, Mapping):
        result: dict[str, Any] = {}
        for key, item in value.items():
            text = _key(key)
            if text in result:
                raise ValueError(f"Dos claves se escriben igual en la huella: «{text}».")
            result[text] = _canonical(item)
        return result
    if isinstance(value, (list, tuple)):
        return [_canonical(item) for item in value]
    if isinstance(value, (set, frozenset)):
        items = [_canonical(item) for item in value]
        return sorted(items, key=lambda item: json.dumps(item, sort_keys=True, ensure_ascii=False))
    raise TypeError(f"La huella no sabe escribir un valor de tipo {type(value).__name__}.")


def _key(key: Any) -> str:
    """A mapping key as text (enums by value, the rest by their canonical text)."""
    canonical = _canonical(key)
    return canonical if isinstance(canonical, str) else json.dumps(canonical, sort_keys=True, ensure_ascii=False)


def canonical_json(record: Any) -> str:
    """The canonical JSON text of ``record`` that :func:`fingerprint` hashes.

    Sorted keys, no whitespace, UTF-8 characters as written (not escaped).

    Args:
        record: a dataclass (a Programme, a ProgressReport, a NationalSummary, …), or nested
            mappings, sequences and scalars.

    Raises:
        TypeError: the record holds a float or a value with no canonical form.
    """
    return json.dumps(_canonical(record), sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def fingerprint(record: Any) -> str:
    """Short fingerprint of the data printed on a form: "xxxx-xxxx-xxxx".

    The first 12 hexadecimal characters of the SHA-256 of :func:`canonical_json`, in three
    groups of four. Printed in the footer of every page (seed 001, forms III.1–III.4 and the
    national result of III.1 note (12)), so a signed paper can be matched to the record it came
    from: same data, same fingerprint; any changed field, another fingerprint.

    Args:
        record: a :class:`~desktop.domain.records.Programme`, a
            :class:`~desktop.domain.records.ProgressReport`, a national summary, or any
            dataclass made of Decimals, strings, ints, bools, UUIDs, enums, dates, tuples and
            mappings.

    Returns:
        E.g. "3f9a-04be-c1d2".

    Raises:
        TypeError: the record holds a float or a value with no canonical form.
    """
    digest = hashlib.sha256(canonical_json(record).encode("utf-8")).hexdigest()[:FINGERPRINT_LENGTH]
    return "-".join(digest[i : i + 4] for i in range(0, FINGERPRINT_LENGTH, 4))


def page_fingerprint(record: Any, printed: Mapping[str, Any] | None = None) -> str:
    """Fingerprint of a printed page: the record it prints and everything else it prints.

    A form prints more than its record: the results computed from it and, in row (12)/(17)/(15),
    the service result over every region (seed 001, III.1 note (12)), and, when asked, Avance's
    warnings. Those values go into the fingerprint too, so two pages that print different
    results never carry the same "Huella". With nothing else printed it is
    :func:`fingerprint` of the record.

    Args:
        record: the record printed (a Programme, a ProgressReport, a national summary).
        printed: the other values printed, by name (e.g. ``{"service_result": "NO CUMPLE"}``);
            Decimals, strings, bools, tuples.

    Returns:
        E.g. "3f9a-04be-c1d2".

    Raises:
        TypeError: a value holds a float or has no canonical form.
    """
    if not printed:
        return fingerprint(record)
    return fingerprint({"record": record, "printed": dict(printed)})
