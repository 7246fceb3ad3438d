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
