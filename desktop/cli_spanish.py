"""Spanish for the messages ``argparse`` writes itself: usage errors and ``--help`` headings.

``argparse`` looks every one of its strings up through ``gettext`` when it uses it (module
globals ``argparse._`` and ``argparse.ngettext``), in the process-wide "messages" domain, so a
catalogue can only reach it as a compiled ``.mo`` file on disk or by standing in for those two
functions. :func:`spanish_argparse` does the latter for the time ``avance`` builds its parser and
parses the command line, with the catalogue below (``argparse``'s own message ids, as in
CPython 3.11–3.13); anything not listed falls back to ``gettext``. Only the messages a user can
meet are listed (programming errors such as conflicting options stay as they are).
"""

from __future__ import annotations

import argparse
import gettext
from collections.abc import Iterator
from contextlib import contextmanager

SPANISH: dict[str, str] = {
    "usage: ": "uso: ",
    "positional arguments": "argumentos",
    "options": "opciones",
    "optional arguments": "opciones",
    "show this help message and exit": "muestra esta ayuda y termina",
    "argument %(argument_name)s: %(message)s": "argumento %(argument_name)s: %(message)s",
    "the following arguments are required: %s": "faltan estos argumentos obligatorios: %s",
    "one of the arguments %s is required": "se necesita uno de estos argumentos: %s",
    "not allowed with argument %s": "no se puede usar junto con %s",
    "unrecognized arguments: %s": "argumentos no reconocidos: %s",
    "ignored explicit argument %r": "se ignoró el valor %r: esta opción no lleva valor",
    "expected one argument": "falta su valor",
    "expected at most one argument": "lleva a lo más un valor",
    "expected at least one argument": "falta al menos un valor",
    "ambiguous option: %(option)s could match %(matches)s": "opción ambigua: %(option)s puede ser %(matches)s",
    "unexpected option string: %s": "opción inesperada: %s",
    "invalid %(type)s value: %(value)r": "valor no válido (%(type)s): %(value)r",
    "invalid choice: %(value)r (choose from %(choices)s)": "opción no válida: %(value)r (elija entre %(choices)s)",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "acción desconocida %(parser_name)r (elija entre %(choices)s)",
    "can't open '%(filename)s': %(error)s": "no se puede abrir «%(filename)s»: %(error)s",
    "%(prog)s: error: %(message)s\n": "%(prog)s: error: %(message)s\n",
    "subcommands": "acciones",
}
"""``argparse`` message id -> Spanish (es-CL)."""

SPANISH_PLURAL: dict[tuple[str, str], tuple[str, str]] = {
    ("expected %s argument", "expected %s arguments"): ("lleva %s valor", "lleva %s valores"),
}
"""(singular, plural) ``argparse`` message ids -> (singular, plural) in Spanish."""


def translate(message: str) -> str:
    """``message`` in Spanish when the catalogue has it (else what ``gettext`` gives)."""
    return SPANISH.get(message) or gettext.gettext(message)


def translate_plural(singular: str, plural: str, n: int) -> str:
    """The Spanish singular or plural form of an ``argparse`` message with a number ``n``."""
    found = SPANISH_PLURAL.get((singular, plural))
    if found is None:
        return gettext.ngettext(singular, plural, n)
    return found[0] if n == 1 else found[1]


@contextmanager
def spanish_argparse() -> Iterator[None]:
    """Make ``argparse`` speak Spanish inside the block (build the parser and parse in it):
    its usage line, headings and errors. Restored on exit, so other parsers in the same
    process (a test runner's) are not affected."""
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._ = translate  # type: ignore[attr-defined]
    argparse.ngettext = translate_plural  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


__all__ = ["SPANISH", "SPANISH_PLURAL", "spanish_argparse", "translate", "translate_plural"]
