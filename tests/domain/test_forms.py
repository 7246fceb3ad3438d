"""The four Etapa 3 forms: kinds, numbered columns, groups, III.3 sections and the official
notes, checked against seed 001 ("Formatos de la Etapa 3")."""

from __future__ import annotations

import re

import pytest

from desktop.domain.forms import PROGRAMME_FORMS, SPECS, FormKind, spec
from tests.conftest import SEED_001


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("III.1", FormKind.III_1),
        ("iii.1", FormKind.III_1),
        ("III. 2", FormKind.III_2),
        (" III.2 ", FormKind.III_2),
        ("3.3", FormKind.III_3),
        ("3.4", FormKind.III_4),
    ],
)
def test_parse(text: str, kind: FormKind) -> None:
    assert FormKind.parse(text) is kind


@pytest.mark.parametrize("text", ["III.9", "III.5", "IV.1", "3.0", "", "x", "III"])
def test_parse_unknown_raises(text: str) -> None:
    with pytest.raises(ValueError) as info:
        FormKind.parse(text)
    assert "Formulario desconocido" in str(info.value)


def test_spec_accepts_text_and_kind() -> None:
    assert spec("iii.1") is SPECS[FormKind.III_1]
    assert spec(FormKind.III_4) is SPECS[FormKind.III_4]
    with pytest.raises(ValueError):
        spec("III.7")


def test_programme_forms() -> None:
    assert PROGRAMME_FORMS == (FormKind.III_1, FormKind.III_2, FormKind.III_3)


def test_iii1_columns_2_to_10_with_groups() -> None:
    columns = spec(FormKind.III_1).columns
    assert [c.number for c in columns] == list(range(2, 11))
    assert [c.group for c in columns[:3]] == ["Control de Resultados"] * 3
    assert [c.group for c in columns[3:]] == ["Control Operacional"] * 6
    assert [c.label for c in columns][:3] == ["Objetivos específicos", "Indicador", "Resultado anual del indicador"]
    by_key = {c.key: c for c in columns}
    assert by_key["weight"].number == 8
    assert by_key["weight"].header == "Ponderación (%) (8)"
    assert by_key["met"].number == 9
    assert by_key["earned"].number == 10
    assert spec(FormKind.III_1).result_numbers == (11, 12)


def test_iii2_columns_7_to_15_and_header_2_to_6() -> None:
    s = spec(FormKind.III_2)
    assert [c.number for c in s.columns] == list(range(7, 16))
    assert [c.number for c in s.header_fields] == [2, 3, 4, 5, 6]
    assert [c.key for c in s.header_fields] == ["instance_name", "main_problem", "territories", "institutions", "products"]
    assert s.result_numbers == (16, 17)
    assert [c.group for c in s.columns[:3]] == ["Control de Resultados"] * 3


def test_iii3_sections() -> None:
    s = spec(FormKind.III_3)
    assert [code for code, _label, _note in s.sections] == ["11", "12", "13"]
    labels = [label for _code, label, _note in s.sections]
    assert labels == ["Oferta de información al GORE", "Provisión de información", "Otros objetivos institucionales"]
    for code, _label, note in s.sections:
        assert note == s.note(int(code))
    assert [c.number for c in s.columns] == list(range(2, 11))


def test_column_notes_match_the_numbered_notes() -> None:
    for kind in FormKind:
        s = spec(kind)
        for column in s.columns:
            if column.number:
                assert column.note == dict(s.notes).get(column.number, "")


def test_iii1_has_twelve_notes() -> None:
    assert [n for n, _ in spec(FormKind.III_1).notes] == list(range(1, 13))


def test_year_is_a_parameter() -> None:
    s = spec(FormKind.III_1)
    assert "2011" in s.heading(2011)
    assert "2009" not in s.heading(2011)
    assert "2011" in s.note(4, 2011)
    assert s.note(99) == ""


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def seed_text() -> str:
    if not SEED_001.exists():
        pytest.skip(f"seed 001 not found at {SEED_001}")
    raw = SEED_001.read_text(encoding="utf-8")
    return _squash(raw.replace("**", "").replace("<b>", "").replace("</b>", ""))


@pytest.mark.parametrize("number", range(1, 13))
def test_iii1_note_text_is_the_seeds(seed_text: str, number: int) -> None:
    text = _squash(spec(FormKind.III_1).note(number, 2009))
    assert text
    assert text in seed_text


@pytest.mark.parametrize("kind", [FormKind.III_2, FormKind.III_3, FormKind.III_4])
def test_other_notes_are_the_seeds(seed_text: str, kind: FormKind) -> None:
    missing = [n for n, _ in spec(kind).notes if _squash(spec(kind).note(n, 2009)) not in seed_text]
    assert not missing


@pytest.mark.parametrize("kind", list(FormKind))
def test_headings_are_the_seeds(seed_text: str, kind: FormKind) -> None:
    heading = _squash(spec(kind).heading(2009))
    assert heading.rstrip(":.") in seed_text or _squash(spec(kind).title.format(year=2009)) in seed_text
