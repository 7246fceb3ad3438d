"""Installations and keys (issue 3, part 1): set-up, keys encrypted at rest, wrong passphrase
refused, public-key files self-signed, trust store rules, revocation."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from sqlalchemy import select

from db.models import OwnKey
from desktop.sync import errors, keys, service
from tests.sync.helpers import PASS, make_office


def test_keys_round_trip_encrypted_at_rest(tmp_path: Path) -> None:
    office = make_office(tmp_path, "ta", "Tarapacá")
    assert office.code == "CL-TA"
    with office.db.reading() as session:
        row = session.scalar(select(OwnKey))
    for pem in (row.sign_private, row.encrypt_private):
        assert pem.startswith("-----BEGIN ENCRYPTED PRIVATE KEY-----")
    raw = office.db.path.read_bytes() + b"".join(p.read_bytes() for p in office.folder.glob("avance.db*"))
    assert PASS.encode() not in raw
    sign = keys.load_private(row.sign_private, PASS, Ed25519PrivateKey)
    enc = keys.load_private(row.encrypt_private, PASS, X25519PrivateKey)
    assert keys.key_id(keys.raw_public(sign)) == row.sign_key_id
    assert keys.key_id(keys.raw_public(enc)) == row.encrypt_key_id
    with pytest.raises(errors.PassphraseError):
        keys.load_private(row.sign_private, "otra frase", Ed25519PrivateKey)
    with pytest.raises(errors.PassphraseError):
        service.export_bundle(office.db, "otra frase")
    office.db.close()


def test_key_id_and_fingerprint() -> None:
    key = Ed25519PrivateKey.from_private_bytes(bytes(32))
    kid = keys.key_id(keys.raw_public(key))
    assert len(kid) == 64 and kid == kid.lower()
    fp = keys.fingerprint(kid)
    assert fp == "-".join(kid[i:i + 4].upper() for i in range(0, 16, 4))


def test_an_installation_is_set_up_once(tmp_path: Path) -> None:
    office = make_office(tmp_path, "c", None)
    with pytest.raises(errors.InstallationError):
        service.init_office(office.db, region="CL-TA", passphrase=PASS)
    office.db.close()


def test_public_key_files_are_self_signed_and_checked(tmp_path: Path) -> None:
    central = make_office(tmp_path, "c", None)
    ta = make_office(tmp_path, "ta", "CL-TA")
    data = service.export_public(ta.db, PASS)
    pub = keys.read_public_file(data)
    assert pub.office == "CL-TA" and pub.sign_key_id == service.office(ta.db).sign_key_id
    at = data.index(b'"encrypt_key":"') + len(b'"encrypt_key":"')  # first hex digit of the key
    tampered = data[:at] + (b"1" if data[at:at + 1] == b"0" else b"0") + data[at + 1:]
    assert tampered != data
    with pytest.raises(errors.KeyFileError):
        keys.read_public_file(tampered)
    with pytest.raises(errors.KeyFileError):
        keys.read_public_file(b'{"a":1,"a":2}')
    with pytest.raises(errors.TrustError):  # declared for another region
        service.trust(central.db, data, "CL-AN")
    with pytest.raises(errors.TrustError):  # a region trusts only the central office
        service.trust(ta.db, service.export_public(make_office(tmp_path, "an", "CL-AN").db, PASS), "CL-AN")
    service.trust(central.db, data, "CL-TA")
    with pytest.raises(errors.TrustError):
        service.trust(central.db, data, "CL-TA")
    [entry] = service.trusted_keys(central.db)
    assert entry.office == "CL-TA" and entry.status == "active"
    revoked = service.revoke(central.db, entry.fingerprint, 5)
    assert revoked.status == "revoked" and revoked.revoked_from_sequence == 5
    with pytest.raises(errors.TrustError):
        service.revoke(central.db, "ABCD", 1)


def test_revocation_from_a_sequence_keeps_older_bundles(world) -> None:
    out = world.root / "out"
    first = service.export_bundle(world.ta.db, PASS, directory=out).path
    second = service.export_bundle(world.ta.db, PASS, directory=out).path
    service.revoke(world.central.db, service.office(world.ta.db).fingerprint, 2)
    assert service.import_bundle(world.central.db, first, PASS).outcome == "aceptado"
    with pytest.raises(errors.RevokedKeyError):
        service.import_bundle(world.central.db, second, PASS)


def test_no_passphrase_or_private_key_in_the_audit(world) -> None:
    out = world.root / "out"
    sent = service.export_bundle(world.ta.db, PASS, directory=out).path
    service.import_bundle(world.central.db, sent, PASS)
    con = sqlite3.connect(world.central.db.path)
    text = " ".join(str(r) for r in con.execute("select * from sync_audit"))
    con.close()
    assert PASS not in text and "PRIVATE" not in text
