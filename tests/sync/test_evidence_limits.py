"""Evidence files must fit in a bundle, and an attachment can be removed (issue 3, parts 3 and 4):
a file over the per-file limit, or one that would take the files not yet received over what a
bundle carries, is refused when attached, naming it and the limit; an export that would carry
such files (attached by an earlier version) is refused naming them; ``detach_evidence`` (``avance
evidence remove``, «Quitar…» in the Sincronización panel) deletes the record, so the next bundle
carries its tombstone, and the file once no record uses it. Through files only."""

from __future__ import annotations

import hashlib

import pytest
from sqlalchemy import select

from db.models import CommitmentRow, Evidence
from desktop.cli import main
from desktop.errors import EditError
from desktop.sync import board, service
from desktop.sync.bundle import Limits
from tests.sync.helpers import PASS, snapshot
from tests.sync.test_adversarial import open_bundle
from tests.sync.test_delta import _region_state

SMALL = Limits(total=4 * 1024**2, manifest=1024**2, file=150_000)
"""Limits under which the world's 200 KiB evidence file is too big (as a 1.1 GB file is under
the real ones)."""


def _commitments(world) -> list:  # noqa: ANN001
    with world.ta.db.reading() as session:
        return list(session.scalars(select(CommitmentRow.id).order_by(CommitmentRow.id)))


def _never_copied(monkeypatch) -> None:  # noqa: ANN001
    """The refusal comes before the file is copied into ``blobs/`` (a 1.1 GB copy for nothing)."""
    from desktop.sync.blobs import BlobStore

    def refuse(self, source):  # noqa: ANN001, ANN202
        raise AssertionError(f"{source} copied before the size check")

    monkeypatch.setattr(BlobStore, "add", refuse)


def test_a_file_over_the_per_file_limit_is_refused_when_attached(world, monkeypatch) -> None:  # noqa: ANN001
    huge = world.root / "video de la reunión.mp4"
    with huge.open("wb") as fh:  # sparse: 1.1 GB declared, nothing written
        fh.truncate(1_100_000_000)
    before = snapshot(world.ta)
    _never_copied(monkeypatch)
    with pytest.raises(EditError) as info:
        service.attach_evidence(world.ta.db, world.commitment, huge)
    message = str(info.value)
    assert "video de la reunión.mp4" in message and "1,0 GB" in message and "No se adjuntó" in message
    assert snapshot(world.ta) == before  # no record, no blob


def test_files_that_would_not_fit_in_one_bundle_are_refused_when_attached(world, monkeypatch) -> None:  # noqa: ANN001
    limits = Limits(total=2 * 1024**2, manifest=1024**2, file=1024**2)  # a bundle carries < 1 MB of files
    big = world.root / "informe.pdf"
    big.write_bytes(b"x" * 900_000)
    before = snapshot(world.ta)
    with monkeypatch.context() as m:
        _never_copied(m)
        with pytest.raises(EditError) as info:  # with the 200 KiB file not yet received: over
            service.attach_evidence(world.ta.db, _commitments(world)[1], big, limits=limits)
    assert "informe.pdf" in str(info.value) and "acusa recibo" in str(info.value)
    assert snapshot(world.ta) == before
    # Once the central office holds the first file, it fits.
    service.import_bundle(world.central.db, service.export_bundle(world.ta.db, PASS, directory=world.root).path, PASS)
    answer = service.export_bundle(world.central.db, PASS, to="CL-TA", directory=world.root)
    service.import_bundle(world.ta.db, answer.path, PASS)
    service.attach_evidence(world.ta.db, _commitments(world)[1], big, limits=limits)


def test_an_oversized_attachment_no_longer_blocks_the_region(world) -> None:  # noqa: ANN001
    """The reviewer's scenario: a file attached before the check, too big for the central office.
    The export refuses it naming it (before, the central office refused every bundle); removing
    it lets the region export, and the central office imports."""
    out = world.root / "out"
    before = snapshot(world.ta)
    with pytest.raises(EditError) as info:
        service.export_bundle(world.ta.db, PASS, directory=out, limits=SMALL)
    assert "acta de reunión.pdf" in str(info.value) and "Quitar" in str(info.value)
    assert "avance evidence remove" in str(info.value)
    assert snapshot(world.ta) == before and list(out.iterdir()) == []
    [entry] = board.evidence(world.ta.db)
    assert service.detach_evidence(world.ta.db, entry.id.hex[:10]) == "acta de reunión.pdf"
    assert not (world.ta.blobs / entry.sha256).exists()  # no record uses it
    sent = service.export_bundle(world.ta.db, PASS, directory=out, limits=SMALL)
    assert sent.evidence_files == 0
    assert service.import_bundle(world.central.db, sent.path, PASS, limits=SMALL).outcome == "aceptado"
    assert _region_state(world.central) == _region_state(world.ta)


def test_an_export_over_the_total_names_the_largest_files(world) -> None:  # noqa: ANN001
    extra = world.root / "anexo.pdf"
    extra.write_bytes(b"y" * 120_000)
    service.attach_evidence(world.ta.db, _commitments(world)[1], extra)
    limits = Limits(total=1024**2 + 300_000, manifest=1024**2, file=250_000)  # carries under 300 000 bytes
    with pytest.raises(EditError) as info:
        service.export_bundle(world.ta.db, PASS, directory=world.root, limits=limits)
    message = str(info.value)
    assert "2 medios de verificación" in message and message.index("acta de reunión.pdf") < message.index("anexo.pdf")


def test_a_removed_attachment_goes_as_a_tombstone_and_its_file_stays_while_used(world) -> None:  # noqa: ANN001
    out = world.root / "out"
    service.import_bundle(world.central.db, service.export_bundle(world.ta.db, PASS, directory=out).path, PASS)
    service.import_bundle(world.ta.db, service.export_bundle(world.central.db, PASS, to="CL-TA",
                                                             directory=out).path, PASS)
    copy = service.attach_evidence(world.ta.db, _commitments(world)[2], world.evidence)  # the same bytes again
    [first] = [e for e in board.evidence(world.ta.db) if e.id != copy]
    service.detach_evidence(world.ta.db, first.id)
    assert (world.ta.blobs / first.sha256).exists()  # the copy still uses it
    delta = service.export_bundle(world.ta.db, PASS, directory=out)
    manifest, _ = open_bundle(delta.path, world.central, world.ta)
    assert {"table": "evidence", "id": str(first.id)} in manifest["tombstones"]
    assert [r["id"] for r in manifest["records"]["evidence"]] == [str(copy)]
    # The file goes again: the record the central office acknowledged with it is gone, and the
    # central office removes a file once no record uses it (the copy is not acknowledged yet).
    assert [f["sha256"] for f in manifest["evidence"]] == [first.sha256]
    assert service.import_bundle(world.central.db, delta.path, PASS).outcome == "aceptado"
    assert _region_state(world.central) == _region_state(world.ta)
    with world.central.db.reading() as session:
        assert session.get(Evidence, first.id) is None
    with pytest.raises(EditError, match="oficina regional"):  # the central office does not remove the region's
        service.detach_evidence(world.central.db, copy)
    with pytest.raises(EditError, match="único"):
        service.detach_evidence(world.ta.db, "0000")


def test_the_status_is_per_record_not_per_file(world) -> None:  # noqa: ANN001
    """A file attached a moment ago is "por enviar" even when the central office holds the same
    bytes under another record."""
    out = world.root / "out"
    service.import_bundle(world.central.db, service.export_bundle(world.ta.db, PASS, directory=out).path, PASS)
    [sent] = board.evidence(world.ta.db)
    assert sent.sent and not sent.acknowledged
    service.import_bundle(world.ta.db, service.export_bundle(world.central.db, PASS, to="CL-TA",
                                                             directory=out).path, PASS)
    assert board.evidence(world.ta.db)[0].acknowledged
    again = service.attach_evidence(world.ta.db, _commitments(world)[3], world.evidence)
    states = {e.id: (e.sent, e.acknowledged) for e in board.evidence(world.ta.db)}
    assert states[again] == (False, False) and states[sent.id] == (True, True)


def test_the_command_line_lists_and_removes_evidence(world, capsys) -> None:  # noqa: ANN001
    db = str(world.ta.db.path)
    assert main(["--db", db, "evidence", "list"]) == 0
    _header, line = capsys.readouterr().out.strip().splitlines()
    [entry] = board.evidence(world.ta.db)
    assert line.startswith(entry.id.hex[:12]) and "acta de reunión.pdf" in line and "por enviar" in line
    assert main(["--db", db, "evidence", "list", "--region", "CL-AN"]) == 0
    assert "No hay medios de verificación" in capsys.readouterr().out
    assert main(["--db", db, "evidence", "remove", entry.id.hex[:12]]) == 0
    assert "quitado" in capsys.readouterr().out and board.evidence(world.ta.db) == []
    assert main(["--db", db, "evidence", "remove", entry.id.hex[:12]]) == 1
    assert "avance evidence list" in capsys.readouterr().err
    sha = hashlib.sha256(world.evidence.read_bytes()).hexdigest()
    assert not (world.ta.blobs / sha).exists()


def test_the_window_removes_an_attachment_after_asking(world, qtbot) -> None:  # noqa: ANN001
    from tests.ui.test_sync_ui import SyncPrompter, _window

    prompter = SyncPrompter()
    window = _window(qtbot, world.ta.db, prompter)
    window.sync.panel_action.trigger()
    panel = window.sync.panel
    panel.tabs.setCurrentWidget(panel.evidence_tab)
    assert panel.remove_evidence_button.isVisible() and not panel.remove_evidence_button.isEnabled()
    panel.evidence.setCurrentItem(panel.evidence.topLevelItem(0))
    assert panel.remove_evidence_button.isEnabled()
    prompter.confirm_answer = False
    panel.remove_evidence_button.click()
    assert "acta de reunión.pdf" in prompter.confirmations[-1] and len(board.evidence(world.ta.db)) == 1
    prompter.confirm_answer = True
    panel.evidence.setCurrentItem(panel.evidence.topLevelItem(0))
    panel.remove_evidence_button.click()
    assert board.evidence(world.ta.db) == []
    assert "Ningún medio de verificación" in panel.evidence.topLevelItem(0).text(0)
    assert not panel.remove_evidence_button.isEnabled()
    window.close()
