"""Small helpers for the Spanish the user reads (no heavy imports here, so the window can use
them before the database layer is loaded)."""

from __future__ import annotations

import datetime as dt


def count(n: int, one: str, many: str) -> str:
    """A number with its noun in the right number: "1 registro", "0 registros", "2 registros".

    Args:
        n: how many.
        one: the words after the number when it is exactly 1 ("medio de verificación").
        many: the words after any other number ("medios de verificación").

    Returns:
        ``"{n} {one}"`` when ``n`` is 1 (or -1), else ``"{n} {many}"``.
    """
    return f"{n} {one if abs(n) == 1 else many}"


def when_text(when: dt.datetime | None) -> str:
    """A UTC time in local time, as people read it ("22-11-2026 10:05"); "" for None."""
    return when.astimezone().strftime("%d-%m-%Y %H:%M") if when else ""


def office_name(code: str) -> str:
    """ "oficina central" or "oficina regional de Tarapacá (CL-TA)".

    Raises:
        UnknownRegionError: ``code`` is neither "central" nor a region.
    """
    from desktop.domain.regions import find_region

    return "oficina central" if code == "central" else f"oficina regional de {find_region(code).name} ({code})"


def office_short(code: str) -> str:
    """ "oficina central" or "Tarapacá (CL-TA)", for narrow columns."""
    from desktop.domain.regions import find_region

    return "oficina central" if code == "central" else f"{find_region(code).name} ({code})"


__all__ = ["count", "office_name", "office_short", "when_text"]
