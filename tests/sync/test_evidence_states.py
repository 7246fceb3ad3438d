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
    header, *lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 1
    activity = lines[0][header.index("Actividad"):]
    assert activity.startswith("Primera línea de la actividad segunda línea tercera muy larga")
    assert activity.endswith("…") and len(activity) == 80


def _columns(line: str, header: str) -> list[str]:
    """``line`` cut where the header's left-aligned columns start; the size, right-aligned under
    «Tamaño», is what follows the region's code."""
    starts = [header.index(name) for name in ("ID", "Región", "Estado", "Archivo", "Actividad")]
    cells = [line[a:b] for a, b in zip(starts, [*starts[1:], None])]
    region, size = cells[1].split(maxsplit=1)
    assert cells[0].endswith("  ") and cells[1].endswith("  ") and cells[2].endswith("  ") and cells[3].endswith("  ")
    return [cells[0].strip(), region, size.strip(), *(c.strip() for c in cells[2:])]


def test_evidence_list_is_a_table_with_aligned_columns(world, capsys) -> None:  # noqa: ANN001
    from sqlalchemy import select

    with world.ta.db.reading() as session:
        second = session.scalars(select(CommitmentRow.id).order_by(CommitmentRow.id)).all()[1]
    small = world.root / "foto.jpg"
    small.write_bytes(b"x" * 10)
    long_name = world.root / ("informe final de la comisión regional " * 3 + ".pdf")
    long_name.write_bytes(b"y" * 3000)
    service.attach_evidence(world.ta.db, second, small)
    service.attach_evidence(world.ta.db, second, long_name)
    _send(world)
    service.attach_evidence(world.ta.db, world.commitment, small)  # not sent yet
    entries = {e.name: e for e in board.evidence(world.ta.db)}
    assert main(["--db", str(world.ta.db.path), "evidence", "list"]) == 0
    header, *lines = capsys.readouterr().out.splitlines()
    assert header.split() == ["ID", "Región", "Tamaño", "Estado", "Archivo", "Actividad"]
    assert len(lines) == 4
    rows = [_columns(line, header) for line in lines]
    assert sorted(r[0] for r in rows) == sorted(e.id.hex[:12] for e in board.evidence(world.ta.db))
    assert {r[1] for r in rows} == {"CL-TA"}
    assert {r[2] for r in rows} == {"10 bytes", "2,9 KB", "200,0 KB"}
    assert sorted(r[3] for r in rows) == ["enviado, sin acuse de recibo"] * 3 + ["por enviar"]
    shortened = next(r[4] for r in rows if r[4].startswith("informe final"))
    assert len(shortened) == 40 and shortened.endswith("…")
    assert {r[4] for r in rows} - {shortened} == {"foto.jpg", "acta de reunión.pdf"}
    assert {r[5] for r in rows} == {e.one_line_commitment for e in entries.values()}
    size_end = header.index("Tamaño") + len("Tamaño")  # sizes are right-aligned under their header
    assert all(line[:size_end].endswith(r[2]) for line, r in zip(lines, rows))
    assert all(line == line.rstrip() for line in [header, *lines])
