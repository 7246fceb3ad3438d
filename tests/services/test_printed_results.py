"""What a printed form says in its service-result row and footer (issue 4 re-audit): the
"Huella" covers every value the page prints (the service result of row (12)/(17)/(15) too);
a regional form prints the service verdict only when it really is the national result (seed 001,
III.1 note (12)); Avance's own warnings are printed only when asked, after the notes."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest
from pypdf import PdfReader

from db.engine import Database, open_database
from desktop.domain.forms import FormKind
from desktop.domain.regions import find_region
from desktop.services.generate import generate_national
from desktop.services.printing import print_form
from desktop.services.example import load_example
from desktop.services.summary import verdict_text
from tests.conftest import TODAY

HUELLA = re.compile(r"Huella: (\w{4}-\w{4}-\w{4})")


def text_of(path: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)


@pytest.fixture
def nation(tmp_path: Path):
    """A generated national data set (16 regions, small), every commitment met."""
    path = tmp_path / "g.db"
    db = open_database(path)
    generate_national(db, 2010, objectives=2, activities=1)
    db.close()
    with sqlite3.connect(path) as c:
        c.execute("update commitment set met=1")
    db = open_database(path)
    yield db, path
    db.close()


def set_met(path: Path, region_cut: str, form: str, met: int) -> None:
    with sqlite3.connect(path) as c:
        c.execute(
            "update commitment set met=? where objective_id in (select o.id from objective o join work_programme w "
            "on w.id=o.programme_id join reporting_year y on y.id=w.reporting_year_id join region r on "
            "r.id=y.region_id where w.form=? and r.cut=?)", (met, form, region_cut))


def test_the_fingerprint_changes_when_the_service_result_printed_changes(nation, tmp_path):
    """The reviewer's repro: region 05's III.1 printed, then region 01's III.1 commitments set to
    not met: (12) turns CUMPLE → NO CUMPLE on region 05's page, so its Huella changes too."""
    db, path = nation
    region = find_region("05")
    first = print_form(db, FormKind.III_1, region, 2010, tmp_path / "a.pdf", today=TODAY)
    set_met(path, "01", "III.1", 0)
    second = print_form(db, FormKind.III_1, region, 2010, tmp_path / "b.pdf", today=TODAY)
    a, b = text_of(first), text_of(second)
    assert "\nCUMPLE (resultado nacional" in a and "NO CUMPLE (resultado nacional" in b
    assert HUELLA.findall(a) and HUELLA.findall(b)
    assert set(HUELLA.findall(a)).isdisjoint(HUELLA.findall(b))


def test_the_same_data_prints_the_same_fingerprint(nation, tmp_path):
    db, _path = nation
    region = find_region("05")
    a = text_of(print_form(db, FormKind.III_1, region, 2010, tmp_path / "a.pdf", today=TODAY))
    b = text_of(print_form(db, FormKind.III_1, region, 2010, tmp_path / "b.pdf", today=TODAY))
    assert HUELLA.findall(a) == HUELLA.findall(b)


def test_a_database_of_one_region_does_not_print_the_verdict(nation, tmp_path):
    """Only Valparaíso, everything met: the regional form must not say CUMPLE."""
    db, path = nation
    with sqlite3.connect(path) as c:
        c.execute("pragma foreign_keys=on")
        c.execute("delete from reporting_year where region_id in (select id from region where cut != '05')")
    for form, number in ((FormKind.III_1, 12), (FormKind.III_2, 17), (FormKind.III_3, 15)):
        text = verdict_text(db, form, 2010, TODAY)
        assert text == f"Resultado nacional (nota {number}): lo informa el nivel central."
    printed = " ".join(text_of(print_form(db, FormKind.III_1, find_region("05"), 2010, tmp_path / "v.pdf",
                                          today=TODAY)).split())
    assert "Resultado nacional (nota 12): lo informa el nivel central." in printed
    assert "CUMPLE (" not in printed and "calculado sobre" not in printed


def test_a_database_of_every_region_prints_the_national_verdict(nation):
    db, path = nation
    assert verdict_text(db, FormKind.III_1, 2010, TODAY) == \
        "CUMPLE (resultado nacional: 16 regiones comprometieron el programa)"
    set_met(path, "01", "III.1", 0)
    assert verdict_text(db, FormKind.III_1, 2010, TODAY).startswith("NO CUMPLE (resultado nacional")


def test_the_central_office_prints_the_verdict_over_what_it_holds(example_db: Database):
    from desktop.sync import service

    assert verdict_text(example_db, FormKind.III_1, 2009, TODAY).startswith("Resultado nacional (nota 12)")
    service.init_office(example_db, region=None, passphrase="frase de paso de prueba")
    # Setting up the central office removes the untouched example; Tarapacá's forms held there
    # (say, from a workbook of an office without Avance) print the verdict over what it holds.
    assert verdict_text(example_db, FormKind.III_1, 2009, TODAY) == ""
    load_example(example_db)
    assert verdict_text(example_db, FormKind.III_1, 2009, TODAY) == \
        "NO CUMPLE (calculado sobre 1 de 16 regiones en esta base de datos)"


def test_a_regional_office_does_not_print_the_verdict(example_db: Database):
    from desktop.sync import service

    service.init_office(example_db, region="CL-TA", passphrase="frase de paso de prueba")
    assert verdict_text(example_db, FormKind.III_1, 2009, TODAY).startswith("Resultado nacional (nota 12)")


def test_warnings_are_printed_only_when_asked_after_the_notes(example_db: Database, tmp_path):
    region = find_region("CL-TA")
    plain = " ".join(text_of(print_form(example_db, FormKind.III_1, region, 2009, tmp_path / "a.pdf",
                                        today=TODAY)).split())
    assert "Advertencias" not in plain
    asked = " ".join(text_of(print_form(example_db, FormKind.III_1, region, 2009, tmp_path / "b.pdf", today=TODAY,
                                        warnings=True)).split())
    heading = "Advertencias de Avance (no forman parte del formulario oficial)"
    assert heading in asked
    assert asked.index("Notas Actividad III. 1.") < asked.index(heading)
    assert "nota 8" in asked[asked.index(heading):]
    # What is printed differs, so does the fingerprint.
    assert set(HUELLA.findall(plain)).isdisjoint(HUELLA.findall(asked))
