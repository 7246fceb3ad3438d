"""The Spanish the user reads for operating-system errors (one helper for the CLI and the window)."""

from __future__ import annotations

import errno
import os

import pytest

from desktop.wording import os_error_reason, os_error_text


@pytest.mark.parametrize(("code", "reason"), [
    (errno.ENOENT, "no existe"),
    (errno.EISDIR, "es una carpeta, no un archivo"),
    (errno.EACCES, "no tiene permiso para usarlo"),
    (errno.EPERM, "no tiene permiso para usarlo"),
    (errno.ENOSPC, "el disco está lleno"),
    (errno.EROFS, "el disco es de solo lectura"),
    (errno.EIO, "falló la lectura o escritura del disco"),
])
def test_each_common_error_has_a_spanish_reason_and_advice(code: int, reason: str) -> None:
    exc = OSError(code, os.strerror(code), "/media/usb/CL-TA.avance")
    said, advice = os_error_reason(exc)
    assert said == reason and advice.endswith(".")
    text = os_error_text(exc)
    assert text == f"No se pudo usar el archivo «/media/usb/CL-TA.avance»: {reason}. {advice}"
    assert os.strerror(code) not in text


def test_an_unknown_error_gives_its_number_not_english() -> None:
    exc = OSError(errno.EXFULL if hasattr(errno, "EXFULL") else 54, "Exchange full")
    reason, _ = os_error_reason(exc)
    assert reason.startswith("error del sistema n.º") and "Exchange" not in os_error_text(exc)
    assert os_error_text(exc).startswith("No se pudo usar el archivo:")


def test_subclasses_map_by_their_code() -> None:
    assert os_error_reason(IsADirectoryError(errno.EISDIR, "Is a directory"))[0] == "es una carpeta, no un archivo"
    assert os_error_reason(FileNotFoundError(errno.ENOENT, "x"))[0] == "no existe"
