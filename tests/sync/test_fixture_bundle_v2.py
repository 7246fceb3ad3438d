"""A committed bundle of manifest format 2 that carries a key rotation, with fixed keys.

The Tarapacá installation announces new keys in a bundle signed by its current (old) key; the
announcement is signed by the old AND the new key (``docs/bundle-format.md``, *Rotation*). The
committed file must keep verifying, keep importing into a central office that trusts the old
key (the new key then joins the trust store as ``active``; once the new key signs a bundle, the
old one is ``retired``), and the writer must still produce it byte for byte: any change to the
format breaks this test (then bump the format version and document it). A single flipped byte
is refused with its typed error and the central office's data stays exactly as it was.

Regenerate only on a deliberate format change: ``python -m tests.sync.test_fixture_bundle_v2``
(keys in ``fixtures/fixed-keys-v2.txt``).
"""

from __future__ import annotations

import hashlib
import io
import json
import sqlite3
import struct
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from sqlalchemy import select, update

from db.engine import open_database
from db.models import CommitmentRow, Evidence, Installation, RegionRow, SyncStream
from desktop.sync import errors, service
from desktop.sync.bundle import CHUNK, TAG, BundleReader, write_bundle
from desktop.sync.canonical import canonical_bytes
from desktop.sync.keys import KeySet, PublicKeys, key_id, public_file, raw_public, sign_rotation, verify_rotation
from desktop.sync.manifest import check_manifest
from tests.sync.helpers import PASS, Office, audit_count, snapshot

FIXTURES = Path(__file__).resolve().parent / "fixtures"
BUNDLE = FIXTURES / "fixed-keys-v2-rotation.avance"
KEYS = FIXTURES / "fixed-keys-v2.txt"
EVIDENCE = b"Acta de la reunion de coordinacion regional (fixture, formato 2).\n" * 2000  # 2 chunks + a bit

REGION_TA = "f9879924-023e-5907-9600-e6820a3abde6"
"""uuid5(REGION_NAMESPACE, "CL-TA"): Tarapacá's id as migration 0001 seeds it on every installation."""
SERNAM = "99020ea1-9e1c-5d91-a4b7-575a1dd89c6c"
"""uuid5(SERVICE_NAMESPACE, "SERNAM"), as db.queries gives the service on every installation."""
TA_INSTALLATION = "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa"
CENTRAL_INSTALLATION = "cccccccc-cccc-4ccc-8ccc-cccccccccccc"
STAMP = "2026-11-23T12:00:00.000000Z"
STAMP2 = "2026-11-24T12:00:00.000000Z"
Y = "a1111111-1111-4111-8111-111111111111"
P = "a2222222-2222-4222-8222-222222222222"
O = "a3333333-3333-4333-8333-333333333333"
C = "a4444444-4444-4444-8444-444444444444"
E = "a9999999-9999-4999-8999-999999999999"


@dataclass(frozen=True)
class FixedKeys:
    old_sign: Ed25519PrivateKey
    regional_encrypt: X25519PrivateKey
    new_sign: Ed25519PrivateKey
    new_encrypt: X25519PrivateKey
    central_sign: Ed25519PrivateKey
    central_encrypt: X25519PrivateKey
    ephemeral: X25519PrivateKey
    salt: bytes
    ephemeral2: X25519PrivateKey
    salt2: bytes


def fixed_keys() -> FixedKeys:
    raw: dict[str, bytes] = {}
    for line in KEYS.read_text(encoding="ascii").splitlines():
        if line and not line.startswith("#"):
            name, value = line.split("=")
            raw[name.strip()] = bytes.fromhex(value.strip())
    ed, x = Ed25519PrivateKey.from_private_bytes, X25519PrivateKey.from_private_bytes
    return FixedKeys(ed(raw["old_sign"]), x(raw["regional_encrypt"]), ed(raw["new_sign"]), x(raw["new_encrypt"]),
                     ed(raw["central_sign"]), x(raw["central_encrypt"]), x(raw["ephemeral"]), raw["salt"],
                     x(raw["ephemeral2"]), raw["salt2"])


def announcement(k: FixedKeys) -> dict[str, str]:
    """The rotation announcement: the new keys, signed by the old signing key and the new one."""
    return sign_rotation("CL-TA", uuid.UUID(TA_INSTALLATION), k.old_sign, KeySet(k.new_sign, k.new_encrypt))


def manifest(k: FixedKeys, *, signer: Ed25519PrivateKey, sequence: int, previous: str, bundle_id: str,
             stamp: str, rotation: dict[str, str] | None, carry_evidence: bool, met: bool) -> dict[str, Any]:
    sha = hashlib.sha256(EVIDENCE).hexdigest()
    common = {"created_at": STAMP, "updated_at": STAMP}
    return {
        "format": 2,
        "bundle_id": bundle_id,
        "kind": "regional",
        "sender": {"office": "CL-TA", "installation": TA_INSTALLATION, "key_id": key_id(raw_public(signer))},
        "recipient": {"office": "central", "installation": CENTRAL_INSTALLATION,
                      "key_id": key_id(raw_public(k.central_encrypt))},
        "region": "CL-TA",
        "sequence": sequence,
        "previous": previous,
        "created_at": stamp,
        "records": {
            "service": [{"id": SERNAM, "name": "Servicio Nacional de la Mujer", "acronym": "SERNAM", **common}],
            "reporting_year": [{"id": Y, "service_id": SERNAM, "region_id": REGION_TA, "year": 2010,
                                "responsible_office": "DIRECCION REGIONAL", **common}],
            "work_programme": [{"id": P, "reporting_year_id": Y, "form": "III.1", "responsible_office": "",
                                "instance_name": "", "main_problem": "", "territories": "", "institutions": "",
                                "products": "", **common}],
            "objective": [{"id": O, "programme_id": P, "position": 0, "section": None, "text": "Objetivo",
                           "indicator": "Indicador", "indicator_result": "", **common}],
            "commitment": [{"id": C, "objective_id": O, "position": 0, "kind": "activity", "description": "Actividad",
                            "responsible_unit": "Unidad", "verification_means": "Acta", "weight_text": "0.5%",
                            "weight": "0.5", "met": met, **common, "updated_at": stamp}],
            "progress_analysis": [],
            "evidence": [{"id": E, "commitment_id": C, "sha256": sha, "size": len(EVIDENCE),
                          "name": "acta reunión.pdf", **common}],
        },
        "evidence": [{"sha256": sha, "size": len(EVIDENCE)}] if carry_evidence else [],
        "receipt": None,
        "rotation": rotation,
    }


def rotation_manifest(k: FixedKeys) -> dict[str, Any]:
    """Sequence 1, signed by the old key, carrying the announcement and the evidence file."""
    return manifest(k, signer=k.old_sign, sequence=1, previous="", bundle_id="a6666666-6666-4666-8666-666666666666",
                    stamp=STAMP, rotation=announcement(k), carry_evidence=True, met=True)


def seal(k: FixedKeys, value: dict[str, Any], signer: Ed25519PrivateKey, *, second: bool = False) -> bytes:
    """Sign ``value`` with ``signer`` and encrypt it to the central office's fixed key."""
    out = io.BytesIO()
    write_bundle(out, manifest=value, sign_key=signer, recipient=k.central_encrypt.public_key(),
                 evidence=[io.BytesIO(EVIDENCE)] if value["evidence"] else [],
                 ephemeral=k.ephemeral2 if second else k.ephemeral, salt=k.salt2 if second else k.salt)
    return out.getvalue()


def build() -> bytes:
    """The committed bundle."""
    k = fixed_keys()
    return seal(k, rotation_manifest(k), k.old_sign)


def build_follow_up(sequence: int = 2, signer: str = "new") -> bytes:
    """The next bundle of the stream after the committed one, signed by the new key (or the old
    one with ``signer="old"``), without an announcement: the commitment is now not met."""
    k = fixed_keys()
    sign = k.new_sign if signer == "new" else k.old_sign
    previous = hashlib.sha256(canonical_bytes(rotation_manifest(k))).hexdigest()
    value = manifest(k, signer=sign, sequence=sequence, previous=previous,
                     bundle_id=f"a777777{sequence}-7777-4777-8777-777777777777", stamp=STAMP2, rotation=None,
                     carry_evidence=False, met=False)
    return seal(k, value, sign, second=True)


# -- a central office with the fixed keys, trusting Tarapacá's old key ------------------------------


@pytest.fixture
def central(tmp_path: Path) -> Iterator[Office]:
    k = fixed_keys()
    folder = tmp_path / "central"
    folder.mkdir()
    db = open_database(folder / "avance.db")
    service.init_office(db, region=None, passphrase=PASS, keyset=KeySet(k.central_sign, k.central_encrypt))
    with db.transaction() as session:  # the installation id the committed bundle is addressed to
        session.execute(update(Installation).values(id=uuid.UUID(CENTRAL_INSTALLATION)))
    ta = PublicKeys("CL-TA", uuid.UUID(TA_INSTALLATION), raw_public(k.old_sign), raw_public(k.regional_encrypt))
    service.trust(db, public_file(ta, k.old_sign), "CL-TA")
    yield Office(db, folder, "central")
    db.close()


def _statuses(office: Office) -> dict[str, str]:
    return {t.sign_key_id: t.status for t in service.trusted_keys(office.db)}


def _ids() -> tuple[str, str, str]:
    k = fixed_keys()
    return key_id(raw_public(k.old_sign)), key_id(raw_public(k.new_sign)), key_id(raw_public(k.new_encrypt))


def _last_audit(office: Office) -> tuple[str, str]:
    con = sqlite3.connect(office.db.path)
    try:
        return con.execute("select outcome, error_code from sync_audit order by created_at desc, rowid desc"
                           ).fetchone()
    finally:
        con.close()


def _refused(office: Office, path: Path, error: type[Exception]) -> Exception:
    """``path`` is refused with exactly ``error``; nothing but one audit row changes."""
    before = snapshot(office)
    n = audit_count(office)
    with pytest.raises(errors.BundleRejected) as info:
        service.import_bundle(office.db, path, PASS)
    assert type(info.value) is error, f"{type(info.value).__name__}: {info.value}"
    assert str(info.value)  # a Spanish message
    assert snapshot(office) == before
    assert audit_count(office) == n + 1
    assert _last_audit(office) == ("rechazado", error.__name__)
    return info.value


# -- the committed bytes ------------------------------------------------------------------------------


def test_the_committed_rotation_bundle_still_verifies() -> None:
    k = fixed_keys()
    with BUNDLE.open("rb") as fh:
        reader = BundleReader(fh)
        header = reader.read_header()
        reader.open(k.central_encrypt)
        value = reader.read_manifest(k.old_sign.public_key())
        m = check_manifest(value, 10)
        got = bytearray()
        spec = m["evidence"][0]
        reader.read_file(spec["size"], spec["sha256"], got.extend)
        reader.finish()
    assert header.sender_key == key_id(raw_public(k.old_sign))
    assert header.recipient_key == key_id(raw_public(k.central_encrypt))
    assert m["format"] == 2 and m["sequence"] == 1 and m["previous"] == ""
    assert bytes(got) == EVIDENCE
    new = verify_rotation(m["rotation"], "CL-TA", uuid.UUID(TA_INSTALLATION), k.old_sign.public_key())
    assert new.sign_public == raw_public(k.new_sign)
    assert new.encrypt_public == raw_public(k.new_encrypt)


def test_the_writer_still_produces_the_committed_rotation_bytes() -> None:
    assert build() == BUNDLE.read_bytes()


# -- importing it ---------------------------------------------------------------------------------------


def test_the_committed_rotation_bundle_imports_and_the_new_key_is_trusted(central: Office) -> None:
    old, new, new_encrypt = _ids()
    with central.db.reading() as session:  # the fixture's region id is the one migration 0001 seeds
        assert str(session.scalar(select(RegionRow.id).where(RegionRow.iso_code == "CL-TA"))) == REGION_TA
    assert _statuses(central) == {old: "active"}

    result = service.import_bundle(central.db, BUNDLE, PASS)

    assert result.outcome == "aceptado" and result.sender == "CL-TA" and result.sequence == 1
    assert result.changes == {"nuevos": 5, "modificados": 0, "eliminados": 0, "conflictos": 0}
    # The new keys join the trust store, active, for the same office and installation; the old
    # key stays active until the new one signs a bundle.
    assert _statuses(central) == {old: "active", new: "active"}
    entry = next(t for t in service.trusted_keys(central.db) if t.sign_key_id == new)
    assert (entry.office, str(entry.installation), entry.encrypt_key_id) == ("CL-TA", TA_INSTALLATION, new_encrypt)
    with central.db.reading() as session:
        commitment = session.get(CommitmentRow, uuid.UUID(C))
        assert commitment is not None and commitment.weight_text == "0.5%" and commitment.met is True
        evidence = session.get(Evidence, uuid.UUID(E))
        assert evidence is not None and evidence.name == "acta reunión.pdf"
        stream = session.scalar(select(SyncStream).where(SyncStream.stream == f"in:CL-TA:{TA_INSTALLATION}"))
        assert stream is not None and stream.last_sequence == 1
        assert stream.last_hash == hashlib.sha256(canonical_bytes(rotation_manifest(fixed_keys()))).hexdigest()
    assert (central.blobs / hashlib.sha256(EVIDENCE).hexdigest()).read_bytes() == EVIDENCE
    # The central office now answers to the announced encryption key.
    answer = service.export_bundle(central.db, PASS, to="CL-TA", directory=central.folder).path
    k = fixed_keys()
    with answer.open("rb") as fh:
        reader = BundleReader(fh)
        assert reader.read_header().recipient_key == new_encrypt
        reader.open(k.new_encrypt)
        assert reader.read_manifest(k.central_sign.public_key())["receipt"]["sequence"] == 1
    # The same bundle again is "ya importado", and changes nothing.
    before = snapshot(central)
    assert service.import_bundle(central.db, BUNDLE, PASS).outcome == "ya importado"
    assert snapshot(central) == before


def test_once_the_new_key_signs_the_old_key_is_retired(central: Office, tmp_path: Path) -> None:
    old, new, _ = _ids()
    assert service.import_bundle(central.db, BUNDLE, PASS).outcome == "aceptado"
    follow = tmp_path / "seq2.avance"
    follow.write_bytes(build_follow_up())
    result = service.import_bundle(central.db, follow, PASS)
    assert result.outcome == "aceptado" and result.sequence == 2
    assert result.changes == {"nuevos": 0, "modificados": 1, "eliminados": 0, "conflictos": 0}
    assert _statuses(central) == {old: "retired", new: "active"}
    with central.db.reading() as session:
        assert session.get(CommitmentRow, uuid.UUID(C)).met is False
    # A later bundle still signed by the old (retired) key is refused, nothing changed.
    stale = tmp_path / "seq3-old-key.avance"
    stale.write_bytes(build_follow_up(sequence=3, signer="old"))
    _refused(central, stale, errors.RevokedKeyError)
    assert _statuses(central) == {old: "retired", new: "active"}


# -- a flipped byte ----------------------------------------------------------------------------------------


def _positions(data: bytes) -> dict[str, int]:
    (hlen,) = struct.unpack(">H", data[8:10])
    body = 10 + hlen  # chunk 0's ciphertext: a stream cipher, so plaintext offset i is at body + i
    plain = canonical_bytes(rotation_manifest(fixed_keys()))
    return {
        "magic": 3,
        "header length": 9,
        "header json": 10 + hlen // 2,
        "manifest ciphertext": body + 5,
        "rotation announcement": body + 4 + plain.index(b'"rotation":') + 40,  # inside new_signature etc.
        "signature area": body + 4 + len(plain) + 10,
        "evidence chunk": body + (CHUNK + TAG) + 100,
        "final tag": len(data) - 1,
    }


FLIPS = {
    "magic": errors.HeaderError,
    "header length": errors.HeaderError,
    "header json": errors.HeaderError,
    "manifest ciphertext": errors.DecryptionError,
    "rotation announcement": errors.DecryptionError,
    "signature area": errors.DecryptionError,
    "evidence chunk": errors.DecryptionError,
    "final tag": errors.DecryptionError,
}


@pytest.mark.parametrize("where", list(FLIPS))
def test_one_flipped_byte_in_the_committed_bundle_is_refused(central: Office, tmp_path: Path, where: str) -> None:
    old, _, _ = _ids()
    data = bytearray(BUNDLE.read_bytes())
    data[_positions(bytes(data))[where]] ^= 0xFF
    bad = tmp_path / "flipped.avance"
    bad.write_bytes(bytes(data))
    _refused(central, bad, FLIPS[where])
    assert _statuses(central) == {old: "active"}  # the announcement was not taken
    # The intact bundle still imports afterwards.
    assert service.import_bundle(central.db, BUNDLE, PASS).outcome == "aceptado"


@pytest.mark.parametrize("field", ["sign_key", "encrypt_key", "old_signature", "new_signature"])
def test_a_flipped_byte_in_the_announcement_resigned_by_the_old_key_is_refused(central: Office, tmp_path: Path,
                                                                              field: str) -> None:
    """The bundle itself is genuine (signed by the trusted old key), but one byte of the
    announcement differs from what both keys signed: RotationError, nothing changed."""
    old, _, _ = _ids()
    k = fixed_keys()
    value = rotation_manifest(k)
    raw = bytearray(bytes.fromhex(value["rotation"][field]))
    raw[0] ^= 0xFF
    value["rotation"][field] = raw.hex()
    bad = tmp_path / "announcement.avance"
    bad.write_bytes(seal(k, value, k.old_sign))
    _refused(central, bad, errors.RotationError)
    assert _statuses(central) == {old: "active"}


def test_the_fixture_manifest_is_format_2_with_a_rotation() -> None:
    """Guards the generator itself: what is committed is the format-2 case (not format 1)."""
    value = json.loads(canonical_bytes(rotation_manifest(fixed_keys())))
    assert value["format"] == 2 and set(value["rotation"]) == {"sign_key", "encrypt_key", "old_signature",
                                                               "new_signature"}


if __name__ == "__main__":  # pragma: no cover - regenerate on a deliberate format change
    BUNDLE.write_bytes(build())
