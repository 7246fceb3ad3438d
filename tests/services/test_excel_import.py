"""Excel import (desktop.services.excel): lossless round trips, the legacy layout of seed 001,
all-or-nothing validation over a corpus of bad workbooks, and the ``avance xlsx`` command.

"Unchanged" is checked with the row count of every table and a SHA-256 over all their rows.
"""

from __future__ import annotations

import hashlib
import json
import re
import uuid
import zipfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import select

from db.engine import Database, open_database
from db.models import Base, CommitmentRow, ProgressAnalysis
from desktop.cli import main
from desktop.domain.forms import FormKind
from desktop.domain.regions import REGIONS, find_region
from desktop.services import excel
from desktop.services.example import load_example, read_example
from desktop.services.excel import (
    ExcelImportError,
    Problem,
    export_national,
    export_region,
    import_workbook,
    validate_workbook,
)
from desktop.services.generate import generate_national
from desktop.services.programmes import ProgrammeService

TARAPACA = find_region("CL-TA")


# -- helpers ---------------------------------------------------------------------------------


def dump(db: Database, *, skip: tuple[str, ...] = ("region",)) -> dict[str, list[tuple]]:
    """Every row of every table (all columns, ids and timestamps included), sorted."""
    out = {}
    with db.reading() as session:
        for table in Base.metadata.sorted_tables:
            if table.name in skip:
                continue
            out[table.name] = sorted((tuple(sorted(r._mapping.items())) for r in session.execute(select(table))), key=repr)
    return out


def by_id(rows: list[tuple]) -> dict[uuid.UUID, dict]:
    return {dict(r)["id"]: dict(r) for r in rows}


def snapshot(db: Database) -> tuple[dict[str, int], str]:
    """Row counts and a hash of all rows of all tables."""
    rows = dump(db, skip=())
    digest = hashlib.sha256(repr(sorted(rows.items())).encode()).hexdigest()
    return {name: len(r) for name, r in rows.items()}, digest


def edit(source: Path, target: Path, change: Callable) -> Path:
    wb = load_workbook(source)
    change(wb)
    wb.save(target)
    return target


def meta_records(path: Path) -> list[tuple[int, list]]:
    """The records of ``_avance`` (format versions 2 and 3: one JSON array per row in column A)."""
    ws = load_workbook(path)["_avance"]
    return [(r[0].row, json.loads(r[0].value)) for r in ws.iter_rows(min_row=8) if r[0].value]


def meta_row(path: Path, kind: str, *, sheet: str | None = None, index: int = 0) -> int:
    found = [row for row, rec in meta_records(path) if rec[0] == kind and (sheet is None or rec[3] == sheet)]
    return found[index]


def set_meta_field(row: int, field: int, value: object):  # noqa: ANN201
    """A change that sets field ``field`` (0-based, META_COLUMNS order) of the record in ``row``."""
    def change(wb) -> None:  # noqa: ANN001
        cell = wb["_avance"].cell(row, 1)
        record = json.loads(cell.value)
        record[field] = value
        cell.value = json.dumps(record, ensure_ascii=False)
    return change


def to_version_1(wb) -> None:  # noqa: ANN001
    """Rewrite ``_avance`` as format version 1 wrote it: one column per field (A…M)."""
    ws = wb["_avance"]
    ws["B2"] = 1
    for row in ws.iter_rows(min_row=7, max_col=1):
        cell = row[0]
        if cell.value:
            for j, v in enumerate(json.loads(cell.value), start=1):
                ws.cell(cell.row, j).value = v


def to_legacy(wb) -> None:  # noqa: ANN001
    """The seed's layout: no ``_avance``, no id columns."""
    wb.remove(wb["_avance"])
    for ws in wb.worksheets:
        if ws.title.startswith("III.4"):
            ws.delete_cols(7, 2)
        elif ws.title.startswith("III."):
            ws.delete_cols(11, 2)


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The Tarapacá 2009 export and the same in the legacy layout."""
    base = tmp_path_factory.mktemp("xlsx")
    db = open_database(base / "source.db")
    try:
        load_example(db)
        good = export_region(db, TARAPACA, 2009, base / "tarapaca.xlsx")
    finally:
        db.close()
    legacy = edit(good, base / "legado.xlsx", to_legacy)
    return {"good": good, "legacy": legacy}


# -- round trips -----------------------------------------------------------------------------


def test_round_trip_tarapaca_into_an_empty_database(example_db: Database, other_db: Database, tmp_path: Path) -> None:
    path = export_region(example_db, TARAPACA, 2009, tmp_path / "ta.xlsx")
    report = import_workbook(other_db, path)
    assert report.layout == "avance" and not report.dry_run
    assert (report.programmes, report.objectives, report.commitments, report.progress_entries) == (3, 28, 29, 25)
    assert dump(other_db) == dump(example_db)  # every field of every record, ids and timestamps included


def test_a_workbook_in_format_version_1_still_comes_back_lossless(
    example_db: Database, other_db: Database, tmp_path: Path
) -> None:
    """Workbooks exported before format version 2 (one column per field in ``_avance``)."""
    path = export_region(example_db, TARAPACA, 2009, tmp_path / "ta.xlsx")
    old = edit(path, tmp_path / "ta-v1.xlsx", to_version_1)
    ws = load_workbook(old)["_avance"]
    assert (ws["A8"].value, ws["M8"].value) == ("servicio", "SERNAM")  # really one column per field
    import_workbook(other_db, old)
    assert dump(other_db) == dump(example_db)


def test_awkward_service_name_survives_the_meta_sheet(example_db: Database, other_db: Database, tmp_path: Path) -> None:
    from db.models import Service

    with example_db.transaction() as session:
        service = session.scalars(select(Service)).one()
        service.name = 'Servicio "Nacional" _x0041_ \\ de la Mujer\x01 [1,2]'
    path = export_region(example_db, TARAPACA, 2009, tmp_path / "ta.xlsx")
    import_workbook(other_db, path)
    assert dump(other_db) == dump(example_db)


def test_round_trip_keeps_awkward_content(example_db: Database, other_db: Database, tmp_path: Path) -> None:
    from db.models import ObjectiveRow, WorkProgramme

    with example_db.transaction() as session:
        programmes = {p.form: p for p in session.scalars(select(WorkProgramme))}
        iii1, iii3 = programmes["III.1"], programmes["III.3"]
        iii1.responsible_office = "Seremía"
        first = sorted(iii1.objectives, key=lambda o: o.position)[0]
        first.text = "=SUM(A1:A9) <b> & «comillas»"
        first.indicator = "línea 1\r\nlínea 2\ttab \x01 control _x0041_ literal"
        first.indicator_result = "  espacios  "
        first.commitments[0].kind = "goal"
        first.commitments[0].description = "Desempeño anual región: una actividad que lo dice"
        first.commitments.append(CommitmentRow(position=7, kind="activity"))  # empty row, gap in positions
        iii3.objectives.append(ObjectiveRow(position=40, section="13", text="Provisión de información"))
        iii3.objectives.append(ObjectiveRow(position=41, section=None, text=""))
        session.flush()
        session.add(ProgressAnalysis(objective_id=first.id, quarter=1, objective_text="", progress="T1"))
        session.add(ProgressAnalysis(objective_id=first.id, quarter=4, objective_text="otra redacción",
                                     responsible="=A1"))
    path = export_region(example_db, TARAPACA, 2009, tmp_path / "raro.xlsx")
    assert load_workbook(path, read_only=True).sheetnames[:6] == ["III.1", "III.2", "III.3", "III.4 T1", "III.4 T2",
                                                                  "III.4 T4"]
    import_workbook(other_db, path)
    assert dump(other_db) == dump(example_db)


def test_round_trip_replacing_in_place_changes_nothing(example_db: Database, tmp_path: Path) -> None:
    before = snapshot(example_db)
    path = export_region(example_db, TARAPACA, 2009, tmp_path / "ta.xlsx")
    report = import_workbook(example_db, path, replace=True)
    assert report.replaced == ((TARAPACA, 2009),)
    assert snapshot(example_db) == before


def test_round_trip_generated_national_set(db: Database, other_db: Database, tmp_path: Path) -> None:
    """Every region × III.1–III.3 (small programmes): export → import into an empty database,
    then again replacing in place, each time identical table by table."""
    generate_national(db, 2010, objectives=4, activities=3)
    path = export_national(db, 2010, tmp_path / "nacional.xlsx")
    assert load_workbook(path, read_only=True).sheetnames[0] == "Nacional"
    report = import_workbook(other_db, path)
    assert [r.iso_code for r, _y in report.years] == [r.iso_code for r in sorted(REGIONS, key=lambda r: r.cut)]
    assert (report.programmes, report.objectives, report.commitments, report.progress_entries) == (48, 192, 576, 192)
    source = dump(db)
    imported = dump(other_db)
    assert imported.keys() == source.keys()
    for table in source:
        assert imported[table] == source[table], table
    again = import_workbook(other_db, path, replace=True)
    assert len(again.replaced) == 16 and again.losses == ()
    replaced = dump(other_db)
    for table in source:
        assert replaced[table] == source[table], table


def test_an_edit_in_the_workbook_is_imported_and_dated(example_db: Database, tmp_path: Path) -> None:
    path = export_region(example_db, TARAPACA, 2009, tmp_path / "ta.xlsx")

    def change(wb) -> None:  # noqa: ANN001
        wb["III.1"]["G7"] = "1%"
        wb["III.1"]["H7"] = "Sí"

    edited = edit(path, tmp_path / "editado.xlsx", change)
    commitment_id = uuid.UUID(load_workbook(edited)["III.1"]["L7"].value)
    before = dump(example_db)
    import_workbook(example_db, edited, replace=True)
    after = dump(example_db)
    with example_db.reading() as session:
        row = session.get(CommitmentRow, commitment_id)
        assert (row.weight_text, row.weight, row.met) == ("1%", Decimal(1), True)
    old_rows, new_rows = by_id(before["commitment"]), by_id(after["commitment"])
    assert old_rows.keys() == new_rows.keys()
    assert [i for i in old_rows if old_rows[i] != new_rows[i]] == [commitment_id]
    old, new = old_rows[commitment_id], new_rows[commitment_id]
    assert new["created_at"] == old["created_at"] and new["updated_at"] > old["updated_at"]
    for table in ("objective", "work_programme", "progress_analysis", "reporting_year", "service"):
        assert before[table] == after[table]


def test_a_iii4_row_filled_in_the_workbook_is_created(example_db: Database, tmp_path: Path) -> None:
    path = export_region(example_db, TARAPACA, 2009, tmp_path / "ta.xlsx")
    holder: dict[str, str] = {}

    def change(wb) -> None:  # noqa: ANN001
        ws = wb["III.4 T2"]
        row = next(r for r in range(6, ws.max_row + 1) if ws.cell(r, 7).value and not ws.cell(r, 8).value)
        ws.cell(row, 3).value = "Avance escrito en Excel"
        holder["objective"] = ws.cell(row, 7).value

    import_workbook(example_db, edit(path, tmp_path / "t2.xlsx", change), replace=True)
    with example_db.reading() as session:
        rows = session.scalars(select(ProgressAnalysis)).all()
    assert len(rows) == 26
    new = next(r for r in rows if r.progress == "Avance escrito en Excel")
    assert str(new.objective_id) == holder["objective"] and new.quarter == 2


def test_dry_run_changes_nothing(example_db: Database, other_db: Database, files: dict[str, Path]) -> None:
    for database, replace in ((other_db, False), (example_db, True)):
        before = snapshot(database)
        report = import_workbook(database, files["good"], dry_run=True, replace=replace)
        assert report.dry_run and report.commitments == 29
        assert "no se cambió nada" in report.summary()
        assert snapshot(database) == before


_INLINE = re.compile(rb'<c r="([A-Z]+[0-9]+)"( s="[0-9]+")? t="inlineStr"><is><t( xml:space="preserve")?>(.*?)</t></is></c>',
                     re.S)


def as_excel_saves_it(source: Path, target: Path) -> Path:
    """Rewrite openpyxl's inline strings as Excel writes them: a shared string table, one
    entry in rich-text runs, so the reader is tested on what a coordinator sends back."""
    strings: list[bytes] = []
    index: dict[bytes, int] = {}

    def shared(match: re.Match) -> bytes:
        text = match.group(4)
        if text not in index:
            index[text] = len(strings)
            strings.append(text)
        return b'<c r="' + match.group(1) + b'"' + (match.group(2) or b"") + b' t="s"><v>' + \
            str(index[text]).encode() + b"</v></c>"

    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item)
            if item.filename.startswith("xl/worksheets/sheet"):
                data = _INLINE.sub(shared, data)
            elif item.filename == "xl/_rels/workbook.xml.rels":
                data = data.replace(b"</Relationships>", b'<Relationship Id="rIdSST" Type="http://schemas.openxml'
                                    b'formats.org/officeDocument/2006/relationships/sharedStrings" '
                                    b'Target="sharedStrings.xml"/></Relationships>')
            elif item.filename == "[Content_Types].xml":
                data = data.replace(b"</Types>", b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                                    b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
            zout.writestr(item, data)
        items = []
        for n, text in enumerate(strings):
            if n == 0 and b"&" not in text and len(text) > 2:  # rich text: "Act" + bold "ividad…"
                items.append(b"<si><r><t>" + text[:3] + b'</t></r><r><rPr><b/></rPr><t xml:space="preserve">' +
                             text[3:] + b"</t></r></si>")
            else:
                items.append(b'<si><t xml:space="preserve">' + text + b"</t></si>")
        zout.writestr("xl/sharedStrings.xml", b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.'
                      b'openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">' % (len(items), len(items))
                      + b"".join(items) + b"</sst>")
    return target


def test_round_trip_through_a_workbook_saved_by_excel(example_db: Database, other_db: Database, tmp_path: Path) -> None:
    path = export_region(example_db, TARAPACA, 2009, tmp_path / "ta.xlsx")
    resaved = as_excel_saves_it(path, tmp_path / "excel.xlsx")
    assert b"inlineStr" not in zipfile.ZipFile(resaved).read("xl/worksheets/sheet1.xml")
    assert load_workbook(resaved)["III.1"]["A2"].value == "REGIÓN (1)"  # still a valid workbook
    import_workbook(other_db, resaved)
    assert dump(other_db) == dump(example_db)


# -- the legacy layout -----------------------------------------------------------------------


def test_legacy_layout_creates_new_programmes(other_db: Database, files: dict[str, Path]) -> None:
    report = import_workbook(other_db, files["legacy"])
    assert report.layout == "legado"
    example = read_example()
    service = ProgrammeService(other_db)
    imported = service.programmes(TARAPACA, 2009)
    assert [p.form for p in imported] == [FormKind.III_1, FormKind.III_2, FormKind.III_3]
    for new, old in zip(imported, example.programmes):
        assert new.id != old.id
        assert new.instance == old.instance
        simplify = lambda p: [  # noqa: E731 - the legacy layout has no ids nor kinds
            (o.position, o.section, o.text, o.indicator, o.indicator_result,
             [(c.position, c.description, c.responsible_unit, c.verification_means, c.weight_text, c.met)
              for c in o.commitments])
            for o in p.objectives
        ]
        assert simplify(new) == simplify(old)
    # III.4 rows are tied to their objectives by text, although III.4 words some differently.
    report_t2 = service.progress(TARAPACA, 2009, 2, include_blank=False)
    position = {o.id: (p.form, i) for p in imported for i, o in enumerate(p.objectives)}
    old_position = {o.id: (p.form, i) for p in example.programmes for i, o in enumerate(p.objectives)}
    assert sorted(position[e.objective_id] for e in report_t2.entries) == sorted(
        old_position[e.objective_id] for e in example.progress[0].entries
    )
    assert [e.progress for e in report_t2.entries] == [e.progress for e in example.progress[0].entries]
    assert report_t2.responsible_office == example.responsible_office


def test_legacy_sheet_built_by_hand(other_db: Database, tmp_path: Path) -> None:
    """A seed-like sheet: a "Región (1)" column, the year in the title, "si"/"no" in lower case,
    a weight typed as a number in a percent cell, a continuation row with empty objective cells."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Hoja1"
    ws["A1"] = "Actividad III. 1. Programa de Trabajo de Gestión Territorial 2011 (mejoras en el diseño)"
    headers = ["Región (1)", "Objetivos específicos (2)", "Indicador (3)", "Resultado anual del indicador (4)",
               "Meta anual o actividades comprometidas (5)", "Unidad Responsable (6)", "Medio de verificación (7)",
               "Ponderación (%) (8)", "Cumple/no cumple (9)", "Ponderación ganada (10)"]
    ws.append([])
    ws.append(headers)
    ws.append(["Antofagasta", "Capacitar a funcionarios", "Nº de capacitaciones", "3", "Taller 1", "Dirección",
               "Actas", 0.05, "si", None])
    ws["H4"].number_format = "0%"
    ws.append([None, None, None, None, "Taller 2", "Dirección", "Actas", "95 %", "NO", None])
    path = tmp_path / "mano.xlsx"
    wb.save(path)
    report = import_workbook(other_db, path)
    assert report.years == ((find_region("CL-AN"), 2011),)
    programme = ProgrammeService(other_db).programme(find_region("CL-AN"), 2011, FormKind.III_1)
    (objective,) = programme.objectives
    assert objective.text == "Capacitar a funcionarios" and objective.indicator_result == "3"
    assert [(c.description, c.weight_text, c.weight, c.met) for c in objective.commitments] == [
        ("Taller 1", "5%", Decimal(5), True), ("Taller 2", "95 %", Decimal(95), False)]
    # One programme, one objective: the nouns agree with the numbers.
    assert "Antofagasta 2011 — 1 programa, 1 objetivo, 2 filas de actividades, 0 filas de III.4." in report.summary()


def test_legacy_sheet_without_a_year_takes_the_workbooks(other_db: Database, files: dict[str, Path], tmp_path: Path) -> None:
    """Seed 001 prints no year on III.3: the other sheets of the workbook give it."""
    def change(wb) -> None:  # noqa: ANN001
        wb["III.3"]["A3"] = wb["III.3"]["B3"] = None

    report = import_workbook(other_db, edit(files["legacy"], tmp_path / "sin-anio.xlsx", change))
    assert report.programmes == 3
    assert ProgrammeService(other_db).programme(TARAPACA, 2009, FormKind.III_3).objectives


def test_legacy_year_present_is_replaced_only_when_asked(example_db: Database, files: dict[str, Path]) -> None:
    before = snapshot(example_db)
    with pytest.raises(ExcelImportError) as info:
        import_workbook(example_db, files["legacy"])
    assert any("ya existe" in p.message and p.sheet == "III.1" and p.cell == "B3" for p in info.value.problems)
    assert snapshot(example_db) == before
    old = {p.form: p for p in ProgrammeService(example_db).programmes(TARAPACA, 2009)}
    report = import_workbook(example_db, files["legacy"], replace=True)
    assert report.replaced == ((TARAPACA, 2009),) and report.losses == ()
    counts, _ = snapshot(example_db)
    assert counts == before[0]
    new = {p.form: p for p in ProgrammeService(example_db).programmes(TARAPACA, 2009)}
    # The year and each programme are the database's own (same region, year and form), so a
    # review of the programme stays; the legacy layout has no ids, so its rows are new ones.
    assert {f: p.id for f, p in new.items()} == {f: p.id for f, p in old.items()}
    assert not {o.id for p in new.values() for o in p.objectives} & {o.id for p in old.values() for o in p.objectives}


# -- replacing in place: what hangs from the records stays ----------------------------------

ACTA = b"%PDF-1.4 acta firmada\n"


@pytest.fixture
def central_db(tmp_path: Path):
    """A central office's database with Tarapacá 2009 where the first III.1 commitment has an
    evidence file and an observation, its objective an observation, and III.1 a review."""
    from db.models import WorkProgramme
    from desktop.sync import service

    (tmp_path / "central").mkdir()
    database = open_database(tmp_path / "central" / "avance.db")
    service.init_office(database, region=None, passphrase="frase de paso de prueba")
    load_example(database)
    with database.reading() as session:
        programme = session.scalars(select(WorkProgramme).where(WorkProgramme.form == "III.1")).one()
        objective = min(programme.objectives, key=lambda o: o.position)
        commitment = min(objective.commitments, key=lambda c: c.position)
        ids = {"programme": programme.id, "objective": objective.id, "commitment": commitment.id}
    acta = tmp_path / "acta.pdf"
    acta.write_bytes(ACTA)
    service.attach_evidence(database, ids["commitment"], acta)
    service.add_observation(database, "commitment", ids["commitment"], "Falta el acta firmada por la Seremi.")
    service.add_observation(database, "objective", ids["objective"], "Revisar el indicador.")
    service.set_review(database, ids["programme"], "observado", "Revisar ponderaciones.")
    database.ids = ids  # type: ignore[attr-defined]
    yield database
    database.close()


def test_replacing_with_the_exported_workbook_keeps_evidence_observations_and_review(
    central_db: Database, tmp_path: Path
) -> None:
    """Export, then import the same workbook replacing the year: the database is identical,
    table by table (the evidence row and its blob, the observations, the review included)."""
    before = dump(central_db, skip=())
    assert [len(before[t]) for t in ("evidence", "observation", "programme_review")] == [1, 2, 1]
    path = export_region(central_db, TARAPACA, 2009, tmp_path / "ta.xlsx")
    assert import_workbook(central_db, path, dry_run=True, replace=True).losses == ()
    report = import_workbook(central_db, path, replace=True)
    assert report.replaced == ((TARAPACA, 2009),) and report.losses == ()
    after = dump(central_db, skip=())
    for table in before:
        assert after[table] == before[table], table


def test_an_edited_row_keeps_its_evidence(central_db: Database, tmp_path: Path) -> None:
    path = export_region(central_db, TARAPACA, 2009, tmp_path / "ta.xlsx")
    commitment_id = central_db.ids["commitment"]  # type: ignore[attr-defined]
    assert load_workbook(path)["III.1"]["L7"].value == str(commitment_id)
    edited = edit(path, tmp_path / "editado.xlsx", _set("III.1", "H7", "Sí"))
    import_workbook(central_db, edited, replace=True)
    after = dump(central_db, skip=())
    assert [dict(r)["commitment_id"] for r in after["evidence"]] == [commitment_id]
    assert {dict(r)["target_id"] for r in after["observation"]} == {commitment_id, central_db.ids["objective"]}  # type: ignore[attr-defined]
    with central_db.reading() as session:
        assert session.get(CommitmentRow, commitment_id).met is True


def test_a_replace_that_would_delete_evidence_says_so_before_writing(
    central_db: Database, files: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A legacy workbook (no ids) replacing the year drops the rows the evidence and
    observations hang from: the refusal, the dry run and the report say so; only a real
    replace writes."""
    before = snapshot(central_db)
    with pytest.raises(ExcelImportError) as info:
        import_workbook(central_db, files["legacy"])
    (problem,) = info.value.problems
    assert "se eliminaría 1 medio de verificación adjunto a la actividad «" in problem.message
    assert "2 observaciones de la oficina central quedarían sin el objetivo o la actividad" in problem.message
    assert problem.message.startswith("ya existe Tarapacá (CL-TA) 2009")
    plan = excel.plan_import(central_db, files["legacy"])
    assert plan.ok and plan.existing == ((TARAPACA, 2009),)
    (loss,) = plan.losses
    assert (loss.form, loss.evidence, loss.observations, loss.review) == (FormKind.III_1, 1, 2, "")
    dry = import_workbook(central_db, files["legacy"], dry_run=True, replace=True)
    assert "III.1 de Tarapacá 2009: se eliminaría 1 medio de verificación" in dry.summary()
    assert snapshot(central_db) == before

    db_path = str(central_db.path)
    code, _out, err = _run(capsys, "--db", db_path, "xlsx", "import", str(files["legacy"]))
    assert code == 1 and "use --replace para reemplazarlo, o cancele. Al reemplazarlo, III.1 de Tarapacá 2009: " \
        "se eliminaría 1 medio de verificación" in err
    code, out, _err = _run(capsys, "--db", db_path, "xlsx", "import", str(files["legacy"]), "--dry-run", "--replace")
    assert code == 0 and "se eliminaría 1 medio de verificación adjunto" in out and "no se cambió nada" in out
    assert snapshot(central_db) == before

    report = import_workbook(central_db, files["legacy"], replace=True)
    assert report.losses == plan.losses
    assert "se eliminó 1 medio de verificación" in report.summary()
    after = dump(central_db, skip=())
    assert after["evidence"] == [] and len(after["observation"]) == 2  # the central office's notes stay
    assert len(after["programme_review"]) == 1  # the programme is the same one: its review stays


# -- the corpus of bad workbooks --------------------------------------------------------------


def _zip(target: Path, entries: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return target


_CT = b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'
_WB = b'<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>'


def _set(sheet: str, cell: str, value: object):  # noqa: ANN202
    def change(wb) -> None:  # noqa: ANN001
        wb[sheet][cell] = value
    return change


def _case_missing_header(f, t):  # noqa: ANN001, ANN202
    return edit(f["good"], t, _set("III.1", "C6", None)), "III.1", "C6", "falta el encabezado"


def _case_renamed_header(f, t):  # noqa: ANN001, ANN202
    return edit(f["good"], t, _set("III.1", "B6", "Indicadores (3)")), "III.1", "B6", "no es el oficial"


def _case_text_in_weight(f, t):  # noqa: ANN001, ANN202
    return edit(f["good"], t, _set("III.1", "G7", "medio por ciento")), "III.1", "G7", "(nota 8)"


def _case_quizas(f, t):  # noqa: ANN001, ANN202
    return edit(f["good"], t, _set("III.1", "H8", "Quizás")), "III.1", "H8", "Sí, No o deje la celda vacía"


def _case_unknown_region(f, t):  # noqa: ANN001, ANN202
    return edit(f["good"], t, _set("III.2", "B2", "Atlántida")), "III.2", "B2", "Región desconocida"


def _case_merged_rows(f, t):  # noqa: ANN001, ANN202
    return edit(f["good"], t, lambda wb: wb["III.1"].merge_cells("A7:A8")), "III.1", "A7", "combinadas en varias filas"


def _case_year_present(f, t):  # noqa: ANN001, ANN202
    return f["good"], "III.1", "B3", "ya existe Tarapacá (CL-TA) 2009 en la base de datos: vuelva a importar"


def _case_bad_id_in_meta(f, t):  # noqa: ANN001, ANN202
    row = meta_row(f["good"], "fila")
    path = edit(f["good"], t, set_meta_field(row, 1, str(uuid.uuid4())))
    # The sheet's row (III.1's first activity, row 7; ids in column L) names an id _avance lost.
    return path, "III.1", "L7", "no figura en la hoja «_avance»"


def _case_not_excel(f, t):  # noqa: ANN001, ANN202
    t.write_text("Región;Objetivo\nTarapacá;algo\n", encoding="utf-8")
    return t, "", "", "no es un libro de Excel"


def _case_encrypted(f, t):  # noqa: ANN001, ANN202
    t.write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 4096)
    return t, "", "", "protegido con contraseña"


def _case_truncated(f, t):  # noqa: ANN001, ANN202
    data = f["good"].read_bytes()
    t.write_bytes(data[: len(data) // 2])
    return t, "", "", "dañado o incompleto"


def _case_bomb_size(f, t):  # noqa: ANN001, ANN202
    zeros = b"\0" * (excel.MAX_UNCOMPRESSED + 1024)
    return _zip(t, {"[Content_Types].xml": _CT, "xl/workbook.xml": _WB, "xl/worksheets/sheet1.xml": zeros}), "", "", \
        "bomba zip"


def _case_bomb_ratio(f, t):  # noqa: ANN001, ANN202
    zeros = b"<a/>" * (2 * 1024 * 1024)
    return _zip(t, {"[Content_Types].xml": _CT, "xl/workbook.xml": _WB, "xl/worksheets/sheet1.xml": zeros}), "", "", \
        "bomba zip"


def _case_empty_workbook(f, t):  # noqa: ANN001, ANN202
    Workbook().save(t)
    return t, "Sheet", "A1", "ninguna hoja de formulario"


def _case_renamed_sheet(f, t):  # noqa: ANN001, ANN202
    row = meta_row(f["good"], "programa", sheet="III.1")

    def change(wb) -> None:  # noqa: ANN001
        wb["III.1"].title = "Formulario 1"
    return edit(f["good"], t, change), "_avance", f"A{row} (campo «hoja»)", "no existe en el libro"


def _case_year_not_a_number(f, t):  # noqa: ANN001, ANN202
    return edit(f["good"], t, _set("III.1", "B3", "dos mil nueve")), "III.1", "B3", "no es un número"


def _case_copied_row_id(f, t):  # noqa: ANN001, ANN202
    def change(wb) -> None:  # noqa: ANN001
        wb["III.1"]["L8"] = wb["III.1"]["L7"].value
    return edit(f["good"], t, change), "III.1", "L8", "repetido"


def _case_unknown_version(f, t):  # noqa: ANN001, ANN202
    return edit(f["good"], t, _set("_avance", "B2", 99)), "_avance", "B2", "versión de formato"


def _case_bad_quarter(f, t):  # noqa: ANN001, ANN202
    return edit(f["good"], t, _set("III.4 T2", "D3", "T9")), "III.4 T2", "D3", "trimestre"


def _case_unknown_programme(f, t):  # noqa: ANN001, ANN202
    return edit(f["good"], t, _set("III.4 T2", "A6", "Otro programa")), "III.4 T2", "A6", "programa de trabajo desconocido"


def _case_meta_record_damaged(f, t):  # noqa: ANN001, ANN202
    row = meta_row(f["good"], "objetivo", index=1)

    def change(wb) -> None:  # noqa: ANN001
        cell = wb["_avance"].cell(row, 1)
        cell.value = cell.value[:-1]  # the closing bracket lost
    return edit(f["good"], t, change), "_avance", f"A{row}", "registro alterado"


def _case_meta_record_float(f, t):  # noqa: ANN001, ANN202
    row = meta_row(f["good"], "fila")
    return edit(f["good"], t, set_meta_field(row, 8, 1.5)), "_avance", f"A{row}", "decimales"


def _case_version_1_bad_id(f, t):  # noqa: ANN001, ANN202
    row = meta_row(f["good"], "fila")

    def change(wb) -> None:  # noqa: ANN001
        to_version_1(wb)
        wb["_avance"].cell(row, 2).value = "no-es-un-uuid"
    return edit(f["good"], t, change), "_avance", f"B{row}", "no es válido"


def _case_dtd(f, t):  # noqa: ANN001, ANN202
    evil = b'<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY lol "lol">]><Types/>'
    return _zip(t, {"[Content_Types].xml": evil, "xl/workbook.xml": _WB}), "", "", "DTD"


def _case_other_zip(f, t):  # noqa: ANN001, ANN202
    return _zip(t, {"word/document.xml": b"<w/>", "[Content_Types].xml": _CT}), "", "", "no un libro de Excel"


def _case_legacy_unknown_region(f, t):  # noqa: ANN001, ANN202
    return edit(f["legacy"], t, _set("III.3", "B2", "Narnia")), "III.3", "B2", "Región desconocida"


def _case_legacy_no_headers(f, t):  # noqa: ANN001, ANN202
    def change(wb) -> None:  # noqa: ANN001
        for col in range(1, 11):
            wb["III.1"].cell(6, col).value = None
    return edit(f["legacy"], t, change), "III.1", "A1", "fila de encabezados"


def _case_legacy_merged(f, t):  # noqa: ANN001, ANN202
    return edit(f["legacy"], t, lambda wb: wb["III.2"].merge_cells("E10:E11")), "III.2", "E10", "combinadas"


def _case_sheet_part_missing(f, t):  # noqa: ANN001, ANN202
    """A zip that lost a sheet's part (a damaged copy): a damaged file, not a renamed sheet."""
    part = _part_of(f["good"], "III.2")
    with zipfile.ZipFile(f["good"]) as zin, zipfile.ZipFile(t, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if info.filename != part:
                zout.writestr(info, zin.read(info))
    return t, "", "", "dañado o incompleto: le falta el contenido de la hoja «III.2»"


CASES = {
    "encabezado-faltante": _case_missing_header,
    "encabezado-renombrado": _case_renamed_header,
    "texto-en-ponderacion": _case_text_in_weight,
    "quizas-en-cumple": _case_quizas,
    "region-desconocida": _case_unknown_region,
    "celdas-combinadas": _case_merged_rows,
    "anio-existente-sin-replace": _case_year_present,
    "id-malo-en-avance": _case_bad_id_in_meta,
    "no-es-excel": _case_not_excel,
    "ole-cifrado": _case_encrypted,
    "zip-truncado": _case_truncated,
    "bomba-zip-tamano": _case_bomb_size,
    "bomba-zip-razon": _case_bomb_ratio,
    "libro-vacio": _case_empty_workbook,
    "hoja-renombrada": _case_renamed_sheet,
    "anio-no-numero": _case_year_not_a_number,
    "id-repetido": _case_copied_row_id,
    "version-desconocida": _case_unknown_version,
    "trimestre-ilegible": _case_bad_quarter,
    "programa-desconocido": _case_unknown_programme,
    "registro-avance-danado": _case_meta_record_damaged,
    "registro-avance-con-decimales": _case_meta_record_float,
    "version-1-id-malo": _case_version_1_bad_id,
    "xml-con-dtd": _case_dtd,
    "zip-que-no-es-libro": _case_other_zip,
    "legado-region-desconocida": _case_legacy_unknown_region,
    "legado-sin-encabezados": _case_legacy_no_headers,
    "legado-celdas-combinadas": _case_legacy_merged,
    "hoja-sin-contenido": _case_sheet_part_missing,
}


@pytest.mark.parametrize("name", list(CASES))
def test_bad_workbook_is_rejected_with_its_cell_and_nothing_written(
    name: str, example_db: Database, files: dict[str, Path], tmp_path: Path
) -> None:
    path, sheet, cell, fragment = CASES[name](files, tmp_path / f"{name}.xlsx")
    before = snapshot(example_db)
    replace = name != "anio-existente-sin-replace"
    with pytest.raises(ExcelImportError) as info:
        import_workbook(example_db, path, replace=replace)
    problems = info.value.problems
    assert problems, name
    matching = [p for p in problems if p.sheet == sheet and p.cell == cell and fragment in p.message]
    assert matching, "\n".join(str(p) for p in problems)
    if sheet:
        assert str(matching[0]).startswith(f"Hoja «{sheet}», celda {cell}: ")
    assert snapshot(example_db) == before
    # The same problems without a database, from validate_workbook.
    if name != "anio-existente-sin-replace":
        _data, again = validate_workbook(path)
        assert matching[0] in again


def test_the_corpus_is_large_enough() -> None:
    assert len(CASES) >= 15


def test_every_problem_is_reported_at_once(example_db: Database, files: dict[str, Path], tmp_path: Path) -> None:
    def change(wb) -> None:  # noqa: ANN001
        wb["III.1"]["G7"] = "mucho"
        wb["III.1"]["H8"] = "Quizás"
        wb["III.2"]["B6"] = "Indicador"  # instance row is row 6; header of III.2 is row 9
        wb["III.2"]["B9"] = "Indicadores (8)"
        wb["III.4 T2"]["A6"] = "Otro"

    before = snapshot(example_db)
    with pytest.raises(ExcelImportError) as info:
        import_workbook(example_db, edit(files["good"], tmp_path / "varios.xlsx", change))
    cells = {(p.sheet, p.cell) for p in info.value.problems}
    assert {("III.1", "G7"), ("III.1", "H8"), ("III.2", "B9"), ("III.4 T2", "A6"), ("III.1", "B3")} <= cells
    assert snapshot(example_db) == before
    assert len(str(info.value).splitlines()) == len(info.value.problems)


def test_zip_checks_come_before_any_parsing(monkeypatch: pytest.MonkeyPatch, files: dict[str, Path], tmp_path: Path) -> None:
    def refuse(*_args, **_kwargs):  # noqa: ANN002, ANN003, ANN202
        raise AssertionError("the workbook was parsed")

    monkeypatch.setattr(excel, "_Book", refuse)
    for case in (_case_bomb_size, _case_bomb_ratio, _case_encrypted, _case_truncated, _case_dtd):
        path, *_rest = case(files, tmp_path / f"{case.__name__}.xlsx")
        data, problems = validate_workbook(path)
        assert data is None and len(problems) == 1 and problems[0].sheet == ""


def test_problem_text() -> None:
    assert str(Problem("III.1", "G12", "x")) == "Hoja «III.1», celda G12: x"
    assert str(Problem("", "", "archivo malo")) == "archivo malo"


# -- the command line ------------------------------------------------------------------------


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def cli_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AVANCE_DB", str(tmp_path / "no-usar.db"))


def test_cli_export_and_import(cli_env: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source, target, out = tmp_path / "a.db", tmp_path / "b.db", tmp_path / "ta.xlsx"
    assert _run(capsys, "--db", str(source), "example", "load")[0] == 0
    code, stdout, err = _run(capsys, "--db", str(source), "xlsx", "export", "--region", "CL-TA", "--year", "2009",
                             "-o", str(out))
    assert (code, err) == (0, "") and "Tarapacá" in stdout and out.exists()
    code, stdout, err = _run(capsys, "--db", str(target), "xlsx", "import", str(out), "--dry-run")
    assert code == 0 and "no se cambió nada" in stdout
    code, stdout, err = _run(capsys, "--db", str(target), "xlsx", "import", str(out))
    assert (code, err) == (0, "") and stdout.startswith("Importado: Tarapacá 2009")
    code, stdout, err = _run(capsys, "--db", str(target), "xlsx", "import", str(out))
    lines = err.strip().splitlines()
    assert code == 1 and stdout == ""
    assert lines[0] == ("avance: Hoja «III.1», celda B3: ya existe Tarapacá (CL-TA) 2009 en la base de datos: use "
                        "--replace para reemplazarlo, o cancele.")
    assert lines[-1] == "avance: no se importó nada (1 problema)."
    assert _run(capsys, "--db", str(target), "xlsx", "import", str(out), "--replace")[0] == 0


def test_cli_lists_every_problem(cli_env: None, tmp_path: Path, files: dict[str, Path],
                                 capsys: pytest.CaptureFixture[str]) -> None:
    def change(wb) -> None:  # noqa: ANN001
        wb["III.1"]["G7"] = "mucho"
        wb["III.1"]["H8"] = "Quizás"

    bad = edit(files["good"], tmp_path / "malo.xlsx", change)
    db_path = tmp_path / "c.db"
    code, out, err = _run(capsys, "--db", str(db_path), "xlsx", "import", str(bad))
    lines = err.strip().splitlines()
    assert code == 1 and out == ""
    assert any(line.startswith("avance: Hoja «III.1», celda G7: ") for line in lines)
    assert any(line.startswith("avance: Hoja «III.1», celda H8: ") for line in lines)
    assert lines[-1] == "avance: no se importó nada (2 problemas)."
    code, _out, err = _run(capsys, "--db", str(db_path), "xlsx", "import", str(tmp_path / "no-existe.xlsx"))
    assert code == 1 and "No existe el archivo" in err


def test_cli_national_export_and_errors(cli_env: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db_path = tmp_path / "n.db"
    assert _run(capsys, "--db", str(db_path), "example", "generate", "--year", "2010", "--objectives", "2",
                "--activities", "2")[0] == 0
    out = tmp_path / "nacional.xlsx"
    code, stdout, _err = _run(capsys, "--db", str(db_path), "xlsx", "export", "--national", "--year", "2010", "-o", str(out))
    assert code == 0 and "nacional" in stdout
    names = load_workbook(out, read_only=True).sheetnames
    assert names[0] == "Nacional" and "CL-NB III.4 T2" in names and len(names) == 1 + 16 * 4 + 2
    code, _out, err = _run(capsys, "--db", str(db_path), "xlsx", "export", "--national", "--year", "2011", "-o", str(out))
    assert code == 1 and len(err.strip().splitlines()) == 1 and "2011" in err
    code, _out, err = _run(capsys, "--db", str(db_path), "xlsx", "export", "--region", "Narnia", "--year", "2010",
                           "-o", str(out))
    assert code == 1 and "Región desconocida" in err
    assert _run(capsys, "--db", str(db_path), "xlsx", "export", "--year", "2010", "-o", str(out))[0] == 2



# -- reading cells: openpyxl's parser with the plain inline-string shortcut -------------------


def _rewrite_part(source: Path, target: Path, part: str, change: Callable[[bytes], bytes]) -> Path:
    """A copy of ``source`` with one zip part rewritten byte-wise."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            zout.writestr(info, change(data) if info.filename == part else data)
    return target


def _part_of(path: Path, title: str) -> str:
    """The zip part that holds sheet ``title``."""
    book = excel._Book(path)
    try:
        return book._wb[title]._worksheet_path.lstrip("/")
    finally:
        book.close()


def test_rich_and_phonetic_inline_strings_read_as_their_plain_text(tmp_path: Path) -> None:
    """Text cells written as runs (bold part of an objective) or with phonetic guides come back
    as the text a person sees; plain ones keep their spaces and line breaks."""
    from openpyxl.cell.rich_text import CellRichText, TextBlock
    from openpyxl.cell.text import InlineFont

    wb = Workbook()
    ws = wb.active
    ws.title = "Hoja"
    ws["A1"] = CellRichText("Aumentar ", TextBlock(InlineFont(b=True), "la cobertura"), " <regional> & más")
    ws["B1"] = "  con espacios\ny salto  "
    ws["C2"] = 12
    wb.save(tmp_path / "rico.xlsx")
    part = _part_of(tmp_path / "rico.xlsx", "Hoja")
    phonetic = b'<c r="D2" t="inlineStr"><is><t>Biob\xc3\xado</t><rPh sb="0" eb="1"><t>x</t></rPh></is></c>'
    _rewrite_part(tmp_path / "rico.xlsx", tmp_path / "rico2.xlsx", part,
                  lambda data: data.replace(b"</row></sheetData>", phonetic + b"</row></sheetData>", 1))
    book = excel._Book(tmp_path / "rico2.xlsx")
    try:
        grid = book["Hoja"]
    finally:
        book.close()
    assert grid.get(1, 1) == "Aumentar la cobertura <regional> & más"
    assert grid.get(1, 2) == "  con espacios\ny salto  "
    assert grid.get(2, 3) == 12
    assert grid.get(2, 4) == "Biobío"
    assert grid.rows[0] == ("Aumentar la cobertura <regional> & más", "  con espacios\ny salto  ")


def test_a_row_beyond_excels_grid_is_refused_with_its_sheet(
    example_db: Database, files: dict[str, Path], tmp_path: Path
) -> None:
    """A hand-edited sheet that places a cell at row 2 000 000 is refused before the reader
    fills memory with empty rows; the problem names the sheet and nothing is written."""
    part = _part_of(files["good"], "III.1")
    far = b'<row r="2000000"><c r="A2000000" t="inlineStr"><is><t>x</t></is></c></row></sheetData>'
    path = _rewrite_part(files["good"], tmp_path / "lejos.xlsx", part,
                         lambda data: data.replace(b"</sheetData>", far, 1))
    before = snapshot(example_db)
    with pytest.raises(ExcelImportError) as info:
        import_workbook(example_db, path, replace=True)
    (problem,) = info.value.problems
    assert problem.sheet == "III.1"
    assert "2000000" in problem.message and "límite de Excel" in problem.message
    assert snapshot(example_db) == before


def test_an_unreadable_weight_is_one_problem_naming_its_cell(files: dict[str, Path], tmp_path: Path) -> None:
    """The weight's text is said once, and a cell with two unreadable parts is one problem."""
    def change(wb) -> None:  # noqa: ANN001
        wb["III.1"]["G7"] = "mucho"
        wb["III.1"]["G8"] = "algo 1% más"

    _data, problems = validate_workbook(edit(files["good"], tmp_path / "pesos.xlsx", change))
    weight = [str(p) for p in problems if p.cell in ("G7", "G8")]
    assert weight == [
        "Hoja «III.1», celda G7: no se pudo leer la ponderación «mucho»; escriba la ponderación como «0,5%» o "
        "«0.5%  0.5%» (nota 8).",
        "Hoja «III.1», celda G8: no se pudo leer «algo» ni «más» en la ponderación «algo 1% más»; escriba la "
        "ponderación como «0,5%» o «0.5%  0.5%» (nota 8).",
    ]


def test_problems_on_iii2_name_iii2s_own_columns_and_notes(files: dict[str, Path], tmp_path: Path) -> None:
    """III.2 numbers its control table (7)–(15): a problem on its sheet points to its own
    column and note (weight (13), compliance (14)), not to III.1's (8) and (9), which on III.2
    are the indicator and its result (seed 001, Notas Actividad III. 2)."""
    def change(wb) -> None:  # noqa: ANN001
        ws = wb["III.2"]
        ws["G10"] = "mucho"
        ws["H11"] = "Quizás"
        ws["G12"] = True
        ws.insert_rows(13)
        ws["H13"] = "Sí"

    _data, problems = validate_workbook(edit(files["good"], tmp_path / "iii2.xlsx", change))
    said = {p.cell: p.message for p in problems if p.sheet == "III.2"}
    assert said["G10"].endswith("escriba la ponderación como «0,5%» o «0.5%  0.5%» (nota 13).")
    assert said["H11"].endswith("(nota 14: «Sí» sólo si se cumplió en un 100 %).")
    assert "van en Cumple/no cumple (14)." in said["G12"] and "(nota 13)" in said["G12"]
    assert said["H13"].startswith("la fila solo tiene «Sí» en Cumple/no cumple (14), sin objetivo específico (7), "
                                  "actividad (10) ni ponderación (13)")
    assert not any(n in m for m in said.values() for n in ("(nota 8)", "(nota 9", "(9)", "(8)"))


def test_a_plan_is_not_imported_once_it_no_longer_says_what_would_be_lost(
    example_db: Database, files: dict[str, Path], tmp_path: Path
) -> None:
    """Evidence attached between the check (what the window asked about) and the import: the
    import refuses instead of deleting what the user was not told about."""
    from desktop.sync.service import attach_evidence

    plan = excel.plan_import(example_db, files["legacy"])
    assert plan.ok and plan.existing == ((TARAPACA, 2009),) and plan.losses == ()
    with example_db.reading() as session:
        commitment = session.scalars(select(CommitmentRow.id).order_by(CommitmentRow.id)).first()
    acta = tmp_path / "acta.pdf"
    acta.write_bytes(ACTA)
    attach_evidence(example_db, commitment, acta)
    before = snapshot(example_db)
    with pytest.raises(ExcelImportError) as info:
        import_workbook(example_db, files["legacy"], replace=True, plan=plan)
    (problem,) = info.value.problems
    assert "cambió desde que se revisó el libro" in problem.message and "1 medio de verificación" in problem.message
    assert snapshot(example_db) == before
