"""Texts longer than an Excel cell holds (32 767 characters): the workbook shows them cut, with
"…", keeps the full text in ``_avance`` (format version 3) and the import puts it back, unless
the coordinator edited the cell (then the edit is imported, with a notice naming the cell)."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from db.engine import Database
from db.models import WorkProgramme
from desktop.domain.forms import FormKind
from desktop.domain.records import Programme
from desktop.domain.regions import find_region
from desktop.forms import xlsx
from desktop.services.excel import export_region, import_workbook, plan_import
from desktop.services.programmes import ProgrammeService
from tests.conftest import TODAY
from tests.services.test_excel_import import dump, edit, to_version_1

TARAPACA = find_region("CL-TA")
LONG = ("Objetivo de prueba con texto muy largo, «comillas» & <b> ñandú. " * 700)[:40_000]
ODD = ("línea\r\ncontrol \x01 _x0041_ literal 👩 " * 1_500)[:40_000]  # escapes, and 2 UTF-16 units per 👩


@pytest.fixture
def long_db(example_db: Database) -> Database:
    """Tarapacá 2009 with the first III.1 objective's text 40 000 characters long and its first
    activity's verification means of 40 000 characters of control characters and emoji."""
    with example_db.transaction() as session:
        iii1 = next(p for p in session.scalars(select(WorkProgramme)) if p.form == "III.1")
        first = min(iii1.objectives, key=lambda o: o.position)
        first.text = LONG
        min(first.commitments, key=lambda c: c.position).verification_means = ODD
    return example_db


def iii1(db: Database) -> Programme:
    return ProgrammeService(db).programme(TARAPACA, 2009, FormKind.III_1)


def excel_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def test_a_40000_character_text_comes_back_whole(long_db: Database, other_db: Database, tmp_path: Path) -> None:
    path = export_region(long_db, TARAPACA, 2009, tmp_path / "largo.xlsx", today=TODAY)
    wb = load_workbook(path)
    ws = wb["III.1"]
    assert wb["_avance"]["B2"].value == xlsx.FORMAT_VERSION == 3
    shown, means = ws["A7"].value, ws["F7"].value
    for cell in (shown, means):  # what Excel can hold, with the mark
        assert excel_length(cell) <= xlsx.CELL_LIMIT and cell.endswith(xlsx.CUT_MARK)
    assert LONG.startswith(shown[:-1]) and len(shown) == xlsx.CELL_LIMIT
    assert "32 767" in ws["A7"].comment.text
    # A workbook saved again (as a coordinator's Excel does) comes back whole.
    saved = edit(path, tmp_path / "guardado.xlsx", lambda wb: None)
    report = import_workbook(other_db, saved)
    assert report.notices == ()
    assert dump(other_db) == dump(long_db)  # every field, the 40 000 characters included


def test_the_full_text_follows_its_row_after_a_sort(long_db: Database, other_db: Database, tmp_path: Path) -> None:
    path = export_region(long_db, TARAPACA, 2009, tmp_path / "largo.xlsx", today=TODAY)

    def swap_first_objectives(wb) -> None:  # noqa: ANN001 - the first two objectives (one row each) change places
        ws = wb["III.1"]
        for col in range(1, ws.max_column + 1):
            a, b = ws.cell(7, col), ws.cell(8, col)
            if not (isinstance(a.value, str) and a.value.startswith("=")):
                a.value, b.value = b.value, a.value

    sorted_book = edit(path, tmp_path / "ordenado.xlsx", swap_first_objectives)
    assert load_workbook(sorted_book)["III.1"]["A8"].value.endswith(xlsx.CUT_MARK)
    plan = plan_import(other_db, sorted_book)
    assert plan.ok, plan.problems
    import_workbook(other_db, sorted_book, plan=plan)
    assert [o.text for o in iii1(other_db).objectives[:2]] == [iii1(long_db).objectives[1].text, LONG]


def test_an_edited_cut_text_is_imported_as_edited_with_a_notice(long_db: Database, tmp_path: Path) -> None:
    path = export_region(long_db, TARAPACA, 2009, tmp_path / "largo.xlsx", today=TODAY)
    book = edit(path, tmp_path / "editado.xlsx", lambda wb: wb["III.1"].__setitem__("A7", "Objetivo resumido"))
    plan = plan_import(long_db, book)
    assert plan.ok, plan.problems
    (notice,) = plan.notices
    assert (notice.sheet, notice.cell) == ("III.1", "A7")
    assert notice.message.startswith("este texto tenía 40\u00a0000 caracteres al exportar, más de los 32\u00a0767 que "
                                     "caben en una celda de Excel")
    assert "se importa el texto editado (17 caracteres)" in notice.message
    import_workbook(long_db, book, replace=True, plan=plan)
    assert iii1(long_db).objectives[0].text == "Objetivo resumido"


def test_older_format_versions_still_import(example_db: Database, other_db: Database, tmp_path: Path) -> None:
    path = export_region(example_db, TARAPACA, 2009, tmp_path / "ta.xlsx", today=TODAY)
    v2 = edit(path, tmp_path / "v2.xlsx", lambda wb: wb["_avance"].__setitem__("B2", 2))
    import_workbook(other_db, v2)
    assert dump(other_db) == dump(example_db)
    v1 = edit(path, tmp_path / "v1.xlsx", to_version_1)
    import_workbook(other_db, v1, replace=True)
    assert dump(other_db) == dump(example_db)


def test_a_damaged_long_text_record_is_a_problem(long_db: Database, other_db: Database, tmp_path: Path) -> None:
    path = export_region(long_db, TARAPACA, 2009, tmp_path / "largo.xlsx", today=TODAY)
    ws = load_workbook(path)["_avance"]
    row = next(c.row for c in ws["A"] if isinstance(c.value, str) and c.value.startswith('["texto largo"'))
    book = edit(path, tmp_path / "dañado.xlsx", lambda wb: wb["_avance"].__setitem__(f"B{row}", 5))
    plan = plan_import(other_db, book)
    assert not plan.ok and [(p.sheet, p.cell) for p in plan.problems] == [("_avance", f"A{row}")]
    assert "texto largo alterado" in plan.problems[0].message
