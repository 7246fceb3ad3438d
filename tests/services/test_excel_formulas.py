"""The exported workbooks' live formulas, recomputed (pycel) after a coordinator's edits:
earned weight (10) follows compliance (9) and a weight (8) typed as a number, regional
performance (11) follows them, and on the national sheet "≥ 90 %", each programme's service
result (12) and the service over all programmes follow the regions' live figures; each region's
(12) is that national result. Every recomputed figure is checked against what Avance computes
(desktop.domain.scoring) once the edited workbook is imported.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from db.engine import Database
from desktop.domain.forms import PROGRAMME_FORMS, FormKind, spec
from desktop.domain.regions import REGIONS, find_region
from desktop.services.excel import export_national, export_region, import_workbook
from desktop.services.generate import generate_national
from desktop.services.programmes import ProgrammeService
from desktop.services.summary import national_summary, region_summary, verdict_text
from tests.conftest import TODAY

pycel = pytest.importorskip("pycel", reason="pycel (extra [dev]) recomputes the workbook's formulas; not installed")

TARAPACA = find_region("CL-TA")
WEIGHT, MET, EARNED, HELPER, ROW_ID = "G", "H", "I", "J", "L"


def _decimal(value: object) -> Decimal:
    """A recomputed number, to compare with the domain's Decimal (floats rounded to 6 places)."""
    return Decimal(repr(float(value))).quantize(Decimal("0.000001"))


def _rows(ws) -> list[int]:  # noqa: ANN001
    """Rows of a programme sheet that hold a commitment (they carry its id)."""
    return [c.row for c in ws[ROW_ID] if c.row > 6 and c.value and c.value != "Avance: id fila"]


def _result_row(ws, form: FormKind, which: int) -> int:  # noqa: ANN001
    form_spec = spec(form)
    label = form_spec.result_labels[which].format(year=ws["B3"].value) + f" ({form_spec.result_numbers[which]})"
    (row,) = [c.row for c in ws["A"] if c.value == label]
    return row


def test_regional_formulas_follow_compliance_and_weights_typed_as_numbers(example_db: Database, tmp_path: Path) -> None:
    path = export_region(example_db, TARAPACA, 2009, tmp_path / "ta.xlsx", today=TODAY)
    wb = load_workbook(path)
    ws = wb["III.1"]
    rows = _rows(ws)
    assert len(rows) == 19
    for r in rows:
        ws[f"{MET}{r}"] = "Sí"
    typed, small, refused, text = rows[0], rows[1], rows[2], rows[3]
    ws[f"{WEIGHT}{typed}"] = 0.05  # what Excel keeps when 5 % is typed in the cell
    ws[f"{WEIGHT}{small}"] = 0.005  # 0.5 %
    ws[f"{MET}{refused}"] = "No"
    edited = tmp_path / "editado.xlsx"
    wb.save(edited)

    xl = pycel.ExcelCompiler(filename=str(edited))
    assert xl.evaluate(f"III.1!{EARNED}{typed}") == 5
    assert _decimal(xl.evaluate(f"III.1!{EARNED}{small}")) == Decimal("0.5")
    assert xl.evaluate(f"III.1!{EARNED}{refused}") == 0
    assert xl.evaluate(f"III.1!{EARNED}{text}") == xl.evaluate(f"III.1!{HELPER}{text}")  # a text weight: its reading
    performance = xl.evaluate(f"III.1!{EARNED}{_result_row(ws, FormKind.III_1, 0)}")
    # (12) is the national result the PDF prints, whatever this one region reaches.
    verdict = xl.evaluate(f"III.1!{EARNED}{_result_row(ws, FormKind.III_1, 1)}")
    assert verdict == verdict_text(example_db, FormKind.III_1, 2009, TODAY)

    import_workbook(example_db, edited, replace=True)
    programme = ProgrammeService(example_db).programme(TARAPACA, 2009, FormKind.III_1)
    by_id = {str(c.id): c for c in programme.commitments}
    assert (by_id[ws[f"{ROW_ID}{typed}"].value].weight_text, by_id[ws[f"{ROW_ID}{typed}"].value].weight) == (
        "5%", Decimal(5))
    assert by_id[ws[f"{ROW_ID}{small}"].value].weight_text == "0.5%"
    (score,) = [s for s in region_summary(example_db, TARAPACA, 2009, TODAY).scores if s.form is FormKind.III_1]
    assert _decimal(performance) == score.performance_pct.quantize(Decimal("0.000001"))
    assert performance < 90


def test_national_sheet_follows_the_regions_live_figures(db: Database, tmp_path: Path) -> None:
    regions = REGIONS[:3]
    generate_national(db, 2010, regions=regions, objectives=2, activities=2)
    path = export_national(db, 2010, tmp_path / "nacional.xlsx", today=TODAY)
    wb = load_workbook(path)
    nation = wb["Nacional"]
    row_of = {nation.cell(r, 2).value: r for r in range(7, 7 + len(regions))}
    labels = {c.value: c.row for c in nation["A"] if isinstance(c.value, str)}
    verdict_row = labels["Desempeño anual servicio (CUMPLE / NO CUMPLE) (12)"]
    service_row = labels["Servicio (todos los programas), en este libro (fórmula)"]
    column = {form: 3 + 3 * i for i, form in enumerate(PROGRAMME_FORMS)}  # "según Avance"; +1 live; +2 ≥ 90 %

    def check(book: Path) -> None:
        """Every live figure of the national sheet equals Avance's once ``book`` is imported."""
        xl = pycel.ExcelCompiler(filename=str(book))
        import_workbook(db, book, replace=True)
        summary = national_summary(db, 2010, TODAY)
        for region in summary.regions:
            r = row_of[region.region.iso_code]
            for score in region.scores:
                c = column[score.form]
                live = xl.evaluate(f"Nacional!{nation.cell(r, c + 1).coordinate}")
                assert _decimal(live) == score.performance_pct.quantize(Decimal("0.000001"))
                assert xl.evaluate(f"Nacional!{nation.cell(r, c + 2).coordinate}") == ("Sí" if score.valid else "No")
        for form, verdict in summary.verdicts.items():
            cell = nation.cell(verdict_row, column[form] + 1).coordinate
            assert xl.evaluate(f"Nacional!{cell}") == verdict.value
            for region in regions:  # each region's (12) is the national result
                sheet = wb[f"{region.iso_code} {form.value}"]
                ref = f"'{sheet.title}'!{EARNED}{_result_row(sheet, form, 1)}"
                assert xl.evaluate(ref) == verdict.value
        assert xl.evaluate(f"Nacional!B{service_row}") == summary.service.value

    check(path)  # as exported
    for region in regions:
        for form in PROGRAMME_FORMS:
            ws = wb[f"{region.iso_code} {form.value}"]
            for r in _rows(ws):
                ws[f"{MET}{r}"] = "Sí"
    all_met = tmp_path / "todo-cumplido.xlsx"
    wb.save(all_met)
    check(all_met)
    assert pycel.ExcelCompiler(filename=str(all_met)).evaluate(f"Nacional!B{service_row}") == "CUMPLE"

    # Tarapacá's first III.1 activity weighs 5 % instead of its written weight: it falls under 90 %.
    ws = wb["CL-TA III.1"]
    ws[f"{WEIGHT}{_rows(ws)[0]}"] = 0.05
    one_low = tmp_path / "tarapaca-bajo.xlsx"
    wb.save(one_low)
    xl = pycel.ExcelCompiler(filename=str(one_low))
    assert xl.evaluate(f"Nacional!{nation.cell(row_of['CL-TA'], column[FormKind.III_1] + 2).coordinate}") == "No"
    assert xl.evaluate(f"Nacional!{nation.cell(verdict_row, column[FormKind.III_1] + 1).coordinate}") == "NO CUMPLE"
    assert xl.evaluate(f"Nacional!{nation.cell(verdict_row, column[FormKind.III_2] + 1).coordinate}") == "CUMPLE"
    assert xl.evaluate(f"Nacional!B{service_row}") == "NO CUMPLE"
    other = wb["CL-AN III.1"]  # at 100 %, and still its (12) says the nation's NO CUMPLE
    assert xl.evaluate(f"'CL-AN III.1'!{EARNED}{_result_row(other, FormKind.III_1, 0)}") == 100
    assert xl.evaluate(f"'CL-AN III.1'!{EARNED}{_result_row(other, FormKind.III_1, 1)}") == "NO CUMPLE"
    check(one_low)


def test_regional_service_result_is_what_the_pdf_prints(example_db: Database, tmp_path: Path) -> None:
    """Tarapacá's workbook and its PDF say the same "Desempeño anual servicio" (III.1 (12),
    III.2 (17), III.3 (15)): the national result over the regions in the database."""
    from pypdf import PdfReader

    from desktop.services.printing import print_form

    generate_national(example_db, 2009, regions=(find_region("CL-AN"),), objectives=2, activities=2)
    wb = load_workbook(export_region(example_db, TARAPACA, 2009, tmp_path / "ta.xlsx", today=TODAY))
    for form in PROGRAMME_FORMS:
        ws = wb[form.value]
        cell = ws[f"{EARNED}{_result_row(ws, form, 1)}"].value
        assert cell == verdict_text(example_db, form, 2009, TODAY)
        # Two regions of sixteen, at no central office: not the national result (note (12)).
        assert cell == f"Resultado nacional (nota {spec(form).result_numbers[1]}): lo informa el nivel central."
        pdf = print_form(example_db, form, TARAPACA, 2009, tmp_path / f"{form.value}.pdf", today=TODAY)
        printed = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(pdf).pages)
        assert " ".join(cell.split()) in printed
