"""The SQLAlchemy models: foreign keys enforced, exact decimals, UTC timestamps, record columns."""

from __future__ import annotations

import datetime as dt
import time
import uuid
from decimal import Decimal

import pytest
from sqlalchemy import inspect, select, text
from sqlalchemy.exc import IntegrityError, StatementError

from db.engine import Database
from db.models import Base, CommitmentRow, ObjectiveRow, ProgressAnalysis, WorkProgramme


def _first_objective(session) -> ObjectiveRow:  # noqa: ANN001
    return session.scalars(select(ObjectiveRow).order_by(ObjectiveRow.id)).first()


def test_foreign_keys_are_enforced(db: Database) -> None:
    with pytest.raises(IntegrityError):
        with db.transaction() as session:
            session.add(ObjectiveRow(programme_id=uuid.uuid4(), position=0, text="huérfano"))
    with db.reading() as session:
        assert session.scalar(select(ObjectiveRow).limit(1)) is None


def test_foreign_keys_are_enforced_on_a_raw_connection(db: Database) -> None:
    with pytest.raises(IntegrityError):
        with db.engine.begin() as connection:
            connection.execute(
                text("insert into commitment (id, objective_id, position, kind, description, responsible_unit, "
                     "verification_means, weight_text, created_at, updated_at) values "
                     "(:id, :o, 0, 'activity', '', '', '', '', '2009-01-01', '2009-01-01')"),
                {"id": uuid.uuid4().hex, "o": uuid.uuid4().hex},
            )


def test_check_constraints(example_db: Database) -> None:
    with pytest.raises(IntegrityError):
        with example_db.transaction() as session:
            objective = _first_objective(session)
            session.add(ProgressAnalysis(objective_id=objective.id, quarter=5))
    with pytest.raises(IntegrityError):
        with example_db.transaction() as session:
            objective = _first_objective(session)
            session.add(CommitmentRow(objective_id=objective.id, position=9, kind="wish"))


@pytest.mark.parametrize("value", [Decimal("0.05"), Decimal("0.10"), Decimal("33.33"), Decimal("100"),
                                   Decimal("0.1"), Decimal("6.666666666666666666")])
def test_decimal_text_round_trips_exactly(example_db: Database, value: Decimal) -> None:
    with example_db.transaction() as session:
        objective = _first_objective(session)
        row = CommitmentRow(objective_id=objective.id, position=99, weight_text=f"{value}%", weight=value)
        session.add(row)
        session.flush()
        row_id = row.id
    with example_db.reading() as session:
        stored = session.get(CommitmentRow, row_id).weight
        raw = session.execute(text("select weight, typeof(weight) from commitment where id = :id"),
                              {"id": row_id.hex}).one()
    assert isinstance(stored, Decimal)
    assert stored == value
    assert str(stored) == str(value)  # same digits, trailing zeros kept
    assert raw[1] == "text"
    assert raw[0] == format(value, "f")


def test_decimal_text_refuses_float(example_db: Database) -> None:
    with pytest.raises((TypeError, StatementError)):
        with example_db.transaction() as session:
            objective = _first_objective(session)
            session.add(CommitmentRow(objective_id=objective.id, position=99, weight=0.05))
    with example_db.reading() as session:
        assert session.scalar(select(CommitmentRow).where(CommitmentRow.position == 99)) is None


def test_null_weight_stays_null(example_db: Database) -> None:
    with example_db.transaction() as session:
        row = CommitmentRow(objective_id=_first_objective(session).id, position=98, weight=None)
        session.add(row)
        session.flush()
        row_id = row.id
    with example_db.reading() as session:
        assert session.get(CommitmentRow, row_id).weight is None


def test_timestamps_come_back_timezone_aware_utc(example_db: Database) -> None:
    before = dt.datetime.now(dt.UTC)
    with example_db.transaction() as session:
        row = CommitmentRow(objective_id=_first_objective(session).id, position=97)
        session.add(row)
        session.flush()
        row_id = row.id
    after = dt.datetime.now(dt.UTC)
    with example_db.reading() as session:
        row = session.get(CommitmentRow, row_id)
        for stamp in (row.created_at, row.updated_at):
            assert stamp.tzinfo is not None
            assert stamp.utcoffset() == dt.timedelta(0)
            assert before <= stamp <= after


def test_naive_datetime_is_refused(example_db: Database) -> None:
    with pytest.raises((ValueError, StatementError)):
        with example_db.transaction() as session:
            session.add(CommitmentRow(objective_id=_first_objective(session).id, position=96,
                                      created_at=dt.datetime(2009, 1, 1)))


def test_aware_non_utc_datetime_is_stored_as_utc(example_db: Database) -> None:
    chile = dt.timezone(dt.timedelta(hours=-4))
    stamp = dt.datetime(2009, 6, 30, 20, 0, tzinfo=chile)
    with example_db.transaction() as session:
        row = CommitmentRow(objective_id=_first_objective(session).id, position=95, created_at=stamp)
        session.add(row)
        session.flush()
        row_id = row.id
    with example_db.reading() as session:
        back = session.get(CommitmentRow, row_id).created_at
    assert back == stamp
    assert back.hour == 0 and back.day == 1 and back.tzinfo is not None


def test_every_table_has_id_and_timestamps(db: Database) -> None:
    tables = Base.metadata.tables
    assert {"service", "region", "reporting_year", "work_programme", "objective", "commitment",
            "progress_analysis"} <= set(tables)
    inspector = inspect(db.engine)
    for name, table in tables.items():
        assert {"id", "created_at", "updated_at"} <= set(table.columns.keys()), name
        assert [c.name for c in table.primary_key.columns] == ["id"], name
        stored = {c["name"] for c in inspector.get_columns(name)}
        assert {"id", "created_at", "updated_at"} <= stored, name


def test_updated_at_changes_on_update(example_db: Database) -> None:
    with example_db.reading() as session:
        row = session.scalars(select(WorkProgramme)).first()
        row_id, created, updated = row.id, row.created_at, row.updated_at
    time.sleep(0.01)
    with example_db.transaction() as session:
        session.get(WorkProgramme, row_id).responsible_office = "Dirección Regional de Tarapacá"
    with example_db.reading() as session:
        row = session.get(WorkProgramme, row_id)
        assert row.responsible_office == "Dirección Regional de Tarapacá"
        assert row.updated_at > updated
        assert row.created_at == created


def test_ids_are_uuids(example_db: Database) -> None:
    with example_db.reading() as session:
        ids = session.scalars(select(CommitmentRow.id)).all()
    assert ids and all(isinstance(i, uuid.UUID) for i in ids)
    assert len(set(ids)) == len(ids)
