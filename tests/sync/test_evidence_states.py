"""What an evidence file's state says: at a regional office, whether the central office
received it; at the central office, the bundle of its region that brought it ("recibido en el
paquete n.º N"), never "por enviar" (that is the region's outgoing stream). ``avance evidence
list`` keeps one line per file, whatever the activity's text."""

from __future__ import annotations

from desktop.cli import main
from db.models import CommitmentRow
from desktop.sync import board, service
from tests.sync.helpers import PASS
from tests.sync.test_delta import _ack, _edit


def _send(world) -> None:  # noqa: ANN001
    path = service.export_bundle(world.ta.db, PASS, directory=world.root / "out").path
    assert service.import_bundle(world.central.db, path, PASS).outcome == "aceptado"


def test_at_the_central_office_a_file_is_received_in_its_bundle(world, capsys) -> None:  # noqa: ANN001
    _send(world)
    _ack(world)
    _edit(world.ta, CommitmentRow, world.commitment, description="Otra versión")
    _send(world)  # bundle 2 carries the commitment, not the acknowledged evidence record again
    [ev] = board.evidence(world.central.db)
    assert ev.at_central and ev.received_in == 1 and ev.stored
    assert not ev.sent and not ev.acknowledged
    assert main(["--db", str(world.central.db.path), "evidence", "list"]) == 0
    out = capsys.readouterr().out
    assert "recibido en el paquete n.º 1" in out and "por enviar" not in out
    # The region's own view is unchanged.
    [mine] = board.evidence(world.ta.db)
    assert not mine.at_central and mine.received_in is None and mine.sent


def test_a_file_no_bundle_brought_has_no_state_at_the_central_office(world, capsys) -> None:  # noqa: ANN001
    from desktop.services.example import load_example
    from sqlalchemy import select

    from tests.sync.helpers import make_office

    other = make_office(world.root, "c2", None)
    load_example(other.db)  # a region that sends no bundles: its records are edited here
    with other.db.reading() as session:
        commitment = session.scalars(select(CommitmentRow.id).order_by(CommitmentRow.id)).first()
    service.attach_evidence(other.db, commitment, world.evidence)
    [ev] = board.evidence(other.db)
    assert ev.at_central and ev.received_in is None
    assert main(["--db", str(other.db.path), "evidence", "list"]) == 0
    line = capsys.readouterr().out.rstrip("\n")
    assert "por enviar" not in line and "recibido" not in line and "acta de reunión.pdf" in line
    other.db.close()


def test_evidence_list_keeps_one_line_per_file(world, capsys) -> None:  # noqa: ANN001
    long = "Primera línea de la actividad\nsegunda línea\n\ttercera " + "muy larga " * 20
    _edit(world.ta, CommitmentRow, world.commitment, description=long)
    assert main(["--db", str(world.ta.db.path), "evidence", "list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 1
    assert "— Primera línea de la actividad segunda línea tercera muy larga" in lines[0]
    assert lines[0].endswith("…") and len(lines[0].split(" — ", 1)[1]) == 80
