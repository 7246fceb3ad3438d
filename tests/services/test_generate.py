"""The generated national data set: another year, another region or another size on the same
database never reuses an id (it once did: objective ids came from ``Random(seed)`` and a second
``avance example generate`` failed with an IntegrityError), and one run gives the same ids every time."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from sqlalchemy import func, select

from db.engine import open_database
from db.models import CommitmentRow, ObjectiveRow, ProgressAnalysis, RegionRow, ReportingYear, WorkProgramme
from desktop.cli import main
from desktop.domain.regions import REGIONS, find_region
from desktop.services.generate import generate_national


def _counts(db) -> tuple[int, int, int, int]:  # noqa: ANN001
    with db.reading() as session:
        return tuple(session.scalar(select(func.count()).select_from(model))
                     for model in (ReportingYear, ObjectiveRow, CommitmentRow, ProgressAnalysis))


def _objective_ids(db, year: int) -> list:  # noqa: ANN001
    with db.reading() as session:
        return list(session.scalars(
            select(ObjectiveRow.id).join(WorkProgramme).join(ReportingYear).join(RegionRow)
            .where(ReportingYear.year == year).order_by(RegionRow.iso_code, WorkProgramme.form, ObjectiveRow.position)))


def test_a_second_year_on_the_same_database(db) -> None:  # noqa: ANN001
    first = generate_national(db, 2010, objectives=2, activities=2)
    second = generate_national(db, 2011, objectives=2, activities=2)
    assert first == second
    assert _counts(db) == (32, 2 * first.objectives, 2 * first.commitments, 2 * first.progress_entries)
    assert not set(_objective_ids(db, 2010)) & set(_objective_ids(db, 2011))


def test_another_region_and_another_size_in_the_same_year(db) -> None:  # noqa: ANN001
    generate_national(db, 2010, regions=REGIONS[:2], objectives=2, activities=2)
    generate_national(db, 2010, regions=REGIONS[2:4], objectives=5, activities=1)
    generate_national(db, 2012, regions=REGIONS[:1], objectives=7, activities=3)
    assert _counts(db) == (5, 3 * (2 * 2 + 2 * 5 + 7), 3 * (2 * 2 * 2 + 2 * 5 + 7 * 3), 3 * (2 * 2 + 2 * 5 + 7))


def test_the_same_region_and_year_twice_is_refused_and_changes_nothing(db, db_path: Path) -> None:  # noqa: ANN001
    ta = find_region("CL-TA")
    generate_national(db, 2010, regions=(ta,), objectives=2, activities=2)
    before = _counts(db)
    with pytest.raises(ValueError, match=r"^Tarapacá ya tiene datos del año 2010: no se generó nada\."):
        generate_national(db, 2010, regions=(find_region("CL-AN"), ta), objectives=2, activities=2)
    assert _counts(db) == before  # Antofagasta, generated before Tarapacá was refused, is not kept


def test_the_same_run_gives_the_same_ids(tmp_path: Path) -> None:
    """What the benchmarks and the round-trip tests rely on: one data set, one set of ids."""
    ids = []
    for name in ("a", "b"):
        db = open_database(tmp_path / f"{name}.db")
        generate_national(db, 2010, regions=REGIONS[:3], objectives=3, activities=2)
        ids.append(_objective_ids(db, 2010))
        db.close()
    assert len(ids[0]) == len(set(ids[0])) == 3 * 3 * 3
    assert ids[0] == ids[1]


def test_the_command_line_generates_a_second_year(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["--db", str(db_path), "example", "generate", "--objectives", "2", "--activities", "1"]
    assert main([*args, "--year", "2010"]) == 0
    capsys.readouterr()
    assert main([*args, "--year", "2011"]) == 0
    out, err = capsys.readouterr()
    assert (out, err) == ("Generado: 16 regiones, 48 programas, 96 objetivos, 96 actividades.\n", "")
    before = hashlib.sha256(db_path.read_bytes()).hexdigest()
    assert main([*args, "--year", "2011"]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err == ("avance: Tarapacá ya tiene datos del año 2011: no se generó nada. Genere otro año (--year) o use "
                   "otra base de datos (--db).\n")
    assert hashlib.sha256(db_path.read_bytes()).hexdigest() == before
