"""The 16 regions of Chile and their codes (DOMAIN.md "Regions"; seed 002 lists Ñuble)."""

from __future__ import annotations

import pytest

from desktop.domain.regions import REGIONS, Region, UnknownRegionError, find_region


def test_sixteen_regions() -> None:
    assert len(REGIONS) == 16
    assert all(isinstance(r, Region) for r in REGIONS)


def test_cut_numbers_are_01_to_16_and_unique() -> None:
    cuts = [r.cut for r in REGIONS]
    assert sorted(cuts) == [f"{n:02d}" for n in range(1, 17)]
    assert len(set(cuts)) == 16


def test_iso_codes_are_unique_and_well_formed() -> None:
    codes = [r.iso_code for r in REGIONS]
    assert len(set(codes)) == 16
    for code in codes:
        assert code.startswith("CL-") and len(code) == 5 and code[3:].isalpha() and code[3:].isupper()


def test_names_are_unique() -> None:
    assert len({r.name for r in REGIONS}) == 16
    assert len({r.official_name for r in REGIONS}) == 16


@pytest.mark.parametrize(
    ("code", "iso"),
    [
        ("CL-TA", "CL-TA"),
        ("ta", "CL-TA"),
        ("01", "CL-TA"),
        ("1", "CL-TA"),
        ("Tarapacá", "CL-TA"),
        ("tarapaca", "CL-TA"),
        ("Región de Tarapacá", "CL-TA"),
        ("  ÑUBLE ", "CL-NB"),
        ("Región de Ñuble", "CL-NB"),
        ("16", "CL-NB"),
        ("cl-ap", "CL-AP"),
        ("13", "CL-RM"),
    ],
)
def test_find_region(code: str, iso: str) -> None:
    assert find_region(code).iso_code == iso


def test_every_region_is_found_by_each_of_its_codes() -> None:
    for region in REGIONS:
        for code in (region.cut, str(int(region.cut)), region.iso_code, region.iso_code[3:].lower(),
                     region.name, region.name.upper(), region.official_name):
            assert find_region(code) is region, code


@pytest.mark.parametrize("code", ["Atlántida", "CL-XX", "17", "00", "", "   ", "Tarapacá 2"])
def test_unknown_region_raises_a_spanish_message_naming_the_value(code: str) -> None:
    with pytest.raises(UnknownRegionError) as info:
        find_region(code)
    message = str(info.value)
    assert code in message
    assert "Región desconocida" in message


def test_unknown_region_error_is_a_value_error() -> None:
    with pytest.raises(ValueError):
        find_region("Narnia")
