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


_OS_REASONS: dict[str, tuple[str, str]] = {
    "ENOENT": ("no existe", "Revise el nombre y la carpeta."),
    "EISDIR": ("es una carpeta, no un archivo", "Elija un archivo."),
    "ENOTDIR": ("una parte de la ruta no es una carpeta", "Revise la ruta."),
    "EACCES": ("no tiene permiso para usarlo", "Elija otra carpeta o pida acceso al administrador del equipo."),
    "EPERM": ("no tiene permiso para usarlo", "Elija otra carpeta o pida acceso al administrador del equipo."),
    "ENOSPC": ("el disco está lleno", "Libere espacio o elija otro disco y vuelva a intentarlo."),
    "EDQUOT": ("se agotó su cuota de disco", "Libere espacio y vuelva a intentarlo."),
    "EROFS": ("el disco es de solo lectura", "Elija otro disco o quite la protección contra escritura."),
    "EEXIST": ("ya existe", "Elija otro nombre."),
    "ENAMETOOLONG": ("el nombre es demasiado largo", "Use un nombre o una carpeta más cortos."),
    "EIO": ("falló la lectura o escritura del disco", "Revise el disco o pendrive (¿se retiró?) y vuelva a intentarlo."),
    "EBUSY": ("está en uso", "Ciérrelo en el otro programa y vuelva a intentarlo."),
    "ETXTBSY": ("está en uso", "Ciérrelo en el otro programa y vuelva a intentarlo."),
    "EMFILE": ("hay demasiados archivos abiertos", "Cierre otros programas y vuelva a intentarlo."),
    "ENFILE": ("hay demasiados archivos abiertos", "Cierre otros programas y vuelva a intentarlo."),
    "EINVAL": ("el nombre no es válido en este disco", "Use otro nombre."),
    "ENODEV": ("el dispositivo no está disponible", "Conecte el disco o pendrive y vuelva a intentarlo."),
    "ENXIO": ("el dispositivo no está disponible", "Conecte el disco o pendrive y vuelva a intentarlo."),
    "ENOTEMPTY": ("la carpeta no está vacía", "Elija otra carpeta."),
    "ELOOP": ("la ruta tiene demasiados enlaces", "Revise la ruta."),
    "EFBIG": ("el archivo es demasiado grande para ese disco", "Elija otro disco."),
}
_WINDOWS_REASONS = {32: _OS_REASONS["EBUSY"], 33: _OS_REASONS["EBUSY"], 112: _OS_REASONS["ENOSPC"]}
"""Windows error codes with no errno of their own (sharing and lock violations, disk full)."""


def os_error_reason(exc: OSError) -> tuple[str, str]:
    """Why an operating-system call failed, and what to do, in Spanish.

    Args:
        exc: the error (``FileNotFoundError``, ``IsADirectoryError``, ``PermissionError``...).

    Returns:
        (reason, advice): ("es una carpeta, no un archivo", "Elija un archivo."); for an
        unknown code the reason gives the number ("error del sistema n.º 5").
    """
    import errno

    winerror = getattr(exc, "winerror", None)
    if winerror in _WINDOWS_REASONS:
        return _WINDOWS_REASONS[winerror]
    name = errno.errorcode.get(exc.errno or 0, "")
    if name in _OS_REASONS:
        return _OS_REASONS[name]
    number = exc.errno if exc.errno is not None else winerror
    return (f"error del sistema n.º {number}" if number is not None else "error del sistema",
            "Vuelva a intentarlo; si se repite, revise el disco.")


def os_error_text(exc: OSError, what: str = "el archivo") -> str:
    """One Spanish sentence for an operating-system error, with the file it concerns and what
    to do: "No se pudo usar el archivo «x.avance»: no existe. Revise el nombre y la carpeta."

    Args:
        exc: the error; its ``filename`` names the file when it has one.
        what: how to call the thing when the error names no file ("el archivo").
    """
    reason, advice = os_error_reason(exc)
    target = f"«{exc.filename}»" if exc.filename else ""
    return f"No se pudo usar {what} {target}".rstrip() + f": {reason}. {advice}"


__all__ = ["count", "office_name", "office_short", "os_error_reason", "os_error_text", "when_text"]


def human_size(size: int) -> str:
    """A byte count for people ("1,2 MB")."""
    value = float(size)
    for unit in ("bytes", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            text = f"{value:.0f}" if unit == "bytes" else f"{value:.1f}".replace(".", ",")
            return f"{text} {unit}"
        value /= 1024
    return f"{size} bytes"  # pragma: no cover
