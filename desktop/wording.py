"""Small helpers for the Spanish the user reads (no heavy imports here, so the window can use
them before the database layer is loaded)."""

from __future__ import annotations


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


__all__ = ["count"]
