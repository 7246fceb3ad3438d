"""Fixtures shared by the service tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from db.engine import Database, open_database
from desktop.domain.regions import find_region
from desktop.services.excel import export_region
from desktop.services.generate import generate_national
from tests.conftest import TODAY


@pytest.fixture
def generated(tmp_path: Path) -> Iterator[tuple[Database, Path]]:
    """A generated Tarapacá 2010 (5 objectives × 3 activities a form) and its exported workbook."""
    tarapaca = find_region("CL-TA")
    db = open_database(tmp_path / "g.db")
    generate_national(db, 2010, regions=(tarapaca,), objectives=5, activities=3)
    path = export_region(db, tarapaca, 2010, tmp_path / "g.xlsx", today=TODAY)
    yield db, path
    db.close()
