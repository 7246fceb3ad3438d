"""Structural edits (desktop.services.structure): add, delete and move objectives and
activities, create a reporting year with its carry-over; one transaction each, typed Spanish
errors that change nothing, and undo/redo that bring back the very same rows."""

from __future__ import annotations

import sqlite3
import uuid
from decimal import Decimal

import pytest
from sqlalchemy import select

from db.engine import Database
from db.models import CommitmentRow, Evidence, ObjectiveRow, Observation, ProgressAnalysis, ReportingYear, WorkProgramme
from desktop.domain.forms import FormKind
from desktop.domain.regions import find_region
from desktop.domain.structure import CarryOver
from desktop.errors import (
    EditError,
    MissingRecordError,
    NoEarlierYearError,
    PlacementError,
    UndoError,
    YearExistsError,
    YearRangeError,
)
from desktop.services import structure
from desktop.services.programmes import ProgrammeService
from desktop.sync.blobs import BlobStore
from tests.conftest import TODAY

TARAPACA = find_region("CL-TA")
ARICA = find_region("CL-AP")


@pytest.fixture
def service(example_db: Database) -> ProgrammeService:
    return ProgrammeService(example_db)


def rows(db: Database) -> list[str]:
    """Every row of every data table, as SQLite dumps it, sorted: two equal lists mean the same
    records with the same ids, columns and timestamps (whatever their storage order)."""
    con = sqlite3.connect(db.path)
    try:
        return sorted(line for line in con.iterdump() if line.startswith("INSERT"))
    finally:
        con.close()


def programme(service: ProgrammeService, form: FormKind = FormKind.III_1, year: int = 2009):  # noqa: ANN201
    return service.programme(TARAPACA, year, form)


def stored(db: Database, model: type, record_id: uuid.UUID):  # noqa: ANN201
    with db.reading() as session:
        return session.get(model, record_id)


def positions(db: Database, programme_id: uuid.UUID) -> list[tuple[str | None, int]]:
    with db.reading() as session:
        return [(o.section, o.position) for o in session.scalars(
            select(ObjectiveRow).where(ObjectiveRow.programme_id == programme_id)
            .order_by(ObjectiveRow.section, ObjectiveRow.position))]


# -- objectives ----------------------------------------------------------------------------------


def test_add_objective_at_a_position_numbers_the_later_ones(service: ProgrammeService, example_db: Database) -> None:
    before = programme(service)
    untouched = stored(example_db, ObjectiveRow, before.objectives[0].id).updated_at
    shifted = stored(example_db, ObjectiveRow, before.objectives[5].id).updated_at
    change = service.add_objective(before.id, index=2)
    after = programme(service)
    assert [o.id for o in after.objectives] == [*[o.id for o in before.objectives[:2]], change.target,
                                                *[o.id for o in before.objectives[2:]]]
    assert [o.position for o in after.objectives] == list(range(20))
    new = after.objectives[2]
    assert (new.text, new.indicator, new.indicator_result, new.section, new.commitments) == ("", "", "", None, ())
    row = stored(example_db, ObjectiveRow, change.target)
    assert row.created_at == row.updated_at and row.updated_at > shifted
    assert stored(example_db, ObjectiveRow, before.objectives[5].id).updated_at > shifted  # renumbered: changed
    assert stored(example_db, ObjectiveRow, before.objectives[0].id).updated_at == untouched  # not touched
    assert change.created("objective") == [change.target]
    assert change.message == "Se agregó el objetivo n.º 3 a III.1."
    # At the end by default; III.4 follows: one (blank) row per objective and quarter.
    last = service.add_objective(before.id)
    assert programme(service).objectives[-1].id == last.target
    t3 = service.progress(TARAPACA, 2009, 3)
    assert [e.objective_id for e in t3.entries if e.form is FormKind.III_1][-1] == last.target
    assert change.target in [e.objective_id for e in t3.entries]


def test_add_objective_in_a_iii3_section(service: ProgrammeService, example_db: Database) -> None:
    p = programme(service, FormKind.III_3)
    sections = [o.section for o in p.objectives]
    change = service.add_objective(p.id, index=0, section="12")
    after = programme(service, FormKind.III_3)
    i = [o.id for o in after.objectives].index(change.target)
    assert after.objectives[i].section == "12"
    assert [o.section for o in after.objectives[:i]] == [s for s in sections if s == "11"]  # first of (12)
    assert [o.position for o in after.objectives] == list(range(len(sections) + 1))
    assert "sección (12) Provisión de información" in change.message
    with pytest.raises(PlacementError, match="elija \\(11\\), \\(12\\) o \\(13\\)"):
        service.add_objective(p.id)
    with pytest.raises(PlacementError, match="no tiene secciones"):
        service.add_objective(programme(service).id, section="11")


def test_add_objective_in_an_empty_section_goes_before_the_later_sections(service: ProgrammeService) -> None:
    p = programme(service, FormKind.III_3)
    service.add_objective(p.id, section="13")
    for o in p.objectives:
        if o.section == "12":
            service.delete_objective(o.id)
    assert [o.section for o in programme(service, FormKind.III_3).objectives] == ["11", "13"]
    change = service.add_objective(p.id, section="12")
    assert [o.section for o in programme(service, FormKind.III_3).objectives].count("12") == 1
    after = programme(service, FormKind.III_3)
    i = [o.id for o in after.objectives].index(change.target)
    assert all(o.section == "11" for o in after.objectives[:i]) and all(o.section == "13" for o in after.objectives[i + 1:])


@pytest.mark.parametrize("index", [-1, 20])
def test_add_objective_out_of_range_changes_nothing(service: ProgrammeService, example_db: Database, index: int) -> None:
    before = rows(example_db)
    with pytest.raises(PlacementError, match="tiene 19 objetivos"):
        service.add_objective(programme(service).id, index=index)
    assert rows(example_db) == before


def test_delete_objective_takes_its_activities_iii4_rows_and_evidence(service: ProgrammeService, example_db: Database,
                                                                      tmp_path) -> None:  # noqa: ANN001
    p = programme(service)
    target = p.objectives[0]
    commitment = target.commitments[0]
    acta = tmp_path / "acta.pdf"
    acta.write_bytes(b"%PDF-1.4 acta")
    from desktop.sync.service import attach_evidence

    evidence = attach_evidence(example_db, commitment.id, acta)
    sha = stored(example_db, Evidence, evidence).sha256
    service.set_progress_field(target.id, 3, "progress", "Avance del tercer trimestre")
    with example_db.transaction() as session:
        session.add(Observation(region_code="CL-TA", target_kind="objective", target_id=target.id, text="Revisar"))
    with example_db.reading() as session:
        progress = set(session.scalars(select(ProgressAnalysis.id).where(ProgressAnalysis.objective_id == target.id)))
    assert len(progress) == 2  # T2 (the example) and T3

    removal = service.removal("objective", target.id)
    assert (removal.activities, removal.goals, removal.progress, removal.quarters, removal.evidence,
            removal.observations) == (1, 0, 2, (2, 3), 1, 1)
    question = removal.question()
    assert question.startswith("¿Eliminar el objetivo «Asesorar técnicamente")
    assert ("Se eliminan también: 1 actividad, 2 filas del análisis del avance (III.4, T2 y T3) y 1 medio de "
            "verificación adjunto.") in question
    assert "1 observación de la oficina central se conserva" in question

    change = service.delete_objective(target.id)
    assert change.message == "Se eliminó el objetivo n.º 1 de III.1 con 1 actividad, 2 filas del III.4 y 1 medio de verificación."
    assert change.deleted("objective") == [target.id]
    assert change.deleted("commitment") == [commitment.id]
    assert set(change.deleted("progress_analysis")) == progress
    assert change.deleted("evidence") == [evidence]
    after = programme(service)
    assert [o.id for o in after.objectives] == [o.id for o in p.objectives[1:]]
    assert [o.position for o in after.objectives] == list(range(18))
    assert change.fallback == p.objectives[1].id
    with example_db.reading() as session:
        assert session.get(CommitmentRow, commitment.id) is None
        assert not session.scalars(select(ProgressAnalysis).where(ProgressAnalysis.id.in_(progress))).all()
        assert session.get(Evidence, evidence) is None
        assert session.scalar(select(Observation.target_id)) == target.id  # the central office's, kept
    assert BlobStore.beside(example_db.path).has(sha)  # the file stays: an undo finds it
    assert target.id not in [e.objective_id for e in service.progress(TARAPACA, 2009, 2).entries]
    with pytest.raises(MissingRecordError, match="El objetivo ya no existe"):
        service.delete_objective(target.id)


def test_move_objective_up_and_down_within_its_group(service: ProgrammeService, example_db: Database) -> None:
    p = programme(service)
    ids = [o.id for o in p.objectives]
    change = service.move_objective(ids[3], -1)
    assert [o.id for o in programme(service).objectives][2:4] == [ids[3], ids[2]]
    assert {r.id for r in change.rows} == {ids[2], ids[3]}  # only the two swapped
    service.move_objective(ids[3], 1)
    assert [o.id for o in programme(service).objectives] == ids
    before = rows(example_db)
    with pytest.raises(PlacementError, match="Es el primer objetivo de III.1"):
        service.move_objective(ids[0], -1)
    with pytest.raises(PlacementError, match="Es el último objetivo de III.1"):
        service.move_objective(ids[-1], 1)
    assert rows(example_db) == before
    # III.3: not out of its section.
    p3 = programme(service, FormKind.III_3)
    first_12 = next(o for o in p3.objectives if o.section == "12")
    with pytest.raises(PlacementError, match="primer objetivo de la sección \\(12\\)"):
        service.move_objective(first_12.id, -1)
    with pytest.raises(ValueError):
        service.move_objective(ids[1], 2)


# -- activities ----------------------------------------------------------------------------------


def test_add_commitment_at_a_position(service: ProgrammeService, example_db: Database) -> None:
    p = programme(service)
    objective = p.objectives[0]
    score = service.score(p, TODAY)
    first = service.add_commitment(objective.id)
    second = service.add_commitment(objective.id, index=0)
    commitments = programme(service).objectives[0].commitments
    assert [c.id for c in commitments] == [second.target, objective.commitments[0].id, first.target]
    assert [c.position for c in commitments] == [0, 1, 2]
    new = commitments[0]
    assert (new.kind.value, new.description, new.weight_text, new.met) == ("activity", "", "", None)
    assert stored(example_db, CommitmentRow, new.id).weight is None
    assert service.score(programme(service), TODAY).weight_total == score.weight_total
    assert first.message == "Se agregó la actividad n.º 2 al objetivo (III.1)."
    with pytest.raises(PlacementError, match="el objetivo tiene 3 actividades"):
        service.add_commitment(objective.id, index=4)
    with pytest.raises(MissingRecordError):
        service.add_commitment(uuid.uuid4())


def test_delete_commitment_moves_the_later_ones_up(service: ProgrammeService, example_db: Database, tmp_path) -> None:  # noqa: ANN001
    p = programme(service)
    objective = p.objectives[1]
    extra = service.add_commitment(objective.id).target
    service.set_commitment_field(extra, "weight_text", "5%")
    total = service.score(programme(service), TODAY).weight_total
    first = objective.commitments[0]
    acta = tmp_path / "acta.pdf"
    acta.write_bytes(b"acta")
    from desktop.sync.service import attach_evidence

    evidence = attach_evidence(example_db, first.id, acta)
    removal = service.removal("commitment", first.id)
    assert removal.evidence == 1 and removal.question().startswith("¿Eliminar la actividad «")
    change = service.delete_commitment(first.id)
    assert change.deleted("evidence") == [evidence] and change.fallback == extra
    remaining = programme(service).objectives[1].commitments
    assert [(c.id, c.position) for c in remaining] == [(extra, 0)]
    assert service.score(programme(service), TODAY).weight_total == total - first.weight
    # The last one: the objective stays, with no activity; the fallback is the next or the objective.
    last = service.delete_commitment(extra)
    assert programme(service).objectives[1].commitments == () and last.fallback == objective.id


def test_move_commitment(service: ProgrammeService) -> None:
    objective = programme(service).objectives[0]
    a = objective.commitments[0].id
    b = service.add_commitment(objective.id).target
    service.move_commitment(b, -1)
    assert [c.id for c in programme(service).objectives[0].commitments] == [b, a]
    with pytest.raises(PlacementError, match="Es la primera actividad del objetivo"):
        service.move_commitment(b, -1)
    with pytest.raises(PlacementError, match="Es la última actividad"):
        service.move_commitment(a, 1)


# -- undo and redo -------------------------------------------------------------------------------


def test_undo_of_a_deletion_brings_back_the_same_rows(service: ProgrammeService, example_db: Database, tmp_path) -> None:  # noqa: ANN001
    p = programme(service, FormKind.III_2)
    objective = next(o for o in p.objectives if len(o.commitments) > 1)
    acta = tmp_path / "acta.pdf"
    acta.write_bytes(b"acta")
    from desktop.sync.service import attach_evidence

    attach_evidence(example_db, objective.commitments[1].id, acta)
    service.set_progress_field(objective.id, 1, "progress", "T1")
    before = rows(example_db)
    change = service.delete_objective(objective.id)
    after = rows(example_db)
    assert after != before
    service.revert(change)
    assert rows(example_db) == before  # same ids, contents and timestamps: nothing for sync to see
    assert programme(service, FormKind.III_2) == p
    service.reapply(change)
    assert rows(example_db) == after
    service.revert(change)
    assert rows(example_db) == before


@pytest.mark.parametrize("operation", ["add_objective", "add_commitment", "delete_commitment", "move_objective",
                                       "move_commitment"])
def test_every_change_undoes_exactly_and_redoes_exactly(service: ProgrammeService, example_db: Database,
                                                        operation: str) -> None:
    p = programme(service, FormKind.III_2)
    objective = next(o for o in p.objectives if len(o.commitments) > 1)
    call = {
        "add_objective": lambda: service.add_objective(p.id, index=1),
        "add_commitment": lambda: service.add_commitment(objective.id, index=0),
        "delete_commitment": lambda: service.delete_commitment(objective.commitments[0].id),
        "move_objective": lambda: service.move_objective(p.objectives[0].id, 1),
        "move_commitment": lambda: service.move_commitment(objective.commitments[0].id, 1),
    }[operation]
    before = rows(example_db)
    change = call()
    after = rows(example_db)
    assert after != before
    service.revert(change)
    assert rows(example_db) == before
    service.reapply(change)
    assert rows(example_db) == after


def test_an_undo_that_cannot_apply_changes_nothing(service: ProgrammeService, example_db: Database) -> None:
    objective = programme(service).objectives[0]
    change = service.delete_commitment(objective.commitments[0].id)
    service.delete_objective(objective.id)  # outside this change's history: its parent is gone
    before = rows(example_db)
    with pytest.raises(UndoError, match="No se pudo deshacer «Se eliminó la actividad n.º 1"):
        service.revert(change)
    assert rows(example_db) == before


def test_an_operation_failing_halfway_changes_nothing(service: ProgrammeService, example_db: Database,
                                                      monkeypatch) -> None:  # noqa: ANN001
    """The deletes are written, then the renumbering fails: the transaction rolls them back."""
    before = rows(example_db)
    real = structure.update

    def failing(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        raise RuntimeError("disco lleno")

    monkeypatch.setattr(structure, "update", failing)
    with pytest.raises(RuntimeError):
        service.delete_objective(programme(service).objectives[0].id)
    assert rows(example_db) == before
    monkeypatch.setattr(structure, "update", real)
    service.delete_objective(programme(service).objectives[0].id)
    assert rows(example_db) != before


# -- reporting years -----------------------------------------------------------------------------


def test_create_an_empty_year(service: ProgrammeService, example_db: Database) -> None:
    change = service.create_year(TARAPACA, 2010)
    assert change.message == "Se creó el año de reporte 2010 de Tarapacá (III.1, III.2 y III.3)."
    programmes = service.programmes(TARAPACA, 2010)
    assert [p.form for p in programmes] == [FormKind.III_1, FormKind.III_2, FormKind.III_3]
    assert all(p.objectives == () for p in programmes)
    iii2 = programmes[1].instance
    assert (iii2.name, iii2.main_problem, iii2.territories, iii2.institutions, iii2.products) == ("",) * 5
    assert [p.responsible_office for p in programmes] == [p.responsible_office for p in service.programmes(TARAPACA, 2009)]
    assert service.progress(TARAPACA, 2010, 1).entries == ()
    assert (TARAPACA, 2010) in [(a.region, a.year) for a in service.available()]
    with example_db.reading() as session:
        years = {ry.year: ry for ry in session.scalars(select(ReportingYear))}
        assert years[2010].service_id == years[2009].service_id
        assert years[2010].responsible_office == years[2009].responsible_office
    # A region with no year at all: the same service, nothing to carry.
    service.create_year(ARICA, 2026)
    assert [p.objectives for p in service.programmes(ARICA, 2026)] == [(), (), ()]


def test_create_year_errors_change_nothing(service: ProgrammeService, example_db: Database) -> None:
    before = rows(example_db)
    with pytest.raises(YearExistsError, match="Tarapacá ya tiene el año de reporte 2009"):
        service.create_year(TARAPACA, 2009, CarryOver.OBJECTIVES)
    with pytest.raises(YearRangeError, match="El año 1999 está fuera de rango"):
        service.create_year(TARAPACA, 1999)
    with pytest.raises(YearRangeError):
        service.create_year(TARAPACA, 2101)
    with pytest.raises(NoEarlierYearError, match="Tarapacá no tiene un año de reporte anterior a 2008"):
        service.create_year(TARAPACA, 2008, CarryOver.OBJECTIVES)
    with pytest.raises(NoEarlierYearError, match="Arica y Parinacota"):
        service.create_year(ARICA, 2010, CarryOver.ACTIVITIES)
    assert all(isinstance(e, EditError) for e in (YearExistsError(), YearRangeError(), NoEarlierYearError()))
    assert rows(example_db) == before


def test_carry_over_objectives_and_indicators_only(service: ProgrammeService, example_db: Database) -> None:
    old = service.programmes(TARAPACA, 2009)
    objective = old[0].objectives[0]
    service.set_objective_field(objective.id, "indicator_result", "85 % de los servicios asesorados")
    old = service.programmes(TARAPACA, 2009)
    service.create_year(TARAPACA, 2010, CarryOver.OBJECTIVES)
    new = service.programmes(TARAPACA, 2010)
    for before, after in zip(old, new, strict=True):
        assert [(o.text, o.indicator, o.section) for o in after.objectives] == [
            (o.text, o.indicator, o.section) for o in before.objectives]
        assert all(o.indicator_result == "" and o.commitments == () for o in after.objectives)
        assert not {o.id for o in after.objectives} & {o.id for o in before.objectives}
        assert [o.position for o in after.objectives] == list(range(len(before.objectives)))
    assert new[1].instance.name == ""  # the III.2 header is the year's own
    assert old[1].instance.name == "Comisión Regional PRIO"
    assert service.programmes(TARAPACA, 2009) == old  # the earlier year is untouched
    assert service.progress(TARAPACA, 2010, 2, include_blank=False).entries == ()
    assert len(service.progress(TARAPACA, 2010, 2).entries) == sum(len(p.objectives) for p in old)  # blank, one each


def test_carry_over_activities_without_results_or_compliance(service: ProgrammeService, example_db: Database,
                                                             tmp_path) -> None:  # noqa: ANN001
    first = service.programmes(TARAPACA, 2009)[0].objectives[0].commitments[0]
    service.set_commitment_field(first.id, "met", True)
    acta = tmp_path / "acta.pdf"
    acta.write_bytes(b"acta")
    from desktop.sync.service import attach_evidence

    attach_evidence(example_db, first.id, acta)
    old = service.programmes(TARAPACA, 2009)
    assert any(c.met is not None for p in old for c in p.commitments)
    change = service.create_year(TARAPACA, 2010, CarryOver.ACTIVITIES)
    new = service.programmes(TARAPACA, 2010)
    n = sum(len(p.commitments) for p in old)
    assert change.message.endswith(f"se traspasaron de 2009 28 objetivos y {n} actividades, sin resultados ni cumplimiento.")
    for before, after in zip(old, new, strict=True):
        assert [(c.kind, c.description, c.responsible_unit, c.verification_means, c.weight_text, c.position)
                for c in after.commitments] == [
            (c.kind, c.description, c.responsible_unit, c.verification_means, c.weight_text, c.position)
            for c in before.commitments]
        assert all(c.met is None for c in after.commitments)
        assert not {c.id for c in after.commitments} & {c.id for c in before.commitments}
    with example_db.reading() as session:
        weights = dict(session.execute(select(CommitmentRow.weight_text, CommitmentRow.weight)
                                       .join(ObjectiveRow).join(WorkProgramme).join(ReportingYear)
                                       .where(ReportingYear.year == 2010)).all())
        assert weights["0.5%  0.5%"] == Decimal("1.0")
        new_ids = [c.id for p in new for c in p.commitments]
        assert not session.scalars(select(Evidence).where(Evidence.commitment_id.in_(new_ids))).all()
    assert service.score(new[0], TODAY).weight_total == service.score(old[0], TODAY).weight_total
    assert service.score(new[0], TODAY).weight_earned == Decimal(0)


def test_carry_over_comes_from_the_latest_earlier_year(service: ProgrammeService) -> None:
    service.create_year(TARAPACA, 2010, CarryOver.OBJECTIVES)
    iii1 = service.programme(TARAPACA, 2010, FormKind.III_1)
    service.set_objective_field(iii1.objectives[0].id, "text", "Objetivo reformulado en 2010")
    service.delete_objective(iii1.objectives[1].id)
    assert service.earlier_year(TARAPACA, 2011) == 2010
    assert service.earlier_year(TARAPACA, 2009) is None
    service.create_year(TARAPACA, 2011, CarryOver.OBJECTIVES)
    carried = service.programme(TARAPACA, 2011, FormKind.III_1)
    assert carried.objectives[0].text == "Objetivo reformulado en 2010" and len(carried.objectives) == 18


def test_create_year_undo_and_redo(service: ProgrammeService, example_db: Database) -> None:
    before = rows(example_db)
    change = service.create_year(TARAPACA, 2010, CarryOver.ACTIVITIES)
    after = rows(example_db)
    service.revert(change)
    assert rows(example_db) == before
    assert (TARAPACA, 2010) not in [(a.region, a.year) for a in service.available()]
    service.reapply(change)
    assert rows(example_db) == after


def test_create_year_failing_halfway_leaves_no_year(service: ProgrammeService, example_db: Database,
                                                    monkeypatch) -> None:  # noqa: ANN001
    """The year, its programmes and some objectives are inserted, then an insert fails: the
    transaction takes them all back."""
    before = rows(example_db)
    calls = []
    real = structure.insert

    def failing(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        calls.append(1)
        if len(calls) == 10:
            raise RuntimeError("falla a medio traspaso")
        return real(*args, **kwargs)

    monkeypatch.setattr(structure, "insert", failing)
    with pytest.raises(RuntimeError):
        service.create_year(TARAPACA, 2010, CarryOver.ACTIVITIES)
    assert len(calls) == 10
    assert rows(example_db) == before
