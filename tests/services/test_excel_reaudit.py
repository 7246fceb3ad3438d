"""Excel import after the issue 4 re-audit, each case a coordinator's real edit: the seed's III.4
with no quarter, formulas with no calculated value, cleared and deleted rows, objectives copied
down, "Sí" spelled many ways (the workbook's totals and the import agree, recomputed with
pycel), values typed over Avance's formulas, a missing column reported once, one workbook = one
region and year, the region and office in REGIÓN (1), an activity typed in the table's last row."""

from __future__ import annotations

import re
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from db.engine import Database, open_database
from desktop.cli import main
from desktop.domain.forms import FormKind
from desktop.domain.regions import find_region
from desktop.domain.scoring import score_programme
from desktop.services.excel import UNCACHED, ExcelImportError, export_region, import_workbook, plan_import
from desktop.services.programmes import ProgrammeService
from tests.conftest import TODAY
from tests.services.test_excel_import import dump, edit, snapshot, to_legacy

TARAPACA = find_region("CL-TA")
OBJECTIVE, INDICATOR, RESULT, DESCRIPTION, WEIGHT, MET, EARNED, HELPER, OBJECTIVE_ID, ROW_ID = "ABCDGHIJKL"[:1], "B", \
    "C", "D", "G", "H", "I", "J", "K", "L"


@pytest.fixture
def exported(example_db: Database, tmp_path: Path) -> Path:
    return export_region(example_db, TARAPACA, 2009, tmp_path / "ta.xlsx", today=TODAY)


def rows_with_ids(ws) -> list[int]:  # noqa: ANN001
    return [c.row for c in ws[ROW_ID] if c.row > 6 and c.value and c.value != "Avance: id fila"]


def single_activity_objective_row(ws) -> int:  # noqa: ANN001
    """A row that starts an objective with one activity (the next row starts another)."""
    rows = rows_with_ids(ws)
    return next(r for r in rows if ws[f"A{r}"].value and ws[f"A{r + 1}"].value)


def run(capsys, *argv: str) -> tuple[int, str, str]:  # noqa: ANN001
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# -- 6. the seed's III.4 names no quarter --------------------------------------------------------


def seed_like(exported: Path, target: Path) -> Path:
    """The legacy layout, its III.4 named only "III.4" with no "Trimestre" cell, as seed 001."""
    def change(wb) -> None:  # noqa: ANN001
        to_legacy(wb)
        for name in [n for n in wb.sheetnames if n.startswith("III.4 ") and n != "III.4 T2"]:
            wb.remove(wb[name])
        ws = wb["III.4 T2"]
        ws["C3"] = ws["D3"] = None
        ws.title = "III.4"
    return edit(exported, target, change)


def test_a_seed_like_iii4_without_quarter_is_one_clear_problem_on_the_command_line(exported, other_db, tmp_path, capsys):
    book = seed_like(exported, tmp_path / "semilla.xlsx")
    other_db.close()
    db = str(other_db.path)
    code, out, err = run(capsys, "--db", db, "xlsx", "import", str(book))
    lines = err.strip().splitlines()
    assert code == 1 and out == "" and len(lines) == 2, err
    assert lines[0].startswith("avance: Hoja «III.4», celda A1: no se indica el trimestre de III.4")
    assert "agregue --quarter N (el trimestre, 1 a 4)" in lines[0]
    for option in ("--quarter", "--trimestre"):
        code, out, err = run(capsys, "--db", db, "xlsx", "import", str(book), option, "2", "--dry-run")
        assert code == 0, err
    code, out, err = run(capsys, "--db", db, "xlsx", "import", str(book), "--trimestre", "2")
    assert code == 0, err
    again = open_database(Path(db))
    try:
        report = ProgrammeService(again).progress(TARAPACA, 2009, 2, include_blank=False)
        assert len(report.entries) == 25
    finally:
        again.close()


def test_the_plan_says_which_sheets_need_a_quarter(exported, other_db, tmp_path):
    book = seed_like(exported, tmp_path / "semilla.xlsx")
    plan = plan_import(other_db, book)
    assert not plan.ok and plan.quarter_missing == ("III.4",)
    plan = plan_import(other_db, book, quarter=3)
    assert plan.ok and plan.quarter == 3 and plan.quarter_missing == ()
    report = import_workbook(other_db, book, plan=plan, quarter=3)
    assert report.progress_entries == 25
    assert ProgrammeService(other_db).progress(TARAPACA, 2009, 3, include_blank=False).entries


# -- 7. formulas with no calculated value -------------------------------------------------------


@pytest.mark.parametrize("cell, formula", [("G9", "=1/1000"), ("A7", '="Objetivo"'), ("H8", '=IF(1,"Sí","No")'),
                                           ("D8", '=CONCATENATE("a","b")')])
def test_a_formula_with_no_cached_value_is_reported_and_nothing_written(example_db, exported, tmp_path, cell, formula):
    book = edit(exported, tmp_path / "formula.xlsx", lambda wb: wb["III.1"].__setitem__(cell, formula))
    before = snapshot(example_db)
    with pytest.raises(ExcelImportError) as info:
        import_workbook(example_db, book, replace=True)
    (problem,) = info.value.problems
    assert (problem.sheet, problem.cell) == ("III.1", cell) and problem.message == UNCACHED
    assert "fórmula sin valor calculado; escriba el valor o ábrala y guárdela en Excel" in str(problem)
    assert snapshot(example_db) == before


def test_the_same_in_the_legacy_layout(example_db, exported, tmp_path):
    legacy = edit(exported, tmp_path / "legado.xlsx", lambda wb: (to_legacy(wb), wb["III.1"].__setitem__("G9", "=1/1000")))
    with pytest.raises(ExcelImportError) as info:
        import_workbook(example_db, legacy, replace=True)
    assert [(p.sheet, p.cell, p.message) for p in info.value.problems] == [("III.1", "G9", UNCACHED)]


def test_a_formula_excel_calculated_is_read_by_its_value(other_db, exported, tmp_path):
    book = edit(exported, tmp_path / "formula.xlsx", lambda wb: wb["III.1"].__setitem__("G9", "=1/1000"))
    cached = tmp_path / "calculada.xlsx"
    with zipfile.ZipFile(book) as zin, zipfile.ZipFile(cached, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":  # as Excel saves it: the value beside the formula
                data, n = re.subn(rb"<f>1/1000</f><v\s*/>", b"<f>1/1000</f><v>0.001</v>", data)
                assert n == 1
            zout.writestr(item, data)
    import_workbook(other_db, cached)
    programme = ProgrammeService(other_db).programme(TARAPACA, 2009, FormKind.III_1)
    weights = [c.weight_text for o in programme.objectives for c in o.commitments]
    assert "0.1%" in weights


# -- 8. a cleared row and a deleted row: no row; replacing deletes it and says so ---------------


def test_a_cleared_row_and_a_deleted_row_are_the_same_deletion(example_db, exported, tmp_path):
    ws = load_workbook(exported)["III.1"]
    r = single_activity_objective_row(ws)
    objective_id, row_id = ws[f"{OBJECTIVE_ID}{r}"].value, ws[f"{ROW_ID}{r}"].value
    text = ws[f"A{r}"].value

    def clear(wb) -> None:  # noqa: ANN001
        for column in "ABCDEFGHIJ":  # the visible cells; the hidden ids stay
            wb["III.1"][f"{column}{r}"] = None

    cleared = edit(exported, tmp_path / "vaciada.xlsx", clear)
    deleted = edit(exported, tmp_path / "borrada.xlsx", lambda wb: wb["III.1"].delete_rows(r))
    plans = [plan_import(example_db, book) for book in (cleared, deleted)]
    for plan in plans:
        assert plan.ok and plan.existing == ((TARAPACA, 2009),)
        (removal,) = plan.removals
        assert removal.form is FormKind.III_1 and len(removal.objectives) == 1 and len(removal.commitments) == 1
        assert removal.objectives[0].rstrip("…") in text
        assert removal.entries == 1  # its III.4 row goes with it
        assert removal.text().startswith("III.1 de Tarapacá 2009: se eliminarían 1 objetivo («")
    assert plans[0].removals == plans[1].removals
    # Without --replace the refusal says what replacing would delete.
    with pytest.raises(ExcelImportError) as info:
        import_workbook(example_db, cleared)
    assert "se eliminarían 1 objetivo" in info.value.problems[0].message
    dry = import_workbook(example_db, cleared, replace=True, dry_run=True)
    assert "Al reemplazar, III.1 de Tarapacá 2009: se eliminarían 1 objetivo" in dry.summary()
    results = []
    for book in (cleared, deleted):
        copy = open_database(tmp_path / f"{book.stem}.db")
        try:
            import_workbook(copy, exported)
            report = import_workbook(copy, book, replace=True)
            assert "se eliminaron 1 objetivo" in report.summary()
            programme = ProgrammeService(copy).programme(TARAPACA, 2009, FormKind.III_1)
            ids = {str(o.id) for o in programme.objectives} | {str(c.id) for o in programme.objectives
                                                              for c in o.commitments}
            assert objective_id not in ids and row_id not in ids
            results.append(dump(copy))
        finally:
            copy.close()
    for table in ("objective", "commitment", "progress_analysis"):
        assert [r[:1] for r in results[0][table]] == [r[:1] for r in results[1][table]], table


def test_a_cleared_row_imports_nothing_into_an_empty_database(other_db, exported, tmp_path):
    ws = load_workbook(exported)["III.1"]
    r = single_activity_objective_row(ws)

    def clear(wb) -> None:  # noqa: ANN001
        for column in "ABCDEFGHIJ":
            wb["III.1"][f"{column}{r}"] = None

    report = import_workbook(other_db, edit(exported, tmp_path / "vaciada.xlsx", clear))
    assert (report.objectives, report.commitments, report.progress_entries) == (27, 28, 24)


def test_clearing_an_objectives_first_row_but_not_its_other_activities_is_a_problem(generated, tmp_path):
    db, path = generated
    ws = load_workbook(path)["III.1"]
    rows = rows_with_ids(ws)
    r = next(r for r in rows if ws[f"A{r}"].value and not ws[f"A{r + 1}"].value and (r + 1) in rows)

    def clear(wb) -> None:  # noqa: ANN001
        for column in "ABCDEFGHIJ":
            wb["III.1"][f"{column}{r}"] = None

    with pytest.raises(ExcelImportError) as info:
        import_workbook(db, edit(path, tmp_path / "vaciada.xlsx", clear), replace=True)
    (problem,) = info.value.problems
    assert (problem.sheet, problem.cell) == ("III.1", f"A{r}") and f"las filas {r + 1}, {r + 2}" in problem.message


# -- 9. objective cells copied down ----------------------------------------------------------------


def fill_down(columns: str):  # noqa: ANN201
    """What a coordinator does to sort or filter: the objective's cells copied onto its next rows."""
    def change(wb) -> None:  # noqa: ANN001
        for name in ("III.1", "III.2", "III.3"):
            ws = wb[name]
            last: dict[str, object] = {}
            for r in range(7, ws.max_row + 1):
                if not ws[f"D{r}"].value:
                    last = {}
                    continue
                if ws[f"A{r}"].value:
                    last = {c: ws[f"{c}{r}"].value for c in columns}
                else:
                    for c, v in last.items():
                        ws[f"{c}{r}"] = v
    return change


@pytest.mark.parametrize("columns", ["ABC", "ABCK"])
def test_objective_cells_copied_down_are_the_same_objective(generated, tmp_path, columns):
    db, path = generated
    before = dump(db)
    filled = edit(path, tmp_path / "relleno.xlsx", fill_down(columns))
    assert load_workbook(filled)["III.1"]["A8"].value == load_workbook(filled)["III.1"]["A7"].value
    report = import_workbook(db, filled, replace=True)
    assert (report.objectives, report.commitments) == (15, 45)
    assert report.removals == ()
    assert dump(db) == before


def test_objective_cells_copied_down_in_the_legacy_layout(generated, other_db, tmp_path):
    db, path = generated
    legacy = edit(path, tmp_path / "legado.xlsx", lambda wb: (fill_down("ABC")(wb), to_legacy(wb)))
    report = import_workbook(other_db, legacy)
    assert (report.objectives, report.commitments) == (15, 45)
    for form in (FormKind.III_1, FormKind.III_2, FormKind.III_3):
        source = ProgrammeService(db).programme(TARAPACA, 2010, form)
        copy = ProgrammeService(other_db).programme(TARAPACA, 2010, form)
        assert [len(o.commitments) for o in copy.objectives] == [len(o.commitments) for o in source.objectives]


# -- 10. "Sí" as the workbook's formulas and the import read it -----------------------------------

pycel = pytest.importorskip("pycel", reason="pycel (extra [dev]) recomputes the workbook's formulas")

SPELLINGS = ["Sí", "si", "SI", "sí ", " Si ", "SÍ", "Si", True, "no", "NO", " No", False, "sí  ", "S í"]


def test_every_si_spelling_counts_the_same_in_the_workbook_and_in_the_import(exported, other_db, tmp_path):
    ws = load_workbook(exported)["III.1"]
    rows = rows_with_ids(ws)[: len(SPELLINGS)]

    def spell(wb) -> None:  # noqa: ANN001
        for r, value in zip(rows, SPELLINGS):
            wb["III.1"][f"{MET}{r}"] = value

    book = edit(exported, tmp_path / "si.xlsx", spell)
    xl = pycel.ExcelCompiler(filename=str(book))
    import_workbook(other_db, book)
    programme = ProgrammeService(other_db).programme(TARAPACA, 2009, FormKind.III_1)
    met = {str(c.id): c for o in programme.objectives for c in o.commitments}
    for r, value in zip(rows, SPELLINGS):
        commitment = met[ws[f"{ROW_ID}{r}"].value]
        earned = xl.evaluate(f"III.1!{EARNED}{r}")
        if commitment.met:
            assert Decimal(repr(float(earned))).quantize(Decimal("0.000001")) == \
                commitment.parsed_weight.total.quantize(Decimal("0.000001")), (r, value)
        else:
            assert commitment.met is False and earned == 0, (r, value, earned)
    labels = {c.value: c.row for c in ws["A"] if isinstance(c.value, str)}
    perf_row = next(row for label, row in labels.items() if label.endswith("(11)"))
    recomputed = Decimal(repr(float(xl.evaluate(f"III.1!{EARNED}{perf_row}")))).quantize(Decimal("0.0001"))
    assert recomputed == score_programme(programme, TODAY).performance_pct.quantize(Decimal("0.0001"))


def test_a_value_neither_formula_nor_import_reads_as_si_is_refused(exported, other_db, tmp_path):
    book = edit(exported, tmp_path / "si.xlsx", lambda wb: wb["III.1"].__setitem__("H7", "Sí."))
    with pytest.raises(ExcelImportError) as info:
        import_workbook(other_db, book)
    assert [(p.sheet, p.cell) for p in info.value.problems] == [("III.1", "H7")]
    assert pycel.ExcelCompiler(filename=str(book)).evaluate("III.1!I7") == 0


# -- 11. values typed over Avance's formulas ---------------------------------------------------------


def test_values_typed_over_the_formulas_are_ignored_and_said(example_db, exported, tmp_path, capsys):
    ws = load_workbook(exported)["III.1"]
    labels = {c.value: c.row for c in ws["A"] if isinstance(c.value, str)}
    perf_row = next(row for label, row in labels.items() if label.endswith("(11)"))

    def typed(wb) -> None:  # noqa: ANN001
        wb["III.1"]["I7"] = 0.5
        wb["III.1"][f"I{perf_row}"] = 99

    book = edit(exported, tmp_path / "escritos.xlsx", typed)
    plan = plan_import(example_db, book)
    assert plan.ok
    cells = [(n.sheet, n.cell) for n in plan.notices]
    assert cells == [("III.1", "I7"), ("III.1", f"I{perf_row}")]
    assert "se ignoró el valor escrito en I7: Avance calcula la ponderación ganada" in plan.notices[0].message
    assert "desempeño anual de la región (nota 11)" in plan.notices[1].message
    report = import_workbook(example_db, book, replace=True, dry_run=True)
    assert report.notices == plan.notices and "2 avisos" in report.summary()
    example_db.close()
    code, out, err = run(capsys, "--db", str(example_db.path), "xlsx", "import", str(book), "--dry-run", "--replace")
    assert code == 0, err
    assert "Aviso: Hoja «III.1», celda I7: se ignoró el valor escrito en I7" in out


def test_values_typed_over_iii2s_formulas_cite_iii2s_notes(example_db, exported, tmp_path):
    """On III.2 the earned weight is column (15) and the regional performance (16)."""
    ws = load_workbook(exported)["III.2"]
    labels = {c.value: c.row for c in ws["A"] if isinstance(c.value, str)}
    perf_row = next(row for label, row in labels.items() if label.endswith("(16)"))

    def typed(wb) -> None:  # noqa: ANN001
        wb["III.2"]["I10"] = 0.5
        wb["III.2"][f"I{perf_row}"] = 99

    plan = plan_import(example_db, edit(exported, tmp_path / "escritos2.xlsx", typed))
    earned, performance = plan.notices
    assert "Avance calcula la ponderación ganada (nota 15)" in earned.message
    assert "desempeño anual de la región (nota 16)" in performance.message


def test_an_untouched_workbook_has_no_notice(example_db, exported):
    assert plan_import(example_db, exported).notices == ()


# -- 12. messages that point at the real problem ------------------------------------------------


@pytest.mark.parametrize("legacy", [False, True])
def test_a_deleted_column_is_reported_once_and_does_not_cascade(example_db, exported, tmp_path, legacy):
    def change(wb) -> None:  # noqa: ANN001
        if legacy:
            to_legacy(wb)
        wb["III.1"].delete_cols(3)  # column (4) "Resultado anual del indicador"

    with pytest.raises(ExcelImportError) as info:
        import_workbook(example_db, edit(exported, tmp_path / "sin-columna.xlsx", change), replace=True)
    problems = info.value.problems
    assert [(p.sheet, p.cell) for p in problems] == [("III.1", "C6")], "\n".join(map(str, problems))
    assert problems[0].message.startswith("falta la columna «Resultado anual del indicador (4)»: insértela antes de "
                                          "«Meta anual o actividades comprometidas (5)»")


def test_a_first_column_deleted_is_missing_at_the_left(example_db, exported, tmp_path):
    with pytest.raises(ExcelImportError) as info:
        import_workbook(example_db, edit(exported, tmp_path / "x.xlsx", lambda wb: wb["III.1"].delete_cols(1)),
                        replace=True)
    problems = [p for p in info.value.problems if p.sheet == "III.1"]
    assert [p.cell for p in problems] == ["A6"] and "falta la columna «Objetivos específicos (2)»" in problems[0].message


def test_a_renamed_header_is_still_one_problem(example_db, exported, tmp_path):
    with pytest.raises(ExcelImportError) as info:
        import_workbook(example_db, edit(exported, tmp_path / "x.xlsx", lambda wb: wb["III.1"].__setitem__(
            "B6", "Indicadores")), replace=True)
    assert [(p.sheet, p.cell) for p in info.value.problems] == [("III.1", "B6")]


def test_a_year_mismatch_names_the_sheet_that_differs(other_db, exported, tmp_path):
    book = edit(exported, tmp_path / "anio.xlsx", lambda wb: (to_legacy(wb), wb["III.2"].__setitem__("B3", 2012)))
    with pytest.raises(ExcelImportError) as info:
        import_workbook(other_db, book)
    (problem,) = info.value.problems
    assert (problem.sheet, problem.cell) == ("III.2", "B3")
    assert problem.message.startswith("el año 2012 no coincide con 2009 de la hoja «III.1» (celda B3)")


def test_a_iii4_row_cut_by_a_page_break_continues_the_row_above(exported, other_db, tmp_path):
    ws = load_workbook(exported)["III.4 T2"]
    r = next(c.row for c in ws["C"] if c.row > 5 and c.value)
    original = ws[f"C{r}"].value

    def cut(wb) -> None:  # noqa: ANN001
        to_legacy(wb)
        sheet = wb["III.4 T2"]
        sheet.insert_rows(r + 1)
        sheet[f"C{r + 1}"] = "continúa en la página siguiente"

    report = import_workbook(other_db, edit(exported, tmp_path / "corte.xlsx", cut))
    assert report.progress_entries == 25
    entries = ProgrammeService(other_db).progress(TARAPACA, 2009, 2, include_blank=False).entries
    assert f"{original} continúa en la página siguiente" in [e.progress for e in entries]


# -- 13. one workbook = one region and year; region names --------------------------------------------


@pytest.mark.parametrize("label", ["Región de Tarapacá", "I Región de Tarapacá", "I", "Dirección Regional de Tarapacá",
                                   "Tarapacá — DIRECCION REGIONAL", "TARAPACÁ"])
def test_legacy_region_labels(other_db, exported, tmp_path, label):
    def change(wb) -> None:  # noqa: ANN001
        to_legacy(wb)
        for name in ("III.1", "III.2", "III.3"):
            wb[name]["B2"] = label
        wb["III.4 T2"]["B2"] = label

    report = import_workbook(other_db, edit(exported, tmp_path / "region.xlsx", change))
    assert report.years == ((TARAPACA, 2009),)


def test_a_legacy_workbook_of_two_regions_is_refused_naming_the_cells(other_db, exported, tmp_path):
    book = edit(exported, tmp_path / "dos.xlsx", lambda wb: (to_legacy(wb), wb["III.2"].__setitem__("B2", "Antofagasta")))
    with pytest.raises(ExcelImportError) as info:
        import_workbook(other_db, book)
    (problem,) = info.value.problems
    assert (problem.sheet, problem.cell) == ("III.2", "B2")
    assert "la región Antofagasta no coincide con Tarapacá de la hoja «III.1» (celda B2)" in problem.message
    assert "un libro es de una sola región y año" in problem.message


# -- 16. REGIÓN (1) with the office; an activity typed in the table's last row -------------------------


def test_region_cell_shows_the_office_and_comes_back_unchanged(example_db, other_db, exported):
    ws = load_workbook(exported)["III.1"]
    assert ws["B2"].value == "Tarapacá — DIRECCION REGIONAL"
    import_workbook(other_db, exported)
    assert dump(other_db) == dump(example_db)


def test_a_programme_office_edited_in_region_cell_is_imported(example_db, exported, tmp_path):
    book = edit(exported, tmp_path / "oficina.xlsx", lambda wb: wb["III.1"].__setitem__("B2", "Tarapacá — Seremía"))
    import_workbook(example_db, book, replace=True)
    assert ProgrammeService(example_db).programme(TARAPACA, 2009, FormKind.III_1).responsible_office == "Seremía"
    assert ProgrammeService(example_db).programme(TARAPACA, 2009, FormKind.III_2).responsible_office == \
        "DIRECCION REGIONAL"


def test_an_activity_typed_in_the_last_row_counts_in_the_workbook_and_in_the_import(exported, other_db, tmp_path):
    ws = load_workbook(exported)["III.1"]
    labels = {c.value: c.row for c in ws["A"] if isinstance(c.value, str)}
    perf_row = next(row for label, row in labels.items() if label.endswith("(11)"))
    last = perf_row - 1
    assert ws[f"{DESCRIPTION}{last}"].value is None and ws[f"{EARNED}{last}"].value.startswith("=IF(")

    def typed(wb) -> None:  # noqa: ANN001
        sheet = wb["III.1"]
        sheet[f"{DESCRIPTION}{last}"] = "Actividad agregada en la última fila"
        sheet[f"{WEIGHT}{last}"] = 0.02
        sheet[f"{MET}{last}"] = "Sí"

    before = pycel.ExcelCompiler(filename=str(exported)).evaluate(f"III.1!{EARNED}{perf_row}")
    book = edit(exported, tmp_path / "ultima.xlsx", typed)
    after = pycel.ExcelCompiler(filename=str(book)).evaluate(f"III.1!{EARNED}{perf_row}")
    assert Decimal(repr(float(after))) - Decimal(repr(float(before))) == Decimal("2")
    import_workbook(other_db, book)
    programme = ProgrammeService(other_db).programme(TARAPACA, 2009, FormKind.III_1)
    added = programme.objectives[-1].commitments[-1]
    assert added.description == "Actividad agregada en la última fila" and added.weight_text == "2%"
    performance = score_programme(programme, TODAY).performance_pct
    assert Decimal(repr(float(after))).quantize(Decimal("0.0001")) == performance.quantize(Decimal("0.0001"))
