"""Adversarial bundles (issue 3, part 7): each is refused with its typed error, and the central
office's database (every table but the audit) and blob store stay exactly as they were."""

from __future__ import annotations

import hashlib
import io
import json
import os
import struct
from pathlib import Path
from typing import Any, Callable

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from sqlalchemy import select

from db.models import OwnKey, TrustedKey
import desktop.sync.bundle as b
from desktop.sync import errors, service
from desktop.sync.bundle import CHUNK, MAGIC, TAG, BundleReader, Limits, write_bundle
from desktop.sync.canonical import canonical_bytes
from desktop.sync.keys import load_private, raw_public
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
    with pytest.raises(errors.BundleRejected) as info:
        service.import_bundle(office.db, path, PASS)
    assert type(info.value) is error, f"{type(info.value).__name__} instead of {error.__name__}: {info.value}"
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


def decrypt_plaintext(path: Path, recipient: Office) -> tuple[bytes, bytes]:
    """The clear prefix (magic, length, header) and the whole decrypted plaintext of a bundle."""
    _, enc = _own(recipient)
    with path.open("rb") as fh:
        reader = BundleReader(fh)
        header = reader.read_header()
        reader.open(enc)
        while reader._next_chunk():  # noqa: SLF001 - a test reads the plaintext as it is
            pass
        return header.prefix, bytes(reader._plain)  # noqa: SLF001


def seal(out: Path, plaintext: bytes, *, sender_key: str, recipient: X25519PublicKey,
         ephemeral: X25519PrivateKey | None = None, salt: bytes | None = None) -> Path:
    """Encrypt ``plaintext`` as it is (whatever it signs or not) under a fresh header, with
    bundle.py's own primitives: what a forger who decrypted a bundle can write."""
    header = make_header(sender_key, recipient, ephemeral or X25519PrivateKey.generate(), salt or os.urandom(32))
    eph = header_ephemeral[header.raw]
    key = b._derive(eph.exchange(recipient), header.salt, header.ephemeral, raw_public(recipient))  # noqa: SLF001
    with out.open("wb") as fh:
        fh.write(header.prefix)
        writer = b._ChunkWriter(fh, key, hashlib.sha256(header.prefix).digest())  # noqa: SLF001
        writer.write(plaintext)
        writer.close()
    return out


header_ephemeral: dict[bytes, X25519PrivateKey] = {}


def make_header(sender_key: str, recipient: X25519PublicKey, ephemeral: X25519PrivateKey, salt: bytes) -> b.Header:
    """A format-1 header, as write_bundle builds it."""
    eph_raw = raw_public(ephemeral)
    raw = canonical_bytes({"format": b.FORMAT, "suite": b.SUITE, "chunk": CHUNK, "sender_key": sender_key,
                           "recipient_key": hashlib.sha256(raw_public(recipient)).hexdigest(),
                           "ephemeral": eph_raw.hex(), "salt": salt.hex()})
    header_ephemeral[raw] = ephemeral
    return b.Header(raw, sender_key, "", eph_raw, salt)


def split_plaintext(plain: bytes) -> tuple[bytes, bytes, bytes]:
    """(manifest, signature, evidence bytes) of a bundle's plaintext."""
    (length,) = struct.unpack(">I", plain[:4])
    return plain[4 : 4 + length], plain[4 + length : 4 + length + 64], plain[4 + length + 64 :]


def file_regions(path: Path, recipient: Office) -> dict[str, tuple[int, int]]:
    """Where each region of the file is: name -> (file offset of a byte inside it, bit to flip).

    The clear part (magic, header length, each header field) is found in the bytes; the
    encrypted part is mapped from the plaintext layout (``docs/bundle-format.md``): plaintext
    byte ``p`` is in chunk ``p // 65536``, at file offset ``body + (p // 65536) * (65536 + 16)
    + p % 65536``, and each chunk's 16-byte tag follows its ciphertext.
    """
    data = path.read_bytes()
    prefix, plain = decrypt_plaintext(path, recipient)
    body = len(prefix)
    header = prefix[10:]
    manifest_raw, _signature, _evidence = split_plaintext(plain)
    chunks = -(-len(plain) // CHUNK)
    assert len(data) == body + len(plain) + chunks * TAG  # the layout below is the real one
    manifest = json.loads(manifest_raw)

    def at(p: int) -> int:
        return body + (p // CHUNK) * (CHUNK + TAG) + p % CHUNK

    def field(name: str, *, digit: bool = True) -> int:
        """File offset of the first character of a header field's value (of its first decimal
        digit with ``digit``: flipping bit 0 of a digit gives another digit, still valid hex)."""
        start = header.index(f'"{name}":'.encode()) + len(name) + 3
        start += header[start : start + 1] == b'"'
        if digit:
            start = next(i for i in range(start, len(header)) if header[i : i + 1].isdigit())
        return 10 + start

    m = len(manifest_raw)
    regions = {
        "magic": (0, 0x04),
        "magic version": (7, 0x01),
        "header length (high byte)": (8, 0x04),
        "header length (low byte)": (9, 0x04),
        "header opening brace": (10, 0x01),
        "header format (3: newer)": (field("format"), 0x02),
        "header format (0)": (field("format"), 0x01),
        "header suite": (field("suite", digit=False), 0x01),
        "header chunk digits": (field("chunk"), 0x01),
        "header sender key": (field("sender_key"), 0x01),
        "header sender key (not hex)": (field("sender_key", digit=False), 0x40),
        "header recipient key": (field("recipient_key"), 0x01),
        "header ephemeral key": (field("ephemeral"), 0x01),
        "header salt": (field("salt"), 0x01),
        "manifest length": (at(2), 0x04),
        "manifest start": (at(4), 0x04),
        "manifest middle": (at(4 + m // 2), 0x04),
        "manifest end": (at(4 + m - 1), 0x04),
        "signature": (at(4 + m + 20), 0x04),
    }
    start = 4 + m + 64
    for i, spec in enumerate(manifest["evidence"]):
        regions[f"evidence file {i + 1} (first byte)"] = (at(start), 0x04)
        regions[f"evidence file {i + 1} (middle)"] = (at(start + spec["size"] // 2), 0x04)
        start += spec["size"]
    assert start == len(plain)
    regions["tag of chunk 0"] = (body + CHUNK + 3, 0x04)
    regions["final tag"] = (len(data) - 1, 0x04)
    return regions


FLIPS: dict[str, type[Exception]] = {
    "magic": errors.HeaderError,
    "magic version": errors.HeaderError,  # version 0: damage, not a newer version
    "header length (high byte)": errors.LimitExceededError,  # 1024 more: over the header limit
    "header length (low byte)": errors.HeaderError,
    "header opening brace": errors.HeaderError,
    "header format (3: newer)": errors.FormatVersionError,
    "header format (0)": errors.HeaderError,
    "header suite": errors.HeaderError,
    "header chunk digits": errors.HeaderError,  # damage: not "update Avance"
    "header sender key": errors.UnknownSenderKeyError,
    "header sender key (not hex)": errors.HeaderError,
    "header recipient key": errors.WrongRecipientError,
    "header ephemeral key": errors.DecryptionError,
    "header salt": errors.DecryptionError,
}
"""The error of a flipped bit in each clear region; every encrypted one is a DecryptionError."""

REGION_NAMES = [*FLIPS, "manifest length", "manifest start", "manifest middle", "manifest end", "signature",
                *(f"evidence file {i} ({w})" for i in (1, 2, 3) for w in ("first byte", "middle")),
                "tag of chunk 0", "final tag"]


@pytest.mark.parametrize("where", REGION_NAMES)
def test_one_flipped_bit_in_every_region_is_refused_with_its_error(world, three: Path, where: str) -> None:
    pos, bit = file_regions(three, world.central)[where]
    data = bytearray(three.read_bytes())
    data[pos] ^= bit
    bad = world.root / "flipped.avance"
    bad.write_bytes(bytes(data))
    err = refused(world, bad, FLIPS.get(where, errors.DecryptionError))
    if where == "header chunk digits":
        assert "dañado" in str(err) and "Actualice" not in str(err)
    if where == "header format (3: newer)":
        assert "Actualice Avance" in str(err)


@pytest.mark.parametrize("cut", ["zero", "header", "mid chunk", "chunk boundary", "last byte"])
def test_truncation_is_refused(world, sent: Path, cut: str) -> None:
    data = sent.read_bytes()
    (hlen,) = struct.unpack(">H", data[8:10])
    body = 10 + hlen
    size = {"zero": 0, "header": 20, "mid chunk": body + 1000, "chunk boundary": body + 2 * (CHUNK + TAG),
            "last byte": len(data) - 1}[cut]
    bad = world.root / "cut.avance"
    bad.write_bytes(data[:size])
    refused(world, bad, errors.HeaderError if cut in ("zero", "header") else errors.DecryptionError)


def test_trailing_bytes_are_refused(world, sent: Path) -> None:
    bad = world.root / "long.avance"
    bad.write_bytes(sent.read_bytes() + b"\x00" * 10)
    refused(world, bad, errors.DecryptionError)


def test_a_wrong_magic_or_version_is_refused(world, sent: Path) -> None:
    bad = world.root / "v2.avance"
    bad.write_bytes(MAGIC[:-1] + b"\x02" + sent.read_bytes()[8:])
    err = refused(world, bad, errors.FormatVersionError)
    assert "versión más nueva" in str(err)


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
    refused(world, bad, errors.DecryptionError)  # the header is bound to the ciphertext (associated data)
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


def _second_central(world) -> tuple[Office, X25519PublicKey]:  # noqa: ANN001
    """Another central installation that trusts Tarapacá's key: a second recipient."""
    other = make_office(world.root, "central2", None)
    service.trust(other.db, service.export_public(world.ta.db, PASS), "CL-TA")
    return other, _own(other)[1].public_key()


def test_the_same_signed_plaintext_re_encrypted_to_another_recipient_is_refused(world, sent: Path) -> None:
    """Decrypt a valid bundle with its recipient's key and encrypt the very same plaintext
    (manifest, signature, evidence) to a second trusted recipient under a fresh header: the
    signature covers the header, so it no longer verifies (before the manifest, which still
    names the first recipient, is even read)."""
    other, other_pub = _second_central(world)
    _prefix, plain = decrypt_plaintext(sent, world.central)
    ta_key = service.office(world.ta.db).sign_key_id
    bad = seal(world.root / "retargeted.avance", plain, sender_key=ta_key, recipient=other_pub)
    refused(world, bad, errors.SignatureError, office=other)
    other.db.close()


def test_a_manifest_for_the_real_recipient_under_a_re_targeted_header_is_refused(world, sent: Path) -> None:
    """The manifest names the office that imports it, and the header it arrives under is that
    office's too, but the signature was made over a header for another recipient (same
    ephemeral key and salt: the headers differ only in the recipient key id). Only the
    recipient key id inside the signed bytes tells them apart."""
    other, other_pub = _second_central(world)
    manifest = json.loads(split_plaintext(decrypt_plaintext(sent, world.central)[1])[0])
    _, _, evidence = split_plaintext(decrypt_plaintext(sent, world.central)[1])
    info = service.office(other.db)
    manifest["recipient"] = {"office": "central", "installation": str(info.installation), "key_id": info.encrypt_key_id}
    manifest_raw = canonical_bytes(manifest)
    ta_sign = _own(world.ta)[0]
    ta_key = service.office(world.ta.db).sign_key_id
    eph, salt = X25519PrivateKey.generate(), os.urandom(32)
    for_first = make_header(ta_key, _own(world.central)[1].public_key(), eph, salt)
    for_other = make_header(ta_key, other_pub, eph, salt)
    assert for_first.raw != for_other.raw and for_first.ephemeral == for_other.ephemeral

    def plaintext(header: b.Header) -> bytes:
        signature = ta_sign.sign(b.signed_message(header, manifest_raw))
        return struct.pack(">I", len(manifest_raw)) + manifest_raw + signature + evidence

    bad = seal(world.root / "header-retargeted.avance", plaintext(for_first), sender_key=ta_key,
               recipient=other_pub, ephemeral=eph, salt=salt)
    refused(world, bad, errors.SignatureError, office=other)
    # The same construction signed over the header it travels under is a valid bundle.
    good = seal(world.root / "honest.avance", plaintext(for_other), sender_key=ta_key, recipient=other_pub,
                ephemeral=eph, salt=salt)
    assert service.import_bundle(other.db, good, PASS).outcome == "aceptado"
    other.db.close()


@pytest.mark.parametrize("with_evidence", [True, False])
def test_an_unsigned_bundle_encrypted_to_the_right_key_is_refused(world, sent: Path, with_evidence: bool) -> None:
    """Manifest then evidence, with no 64-byte signature at all, encrypted to the central office."""
    manifest_raw, _signature, evidence = split_plaintext(decrypt_plaintext(sent, world.central)[1])
    if not with_evidence:
        manifest = json.loads(manifest_raw)
        manifest["evidence"], manifest["records"]["evidence"], evidence = [], [], b""
        manifest_raw = canonical_bytes(manifest)
    plain = struct.pack(">I", len(manifest_raw)) + manifest_raw + evidence
    bad = seal(world.root / "unsigned.avance", plain, sender_key=service.office(world.ta.db).sign_key_id,
               recipient=_own(world.central)[1].public_key())
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
    err = refused(world, _raw(world, sent, raw), errors.ManifestError)
    assert "repite la clave «format»" in str(err)  # the duplicate-key check, not the canonical-form one


def test_manifest_with_a_float_is_refused(world, sent: Path) -> None:
    manifest, _ = open_bundle(sent, world.central, world.ta)
    raw = canonical_bytes(manifest).replace(b'"sequence":1', b'"sequence":1.0')
    err = refused(world, _raw(world, sent, raw), errors.ManifestError)
    assert "número con decimales" in str(err)  # the float check while parsing, not a later one


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


@pytest.mark.parametrize("limits", [Limits(manifest=1000), Limits(total=50_000), Limits(file=1000), Limits(files=0),
                                    Limits(header=100)])
def test_manifest_over_the_size_cap_is_refused(world, sent: Path, limits: Limits) -> None:
    before = snapshot(world.central)
    with pytest.raises(errors.BundleRejected) as info:
        service.import_bundle(world.central.db, sent, PASS, limits=limits)
    assert type(info.value) is errors.LimitExceededError
    assert snapshot(world.central) == before


def test_the_running_total_limit_refuses_a_legitimate_bundle_over_it() -> None:
    """The reader counts every byte it reads against the total limit, whatever the declared
    sizes: a valid bundle one byte over the limit is refused by that count (no file size to
    check first, declared sizes within the limit, no trailing data)."""
    from tests.sync.test_reader import FIXTURE, read_all

    read_all(FIXTURE, Limits(total=len(FIXTURE), files=10))  # exactly at the limit: fine
    with pytest.raises(errors.BundleRejected) as info:
        read_all(FIXTURE, Limits(total=len(FIXTURE) - 1, files=10))
    assert type(info.value) is errors.LimitExceededError
    assert "tamaño máximo" in str(info.value)


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

    def half(self, staged, on_moved=None):  # noqa: ANN001
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
