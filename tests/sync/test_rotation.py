"""Key rotation (issue 3, part 1): new keys announced in a bundle signed by the old key, the
announcement signed by the old AND the new key; accepted only when both verify and the old key is
trusted and unrevoked; then the new key signs and the old one is retired."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import select

from db.models import OwnKey
from desktop.cli import main
from desktop.sync import errors, keys, service
from tests.sync.helpers import PASS, snapshot
from tests.sync.test_adversarial import open_bundle, refused, reseal


def _statuses(db) -> dict[str, str]:  # noqa: ANN001
    return {t.sign_key_id: t.status for t in service.trusted_keys(db)}


def _own_sign(db, status: str) -> Ed25519PrivateKey:  # noqa: ANN001
    with db.reading() as session:
        row = session.scalar(select(OwnKey).where(OwnKey.status == status))
        return keys.load_private(row.sign_private, PASS, Ed25519PrivateKey)


def test_rotation_signed_by_old_and_new_key_is_accepted_then_the_old_key_is_retired(world) -> None:
    out = world.root / "out"
    old = service.office(world.ta.db)
    new = service.rotate_keys(world.ta.db, PASS)
    assert service.pending_rotation(world.ta.db) == new
    with pytest.raises(errors.TrustError):  # one rotation at a time
        service.rotate_keys(world.ta.db, PASS)
    # The next bundle is still signed by the old key and carries the announcement.
    announcing = service.export_bundle(world.ta.db, PASS, directory=out).path
    manifest, _ = open_bundle(announcing, world.central, world.ta)
    assert manifest["format"] == 3 and manifest["rotation"]["sign_key"]
    assert manifest["sender"]["key_id"] == old.sign_key_id
    assert service.import_bundle(world.central.db, announcing, PASS).outcome == "aceptado"
    assert _statuses(world.central.db) == {old.sign_key_id: "active", new.sign_key_id: "active"}
    # The central office answers to the new key; receiving it finishes the rotation at the region.
    answer = service.export_bundle(world.central.db, PASS, to="CL-TA", directory=out).path
    assert service.import_bundle(world.ta.db, answer, PASS).outcome == "aceptado"
    assert service.pending_rotation(world.ta.db) is None
    assert service.office(world.ta.db).sign_key_id == new.sign_key_id
    # A bundle signed by the new key imports, and the old key is retired.
    fresh = service.export_bundle(world.ta.db, PASS, directory=out).path
    fresh_manifest, files = open_bundle(fresh, world.central, world.ta)
    assert fresh_manifest["sender"]["key_id"] == new.sign_key_id and fresh_manifest["rotation"] is None
    assert service.import_bundle(world.central.db, fresh, PASS).outcome == "aceptado"
    assert _statuses(world.central.db) == {old.sign_key_id: "retired", new.sign_key_id: "active"}
    # After the rotation, a bundle of a later sequence signed by the old key is refused.
    stale = dict(fresh_manifest, sequence=fresh_manifest["sequence"] + 1, bundle_id=str(uuid.uuid4()),
                 sender=dict(fresh_manifest["sender"], key_id=old.sign_key_id))
    bad = reseal(world.root / "old-key.avance", stale, files, _own_sign(world.ta.db, "retired"), world.central)
    refused(world, bad, errors.RevokedKeyError)


def _tampered(world, change) -> Path:  # noqa: ANN001
    service.rotate_keys(world.ta.db, PASS)
    sent = service.export_bundle(world.ta.db, PASS, directory=world.root / "out").path
    manifest, files = open_bundle(sent, world.central, world.ta)
    change(manifest["rotation"])
    return reseal(world.root / "rot.avance", manifest, files, _own_sign(world.ta.db, "active"), world.central)


def _signature_by(key: Ed25519PrivateKey, world, rotation: dict[str, Any]) -> str:  # noqa: ANN001
    info = service.office(world.ta.db)
    message = keys.rotation_message(info.office, info.installation, info.sign_key_id, rotation["sign_key"],
                                    rotation["encrypt_key"])
    return key.sign(message).hex()


@pytest.mark.parametrize("which", ["old_signature", "new_signature"])
def test_rotation_signed_by_one_key_only_is_refused(world, which: str) -> None:
    stranger = Ed25519PrivateKey.generate()
    bad = _tampered(world, lambda r: r.update({which: _signature_by(stranger, world, r)}))
    before = _statuses(world.central.db)
    refused(world, bad, errors.RotationError)
    assert _statuses(world.central.db) == before


def test_rotation_with_a_copied_signature_is_refused(world) -> None:
    """The old key's signature presented as the new key's (one key only, really)."""
    bad = _tampered(world, lambda r: r.update(new_signature=r["old_signature"]))
    refused(world, bad, errors.RotationError)


def test_rotation_announced_by_a_revoked_key_is_refused(world) -> None:
    service.rotate_keys(world.ta.db, PASS)
    sent = service.export_bundle(world.ta.db, PASS, directory=world.root / "out").path
    service.revoke(world.central.db, service.office(world.ta.db).fingerprint, 5)  # revoked from a later sequence
    refused(world, sent, errors.RotationError)


def test_keys_rotate_command(tmp_path: Path, capsys) -> None:
    pw = tmp_path / "pass"
    pw.write_text("secreto de prueba\n", encoding="utf-8")
    db = str(tmp_path / "r.db")
    p = ["--passphrase-file", str(pw)]
    assert main(["--db", db, "office", "init", "--region", "CL-TA", *p]) == 0
    assert main(["--db", db, "keys", "rotate", *p]) == 0
    assert "Claves nuevas" in capsys.readouterr().out
    assert main(["--db", db, "keys", "rotate", *p]) == 1
    assert main(["--db", db, "keys", "rotate", "--finish"]) == 0
    assert "terminado" in capsys.readouterr().out
    assert main(["--db", db, "keys", "rotate", "--finish"]) == 1


def _rotated_through(world) -> list[Path]:  # noqa: ANN001
    """Bundles 1 (old key), 2 (old key, announcing the new one) and 3 (the new key, which
    retires the old one at the central office), all imported there."""
    out = world.root / "out"
    sent = [service.export_bundle(world.ta.db, PASS, directory=out).path]
    service.import_bundle(world.central.db, sent[0], PASS)
    service.rotate_keys(world.ta.db, PASS)
    sent.append(service.export_bundle(world.ta.db, PASS, directory=out).path)
    service.finish_rotation(world.ta.db)
    sent.append(service.export_bundle(world.ta.db, PASS, directory=out).path)
    for path in sent[1:]:
        assert service.import_bundle(world.central.db, path, PASS).outcome == "aceptado"
    return sent


def test_bundles_of_the_old_key_imported_before_a_rotation_are_replays_not_refusals(world) -> None:
    """All the files of a USB stick imported again after a rotation: those signed by the old key
    were imported before, so they are "ya importado antes" (nothing to do), not refused with
    "pida que lo exporte de nuevo", nor logged as a refusal."""
    old = service.office(world.ta.db).sign_key_id
    sent = _rotated_through(world)
    assert _statuses(world.central.db)[old] == "retired"
    before = snapshot(world.central)
    for path in sent[:2]:
        with pytest.raises(errors.ReplayError):
            service.import_bundle(world.central.db, path, PASS)
    assert service.import_bundle(world.central.db, sent[2], PASS).outcome == "ya importado"
    assert snapshot(world.central) == before


def test_the_old_keys_rotation_bundle_imported_again_after_revoking_it_later_is_a_replay(world) -> None:
    """The old key revoked from a sequence after its rotation bundle: that bundle, imported
    before, is still "ya importado antes" (the rotation it announced was accepted then)."""
    old = service.office(world.ta.db).fingerprint
    sent = _rotated_through(world)
    service.revoke(world.central.db, old, 3)
    with pytest.raises(errors.ReplayError):
        service.import_bundle(world.central.db, sent[1], PASS)
