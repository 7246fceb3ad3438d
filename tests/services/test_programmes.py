"""ProgrammeService edits: one transaction each, refused edits change nothing, edits persist."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from db.engine import Database, open_database
from db.models import CommitmentRow, ProgressAnalysis
from desktop.domain.forms import FormKind
from desktop.domain.regions import find_region
from desktop.domain.weights import parse_weight
from desktop.services.programmes import EditError, ProgrammeService
from tests.conftest import TODAY

TARAPACA = find_region("CL-TA")


@pytest.fixture
def service(example_db: Database) -> ProgrammeService:
    return ProgrammeService(example_db)


def iii1(service: ProgrammeService):  # noqa: ANN201
    return service.programme(TARAPACA, 2009, FormKind.III_1)


def commitment_row(db: Database, commitment_id: uuid.UUID) -> CommitmentRow:
    with db.reading() as session:
        return session.get(CommitmentRow, commitment_id)


def test_marking_met_raises_performance_by_that_weight(service: ProgrammeService) -> None:
    before_programme = iii1(service)
    before = service.score(before_programme, TODAY)
    target = before_programme.objectives[0].commitments[0]
    assert target.met is None
    expected_gain = sum(parse_weight(target.weight_text).values, Decimal(0))
    assert expected_gain == Decimal("1.0")
    service.set_commitment_field(target.id, "met", True)
    after_programme = iii1(service)
    after = service.score(after_programme, TODAY)
    assert after.performance_pct - before.performance_pct == expected_gain
    assert after.weight_total == before.weight_total
    assert after_programme.objectives[0].commitments[0].met is True
    service.set_commitment_field(target.id, "met", False)
    assert service.score(iii1(service), TODAY).performance_pct == before.performance_pct
    service.set_commitment_field(target.id, "met", None)
    assert iii1(service).objectives[0].commitments[0].met is None


def test_weight_text_edit_updates_text_and_decimal(service: ProgrammeService, example_db: Database) -> None:
    target = iii1(service).objectives[3].commitments[0]
    assert target.weight_text == "01%"
    service.set_commitment_field(target.id, "weight_text", "2,5%  2.5 %")
    row = commitment_row(example_db, target.id)
    assert row.weight_text == "2,5%  2.5 %"
    assert row.weight == Decimal("5.0")
    assert isinstance(row.weight, Decimal)
    assert iii1(service).objectives[3].commitments[0].weight_text == "2,5%  2.5 %"
    service.set_commitment_field(target.id, "weight_text", "abc")
    row = commitment_row(example_db, target.id)
    assert row.weight_text == "abc"
    assert row.weight is None
    service.set_commitment_field(target.id, "weight_text", "")
    assert commitment_row(example_db, target.id).weight is None


def test_weight_edit_changes_the_total(service: ProgrammeService) -> None:
    programme = iii1(service)
    before = service.score(programme, TODAY).weight_total
    target = programme.objectives[2].commitments[0]
    old = parse_weight(target.weight_text).total
    service.set_commitment_field(target.id, "weight_text", "10%")
    assert service.score(iii1(service), TODAY).weight_total == before - old + Decimal(10)


def test_text_fields(service: ProgrammeService) -> None:
    programme = iii1(service)
    objective = programme.objectives[1]
    commitment = objective.commitments[0]
    service.set_objective_field(objective.id, "indicator_result", "5 comunas asesoradas")
    service.set_commitment_field(commitment.id, "responsible_unit", "Encargada MJH")
    service.set_commitment_field(commitment.id, "kind", "goal")
    changed = iii1(service).objectives[1]
    assert changed.indicator_result == "5 comunas asesoradas"
    assert changed.commitments[0].responsible_unit == "Encargada MJH"
    assert changed.commitments[0].kind.value == "goal"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("colour", "rojo"),
        ("id", "x"),
        ("weight", Decimal(5)),
        ("met", "sí"),
        ("met", 1),
        ("met", "True"),
        ("kind", "wish"),
        ("description", 42),
        ("weight_text", 5),
    ],
)
def test_refused_commitment_edit_changes_nothing(service: ProgrammeService, example_db: Database, field, value) -> None:
    before = iii1(service)
    target = before.objectives[0].commitments[0]
    stamp = commitment_row(example_db, target.id).updated_at
    with pytest.raises(EditError) as info:
        service.set_commitment_field(target.id, field, value)
    assert str(info.value)
    assert iii1(service) == before
    assert commitment_row(example_db, target.id).updated_at == stamp


def test_unknown_ids_are_refused(service: ProgrammeService, example_db: Database) -> None:
    before = service.programmes(TARAPACA, 2009)
    with example_db.reading() as session:
        n_progress = session.scalar(select(func.count()).select_from(ProgressAnalysis))
    with pytest.raises(EditError):
        service.set_commitment_field(uuid.uuid4(), "met", True)
    with pytest.raises(EditError):
        service.set_objective_field(uuid.uuid4(), "text", "x")
    with pytest.raises(EditError):
        service.set_instance_field(uuid.uuid4(), "instance_name", "x")
    with pytest.raises(EditError):
        service.set_progress_field(uuid.uuid4(), 2, "progress", "x")
    with pytest.raises(EditError):
        service.set_objective_field(before[0].objectives[0].id, "section", "11")
    assert service.programmes(TARAPACA, 2009) == before
    with example_db.reading() as session:
        assert session.scalar(select(func.count()).select_from(ProgressAnalysis)) == n_progress


def test_set_progress_field_creates_then_updates(service: ProgrammeService, example_db: Database) -> None:
    objective = iii1(service).objectives[0]
    assert service.progress(TARAPACA, 2009, 3, include_blank=False).entries == ()
    row_id = service.set_progress_field(objective.id, 3, "progress", "Asesorías realizadas en 3 servicios.")
    report = service.progress(TARAPACA, 2009, 3, include_blank=False)
    assert len(report.entries) == 1
    entry = report.entries[0]
    assert entry.id == row_id
    assert entry.objective_id == objective.id
    assert entry.progress == "Asesorías realizadas en 3 servicios."
    assert entry.objective_text == objective.text
    again = service.set_progress_field(objective.id, 3, "responsible", "Profesional de apoyo")
    assert again == row_id
    entry = service.progress(TARAPACA, 2009, 3, include_blank=False).entries[0]
    assert (entry.progress, entry.responsible) == ("Asesorías realizadas en 3 servicios.", "Profesional de apoyo")
    # quarter 2 was untouched
    assert len(service.progress(TARAPACA, 2009, 2, include_blank=False).entries) == 25


def test_set_progress_field_updates_an_existing_row(service: ProgrammeService) -> None:
    before = service.progress(TARAPACA, 2009, 2, include_blank=False)
    entry = before.entries[0]
    row_id = service.set_progress_field(entry.objective_id, 2, "recommendations", "Nueva recomendación")
    assert row_id == entry.id
    after = service.progress(TARAPACA, 2009, 2, include_blank=False)
    assert len(after.entries) == len(before.entries)
    assert after.entries[0].recommendations == "Nueva recomendación"
    assert after.entries[0].progress == entry.progress
    assert after.entries[1:] == before.entries[1:]


@pytest.mark.parametrize(("quarter", "field"), [(0, "progress"), (5, "progress"), (2, "quarter"), (2, "id")])
def test_set_progress_field_refusals(service: ProgrammeService, example_db: Database, quarter: int, field: str) -> None:
    objective = iii1(service).objectives[0]
    before = service.progress(TARAPACA, 2009, 2, include_blank=False)
    with example_db.reading() as session:
        n_rows = session.scalar(select(func.count()).select_from(ProgressAnalysis))
    with pytest.raises(EditError):
        service.set_progress_field(objective.id, quarter, field, "x")
    assert service.progress(TARAPACA, 2009, 2, include_blank=False) == before
    with example_db.reading() as session:
        assert session.scalar(select(func.count()).select_from(ProgressAnalysis)) == n_rows


def test_set_instance_field(service: ProgrammeService) -> None:
    iii2 = service.programme(TARAPACA, 2009, FormKind.III_2)
    service.set_instance_field(iii2.id, "territories", "Iquique y Alto Hospicio")
    changed = service.programme(TARAPACA, 2009, FormKind.III_2).instance
    assert changed.territories == "Iquique y Alto Hospicio"
    assert changed.name == iii2.instance.name


def test_set_instance_field_on_iii1_is_refused(service: ProgrammeService) -> None:
    before = iii1(service)
    with pytest.raises(EditError):
        service.set_instance_field(before.id, "instance_name", "Comisión")
    with pytest.raises(EditError):
        service.set_instance_field(service.programme(TARAPACA, 2009, FormKind.III_2).id, "year", "2010")
    assert iii1(service) == before


def test_edits_persist_after_reopening(example_db: Database) -> None:
    service = ProgrammeService(example_db)
    programme = iii1(service)
    commitment = programme.objectives[0].commitments[0]
    iii2 = service.programme(TARAPACA, 2009, FormKind.III_2)
    service.set_commitment_field(commitment.id, "met", True)
    service.set_commitment_field(commitment.id, "weight_text", "50%  50%")
    service.set_objective_field(programme.objectives[0].id, "indicator_result", "6 SSPP")
    service.set_instance_field(iii2.id, "products", "Agenda regional de género")
    service.set_progress_field(programme.objectives[0].id, 4, "progress", "Cierre del año")
    path = example_db.path
    example_db.close()

    reopened = open_database(path)
    try:
        again = ProgrammeService(reopened)
        p = iii1(again)
        c = p.objectives[0].commitments[0]
        assert (c.met, c.weight_text) == (True, "50%  50%")
        assert commitment_row(reopened, c.id).weight == Decimal(100)
        assert p.objectives[0].indicator_result == "6 SSPP"
        assert again.programme(TARAPACA, 2009, FormKind.III_2).instance.products == "Agenda regional de género"
        assert again.progress(TARAPACA, 2009, 4, include_blank=False).entries[0].progress == "Cierre del año"
        assert again.score(p, dt.date(2010, 1, 1)).performance_pct == Decimal(100)
    finally:
        reopened.close()


def test_reads(service: ProgrammeService, tmp_path) -> None:  # noqa: ANN001
    assert service.is_empty() is False
    empty = open_database(tmp_path / "empty.db")
    try:
        assert ProgrammeService(empty).is_empty() is True
        assert ProgrammeService(empty).available() == []
    finally:
        empty.close()
    available = service.available()
    assert len(available) == 1
    assert available[0].region == TARAPACA and available[0].year == 2009
    assert available[0].forms == (FormKind.III_1, FormKind.III_2, FormKind.III_3)
    assert available[0].quarters == (2,)
    with pytest.raises(ValueError):
        service.progress(TARAPACA, 2009, 5)
