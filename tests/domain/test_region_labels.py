"""Region labels as legacy forms write them (desktop.domain.regions.parse_region_label): every
region by every form of its name, and nothing else."""

from __future__ import annotations

import pytest

from desktop.domain.regions import REGIONS, ROMAN_NUMERALS, UnknownRegionError, find_region, parse_region_label

ROMAN = {cut: roman for roman, cut in ROMAN_NUMERALS.items()}


def _bare(official: str) -> str:
    for prefix in ("Región del ", "Región de "):
        if official.startswith(prefix):
            return official[len(prefix):]
    return official.removeprefix("Región ")


@pytest.mark.parametrize("region", REGIONS, ids=lambda r: r.iso_code)
def test_every_region_by_every_label(region):
    roman = ROMAN[region.cut]
    labels = [
        region.name, region.name.upper(), region.official_name, _bare(region.official_name),
        _bare(region.official_name).upper(), roman, f"{roman} Región", f"{roman} Región de {region.name}",
        f"{roman} {region.official_name}", f"Dirección Regional de {region.name}", f"Dirección Regional {region.name}",
        f"DIRECCIÓN REGIONAL DE {region.name.upper()}", region.iso_code, region.cut, str(int(region.cut)),
    ]
    for label in labels:
        assert parse_region_label(label) == (region, ""), label
    # What Avance's own PDF prints in REGIÓN (1): the region, " — ", the responsible office.
    assert parse_region_label(f"{region.name} — DIRECCION REGIONAL") == (region, "DIRECCION REGIONAL")
    assert parse_region_label(f"{region.official_name} – Seremi de la Mujer") == (region, "Seremi de la Mujer")


def test_the_official_full_names_the_reviewer_named():
    assert parse_region_label("Aysén del General Carlos Ibáñez del Campo")[0] is find_region("CL-AI")
    assert parse_region_label("Libertador General Bernardo O'Higgins")[0] is find_region("CL-LI")
    assert parse_region_label("Magallanes y de la Antártica Chilena")[0] is find_region("CL-MA")
    assert parse_region_label("I Región de Tarapacá")[0] is find_region("CL-TA")
    assert parse_region_label("XV")[0] is find_region("CL-AP")
    assert parse_region_label("Tarapacá — DIRECCION REGIONAL") == (find_region("CL-TA"), "DIRECCION REGIONAL")


@pytest.mark.parametrize("label", [
    "", "Región", "de", "Dirección Regional", "Narnia", "Región de Narnia", "XVII", "IIII", "IV Región de Tarapacá",
    "XV Región de Tarapacá", "Tarapacá y Antofagasta", "Los", "La", "Santiago de Chile", "Región Central", "00", "17",
    "CL-XX", "Antofagasta Tarapacá", "— DIRECCION REGIONAL",
])
def test_no_false_matches(label):
    with pytest.raises(UnknownRegionError):
        parse_region_label(label)


def test_find_region_stays_strict_for_the_command_line():
    with pytest.raises(UnknownRegionError):
        find_region("I Región de Tarapacá")
