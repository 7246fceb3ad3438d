"""Excel import after a coordinator's edits that the final review of issue 4 found read wrongly:
rows sorted after the objective's cells were copied down, a weight rewritten as text (the
workbook's helper column does not follow it), texts longer than an Excel cell, and messages
that said the wrong thing (a deleted objective's III.4 row, a date or TRUE in a weight cell, a
row with only "Sí")."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from db.engine import Database, open_database
from desktop.domain.forms import FormKind
from desktop.domain.regions import find_region
from desktop.services.excel import export_region, import_workbook, plan_import
from desktop.services.generate import generate_national
from desktop.services.programmes import ProgrammeService
from tests.conftest import TODAY
from tests.services.test_excel_import import edit, to_legacy

TARAPACA = find_region("CL-TA")
FIRST_DATA_ROW = 7  # III.1: title, REGIÓN, Año, blank, group row, headers (row 6)


@pytest.fixture
def other_db(tmp_path: Path):
    database = open_database(tmp_path / "otra.db")
    yield database
    database.close()


@pytest.fixture
def generated(tmp_path: Path) -> tuple[Database, Path]:
    db = open_database(tmp_path / "g.db")
    generate_national(db, 2010, regions=(TARAPACA,), objectives=5, activities=3)
    path = export_region(db, TARAPACA, 2010, tmp_path / "g.xlsx", today=TODAY)
    yield db, path
    db.close()


# -- 1. rows sorted after the objective's cells were copied down ------------------------------------


def data_rows(ws) -> list[int]:  # noqa: ANN001
    """The rows of the table that hold an activity (column (5) written)."""
    rows, r = [], FIRST_DATA_ROW
    while ws[f"D{r}"].value:
        rows.append(r)
        r += 1
    return rows


def fill_down_and_sort(columns: str, sheet: str = "III.1"):  # noqa: ANN201
    """What the README suggests before sorting: copy the objective's cells (``columns``) onto its
    other rows; then sort the table's rows by column (5), as Excel's Data → Sort does (every
    cell of the row moves but the earned-weight formula, which Excel rewrites for its row)."""
    def change(wb) -> None:  # noqa: ANN001
        ws = wb[sheet]
        rows = data_rows(ws)
        values, last = [], {}
        for r in rows:
            row = {c: ws[f"{c}{r}"].value for c in "ABCDEFGHJKL"}
            if row["A"]:
                last = {c: row[c] for c in columns}
            else:
                row.update(last)
            values.append(row)
        values.sort(key=lambda row: row["D"])  # "Actividad 1: …" of every objective first
        for r, row in zip(rows, values):
            for c, v in row.items():
                ws[f"{c}{r}"] = v
    return change


def groups(db: Database, form: FormKind = FormKind.III_1) -> list[tuple[str, list[str]]]:
    """Each objective's text with its activities' descriptions, in order."""
    programme = ProgrammeService(db).programme(TARAPACA, 2010, form)
    return [(o.text, [c.description for c in o.commitments]) for o in programme.objectives]


@pytest.mark.parametrize("columns", ["ABC", "ABCK"])
def test_sorted_rows_keep_each_objective_with_its_activities(generated, tmp_path, columns):
    db, path = generated
    before = groups(db)
    ids_before = {o.id: {c.id for c in o.commitments}
                  for o in ProgrammeService(db).programme(TARAPACA, 2010, FormKind.III_1).objectives}
    sorted_book = edit(path, tmp_path / "ordenado.xlsx", fill_down_and_sort(columns))
    ws = load_workbook(sorted_book)["III.1"]
    assert ws["D7"].value.startswith("Actividad 1") and ws["D8"].value.startswith("Actividad 1")
    assert ws["A7"].value != ws["A8"].value  # the objective's rows are apart now
    plan = plan_import(db, sorted_book)
    assert plan.ok and plan.notices == () and plan.removals == (), plan.problems
    report = import_workbook(db, sorted_book, replace=True, plan=plan)
    assert (report.objectives, report.commitments) == (15, 45)
    programme = ProgrammeService(db).programme(TARAPACA, 2010, FormKind.III_1)
    assert {o.id: {c.id for c in o.commitments} for o in programme.objectives} == ids_before
    # Objectives in the order they first appear on the sorted sheet, activities in row order.
    first_rows = [ws[f"A{r}"].value for r in data_rows(ws)]
    assert [text for text, _ in groups(db)] == list(dict.fromkeys(first_rows))
    assert sorted(groups(db)) == sorted((t, sorted(d)) for t, d in before)


def test_sorted_rows_in_the_legacy_layout_are_one_objective_each_and_said(generated, other_db, tmp_path):
    db, path = generated
    book = edit(path, tmp_path / "legado.xlsx", lambda wb: (fill_down_and_sort("ABC")(wb), to_legacy(wb)))
    plan = plan_import(other_db, book)
    assert plan.ok, plan.problems
    report = import_workbook(other_db, book, plan=plan)
    assert (report.objectives, report.commitments) == (15, 45)
    assert sorted(groups(other_db)) == sorted(groups(db))
    # Identical objective texts on rows that are not together: merged, and said per objective.
    ws = load_workbook(book)["III.1"]
    rows = data_rows(ws)
    notices = [n for n in report.notices if n.sheet == "III.1"]
    assert len(notices) == 5 and report.notices == plan.notices
    for notice in notices:
        text = ws[notice.cell].value
        mine = [r for r in rows if ws[f"A{r}"].value == text]
        assert notice.cell == f"A{mine[0]}"
        assert notice.message.startswith(f"las filas {', '.join(map(str, mine[:-1]))} y {mine[-1]} repiten el "
                                         "objetivo específico")
        assert "se importan como un solo objetivo" in notice.message


def test_copied_down_rows_that_stay_together_need_no_notice(generated, other_db, tmp_path):
    db, path = generated

    def fill(wb) -> None:  # noqa: ANN001
        ws, last = wb["III.1"], None
        for r in data_rows(ws):
            if ws[f"A{r}"].value:
                last = [ws[f"{c}{r}"].value for c in "ABC"]
            else:
                for c, v in zip("ABC", last):
                    ws[f"{c}{r}"] = v
        to_legacy(wb)

    report = import_workbook(other_db, edit(path, tmp_path / "junto.xlsx", fill))
    assert report.notices == () and groups(other_db) == groups(db)
