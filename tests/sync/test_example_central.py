"""The Tarapacá example at a central office (issue 3, parts 1 and 5): the window loads it into
an empty database before the office is chosen; setting the installation up as the central
office removes it when untouched (and says so), the window never loads it at a central office,
``avance example remove`` removes it by hand (never what went through sync), and a complete
bundle from the real region replaces a copy of the region that no bundle brought; a clash of
unique keys that remains is refused naming what collides and what to do."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from sqlalchemy import select

from db.engine import open_database
from db.models import CommitmentRow, ObjectiveRow, ProgressAnalysis, ReportingYear
from desktop.cli import main
from desktop.domain.regions import find_region
from desktop.errors import EditError
from desktop.services import example
from desktop.services.example import load_example, remove_example
from desktop.services.generate import generate_national
from desktop.sync import errors, service
from tests.sync.helpers import PASS, Office, enrol, make_office, snapshot
from tests.sync.test_adversarial import refused

TA = find_region("CL-TA")


def _records(office: Office, code: str = "CL-TA") -> dict[tuple[str, uuid.UUID], str]:
    with office.db.reading() as session:
        return {k: d for k, (d, _) in service.region_records(session, code).items()}


def _fresh(tmp_path: Path, name: str) -> Path:
    folder = tmp_path / name
    folder.mkdir()
    return folder / "avance.db"


def test_setting_up_the_central_office_removes_the_untouched_example(tmp_path: Path) -> None:
    db = open_database(_fresh(tmp_path, "c"))
    try:
        assert example.wants_example(db)  # not set up yet: the window loads it
        load_example(db)
        info = service.init_office(db, region=None, passphrase=PASS)
        assert info.example_removed and "Se quitó el ejemplo Tarapacá 2009" in info.notice
        with db.reading() as session:
            assert session.scalar(select(ReportingYear.id)) is None and not service.region_records(session, "CL-TA")
        assert not example.wants_example(db)  # nor at the next start: it is the central office
    finally:
        db.close()


def test_a_regional_office_keeps_its_example(tmp_path: Path) -> None:
    db = open_database(_fresh(tmp_path, "r"))
    try:
        load_example(db)
        info = service.init_office(db, region="CL-TA", passphrase=PASS)
        assert not info.example_removed and info.notice == ""
        assert example.example_state(db) == example.UNTOUCHED
    finally:
        db.close()


def test_a_regional_office_of_another_region_drops_the_untouched_example(tmp_path: Path) -> None:
    """Antofagasta's office holds Antofagasta's data: the Tarapacá example it was shown goes, and
    the window does not load it again on the empty database."""
    db = open_database(_fresh(tmp_path, "an"))
    try:
        load_example(db)
        info = service.init_office(db, region="CL-AN", passphrase=PASS)
        assert info.example_removed
        assert "Se quitó el ejemplo Tarapacá 2009" in info.notice and "oficina regional de Antofagasta" in info.notice
        assert example.example_state(db) == example.ABSENT
        assert not example.wants_example(db)
    finally:
        db.close()


def test_an_edited_example_at_another_regions_office_stays_with_a_notice(tmp_path: Path) -> None:
    db = open_database(_fresh(tmp_path, "an"))
    try:
        load_example(db)
        with db.transaction() as session:
            session.scalars(select(CommitmentRow)).first().description = "Cambiada aquí"
        info = service.init_office(db, region="CL-AN", passphrase=PASS)
        assert not info.example_removed and "avance example remove --edited" in info.notice
        assert "sus paquetes llevan solo los datos de Antofagasta" in info.notice
        assert example.example_state(db) == example.EDITED
    finally:
        db.close()


def test_tarapacas_office_wants_the_example_on_an_empty_database(tmp_path: Path) -> None:
    db = open_database(_fresh(tmp_path, "ta"))
    try:
        service.init_office(db, region="CL-TA", passphrase=PASS)
        assert example.wants_example(db)
    finally:
        db.close()


def test_the_command_line_says_it_removed_the_example(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    pw = tmp_path / "pass"
    pw.write_text("frase larga de prueba\n", encoding="utf-8")
    c = str(tmp_path / "c.db")
    assert main(["--db", c, "example", "load"]) == 0
    assert main(["--db", c, "office", "init", "--central", "--passphrase-file", str(pw)]) == 0
    assert "Se quitó el ejemplo Tarapacá 2009" in capsys.readouterr().out
    assert main(["--db", c, "summary", "--national", "--year", "2009"]) in (0, 1)
    assert "Tarapacá" not in capsys.readouterr().out


def test_an_edited_example_stays_and_the_notice_says_how_to_remove_it(tmp_path: Path) -> None:
    db = open_database(_fresh(tmp_path, "c"))
    try:
        load_example(db)
        with db.transaction() as session:
            session.scalars(select(CommitmentRow)).first().description = "Cambiada aquí"
        info = service.init_office(db, region=None, passphrase=PASS)
        assert not info.example_removed and "avance example remove --edited" in info.notice
        with pytest.raises(EditError, match="--edited"):
            remove_example(db)
        assert example.example_state(db) == example.EDITED
        removed = remove_example(db, edited=True)
        assert removed.records == len(example.example_ids()) and example.example_state(db) == example.ABSENT
        with pytest.raises(EditError, match="no tiene el ejemplo"):
            remove_example(db)
    finally:
        db.close()


def test_the_window_does_not_load_the_example_at_a_central_office(tmp_path: Path, qtbot) -> None:  # noqa: ANN001
    from desktop.app import build_main_window, open_and_prepare
    from tests.ui.test_main_window import _Answers

    path = _fresh(tmp_path, "c")
    db = open_database(path)
    service.init_office(db, region=None, passphrase=PASS)
    window = build_main_window(db, _Answers())
    qtbot.addWidget(window)
    with db.reading() as session:
        assert session.scalar(select(ReportingYear.id)) is None
    window.close()
    db.close()
    again, loaded = open_and_prepare(path)
    try:
        assert loaded is None
    finally:
        again.close()


def test_example_remove_never_removes_what_went_through_sync(world, capsys) -> None:  # noqa: ANN001
    """Tarapacá's office loaded the example and sent it: at both offices its records are the
    region's data now."""
    sent = service.export_bundle(world.ta.db, PASS, directory=world.root / "out")
    assert service.import_bundle(world.central.db, sent.path, PASS).outcome == "aceptado"
    for office in (world.ta, world.central):
        before = snapshot(office)
        with pytest.raises(EditError, match="paquete de sincronización"):
            remove_example(office.db, edited=True)
        assert snapshot(office) == before
    assert main(["--db", str(world.central.db.path), "example", "remove", "--edited"]) == 1
    assert "paquete de sincronización" in capsys.readouterr().err


def test_the_real_regions_first_bundle_replaces_the_example_held_at_the_central_office(tmp_path: Path) -> None:
    """The central office holds the example (loaded by hand, untouched); the real Tarapacá office
    has its own records (other ids, the same region, year and service). Its first bundle is
    complete: the example is deleted by absence before the region's records go in, so the
    unique (service, region, year) does not collide."""
    central = make_office(tmp_path, "central", None)
    ta = make_office(tmp_path, "ta", "CL-TA")
    try:
        enrol(central, ta)
        load_example(central.db)
        generate_national(ta.db, 2009, regions=(TA,), objectives=3, activities=2)
        assert not set(_records(ta)) & set(example.example_ids())
        first = service.export_bundle(ta.db, PASS, directory=tmp_path)
        result = service.import_bundle(central.db, first.path, PASS)
        assert result.outcome == "aceptado" and result.changes["eliminados"] == len(example.example_ids())
        assert _records(central) == _records(ta)
        again = service.export_bundle(ta.db, PASS, directory=tmp_path, full=True)
        assert service.import_bundle(central.db, again.path, PASS).outcome == "aceptado"
        assert _records(central) == _records(ta)
    finally:
        central.db.close()
        ta.db.close()


def test_a_clash_that_remains_names_what_collides_and_what_to_do(world) -> None:  # noqa: ANN001
    """A III.4 row written at the central office (no bundle brought it) for the objective and
    quarter the region then writes: the delta is refused naming the row and asking for a
    complete bundle, which replaces it."""
    out = world.root / "out"
    service.import_bundle(world.central.db, service.export_bundle(world.ta.db, PASS, directory=out).path, PASS)
    answer = service.export_bundle(world.central.db, PASS, to="CL-TA", directory=out)
    service.import_bundle(world.ta.db, answer.path, PASS)
    with world.ta.db.reading() as session:
        taken = {(p.objective_id, p.quarter) for p in session.scalars(select(ProgressAnalysis))}
        objective = next(o for o in session.scalars(select(ObjectiveRow).order_by(ObjectiveRow.id))
                         if (o.id, 4) not in taken)
        objective_id, text = objective.id, objective.text
    with world.central.db.transaction() as session:
        session.add(ProgressAnalysis(objective_id=objective_id, quarter=4, progress="Escrito en la central"))
    with world.ta.db.transaction() as session:
        session.add(ProgressAnalysis(objective_id=objective_id, quarter=4, progress="Escrito en la región"))
    delta = service.export_bundle(world.ta.db, PASS, directory=out)
    error = refused(world, delta.path, errors.ManifestError)
    assert "trimestre 4" in str(error) and text[:30] in str(error)
    assert "no llegó en ningún paquete" in str(error) and "--full" in str(error)
    full = service.export_bundle(world.ta.db, PASS, directory=out, full=True)
    assert service.import_bundle(world.central.db, full.path, PASS).outcome == "aceptado"
    assert _records(world.central) == _records(world.ta)


def test_with_two_installations_the_example_clash_says_to_remove_the_example(tmp_path: Path) -> None:
    central = make_office(tmp_path, "central", None)
    empty = make_office(tmp_path, "ta1", "CL-TA")
    real = make_office(tmp_path, "ta2", "CL-TA")
    try:
        enrol(central, empty)
        enrol(central, real)
        first = service.export_bundle(empty.db, PASS, directory=tmp_path)  # nothing yet: the stream exists
        assert service.import_bundle(central.db, first.path, PASS).outcome == "aceptado"
        load_example(central.db)
        generate_national(real.db, 2009, regions=(TA,), objectives=2, activities=2)
        sent = service.export_bundle(real.db, PASS, directory=tmp_path)
        with pytest.raises(errors.ManifestError) as info:
            service.import_bundle(central.db, sent.path, PASS)
        assert "el año 2009 de Tarapacá" in str(info.value) and "avance example remove" in str(info.value)
        remove_example(central.db)
        assert service.import_bundle(central.db, sent.path, PASS).outcome == "aceptado"
        assert _records(central) == _records(real)
    finally:
        for office in (central, empty, real):
            office.db.close()


def test_choosing_the_central_office_in_the_window_removes_the_example_it_shows(tmp_path: Path, qtbot) -> None:  # noqa: ANN001
    """The first start: the window loads the example into the empty database and asks which
    office this is; the answer "central office" removes the example, and the window shows it."""
    from tests.ui.test_sync_ui import SyncPrompter, _idle, _window
    from ui.office_dialog import OfficeChoice

    db = open_database(_fresh(tmp_path, "c"))
    try:
        prompter = SyncPrompter()
        prompter.office_answer = OfficeChoice(None, PASS)
        window = _window(qtbot, db, prompter)
        assert window.current is not None and window.navigator.topLevelItemCount() == 1  # Tarapacá 2009
        assert window.sync.ask_on_first_start()
        qtbot.waitUntil(lambda: _configured(db) and _idle(window) and bool(prompter.infos), timeout=20000)
        assert "Se quitó el ejemplo Tarapacá 2009" in prompter.infos[-1]
        assert window.current is None and window.navigator.topLevelItemCount() == 0
        assert not prompter.errors
        window.close()
    finally:
        db.close()


def _configured(db) -> bool:  # noqa: ANN001
    from desktop.sync import board

    return board.office(db) is not None
