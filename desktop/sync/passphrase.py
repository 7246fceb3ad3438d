"""The rule for a new passphrase (the one that encrypts an installation's private keys at rest).

One rule for the command line (``avance office init``), the service (:func:`desktop.sync.service.
init_office`) and the window's office dialog (``ui/office_dialog.py``). Kept free of heavy
imports so the dialog can use it before the cryptography library loads.
"""

from __future__ import annotations

MIN_PASSPHRASE = 8
"""The fewest characters a new passphrase may have."""


def passphrase_problem(text: str) -> str:
    """What is wrong with ``text`` as a new passphrase, in Spanish; "" when it is accepted.

    Args:
        text: the passphrase typed.
    """
    if not text:
        return "La frase de paso no puede estar vacía."
    if len(text) < MIN_PASSPHRASE:
        return f"La frase de paso debe tener al menos {MIN_PASSPHRASE} caracteres; no se cambió nada."
    return ""
