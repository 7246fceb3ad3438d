"""Adversarial bundles (issue 3, part 7): each is refused with its typed error, and the central
office's database (every table but the audit) and blob store stay exactly as they were."""

from __future__ import annotations

import io
import json
import struct
from pathlib import Path
from typing import Any, Callable

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from sqlalchemy import select

from db.models import OwnKey, TrustedKey
from desktop.sync import errors, service
from desktop.sync.bundle import CHUNK, MAGIC, TAG, BundleReader, Limits, write_bundle
from desktop.sync.canonical import canonical_bytes
from desktop.sync.keys import load_private
from tests.sync.helpers import PASS, Office, audit_count, enrol, make_office, snapshot


def _own(office: Office) -> tuple[Ed25519PrivateKey, X25519PrivateKey]:
    with office.db.reading() as session:
        key = session.scalar(select(OwnKey).where(OwnKey.status == "active"))
        return (load_private(key.sign_private, PASS, Ed25519PrivateKey),
                load_private(key.encrypt_private, PASS, X25519PrivateKey))


def open_bundle(path: Path, recipient: Office, sender: Office) -> tuple[dict[str, Any], list[bytes]]:
    """Decrypt a valid bundle (as a test only can): its manifest and evidence files."""
    _, enc = _own(recipient)
    sign, _ = _own(sender)
    with path.open("rb") as fh:
        reader = BundleReader(fh)
        reader.read_header()
        reader.open(enc)
        manifest = reader.read_manifest(sign.public_key())
        files = []
        for spec in manifest["evidence"]:
            buf = bytearray()
            reader.read_file(spec["size"], spec["sha256"], buf.extend)
            files.append(bytes(buf))
        reader.finish()
    return manifest, files


def reseal(out: Path, manifest: Any, files: list[bytes], signer: Ed25519PrivateKey, recipient: Office,
           raw_manifest: bytes | None = None) -> Path:
    """Sign ``manifest`` with ``signer`` and encrypt to ``recipient``'s key (a forger's bundle)."""
    _, enc = _own(recipient)
    with out.open("wb") as fh:
        if raw_manifest is None:
            write_bundle(fh, manifest=manifest, sign_key=signer, recipient=enc.public_key(),
                         evidence=[io.BytesIO(f) for f in files])
        else:  # a manifest that is not canonical JSON: write the same layout by hand
            import desktop.sync.bundle as b

            real = b.canonical_bytes
            b.canonical_bytes = lambda v: raw_manifest if v is manifest else real(v)
            try:
                write_bundle(fh, manifest=manifest, sign_key=signer, recipient=enc.public_key(),
                             evidence=[io.BytesIO(f) for f in files])
            finally:
                b.canonical_bytes = real
    return out


@pytest.fixture
def sent(world) -> Path:
    return service.export_bundle(world.ta.db, PASS, directory=world.root / "out").path


def refused(world, path: Path, error: type[Exception], office: Office | None = None) -> Exception:
    office = office or world.central
    before = snapshot(office)
    n = audit_count(office)
    with pytest.raises(error) as info:
        service.import_bundle(office.db, path, PASS)
    assert isinstance(info.value, errors.BundleRejected)
    assert snapshot(office) == before
    assert audit_count(office) == n + 1
    assert str(info.value)  # a Spanish message
    return info.value


def mutated(world, sent: Path, change: Callable[[dict[str, Any]], Any], name: str = "x.avance",
            signer: Ed25519PrivateKey | None = None, files: list[bytes] | None = None) -> Path:
    manifest, found = open_bundle(sent, world.central, world.ta)
    change(manifest)
    return reseal(world.root / name, manifest, found if files is None else files,
                  signer or _own(world.ta)[0], world.central)


# -- the file as bytes -------------------------------------------------------------------------------


def _regions(data: bytes) -> dict[str, int]:
    (hlen,) = struct.unpack(">H", data[8:10])
    body = 10 + hlen
    return {
        "magic": 3,
        "header length": 9,
        "header json": 10 + hlen // 2,
        "manifest ciphertext": body + 5,
        "signature area": body + 200,
        "evidence chunk": body + (CHUNK + TAG) + 100,
        "final tag": len(data) - 1,
    }


@pytest.mark.parametrize("where", ["magic", "header length", "header json", "manifest ciphertext", "signature area",
                                   "evidence chunk", "final tag"])
def test_one_flipped_bit_anywhere_is_refused(world, sent: Path, where: str) -> None:
    data = bytearray(sent.read_bytes())
    pos = _regions(bytes(data))[where]
    data[pos] ^= 0x04
    bad = world.root / "flipped.avance"
    bad.write_bytes(bytes(data))
    expected = {"magic": errors.HeaderError, "header length": errors.BundleRejected}.get(where, errors.BundleRejected)
    err = refused(world, bad, expected)
    if where in ("manifest ciphertext", "signature area", "evidence chunk", "final tag"):
        assert isinstance(err, errors.DecryptionError)


@pytest.mark.parametrize("cut", ["zero", "header", "mid chunk", "chunk boundary", "last byte"])
def test_truncation_is_refused(world, sent: Path, cut: str) -> None:
    data = sent.read_bytes()
    (hlen,) = struct.unpack(">H", data[8:10])
    body = 10 + hlen
    size = {"zero": 0, "header": 20, "mid chunk": body + 1000, "chunk boundary": body + 2 * (CHUNK + TAG),
            "last byte": len(data) - 1}[cut]
    bad = world.root / "cut.avance"
    bad.write_bytes(data[:size])
    err = refused(world, bad, errors.BundleRejected)
    if cut in ("mid chunk", "chunk boundary", "last byte"):
        assert isinstance(err, errors.DecryptionError)


def test_trailing_bytes_are_refused(world, sent: Path) -> None:
    bad = world.root / "long.avance"
    bad.write_bytes(sent.read_bytes() + b"\x00" * 10)
    refused(world, bad, errors.DecryptionError)


def test_a_wrong_magic_or_version_is_refused(world, sent: Path) -> None:
    bad = world.root / "v2.avance"
    bad.write_bytes(MAGIC[:-1] + b"\x02" + sent.read_bytes()[8:])
    err = refused(world, bad, errors.HeaderError)
    assert "versión" in str(err)


# -- keys, senders, recipients ---------------------------------------------------------------------------


def test_unknown_sender_key_is_refused(world, sent: Path) -> None:
    stranger = Ed25519PrivateKey.generate()
    bad = mutated(world, sent, lambda m: None, signer=stranger)
    refused(world, bad, errors.UnknownSenderKeyError)


def test_another_regions_valid_key_claiming_this_region_is_refused(world, sent: Path) -> None:
    an = make_office(world.root, "an", "CL-AN")
    enrol(world.central, an)
    an_sign, _ = _own(an)
    an_info = service.office(an.db)

    def claim(m: dict[str, Any]) -> None:
        m["sender"]["key_id"] = an_info.sign_key_id
        m["sender"]["installation"] = str(an_info.installation)

    refused(world, mutated(world, sent, claim, signer=an_sign), errors.OwnershipError)

    def claim_office(m: dict[str, Any]) -> None:
        claim(m)
        m["sender"]["office"] = "CL-AN"  # honest sender, but Tarapacá's data

    refused(world, mutated(world, sent, claim_office, signer=an_sign), errors.OwnershipError)
    an.db.close()


def test_a_swapped_key_id_in_the_header_is_refused(world, sent: Path) -> None:
    an = make_office(world.root, "an", "CL-AN")
    enrol(world.central, an)
    data = sent.read_bytes()
    ta_id = service.office(world.ta.db).sign_key_id.encode()
    an_id = service.office(an.db).sign_key_id.encode()
    bad = world.root / "swapped.avance"
    bad.write_bytes(data.replace(ta_id, an_id))
    refused(world, bad, errors.BundleRejected)  # the header is bound: decryption or signature fails
    an.db.close()


class _Forger:
    """Signs with zeros (or any wrong bytes) but presents the real public key."""

    def __init__(self, real: Ed25519PrivateKey, signature: bytes) -> None:
        self._real, self._signature = real, signature

    def public_bytes(self, *args):  # noqa: ANN002, ANN201
        return self._real.public_key().public_bytes(*args)

    def sign(self, message: bytes) -> bytes:
        return self._signature


@pytest.mark.parametrize("signature", [bytes(64), b"\xff" * 64])
def test_forged_signature_encrypted_to_the_right_key_is_refused(world, sent: Path, signature: bytes) -> None:
    manifest, files = open_bundle(sent, world.central, world.ta)
    bad = reseal(world.root / "forged.avance", manifest, files, _Forger(_own(world.ta)[0], signature), world.central)
    refused(world, bad, errors.SignatureError)


def test_a_signature_by_the_right_key_over_another_header_is_refused(world, sent: Path) -> None:
    """Stripping the encryption and re-encrypting keeps the signature but changes the header."""
    manifest, files = open_bundle(sent, world.central, world.ta)
    real = _own(world.ta)[0]
    first = world.root / "first.avance"
    reseal(first, manifest, files, real, world.central)
    # Capture the signature of the first bundle and reuse it under a fresh header.
    import desktop.sync.bundle as b

    captured = {}
    original = b.signed_message

    def spy(header, raw):  # noqa: ANN001, ANN202
        msg = original(header, raw)
        captured.setdefault("sig", real.sign(msg))
        return msg

    b.signed_message = spy
    try:
        reseal(world.root / "tmp.avance", manifest, files, real, world.central)
    finally:
        b.signed_message = original
    bad = reseal(world.root / "replayed-sig.avance", manifest, files, _Forger(real, captured["sig"]), world.central)
    refused(world, bad, errors.SignatureError)


def test_a_bundle_for_another_recipient_is_refused(world, sent: Path) -> None:
    other = make_office(world.root, "central2", None)
    service.trust(other.db, service.export_public(world.ta.db, PASS), "CL-TA")
    refused(world, sent, errors.WrongRecipientError, office=other)
    other.db.close()


def test_a_manifest_naming_another_recipient_is_refused(world, sent: Path) -> None:
    def retarget(m: dict[str, Any]) -> None:
        m["recipient"]["installation"] = "00000000-0000-4000-8000-000000000000"

    refused(world, mutated(world, sent, retarget), errors.WrongRecipientError)


def test_a_revoked_key_is_refused_from_its_sequence(world, sent: Path) -> None:
    fp = service.office(world.ta.db).fingerprint
    service.revoke(world.central.db, fp, 1)
    refused(world, sent, errors.RevokedKeyError)


# -- sequence -----------------------------------------------------------------------------------------------


def test_replay_rollback_and_duplicate_sequence(world, sent: Path) -> None:
    out = world.root / "out"
    assert service.import_bundle(world.central.db, sent, PASS).outcome == "aceptado"
    # The same bundle again: a no-op.
    before = snapshot(world.central)
    assert service.import_bundle(world.central.db, sent, PASS).outcome == "ya importado"
    assert snapshot(world.central) == before
    second = service.export_bundle(world.ta.db, PASS, directory=out).path
    assert service.import_bundle(world.central.db, second, PASS).outcome == "aceptado"
    refused(world, sent, errors.ReplayError)
    # Another bundle with the same sequence as the last one applied.
    twin = mutated(world, second, lambda m: m.update(bundle_id="11111111-1111-4111-8111-111111111111"))
    refused(world, twin, errors.DuplicateSequenceError)
    # An older sequence never seen: rollback.
    old = mutated(world, second, lambda m: m.update(sequence=1, bundle_id="22222222-2222-4222-8222-222222222222"))
    refused(world, old, errors.RollbackError)


# -- evidence ------------------------------------------------------------------------------------------------


def test_evidence_hash_mismatch_is_refused(world, sent: Path) -> None:
    _, files = open_bundle(sent, world.central, world.ta)
    bad = bytearray(files[0])
    bad[5] ^= 1
    refused(world, mutated(world, sent, lambda m: None, files=[bytes(bad)]), errors.EvidenceError)


def test_evidence_shorter_or_longer_than_declared_is_refused(world, sent: Path) -> None:
    _, files = open_bundle(sent, world.central, world.ta)
    refused(world, mutated(world, sent, lambda m: None, files=[files[0][:-1]]), errors.EvidenceError)
    refused(world, mutated(world, sent, lambda m: None, files=[files[0] + b"more"]), errors.TrailingDataError)


def test_evidence_size_mismatch_with_its_record_is_refused(world, sent: Path) -> None:
    def shrink(m: dict[str, Any]) -> None:
        m["evidence"][0]["size"] -= 1

    refused(world, mutated(world, sent, shrink), errors.EvidenceError)


def test_missing_extra_and_duplicated_evidence_is_refused(world, sent: Path) -> None:
    refused(world, mutated(world, sent, lambda m: m.update(evidence=[]), files=[]), errors.EvidenceError)
    _, files = open_bundle(sent, world.central, world.ta)
    refused(world, mutated(world, sent, lambda m: m["evidence"].append(dict(m["evidence"][0])),
                           files=files * 2), errors.EvidenceError)

    def extra(m: dict[str, Any]) -> None:
        m["records"]["evidence"] = []

    refused(world, mutated(world, sent, extra), errors.EvidenceError)


@pytest.mark.parametrize("name", ["../../x", "/etc/passwd", "C:\\x", "a\x00b", "..", "a\u2215b", "a\uff0fb",
                                  "x\u202egnp.exe", " ", "acta\\..\\x"])
def test_evidence_names_that_could_pass_for_paths_are_refused(world, sent: Path, name: str) -> None:
    def rename(m: dict[str, Any]) -> None:
        m["records"]["evidence"][0]["name"] = name

    refused(world, mutated(world, sent, rename), errors.EvidenceNameError)
    assert not (world.root / "x").exists()


# -- manifest ---------------------------------------------------------------------------------------------------


def _raw(world, sent: Path, raw: bytes) -> Path:
    manifest, files = open_bundle(sent, world.central, world.ta)
    return reseal(world.root / "raw.avance", manifest, files, _own(world.ta)[0], world.central, raw_manifest=raw)


def test_manifest_with_duplicate_keys_is_refused(world, sent: Path) -> None:
    manifest, _ = open_bundle(sent, world.central, world.ta)
    raw = canonical_bytes(manifest)
    raw = b'{"format":1,' + raw[1:]
    refused(world, _raw(world, sent, raw), errors.ManifestError)


def test_manifest_with_a_float_is_refused(world, sent: Path) -> None:
    manifest, _ = open_bundle(sent, world.central, world.ta)
    raw = canonical_bytes(manifest).replace(b'"sequence":1', b'"sequence":1.0')
    refused(world, _raw(world, sent, raw), errors.ManifestError)


@pytest.mark.parametrize("change", [
    lambda m: m.update(sequence="1"),
    lambda m: m.update(format=4),  # an unknown version
    lambda m: m.pop("rotation"),  # format 2 requires the field
    lambda m: m.update(format=1),  # format 1 has no rotation field
    lambda m: m.update(extra=True),
    lambda m: m["records"]["commitment"][0].update(met="sí"),
    lambda m: m["records"]["commitment"][0].update(weight="0,5"),
    lambda m: m["records"]["commitment"][0].pop("weight"),
    lambda m: m["records"]["objective"][0].update(id="no-uuid"),
    lambda m: m.update(receipt={"sequence": 1, "bundle": "", "evidence": []}),
])
def test_manifest_with_wrong_types_or_fields_is_refused(world, sent: Path, change) -> None:
    refused(world, mutated(world, sent, change), errors.ManifestError)


def test_manifest_over_the_size_cap_is_refused(world, sent: Path) -> None:
    before = snapshot(world.central)
    with pytest.raises(errors.LimitExceededError):
        service.import_bundle(world.central.db, sent, PASS, limits=Limits(manifest=1000))
    with pytest.raises(errors.LimitExceededError):
        service.import_bundle(world.central.db, sent, PASS, limits=Limits(total=50_000))
    with pytest.raises(errors.LimitExceededError):
        service.import_bundle(world.central.db, sent, PASS, limits=Limits(file=1000))
    with pytest.raises(errors.LimitExceededError):
        service.import_bundle(world.central.db, sent, PASS, limits=Limits(files=0))
    assert snapshot(world.central) == before


def test_a_region_cannot_change_another_regions_records(world, sent: Path) -> None:
    an = make_office(world.root, "an", "CL-AN")
    enrol(world.central, an)
    from desktop.domain.regions import find_region
    from desktop.services.generate import generate_national

    generate_national(an.db, 2009, regions=(find_region("CL-AN"),), objectives=3, activities=3)
    an_bundle = service.export_bundle(an.db, PASS, directory=world.root / "out").path
    assert service.import_bundle(world.central.db, an_bundle, PASS).outcome == "aceptado"
    an_manifest, _ = open_bundle(an_bundle, world.central, an)
    stolen = an_manifest["records"]["objective"][0]

    def steal(m: dict[str, Any]) -> None:
        stolen["programme_id"] = m["records"]["work_programme"][0]["id"]
        m["records"]["objective"].append(stolen)

    refused(world, mutated(world, sent, steal), errors.OwnershipError)
    refused(world, mutated(world, sent, lambda m: m["records"].update(observation=[])), errors.OwnershipError)
    an.db.close()


# -- crashes -----------------------------------------------------------------------------------------------------


def test_a_crash_mid_transaction_changes_nothing_and_a_retry_succeeds(world, sent: Path, monkeypatch) -> None:
    before = snapshot(world.central)

    def boom(name: str) -> None:
        if name == "mid_transaction":
            raise OSError("corte de luz")

    monkeypatch.setattr(service, "_crash_point", boom)
    with pytest.raises(OSError):
        service.import_bundle(world.central.db, sent, PASS)
    assert snapshot(world.central) == before
    monkeypatch.setattr(service, "_crash_point", lambda name: None)
    assert service.import_bundle(world.central.db, sent, PASS).outcome == "aceptado"


def test_a_crash_mid_move_is_repaired_by_a_retry(world, sent: Path, monkeypatch) -> None:
    from desktop.sync.blobs import BlobStore

    real = BlobStore.commit

    def half(self, staged):  # noqa: ANN001
        raise OSError("disco lleno")

    monkeypatch.setattr(BlobStore, "commit", half)
    with pytest.raises(OSError):
        service.import_bundle(world.central.db, sent, PASS)
    monkeypatch.setattr(BlobStore, "commit", real)
    assert service.import_bundle(world.central.db, sent, PASS).outcome == "ya importado"
    _, files = open_bundle(sent, world.central, world.ta)
    import hashlib

    assert (world.central.blobs / hashlib.sha256(files[0]).hexdigest()).read_bytes() == files[0]
    assert not (world.central.folder / "blobs-staging").exists()
