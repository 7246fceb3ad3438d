"""Excel import after a coordinator's edits that the final review of issue 4 found read wrongly:
rows sorted after the objective's cells were copied down, a weight rewritten as text (the
workbook's helper column does not follow it), texts longer than an Excel cell, and messages
that said the wrong thing (a deleted objective's III.4 row, a date or TRUE in a weight cell, a
row with only "Sí")."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from db.engine import Database
from desktop.domain.forms import FormKind
from desktop.domain.regions import find_region
from desktop.services.excel import ExcelImportError, export_region, import_workbook, plan_import
from desktop.services.programmes import ProgrammeService
from tests.conftest import TODAY
from tests.services.test_excel_import import edit, to_legacy

TARAPACA = find_region("CL-TA")
FIRST_DATA_ROW = 7  # III.1: title, REGIÓN, Año, blank, group row, headers (row 6)


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


# -- 2. a weight rewritten as text: the helper column does not follow it -----------------------------

@pytest.fixture
def exported(example_db: Database, tmp_path: Path) -> Path:
    return export_region(example_db, TARAPACA, 2009, tmp_path / "ta.xlsx", today=TODAY)


def results_row(ws) -> int:  # noqa: ANN001
    return next(c.row for c in ws["A"] if isinstance(c.value, str) and c.value.endswith("(11)"))


def all_met_and(**cells: object):  # noqa: ANN201
    """Every activity of III.1 marked "Sí", then ``cells`` written."""
    def change(wb) -> None:  # noqa: ANN001
        ws = wb["III.1"]
        for r in range(7, results_row(ws) - 1):
            if ws[f"L{r}"].value:
                ws[f"H{r}"] = "Sí"
        for ref, value in cells.items():
            ws[ref] = value
    return change


def test_a_weight_rewritten_as_text_is_said_with_what_the_workbook_used(example_db, exported, tmp_path, capsys):
    from desktop.cli import main
    from desktop.domain.scoring import score_programme

    pycel = pytest.importorskip("pycel", reason="pycel (extra [dev]) recomputes the workbook's formulas")
    assert load_workbook(exported)["III.1"]["G7"].value == "0.5%  0.5%" and load_workbook(exported)["III.1"]["J7"].value == 1
    book = edit(exported, tmp_path / "texto.xlsx", all_met_and(G7="1%  1%"))
    ws = load_workbook(book)["III.1"]
    xl = pycel.ExcelCompiler(filename=str(book))
    assert xl.evaluate("III.1!I7") == 1  # the workbook's totals still take 1 % (column J)
    workbook_total = xl.evaluate(f"III.1!I{results_row(ws)}")
    plan = plan_import(example_db, book)
    assert plan.ok, plan.problems
    (notice,) = plan.notices
    assert (notice.sheet, notice.cell) == ("III.1", "G7")
    assert str(notice).startswith("Hoja «III.1», celda G7: la ponderación cambió a «1%  1%», que Avance lee como 2 %; "
                                  "los totales del libro usaban 1 % (columna «Ponderación leída (%)», J7")
    report = import_workbook(example_db, book, replace=True, plan=plan)
    assert report.notices == plan.notices and "1 aviso" in report.summary()
    imported = score_programme(ProgrammeService(example_db).programme(TARAPACA, 2009, FormKind.III_1), TODAY)
    assert imported.performance_pct - Decimal(repr(workbook_total)) == 1  # what the notice warns of
    example_db.close()
    code, out, err = main(["--db", str(example_db.path), "xlsx", "import", str(book), "--dry-run", "--replace"]), \
        *capsys.readouterr()
    assert code == 0, err
    assert "Aviso: Hoja «III.1», celda G7: la ponderación cambió a «1%  1%», que Avance lee como 2 %" in out


def test_a_weight_cleared_while_the_helper_keeps_its_number_is_said(example_db, exported, tmp_path):
    plan = plan_import(example_db, edit(exported, tmp_path / "borrada.xlsx", all_met_and(G7=None)))
    assert plan.ok and [(n.cell, n.message.split(";")[0]) for n in plan.notices] == [
        ("G7", "la ponderación se borró: Avance la lee vacía (sin ponderación)")]
    assert "los totales del libro usaban 1 %" in plan.notices[0].message


def test_a_helper_value_edited_alone_is_said_on_its_own_cell(example_db, exported, tmp_path):
    plan = plan_import(example_db, edit(exported, tmp_path / "ayuda.xlsx", all_met_and(J7=3)))
    (notice,) = plan.notices
    assert notice.cell == "J7" and notice.message.startswith(
        "la «Ponderación leída (%)» se cambió a 3 %, pero Avance lee la ponderación escrita en G7 («0.5%  0.5%») como 1 %")


@pytest.mark.parametrize("cells", [{"G7": 0.03}, {"G7": "1%", "J7": 1}, {"G7": "01 %"}, {"G7": "0,5%  0,5%"}, {"H7": "No"}])
def test_weights_the_workbook_and_the_import_read_alike_need_no_notice(example_db, exported, tmp_path, cells):
    plan = plan_import(example_db, edit(exported, tmp_path / "igual.xlsx", all_met_and(**cells)))
    assert plan.ok and plan.notices == ()


def test_a_new_row_with_a_text_weight_says_the_workbook_counts_nothing(example_db, exported, tmp_path):
    ws = load_workbook(exported)["III.1"]
    last = results_row(ws) - 1

    def typed(wb) -> None:  # noqa: ANN001
        sheet = wb["III.1"]
        sheet[f"D{last}"], sheet[f"G{last}"], sheet[f"H{last}"] = "Actividad nueva", "0.5%  0.5%", "Sí"

    plan = plan_import(example_db, edit(exported, tmp_path / "nueva.xlsx", typed))
    (notice,) = plan.notices
    assert notice.cell == f"G{last}" and notice.message.startswith(
        "la ponderación «0.5%  0.5%» se lee como 1 %; los totales del libro usaban 0 %")


# -- 5. messages that said the wrong thing ----------------------------------------------------------


def delete_first_objective(wb) -> None:  # noqa: ANN001
    """Row 7 of III.1 deleted: the first objective (one activity row), its III.4 row kept."""
    wb["III.1"].delete_rows(FIRST_DATA_ROW, 1)


def test_a_progress_row_of_an_objective_deleted_from_its_form_is_said(example_db, other_db, exported, tmp_path):
    book = edit(exported, tmp_path / "borrado.xlsx", delete_first_objective)
    plan = plan_import(other_db, book)
    assert plan.ok, plan.problems
    (notice,) = plan.notices
    assert (notice.sheet, notice.cell) == ("III.4 T2", "B6")
    assert notice.message.startswith("esta fila es del objetivo «Asesorar técnicamente a los SSPP desconcentrados …», "
                                     "que se borró de la hoja «III.1» de este libro: no se importa")
    report = import_workbook(other_db, book, plan=plan)
    assert report.progress_entries == 24 and report.notices == plan.notices  # of 25: the one said


def test_a_legacy_progress_row_whose_objective_is_not_on_its_form_names_the_sheet(example_db, exported, tmp_path):
    book = edit(exported, tmp_path / "legado.xlsx", lambda wb: (to_legacy(wb), delete_first_objective(wb)))
    plan = plan_import(example_db, book)
    (problem,) = plan.problems
    assert (problem.sheet, problem.cell) == ("III.4 T2", "B6")
    assert problem.message.startswith("no se encontró el objetivo «Asesorar técnicamente a los SSPP desconcentrados …» "
                                      "en la hoja «III.1» (formulario III.1) de este libro")
    assert "si se borró de allí, borre también esta fila" in problem.message


@pytest.mark.parametrize(("value", "start"), [
    (dt.date(2009, 5, 1), "la celda tiene una fecha (01-05-2009), no una ponderación: Excel convierte en fecha"),
    (dt.datetime(2009, 1, 5, 12, 30), "la celda tiene una fecha (05-01-2009 12:30), no una ponderación"),
    (dt.time(0, 5), "la celda tiene una hora (00:05:00), no una ponderación"),
    (True, "la celda tiene el valor lógico VERDADERO (TRUE), no una ponderación: escriba la ponderación como «0,5%»"),
    (False, "la celda tiene el valor lógico FALSO (FALSE), no una ponderación"),
])
@pytest.mark.parametrize("legacy", [False, True])
def test_a_date_or_a_logical_value_in_a_weight_cell_is_said_as_such(example_db, exported, tmp_path, value, start,
                                                                      legacy):
    def typed(wb) -> None:  # noqa: ANN001
        if legacy:
            to_legacy(wb)
        wb["III.1"]["G7"] = value

    plan = plan_import(example_db, edit(exported, tmp_path / "tipo.xlsx", typed))
    assert [(p.sheet, p.cell) for p in plan.problems] == [("III.1", "G7")]
    assert plan.problems[0].message.startswith(start)
    assert "no se pudo leer" not in plan.problems[0].message


@pytest.mark.parametrize("legacy", [False, True])
@pytest.mark.parametrize("where", ["between", "first", "last"])
def test_a_row_with_only_its_compliance_is_said_as_such(example_db, exported, tmp_path, where, legacy):
    def only_met(wb) -> str:  # noqa: ANN001
        if legacy:
            to_legacy(wb)
        ws = wb["III.1"]
        if where == "last":  # the exported table's empty last row
            row = results_row(ws) - 1
        else:
            row = FIRST_DATA_ROW + 2 if where == "between" else FIRST_DATA_ROW
            ws.insert_rows(row)
        ws[f"H{row}"] = "Sí"
        marked.append(f"H{row}")

    marked: list[str] = []
    before = ProgrammeService(example_db).programme(TARAPACA, 2009, FormKind.III_1)
    book = edit(exported, tmp_path / "solo.xlsx", only_met)
    plan = plan_import(example_db, book)
    (problem,) = plan.problems
    assert (problem.sheet, problem.cell) == ("III.1", marked[0])
    assert problem.message == ("la fila solo tiene «Sí» en Cumple/no cumple (9), sin objetivo específico (2), actividad "
                               "(5) ni ponderación (8) a los que se refiera: escriba la actividad y su ponderación en "
                               f"esta fila, o borre {marked[0]}.")
    with pytest.raises(ExcelImportError):
        import_workbook(example_db, book, replace=True)
    assert ProgrammeService(example_db).programme(TARAPACA, 2009, FormKind.III_1) == before  # nothing written
