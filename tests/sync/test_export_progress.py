"""Export reports its progress (the window's bar follows it), and the export's messages say
"1 registro" / "1 medio de verificación" in the right number."""

from __future__ import annotations

import pytest

from desktop.sync import board, bundle, service
from desktop.sync.errors import PassphraseError
from desktop.wording import count
from tests.sync.conftest import EVIDENCE
from tests.sync.helpers import PASS


def test_export_progress_grows_to_total_when_the_bundle_is_in_place(world) -> None:  # noqa: ANN001
    out = world.root / "out" / "con-avance.avance"
    calls: list[tuple[int, int, bool]] = []
    result = service.export_bundle(world.ta.db, PASS, out=out,
                                   progress=lambda done, total: calls.append((done, total, out.exists())))
    assert result.path == out and out.exists()
    totals = {total for _, total, _ in calls}
    assert len(totals) == 1
    total = totals.pop()
    # Units: the plaintext bytes (manifest with length and signature, then the evidence) + 1 last step.
    assert total > len(EVIDENCE) + 1
    dones = [done for done, _, _ in calls]
    assert dones[0] == 0 and dones == sorted(dones) and all(0 <= d <= total for d in dones)
    assert calls[-1][:2] == (total, total)
    # The evidence (200 KiB) is read in 64 KiB blocks: the bar moves several times along it.
    manifest_done = dones[1]
    evidence_steps = [d - manifest_done for d in dones[2:-1]]
    assert evidence_steps == [bundle.CHUNK, 2 * bundle.CHUNK, 3 * bundle.CHUNK, len(EVIDENCE)]
    assert total == manifest_done + len(EVIDENCE) + 1
    # Only the last call comes once the file is in place (synced, recorded, renamed).
    assert [in_place for _, _, in_place in calls] == [False] * (len(calls) - 1) + [True]


def test_export_progress_of_a_central_answer_and_of_a_refused_export(world) -> None:  # noqa: ANN001
    sent = service.export_bundle(world.ta.db, PASS, directory=world.root / "out")
    service.import_bundle(world.central.db, sent.path, PASS)
    calls: list[tuple[int, int]] = []
    service.export_bundle(world.central.db, PASS, to="CL-TA", directory=world.root / "out",
                          progress=lambda done, total: calls.append((done, total)))
    total = calls[-1][1]
    assert calls[0] == (0, total) and calls[-1] == (total, total) and len(calls) == 3  # start, manifest, in place

    refused: list[tuple[int, int]] = []
    with pytest.raises(PassphraseError):
        service.export_bundle(world.ta.db, "otra frase", directory=world.root / "out",
                              progress=lambda done, total: refused.append((done, total)))
    assert refused == []


def test_count_says_one_or_many() -> None:
    assert count(1, "registro", "registros") == "1 registro"
    assert count(0, "registro", "registros") == "0 registros"
    assert count(2, "medio de verificación", "medios de verificación") == "2 medios de verificación"


def test_export_messages_use_the_singular_for_one(world) -> None:  # noqa: ANN001
    # The example region carries one evidence file: "1 medio de verificación", not "1 medios".
    sent = service.export_bundle(world.ta.db, PASS, directory=world.root / "out")
    assert sent.evidence_files == 1
    [entry] = board.bundles(world.ta.db)
    assert entry.summary == f"{sent.records} registros, 1 medio de verificación"
    verified = service.import_bundle(world.central.db, sent.path, PASS, dry_run=True)
    assert verified.summary == f"Paquete válido: {sent.records} registros, 1 medio de verificación."
    imported = service.import_bundle(world.central.db, sent.path, PASS)
    assert "0 modificados, 0 eliminados, 1 medio de verificación recibido." in imported.summary
