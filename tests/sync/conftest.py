"""Fixtures of the sync tests: a central office and a regional office (Tarapacá) enrolled."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import select

from db.models import CommitmentRow
from desktop.services.example import load_example
from desktop.sync import service
from tests.sync.helpers import PASS, Office, enrol, make_office

EVIDENCE = bytes(range(256)) * 800  # 200 KiB: spans several 64 KiB chunks


@dataclass
class World:
    root: Path
    central: Office
    ta: Office
    commitment: object
    evidence: Path


@pytest.fixture
def world(tmp_path: Path) -> Iterator[World]:
    central = make_office(tmp_path, "central", None)
    ta = make_office(tmp_path, "ta", "CL-TA")
    enrol(central, ta)
    load_example(ta.db)
    with ta.db.reading() as session:
        commitment = session.scalars(select(CommitmentRow.id).order_by(CommitmentRow.id)).first()
    evidence = tmp_path / "acta de reunión.pdf"
    evidence.write_bytes(EVIDENCE)
    service.attach_evidence(ta.db, commitment, evidence)
    (tmp_path / "out").mkdir()
    yield World(tmp_path, central, ta, commitment, evidence)
    central.db.close()
    ta.db.close()


@pytest.fixture
def three(world: World) -> Path:
    """A Tarapacá bundle carrying three evidence files (the world's one, 200 KiB, and two more of
    150 000 and 70 000 bytes): its plaintext spans several 64 KiB chunks."""
    with world.ta.db.reading() as session:
        commitments = session.scalars(select(CommitmentRow.id).order_by(CommitmentRow.id)).all()
    for i, size in ((1, 150_000), (2, 70_000)):
        extra = world.root / f"anexo {i}.pdf"
        extra.write_bytes(bytes([i]) * size)
        service.attach_evidence(world.ta.db, commitments[i], extra)
    sent = service.export_bundle(world.ta.db, PASS, directory=world.root / "out")
    assert sent.evidence_files == 3
    return sent.path
