"""A lost bundle that turns up later, or a batch imported out of order (the reviewer's "lost"
scenario: the central office imports bundle 3 then 2; a region imports answer 2 then 1).

A bundle never applied in its stream whose number is below one applied since is covered by
that later bundle (a regional delta carries every change since the acknowledged base; an answer
the full state): it is not applied and is reported as superseded (``SupersededError``, nothing
changed, exit 0). A bundle whose sender went back (a number applied with another hash, written
after a later bundle, or not following the bundle applied before it) is still a rollback. A
batch applies each stream's files by sequence number.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import select

from db.models import CommitmentRow, SyncBundle
from desktop.cli import main
from desktop.sync import errors, service
from tests.sync.helpers import PASS, cli_offices
from tests.sync.test_adversarial import mutated, refused
from tests.sync.test_delta import _edit, _region_state
from tests.sync.test_restore import _backup, _restore


def _export(world, n: int = 1) -> list[Path]:  # noqa: ANN001
    """``n`` bundles of Tarapacá, each with a change of its own."""
    paths = []
    for _ in range(n):
        with world.ta.db.reading() as session:
            text = session.get(CommitmentRow, world.commitment).description
        _edit(world.ta, CommitmentRow, world.commitment, description=text + " +")
        paths.append(service.export_bundle(world.ta.db, PASS, directory=world.root / "out").path)
    return paths


def _applied(office, stream_prefix: str) -> list[int]:  # noqa: ANN001
    with office.db.reading() as session:
        return sorted(session.scalars(select(SyncBundle.sequence).where(
            SyncBundle.direction == "in", SyncBundle.stream.like(stream_prefix + "%"))))


def _last_audit(office) -> tuple[str, str]:  # noqa: ANN001
    con = sqlite3.connect(office.db.path)
    try:
        return con.execute("select outcome, error_code from sync_audit order by created_at desc, rowid desc "
                           "limit 1").fetchone()
    finally:
        con.close()


def test_a_lost_regional_bundle_turning_up_later_is_superseded(world) -> None:  # noqa: ANN001
    first, lost, later = _export(world, 3)
    for path in (first, later):
        assert service.import_bundle(world.central.db, path, PASS).outcome == "aceptado"
    state = _region_state(world.central)
    assert state == _region_state(world.ta)
    error = refused(world, lost, errors.SupersededError)  # nothing changed, one audit row
    assert str(error) == ("El paquete n.º 2 de la oficina regional de Tarapacá (CL-TA) ya está cubierto por el paquete "
                          "n.º 3, que se importó después: no cambió nada, puede borrarlo.")
    assert "copia de seguridad" not in str(error)
    assert isinstance(error, errors.StaleBundleError) and not isinstance(error, errors.RollbackError)
    assert _last_audit(world.central) == ("rechazado", "SupersededError")
    assert _region_state(world.central) == state
    # The next bundle still follows 3.
    (fourth,) = _export(world)
    assert service.import_bundle(world.central.db, fourth, PASS).outcome == "aceptado"
    assert _applied(world.central, "in:CL-TA:") == [1, 3, 4]


def test_an_older_answer_turning_up_later_is_superseded(world) -> None:  # noqa: ANN001
    (sent,) = _export(world)
    service.import_bundle(world.central.db, sent, PASS)
    out = world.root / "out"
    old = service.export_bundle(world.central.db, PASS, to="CL-TA", directory=out).path
    new = service.export_bundle(world.central.db, PASS, to="CL-TA", directory=out).path
    assert service.import_bundle(world.ta.db, new, PASS).outcome == "aceptado"
    error = refused(world, old, errors.SupersededError, office=world.ta)
    assert "ya está cubierto por el paquete n.º 2, que se importó después" in str(error)
    assert str(error).startswith("El paquete n.º 1 de la oficina central")


def test_a_sender_that_went_back_is_still_a_rollback(world) -> None:  # noqa: ANN001
    (first,) = _export(world)
    copy = _backup(world.ta, "after-1")  # Tarapacá's backup after sending bundle 1
    lost, later = _export(world, 2)
    for path in (first, later):
        service.import_bundle(world.central.db, path, PASS)
    # Bundle 2 as sent, but naming another bundle before it: not the one that followed 1.
    refused(world, mutated(world, lost, lambda m: m.update(previous="0" * 64)), errors.RollbackError)
    # Tarapacá restores its backup and exports "bundle 2" again: written after bundle 3 was.
    lost = lost.rename(lost.with_name("perdido.avance"))  # the next export writes its name again
    _restore(world.ta, copy)
    (again,) = _export(world)
    error = refused(world, again, errors.RollbackError)
    assert "¿se restauró una copia de seguridad allá?" in str(error)
    # The bundle 2 really lost on the way is still just covered by 3.
    refused(world, lost, errors.SupersededError)


def test_an_older_bundle_with_a_number_applied_under_another_hash_is_a_rollback(world) -> None:  # noqa: ANN001
    first, second = _export(world, 2)
    for path in (first, second):
        service.import_bundle(world.central.db, path, PASS)
    # Another bundle numbered 1, written before 2 and following nothing, as a lost one would.
    twin = mutated(world, second, lambda m: m.update(sequence=1, previous="",
                                                     created_at="2000-01-01T00:00:00.000000Z",
                                                     bundle_id="22222222-2222-4222-8222-222222222222"))
    refused(world, twin, errors.RollbackError)


def test_a_batch_out_of_order_is_applied_in_sequence_order(world) -> None:  # noqa: ANN001
    first, second, third = _export(world, 3)
    assert service.import_order(world.central.db, [third, Path("no-existe.avance"), first, second], PASS) == [
        first, Path("no-existe.avance"), second, third]


def test_bundle_import_cli_orders_a_batch_and_lists_superseded_files_apart(tmp_path, capsys) -> None:  # noqa: ANN001
    p, c, r = cli_offices(tmp_path)
    files = [tmp_path / f"ta{i}.avance" for i in range(1, 6)]
    for f in files:
        assert main(["--db", r, "bundle", "export", "-o", str(f), *p]) == 0
    # Copies on a stick, out of order: 3, 1, 2 are applied 1, 2, 3.
    capsys.readouterr()
    assert main(["--db", c, "bundle", "import", str(files[2]), str(files[0]), str(files[1]), *p]) == 0
    out = capsys.readouterr().out.splitlines()
    assert [line.split(":")[0] for line in out] == [str(files[0]), str(files[1]), str(files[2])]
    assert all("aceptado" in line for line in out)
    # 5 then 4 (4 lost, then found): 4 is covered by 5, exit 0, listed apart.
    assert main(["--db", c, "bundle", "import", str(files[4]), *p]) == 0
    capsys.readouterr()
    assert main(["--db", c, "bundle", "import", str(files[3]), str(files[0]), *p]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    assert "Ya importados antes (no se cambió nada; se pueden borrar): 1 paquete." in captured.out
    assert "Ya cubiertos por paquetes posteriores (no se cambió nada; se pueden borrar): 1 paquete." in captured.out
    assert (f"{files[3]}: ya cubierto — El paquete n.º 4 de la oficina regional de Tarapacá (CL-TA) ya está cubierto "
            "por el paquete n.º 5, que se importó después: no cambió nada, puede borrarlo.") in captured.out
    assert "copia de seguridad" not in captured.out
