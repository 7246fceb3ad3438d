"""Canonical JSON (what is signed) and its strict reader.

Canonical form: UTF-8, keys sorted, no whitespace (``","`` and ``":"``), no floats, no NaN;
decimals travel as strings. The reader refuses duplicate keys, floats, NaN/Infinity, invalid
UTF-8, nesting deeper than :data:`MAX_DEPTH`, and any text that is not exactly the canonical
encoding of what it parsed to (so one value has one signed form).
"""

from __future__ import annotations

import json
from typing import Any

from desktop.sync.errors import ManifestError

MAX_DEPTH = 16
"""Deepest nesting of objects and arrays accepted."""


def _check(value: Any, depth: int = 0) -> None:
    if depth > MAX_DEPTH:
        raise ManifestError("El contenido del paquete está anidado en exceso. Pida que lo exporten de nuevo.")
    kind = type(value)
    if kind is float:
        raise ManifestError("El contenido del paquete tiene un número decimal como float; los decimales viajan como texto.")
    if kind is dict:
        for key, item in value.items():
            if type(key) is not str:
                raise ManifestError("El contenido del paquete tiene una clave que no es texto.")
            _check(item, depth + 1)
    elif kind is list or kind is tuple:
        for item in value:
            _check(item, depth + 1)
    elif not (kind is str or kind is int or kind is bool or value is None):
        raise ManifestError(f"Tipo no admitido en el contenido del paquete: {kind.__name__}.")


def canonical_bytes(value: Any) -> bytes:
    """The canonical UTF-8 JSON of ``value``.

    Args:
        value: plain JSON data (dict with str keys, list, str, int, bool, None); no floats.

    Returns:
        The canonical bytes.

    Raises:
        ManifestError: a float or an unsupported type.
    """
    _check(value)
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False).encode("utf-8")


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise ManifestError(f"El contenido del paquete repite la clave «{key[:40]}». Pida que lo exporten de nuevo.")
        out[key] = value
    return out


def _no_float(text: str) -> Any:
    raise ManifestError("El contenido del paquete tiene un número con decimales, pero Avance escribe los decimales "
                        "como texto («0.5»): el paquete no lo escribió Avance o está dañado. No se importó nada. Pida "
                        "a la oficina que lo exporte de nuevo con Avance.")


def _no_constant(text: str) -> Any:
    raise ManifestError(f"El contenido del paquete tiene un valor no permitido ({text}).")


def strict_loads(data: bytes | bytearray | memoryview) -> Any:
    """Parse canonical JSON strictly.

    Args:
        data: the bytes (any bytes-like object: a bundle's manifest is a view of the buffer its
            signature was checked on, not a copy).

    Returns:
        The parsed value.

    Raises:
        ManifestError: invalid UTF-8 or JSON, duplicate keys, floats, NaN, too deep, or not the
            canonical encoding of its value.
    """
    try:
        text = str(data, "utf-8", errors="strict")
        value = json.loads(text, object_pairs_hook=_no_duplicates, parse_float=_no_float, parse_constant=_no_constant)
    except ManifestError:
        raise
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise ManifestError("El contenido del paquete no es JSON válido. Pida que lo exporten de nuevo.") from exc
    _check(value)
    if canonical_bytes(value) != data:
        raise ManifestError("El contenido del paquete no está en forma canónica. Pida que lo exporten de nuevo.")
    return value
