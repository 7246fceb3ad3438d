"""Excel workbooks of the Etapa 3 forms (desktop.forms.xlsx), on the real Tarapacá 2009 data.

The workbook is built from domain records (no database) and read back with openpyxl: official
headers and groups (seed 001), frozen headers, the Sí/No validation, live formulas (checked as
strings: LibreOffice is not available to compute them), the notes, and the hidden ``_avance``
sheet with every record id.
"""

from __future__ import annotations

import dataclasses
import io
import uuid
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from desktop.domain.forms import PROGRAMME_LABELS, FormKind, spec
from desktop.domain.records import Commitment, CommitmentKind, Objective
from desktop.domain.scoring import Verdict, score_programme
from desktop.forms import xlsx
from desktop.forms.xlsx import (
    HELPER_HEADER,
    META_SHEET,
    NationalTable,
    RegionYear,
    ServiceInfo,
    WorkbookContent,
    build_workbook,
    decode_text,
    encode_text,
    sheet_name,
)
from desktop.services.example import read_example
from tests.conftest import TODAY

YEAR = 2009


VERDICT = "NO CUMPLE (calculado sobre 16 de 16 regiones en esta base de datos)"


def _content(programmes=None, *, national: bool = False) -> WorkbookContent:
    data = read_example()
    programmes = tuple(programmes or data.programmes)
    region = programmes[0].region
    ids = {o.id for p in programmes for o in p.objectives}
    progress = {r.quarter: tuple(e for e in r.entries if e.objective_id in ids) for r in data.progress}
    ry = RegionYear(uuid.uuid4(), region, YEAR, data.responsible_office, programmes, progress, uuid.uuid4())
    table = None
    if national:
        scores = tuple(score_programme(p, TODAY) for p in programmes)
        table = NationalTable(((region, scores),), {s.form: Verdict.NO_CUMPLE for s in scores}, Verdict.NO_CUMPLE)
    return WorkbookContent(
        years=(ry,),
        services=(ServiceInfo(ry.service_id, data.service_name, data.service_acronym),),
        national=table,
        service_name=f"{data.service_name} ({data.service_acronym})",
        service_verdicts={} if national else {p.form: VERDICT for p in programmes},
    )


def _reopen(content: WorkbookContent):
    buffer = io.BytesIO()
    xlsx.write_workbook(content, buffer)
    buffer.seek(0)
    return load_workbook(buffer)


@pytest.fixture(scope="module")
def workbook():
    return _reopen(_content())


@pytest.fixture(scope="module")
def example():
    return read_example()


def _header_row(ws, form: FormKind) -> int:
    first = spec(form).columns[0].header
    for row in ws.iter_rows(min_row=1, max_row=15):
        if row[0].value == first:
            return row[0].row
    raise AssertionError(f"no header row in {ws.title}")


def test_sheets_one_per_form_notes_and_very_hidden_meta(workbook) -> None:
    assert workbook.sheetnames == ["III.1", "III.2", "III.3", "III.4 T2", "Notas", META_SHEET]
    assert workbook[META_SHEET].sheet_state == "veryHidden"
    assert all(workbook[n].sheet_state == "visible" for n in workbook.sheetnames[:-1])


@pytest.mark.parametrize("form", [FormKind.III_1, FormKind.III_2, FormKind.III_3])
def test_official_headers_groups_and_frozen_panes(workbook, example, form: FormKind) -> None:
    ws = workbook[form.value]
    form_spec = spec(form)
    assert ws["A1"].value == form_spec.heading(YEAR)
    assert ws["A2"].value == "REGIÓN (1)"
    # The region and the responsible office, as the PDF prints REGIÓN (1) (note (1)).
    assert ws["B2"].value == f"Tarapacá — {example.responsible_office}"
    assert ws["A3"].value == "Año" and ws["B3"].value == YEAR
    header = _header_row(ws, form)
    assert [ws.cell(header, j + 1).value for j in range(len(form_spec.columns))] == [c.header for c in form_spec.columns]
    # "Control de Resultados" over (2)–(4), "Control Operacional" over (5)–(10) (III.2: (7)–(15)).
    merged = {str(r) for r in ws.merged_cells.ranges}
    group = header - 1
    assert ws.cell(group, 1).value == "Control de Resultados"
    assert ws.cell(group, 4).value == "Control Operacional"
    assert f"A{group}:C{group}" in merged and f"D{group}:I{group}" in merged
    assert ws.freeze_panes == f"A{header + 1}"
    assert ws.cell(header, 10).value == HELPER_HEADER
    # Header notes travel as comments ("hover a header to read the note").
    weight_col = [c.key for c in form_spec.columns].index("weight") + 1
    assert "Ponderación" in ws.cell(header, weight_col).comment.text or "Ídem" in ws.cell(header, weight_col).comment.text


def test_instance_header_table_of_iii2(workbook, example) -> None:
    ws = workbook["III.2"]
    form_spec = spec(FormKind.III_2)
    headers = [ws.cell(5, j).value for j in range(1, 6)]
    assert headers == [c.header.format(year=YEAR) for c in form_spec.header_fields]
    instance = next(p for p in example.programmes if p.form is FormKind.III_2).instance
    values = [ws.cell(6, j).value or "" for j in range(1, 6)]
    assert values == [instance.name, instance.main_problem, instance.territories, instance.institutions,
                      instance.products]


def test_iii3_sections_11_12_13(workbook) -> None:
    ws = workbook["III.3"]
    column_a = [c.value for c in ws["A"] if c.value]
    for code, label, _note in spec(FormKind.III_3).sections:
        assert f"({code}) {label}" in column_a
    positions = [column_a.index(f"({code}) {label}") for code, label, _note in spec(FormKind.III_3).sections]
    assert positions == sorted(positions)


@pytest.mark.parametrize("form", [FormKind.III_1, FormKind.III_2, FormKind.III_3])
def test_every_objective_and_weight_as_written(workbook, example, form: FormKind) -> None:
    ws = workbook[form.value]
    programme = next(p for p in example.programmes if p.form is form)
    texts = {c.value for c in ws["A"]}
    weights = [c for c in ws["G"] if c.row > _header_row(ws, form) and c.value is not None]
    for objective in programme.objectives:
        assert objective.text in texts
    written = [c.weight_text for c in programme.commitments if c.weight_text]
    assert [c.value for c in weights] == written  # "0.5%  0.5%", "01%" … exactly as written
    assert all(c.data_type == "s" and c.number_format == xlsx.WEIGHT_FORMAT for c in weights)
    # The helper column holds the Decimal parse_weight reads (note (8)).
    for cell in weights:
        helper = ws.cell(cell.row, 10).value
        from desktop.domain.weights import parse_weight

        assert Decimal(str(helper)) == parse_weight(cell.value).total


def test_live_formulas_earned_performance_and_verdict(workbook) -> None:
    ws = workbook["III.1"]
    header = _header_row(ws, FormKind.III_1)
    first = header + 1
    earned = [ws.cell(r, 9).value for r in range(first, first + 19)]
    assert all(isinstance(f, str) and f.startswith("=IF(") for f in earned)
    # (10): the weight typed as a number in (8) when there is one, else the helper column's reading.
    # "Sí" as the importer reads it: any case, with or without the accent, spaces ignored, or TRUE.
    yes = f'OR(SUBSTITUTE(H{first}," ","")="Sí",SUBSTITUTE(H{first}," ","")="Si",H{first}=TRUE)'
    assert earned[0] == (f'=IF({yes},IF(ISNUMBER(G{first}),ROUND(G{first}*100,9),N(J{first})),'
                         f'IF(SUBSTITUTE(H{first}," ","")="","",0))')
    labels = {c.value: c.row for c in ws["A"] if isinstance(c.value, str)}
    perf_row = labels[spec(FormKind.III_1).result_labels[0].format(year=YEAR) + " (11)"]
    verdict_row = labels[spec(FormKind.III_1).result_labels[1].format(year=YEAR) + " (12)"]
    # The sum takes the table's last, empty row too (with its formula): an activity typed there counts.
    assert ws.cell(perf_row, 9).value == f"=ROUND(SUM(I{first}:I{perf_row - 1}),9)"
    assert ws.cell(perf_row - 1, 9).value.startswith("=IF(") and ws.cell(perf_row - 1, 4).value is None
    # (12) is national: a regional workbook writes what the PDF prints, never this region's own verdict.
    assert ws.cell(verdict_row, 9).value == "NO CUMPLE (calculado sobre 16 de 16 regiones en esta base de datos)"
    assert "No se recalcula" in ws.cell(verdict_row, 9).comment.text
    assert f"A{perf_row}:H{perf_row}" in {str(r) for r in ws.merged_cells.ranges}


def test_si_no_validation_on_the_compliance_column(workbook) -> None:
    for name in ("III.1", "III.2", "III.3"):
        ws = workbook[name]
        header = _header_row(ws, FormKind(name))
        validations = ws.data_validations.dataValidation
        assert len(validations) == 1
        dv = validations[0]
        assert dv.type == "list" and dv.formula1 == '"Sí,No"' and dv.allow_blank
        assert str(dv.sqref).startswith(f"H{header + 1}:H")
        # The error names this form's compliance note: (14) on III.2, (9) on III.1 and III.3.
        number = next(c.number for c in spec(FormKind(name)).columns if c.key == "met")
        assert dv.error == f"Escriba Sí o No (nota {number}): «Sí» sólo si se cumplió en un 100 %."
        assert number == (14 if name == "III.2" else 9)


def test_wrapped_text_widths_and_row_heights(workbook) -> None:
    ws = workbook["III.1"]
    header = _header_row(ws, FormKind.III_1)
    cell = ws.cell(header + 1, 1)
    assert cell.alignment.wrap_text
    assert 10 <= ws.column_dimensions["A"].width <= 48
    assert ws.column_dimensions["G"].width >= len("Ponderación")
    assert ws.row_dimensions[header + 1].height and ws.row_dimensions[header + 1].height > 15
    assert ws.column_dimensions["K"].hidden and ws.column_dimensions["L"].hidden


def test_iii4_sheet(workbook, example) -> None:
    ws = workbook["III.4 T2"]
    form_spec = spec(FormKind.III_4)
    assert ws["A1"].value == form_spec.heading(YEAR)
    assert ws["C2"].value == example.responsible_office
    assert ws["C3"].value == "Trimestre" and ws["D3"].value.startswith("T2")
    assert [ws.cell(5, j).value for j in range(1, 7)] == [c.header for c in form_spec.columns]
    texts = {c.value for c in ws["B"]}
    for entry in example.progress[0].entries:
        assert entry.objective_text in texts
    labels = [c.value for c in ws["A"][5:] if c.value]
    assert labels == [PROGRAMME_LABELS[f] for f in (FormKind.III_1, FormKind.III_2, FormKind.III_3)]
    assert ws.freeze_panes == "A6"


def test_notes_sheet_has_every_note(workbook) -> None:
    ws = workbook["Notas"]
    texts = [c.value for c in ws["B"] if c.value]
    for kind in FormKind:
        for _number, text in spec(kind).notes:
            assert text.format(year=YEAR) in texts
    assert "Notas Actividad III. 1." in [c.value for c in ws["A"]]


def test_meta_sheet_lists_every_id(workbook, example) -> None:
    ws = workbook[META_SHEET]
    assert ws["B1"].value == xlsx.FORMAT and ws["B2"].value == xlsx.FORMAT_VERSION
    assert ws["B3"].value == "CL-TA" and ws["B4"].value == YEAR
    assert xlsx.decode_meta_record(ws.cell(xlsx.META_HEADER_ROW, 1).value) == list(xlsx.META_COLUMNS)
    cells = list(ws.iter_rows(min_row=xlsx.META_HEADER_ROW + 1, values_only=True))
    assert all(len([v for v in row if v is not None]) == 1 for row in cells)  # one cell per record
    rows = [xlsx.decode_meta_record(row[0]) for row in cells]
    by_kind: dict[str, set[str]] = {}
    for row in rows:
        by_kind.setdefault(row[0], set()).add(row[1])
    assert {str(p.id) for p in example.programmes} <= by_kind["programa"]
    assert {str(o.id) for p in example.programmes for o in p.objectives} == by_kind["objetivo"]
    assert {str(c.id) for p in example.programmes for c in p.commitments} == by_kind["fila"]
    assert {str(e.id) for e in example.progress[0].entries} == by_kind["análisis"]
    sheets = [(row[3], row[7]) for row in rows if row[0] == "hoja III.4"]
    assert sheets == [("III.4 T2", 2)]
    # III.4 rows: objective id and quarter.
    entries = {row[1]: (row[2], row[7]) for row in rows if row[0] == "análisis"}
    assert entries == {str(e.id): (str(e.objective_id), 2) for e in example.progress[0].entries}


def test_texts_that_look_like_formulas_or_hold_control_characters(example) -> None:
    programme = example.programmes[0]
    odd = ("=SUM(A1:A9)", "a <b> & c\r\nd", "tab\tand \x01 bell", "literal _x0041_ stays")
    first = programme.objectives[0]
    objectives = (
        dataclasses.replace(first, text=odd[0], indicator=odd[1], indicator_result=odd[2],
                            commitments=(dataclasses.replace(first.commitments[0], description=odd[3]),)),
    ) + programme.objectives[1:]
    wb = _reopen(_content((dataclasses.replace(programme, objectives=objectives),)))
    ws = wb["III.1"]
    row = _header_row(ws, FormKind.III_1) + 1
    assert ws.cell(row, 1).value == "=SUM(A1:A9)" and ws.cell(row, 1).data_type == "s"
    assert [decode_text(ws.cell(row, j).value) for j in (2, 3, 4)] == list(odd[1:])
    for text in odd:
        assert decode_text(encode_text(text)) == text


def test_empty_objective_and_goal_rows(example) -> None:
    programme = example.programmes[0]
    bare = Objective(uuid.uuid4(), 99, "Objetivo sin filas", "", "")
    goal = Objective(uuid.uuid4(), 100, "Con meta", "", "", None, (
        Commitment(uuid.uuid4(), 0, CommitmentKind.GOAL, "Meta anual 100 %", "", "", "5%", True),))
    wb = _reopen(_content((dataclasses.replace(programme, objectives=programme.objectives + (bare, goal)),)))
    ws = wb["III.1"]
    rows = {c.value: c.row for c in ws["A"] if c.value}
    assert ws.cell(rows["Objetivo sin filas"], 4).value is None
    assert ws.cell(rows["Con meta"], 8).value == "Sí"
    assert ws.cell(rows["Con meta"], 10).value == 5


def test_sheet_names_fit_excel_rules() -> None:
    from desktop.domain.regions import REGIONS

    for region in REGIONS:
        for form in FormKind:
            for quarter in (None, 1, 4):
                name = sheet_name(form, region, quarter if form is FormKind.III_4 else None)
                assert len(name) <= 31 and not set(name) & set("[]:*?/\\")
    assert sheet_name(FormKind.III_1, REGIONS[0]) == "CL-TA III.1"
    assert sheet_name(FormKind.III_4, None, 2) == "III.4 T2"


def test_national_sheet_values_bar_verdicts_and_formulas() -> None:
    wb = _reopen(_content(national=True))
    assert wb.sheetnames[0] == "Nacional"
    assert "CL-TA III.1" in wb.sheetnames and "CL-TA III.4 T2" in wb.sheetnames
    ws = wb["Nacional"]
    assert ws["B3"].value == 90
    assert [ws.cell(6, c).value for c in (3, 4, 5)] == [
        "Desempeño anual región (%) (11) según Avance", "Desempeño en este libro (%) (fórmula)",
        "≥ 90 % (en este libro)"]
    cells = {c.value: c for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
    assert "Tarapacá" in cells and "CL-TA" in cells
    row = cells["Tarapacá"].row
    assert Decimal(str(ws.cell(row, 3).value)) == Decimal("0")  # Avance's figure (nothing met yet)
    assert ws.cell(row, 4).value.startswith("='CL-TA III.1'!I")  # live, from the region's sheet
    assert ws.cell(row, 5).value == f'=IF(D{row}>=$B$3,"Sí","No")'  # the bar, over the live figure
    verdict_label = next(v for v in cells if v.startswith("Desempeño anual servicio (CUMPLE"))
    verdict_row = cells[verdict_label].row
    assert ws.cell(verdict_row, 3).value == "NO CUMPLE"  # as Avance gave it
    assert ws.cell(verdict_row, 4).value == (f'=IF(COUNT(D7:D7)=0,"",IF(COUNTIF(D7:D7,"<"&$B$3)=0,"CUMPLE",'
                                             '"NO CUMPLE"))')
    service = cells["Servicio (todos los programas), en este libro (fórmula)"].row
    assert ws.cell(service, 2).value == (f'=IF(OR(D{verdict_row}="NO CUMPLE",G{verdict_row}="NO CUMPLE",'
                                         f'J{verdict_row}="NO CUMPLE"),"NO CUMPLE","CUMPLE")')
    assert ws.cell(cells["Servicio (todos los programas), según Avance"].row, 2).value == "NO CUMPLE"
    assert ws.freeze_panes == "C7"
    # Each region's (12) reads the nation's live verdict of its programme.
    for form, column in ((FormKind.III_1, "D"), (FormKind.III_2, "G"), (FormKind.III_3, "J")):
        sheet = wb[f"CL-TA {form.value}"]
        label = spec(form).result_labels[1].format(year=YEAR) + f" ({spec(form).result_numbers[1]})"
        (row_12,) = [c.row for c in sheet["A"] if c.value == label]
        assert [c.value for c in sheet[row_12] if c.value and c.column > 1] == [f"='Nacional'!{column}{verdict_row}"]


def test_build_refuses_empty_content() -> None:
    with pytest.raises(ValueError, match="No hay datos"):
        build_workbook(WorkbookContent(years=()))
