"""The 16 regions of Chile, with their official codes.

Source: seed 002 (Cuenta Pública 2020–2021) lists the 16 current regions, Ñuble included;
``DOMAIN.md`` asks for the CUT region number and the ISO 3166-2:CL code.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass


class UnknownRegionError(ValueError):
    """Raised when a region code, number or name matches no region.

    The message is in Spanish and can be shown to the user as is.
    """


@dataclass(frozen=True, slots=True)
class Region:
    """One region of Chile.

    Attributes:
        cut: "Código Único Territorial" region number, two digits ("01" … "16").
        iso_code: ISO 3166-2:CL code ("CL-TA").
        name: short official name ("Tarapacá").
        official_name: full name ("Región de Tarapacá").
    """

    cut: str
    iso_code: str
    name: str
    official_name: str


REGIONS: tuple[Region, ...] = (
    Region("01", "CL-TA", "Tarapacá", "Región de Tarapacá"),
    Region("02", "CL-AN", "Antofagasta", "Región de Antofagasta"),
    Region("03", "CL-AT", "Atacama", "Región de Atacama"),
    Region("04", "CL-CO", "Coquimbo", "Región de Coquimbo"),
    Region("05", "CL-VS", "Valparaíso", "Región de Valparaíso"),
    Region("06", "CL-LI", "O'Higgins", "Región del Libertador General Bernardo O'Higgins"),
    Region("07", "CL-ML", "Maule", "Región del Maule"),
    Region("08", "CL-BI", "Biobío", "Región del Biobío"),
    Region("09", "CL-AR", "La Araucanía", "Región de La Araucanía"),
    Region("10", "CL-LL", "Los Lagos", "Región de Los Lagos"),
    Region("11", "CL-AI", "Aysén", "Región de Aysén del General Carlos Ibáñez del Campo"),
    Region("12", "CL-MA", "Magallanes", "Región de Magallanes y de la Antártica Chilena"),
    Region("13", "CL-RM", "Metropolitana", "Región Metropolitana de Santiago"),
    Region("14", "CL-LR", "Los Ríos", "Región de Los Ríos"),
    Region("15", "CL-AP", "Arica y Parinacota", "Región de Arica y Parinacota"),
    Region("16", "CL-NB", "Ñuble", "Región de Ñuble"),
)


def _fold(text: str) -> str:
    """Lower-case ``text`` and strip accents, so "ñuble" and "Ñuble" compare equal."""
    decomposed = unicodedata.normalize("NFKD", text.strip().casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


_INDEX: dict[str, Region] = {}
for _r in REGIONS:
    for _key in (_r.cut, str(int(_r.cut)), _r.iso_code, _r.iso_code.removeprefix("CL-"), _r.name, _r.official_name):
        _INDEX[_fold(_key)] = _r


def find_region(code: str) -> Region:
    """Find a region by ISO 3166-2:CL code, CUT number or name.

    Args:
        code: "CL-TA", "TA", "01", "1", "Tarapacá", "tarapaca" or "Región de Tarapacá".

    Returns:
        The matching :class:`Region`.

    Raises:
        UnknownRegionError: nothing matches (Spanish message naming the value).
    """
    region = _INDEX.get(_fold(code or ""))
    if region is None:
        raise UnknownRegionError(
            f"Región desconocida: «{code}». Use el código ISO (CL-TA), el número CUT (01) o el nombre."
        )
    return region


# --------------------------------------------------------------------------------------------
# Region labels as written on legacy forms

ROMAN_NUMERALS: dict[str, str] = {
    "I": "01", "II": "02", "III": "03", "IV": "04", "V": "05", "VI": "06", "VII": "07", "VIII": "08",
    "IX": "09", "X": "10", "XI": "11", "XII": "12", "XIII": "13", "XIV": "14", "XV": "15", "XVI": "16",
}
"""The regions' Roman numerals, as 2009 documents number them ("I Región de Tarapacá", "XV"):
the CUT number in Roman figures (XIII is the Metropolitana, XIV Los Ríos, XV Arica y
Parinacota, XVI Ñuble)."""

_ALIASES: dict[str, tuple[str, ...]] = {
    "06": ("Libertador General Bernardo O'Higgins", "Libertador Bernardo O'Higgins", "Bernardo O'Higgins"),
    "08": ("Bío Bío",),
    "09": ("Araucanía",),
    "11": ("Aysén del General Carlos Ibáñez del Campo", "Aisén"),
    "12": ("Magallanes y de la Antártica Chilena", "Magallanes y Antártica Chilena"),
    "13": ("Metropolitana de Santiago", "Santiago"),
}
"""Other names the regions go by in official documents (without "Región de")."""

_LABEL_SEPARATORS = (" — ", " – ", " - ")
"""Between a region and what follows it in a label ("Tarapacá — DIRECCION REGIONAL", as
Avance's PDF prints REGIÓN (1))."""


def _letters(text: str) -> str:
    """Folded ``text`` with only its letters and digits: "Bío-Bío" and "bio bio" compare equal."""
    return "".join(c for c in _fold(text) if c.isalnum())


_NAMES: dict[str, Region] = {}
for _r in REGIONS:
    for _name in (_r.name, _r.official_name, *_ALIASES.get(_r.cut, ())):
        _NAMES[_letters(_name)] = _r
_BY_CUT = {r.cut: r for r in REGIONS}
_PREFIXES = ("direccion regional", "region", "del", "de")


def _label_region(text: str) -> Region | None:
    """The region a label names, or None: "I Región de Tarapacá", "XV", "Región del Maule",
    "Dirección Regional de Tarapacá", "TARAPACÁ", "CL-TA", "01". A Roman numeral and a name
    that disagree name no region."""
    try:
        return find_region(text)
    except UnknownRegionError:
        pass
    words = _fold(text).replace(",", " ").split()
    numeral: str | None = None
    changed = True
    while words and changed:  # strip "Dirección Regional", "Región", "de", a Roman numeral, in any order
        changed = False
        joined = " ".join(words)
        for prefix in _PREFIXES:
            if joined == prefix or joined.startswith(prefix + " "):
                words = words[len(prefix.split()):]
                changed = True
                break
        else:
            roman = words[0].upper().rstrip(".")
            if numeral is None and roman in ROMAN_NUMERALS:
                numeral = ROMAN_NUMERALS[roman]
                words = words[1:]
                changed = True
    rest = " ".join(words)
    by_name = _NAMES.get(_letters(rest)) if rest else None
    if rest and by_name is None:
        # "Región de La Araucanía": "La Araucanía" is a name; a leading "de la" was stripped too far.
        by_name = _NAMES.get(_letters("la " + rest))
        if by_name is None:
            return None
    by_number = _BY_CUT.get(numeral) if numeral else None
    if by_name is not None and by_number is not None and by_name != by_number:
        return None
    return by_name or by_number


def parse_region_label(text: str) -> tuple[Region, str]:
    """The region a form's REGIÓN (1) cell names, and what follows it (the responsible office).

    Accepts what :func:`find_region` accepts and the ways forms write a region: the official
    full name with or without "Región de" ("Aysén del General Carlos Ibáñez del Campo",
    "Libertador General Bernardo O'Higgins", "Magallanes y de la Antártica Chilena"), the Roman
    numeral of 2009 documents alone or before the name ("XV", "I Región de Tarapacá"),
    "Dirección Regional de Tarapacá", any case, and a region followed by " — " and the office
    ("Tarapacá — DIRECCION REGIONAL", as Avance prints it). A numeral and a name that disagree
    ("IV Región de Tarapacá"), or anything else, is refused. Source: seed 001, note (1);
    seed 002 for the sixteen regions.

    Args:
        text: the cell's text.

    Returns:
        (region, office): office is what follows the separator, as written ("" when none).

    Raises:
        UnknownRegionError: no region, or an ambiguous label (Spanish message naming it).
    """
    raw = (text or "").strip()
    region = _label_region(raw)
    if region is not None:
        return region, ""
    for separator in _LABEL_SEPARATORS:
        if separator in raw:
            head, rest = raw.split(separator, 1)
            region = _label_region(head)
            if region is not None:
                return region, rest.strip()
    raise UnknownRegionError(
        f"Región desconocida: «{raw}». Escriba el nombre de la región (Tarapacá, Región de Tarapacá, I Región de "
        "Tarapacá), su número CUT (01) o su código ISO (CL-TA)."
    )
