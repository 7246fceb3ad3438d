"""At the central office a region that sends bundles owns its records (issue 3, part 3): every
service that would change them refuses with :class:`RegionOwnedError` and changes nothing
(edits, row operations and their undo, a new year, evidence, an Excel workbook, ``avance xlsx
import``), while a region that does not use Avance (legacy data, issue 4) stays editable there
and the exchange of bundles goes on as before."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from db.models import CommitmentRow, WorkProgramme
from desktop.cli import main
from desktop.domain.forms import FormKind
from desktop.domain.records import CommitmentKind
from desktop.domain.regions import find_region
from desktop.domain.structure import CarryOver
from desktop.errors import RegionOwnedError
from desktop.services import ownership
from desktop.services.excel import ExcelImportError, export_region, import_workbook, plan_import
from desktop.services.generate import generate_national
from desktop.services.programmes import ProgrammeService
from desktop.sync import service
from tests.sync.helpers import PASS, make_office, snapshot

TA = find_region("CL-TA")
AN = find_region("CL-AN")
OWNED = "Estos datos son de la oficina regional de Tarapacá (CL-TA): llegan en sus paquetes."


def _first_ids(db, region_code: str) -> dict[str, object]:  # noqa: ANN001
    """The III.1 programme of the region, its first objective and that objective's first activity."""
    from db.models import RegionRow, ReportingYear

    with db.reading() as session:
        programme = session.scalars(
            select(WorkProgramme).join(ReportingYear).join(RegionRow)
            .where(RegionRow.iso_code == region_code, WorkProgramme.form == "III.1")).one()
        objective = min(programme.objectives, key=lambda o: o.position)
        commitment = min(objective.commitments, key=lambda c: c.position)
        return {"programme": programme.id, "objective": objective.id, "commitment": commitment.id}


@pytest.fixture
def central(world):  # noqa: ANN001, ANN201
    """The world's central office with Tarapacá's first bundle imported, and Antofagasta loaded
    there directly (a region that does not use Avance: no key, no bundle)."""
    sent = service.export_bundle(world.ta.db, PASS, directory=world.root / "out")
    assert service.import_bundle(world.central.db, sent.path, PASS).outcome == "aceptado"
    generate_national(world.central.db, 2009, regions=(AN,), objectives=2, activities=2)
    return world


def test_only_regions_that_send_bundles_are_read_only_at_the_central_office(central) -> None:  # noqa: ANN001
    with central.central.db.reading() as session:
        assert ownership.synced_regions(session) == {"CL-TA"}
    with central.ta.db.reading() as session:
        assert ownership.synced_regions(session) == frozenset()  # a regional office: nothing
    programmes = ProgrammeService(central.central.db)
    assert programmes.read_only_reason(TA).startswith(OWNED)
    assert programmes.read_only_reason(AN) is None
    assert ProgrammeService(central.ta.db).read_only_reason(TA) is None


def test_a_trusted_key_alone_makes_the_region_read_only(tmp_path: Path) -> None:
    """Enrolled, no bundle yet: its data will arrive in bundles, so what the central office
    holds of it (a legacy copy) is no longer edited there."""
    central = make_office(tmp_path, "central", None)
    region = make_office(tmp_path, "an", "CL-AN")
    generate_national(central.db, 2009, regions=(AN,), objectives=1, activities=1)
    ids = _first_ids(central.db, "CL-AN")
    programmes = ProgrammeService(central.db)
    programmes.set_commitment_field(ids["commitment"], "description", "Editada en la central (aún sin clave)")
    service.trust(central.db, service.export_public(region.db, PASS), "CL-AN")
    with pytest.raises(RegionOwnedError, match="oficina regional de Antofagasta"):
        programmes.set_commitment_field(ids["commitment"], "description", "Otra vez")
    central.db.close()
    region.db.close()


def test_a_revoked_key_keeps_the_region_read_only(central) -> None:  # noqa: ANN001
    """Its records still came in its bundles."""
    key = service.trusted_keys(central.central.db)[0]
    service.revoke(central.central.db, key.sign_key_id, 1)
    ids = _first_ids(central.central.db, "CL-TA")
    with pytest.raises(RegionOwnedError):
        ProgrammeService(central.central.db).set_commitment_field(ids["commitment"], "met", True)


def test_every_service_refuses_a_synced_region_and_changes_nothing(central) -> None:  # noqa: ANN001
    db = central.central.db
    ids = _first_ids(db, "CL-TA")
    programmes = ProgrammeService(db)
    before = snapshot(central.central)
    refused = [
        lambda: programmes.set_objective_field(ids["objective"], "text", "Cambiado en la central"),
        lambda: programmes.set_commitment_field(ids["commitment"], "met", True),  # what Ctrl+1 does
        lambda: programmes.set_commitment_field(ids["commitment"], "weight_text", "9%"),
        lambda: programmes.set_progress_field(ids["objective"], 1, "progress", "Avance escrito en la central"),
        lambda: programmes.add_objective(ids["programme"]),
        lambda: programmes.add_commitment(ids["objective"], kind=CommitmentKind.GOAL),
        lambda: programmes.delete_objective(ids["objective"]),
        lambda: programmes.delete_commitment(ids["commitment"]),
        lambda: programmes.move_objective(ids["objective"], 1),
        lambda: programmes.move_commitment(ids["commitment"], 1),
        lambda: programmes.create_year(TA, 2010, CarryOver.ACTIVITIES),
        lambda: service.attach_evidence(db, ids["commitment"], central.evidence),
    ]
    iii2 = programmes.programme(TA, 2009, FormKind.III_2).id
    refused.append(lambda: programmes.set_instance_field(iii2, "instance_name", "Instancia de la central"))
    for attempt in refused:
        with pytest.raises(RegionOwnedError) as caught:
            attempt()
        assert str(caught.value).startswith(OWNED) and caught.value.region == "CL-TA"
        assert "No se cambió nada." in str(caught.value)
    assert snapshot(central.central) == before


def test_an_undo_recorded_before_the_region_enrolled_is_refused_too(tmp_path: Path) -> None:
    central = make_office(tmp_path, "central", None)
    region = make_office(tmp_path, "an", "CL-AN")
    generate_national(central.db, 2009, regions=(AN,), objectives=1, activities=1)
    programmes = ProgrammeService(central.db)
    change = programmes.add_objective(_first_ids(central.db, "CL-AN")["programme"])
    service.trust(central.db, service.export_public(region.db, PASS), "CL-AN")
    before = snapshot(central)
    for replay in (programmes.revert, programmes.reapply):
        with pytest.raises(RegionOwnedError):
            replay(change)
    assert snapshot(central) == before
    central.db.close()
    region.db.close()


def test_a_region_without_a_stream_stays_editable_at_the_central_office(central) -> None:  # noqa: ANN001
    db = central.central.db
    ids = _first_ids(db, "CL-AN")
    programmes = ProgrammeService(db)
    programmes.set_commitment_field(ids["commitment"], "met", True)
    change = programmes.add_commitment(ids["objective"])
    programmes.revert(change)
    programmes.create_year(AN, 2010, CarryOver.OBJECTIVES)
    with db.reading() as session:
        assert session.get(CommitmentRow, ids["commitment"]).met is True


def test_a_regional_office_edits_its_region_as_before(central) -> None:  # noqa: ANN001
    ids = _first_ids(central.ta.db, "CL-TA")
    programmes = ProgrammeService(central.ta.db)
    programmes.set_commitment_field(ids["commitment"], "met", True)
    programmes.move_objective(ids["objective"], 1)
    generate_national(central.ta.db, 2009, regions=(AN,), objectives=1, activities=1)  # another region: only local
    programmes.set_commitment_field(_first_ids(central.ta.db, "CL-AN")["commitment"], "met", False)


def test_the_excel_import_refuses_a_synced_region_at_the_central_office(central, tmp_path: Path) -> None:  # noqa: ANN001
    db = central.central.db
    workbook = export_region(db, TA, 2009, tmp_path / "ta.xlsx")
    before = snapshot(central.central)
    expected = ("La oficina central recibe los datos de Tarapacá (CL-TA) en los paquetes de su oficina regional: no "
                "se importan desde Excel. Pida a esa oficina que exporte un paquete.")
    for kwargs in ({"replace": True}, {}, {"dry_run": True, "replace": True}):
        with pytest.raises(ExcelImportError) as caught:
            import_workbook(db, workbook, **kwargs)
        assert [p.message for p in caught.value.problems] == [expected], kwargs
    plan = plan_import(db, workbook)
    assert not plan.ok and [p.message for p in plan.problems] == [expected] and plan.existing == ()
    assert snapshot(central.central) == before
    # A legacy region at the central office still imports (here: replaces itself in place).
    an_book = export_region(db, AN, 2009, tmp_path / "an.xlsx")
    assert import_workbook(db, an_book, replace=True).replaced == ((AN, 2009),)
    # The regional office imports its own region's workbook as before.
    assert import_workbook(central.ta.db, workbook, replace=True).replaced == ((TA, 2009),)


def test_avance_xlsx_import_at_the_central_office_exits_1(central, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    workbook = export_region(central.central.db, TA, 2009, tmp_path / "ta.xlsx")
    before = snapshot(central.central)
    capsys.readouterr()
    status = main(["--db", str(central.central.db.path), "xlsx", "import", str(workbook), "--replace"])
    err = capsys.readouterr().err
    assert status == 1
    assert "La oficina central recibe los datos de Tarapacá (CL-TA) en los paquetes de su oficina regional" in err
    assert "no se importó nada (1 problema)" in err
    assert snapshot(central.central) == before


def test_the_exchange_still_updates_the_read_only_records(central) -> None:  # noqa: ANN001
    """What the central office may not edit, the region's next bundle changes."""
    ids = _first_ids(central.ta.db, "CL-TA")
    ProgrammeService(central.ta.db).set_commitment_field(ids["commitment"], "description", "Corregida en la región")
    ProgrammeService(central.ta.db).add_objective(ids["programme"])
    answer = service.export_bundle(central.central.db, PASS, to="CL-TA", directory=central.root / "out")
    assert service.import_bundle(central.ta.db, answer.path, PASS).outcome == "aceptado"
    delta = service.export_bundle(central.ta.db, PASS, directory=central.root / "out")
    result = service.import_bundle(central.central.db, delta.path, PASS)
    assert result.outcome == "aceptado" and result.changes["nuevos"] == 1
    with central.central.db.reading() as session:
        assert session.get(CommitmentRow, ids["commitment"]).description == "Corregida en la región"
    programme = ProgrammeService(central.central.db).programme(TA, 2009, FormKind.III_1)
    assert len(programme.objectives) == len(ProgrammeService(central.ta.db).programme(TA, 2009, FormKind.III_1).objectives)
