"""A committed bundle of manifest format 3 (a delta with tombstones), with fixed keys.

It is the next bundle of the stream of the committed format-2 fixture
(``fixed-keys-v2-rotation.avance``, sequence 1, which announced a key rotation): sequence 2,
signed by the rotated key, ``previous`` the hash of bundle 1 and ``base`` 1 (Tarapacá had the
receipt of bundle 1). It carries only what changed since: the commitment, now not met; a new
III.4 row; a tombstone for the evidence record (deleted at the region) and one for an objective
the central office never held (a no-op). No file: the receipt said the central office holds it.
Its ``receipt`` names the central office's answer 1 (sequence and hash), the last one Tarapacá
applied: a central office whose own answers are behind it moves them past it.

The committed file must keep verifying, keep importing after the format-2 fixture (and be
refused, asking for a complete bundle, by a central office that has not applied bundle 1), and
the writer must still produce it byte for byte: any change to the format breaks this test (then
bump the format version and document it).

Regenerate only on a deliberate format change: ``python -m tests.sync.test_fixture_bundle_v3``
(keys in ``fixtures/fixed-keys-v2.txt`` and ``fixtures/fixed-keys-v3.txt``).
"""

from __future__ import annotations

import hashlib
import io
import uuid
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from sqlalchemy import select

from db.models import CommitmentRow, Evidence, ProgressAnalysis, SyncStream
from desktop.sync import errors, service
from desktop.sync.bundle import BundleReader, write_bundle
from desktop.sync.canonical import canonical_bytes
from desktop.sync.keys import PublicKeys, key_id, public_file, raw_public
from desktop.sync.manifest import FORMAT, check_manifest
from tests.sync.helpers import PASS, Office, audit_count, snapshot
from tests.sync.test_fixture_bundle_v2 import (  # noqa: F401 - ``central`` is a fixture
    BUNDLE as BUNDLE_V2,
    C,
    CENTRAL_INSTALLATION,
    E,
    O,
    STAMP,
    TA_INSTALLATION,
    central,
    fixed_keys,
    rotation_manifest,
)

FIXTURES = Path(__file__).resolve().parent / "fixtures"
BUNDLE = FIXTURES / "fixed-keys-v3-delta.avance"
KEYS = FIXTURES / "fixed-keys-v3.txt"
STAMP3 = "2026-11-25T12:00:00.000000Z"
Q = "a8888888-8888-4888-8888-888888888888"
"""The new III.4 row (objective O, quarter 1)."""
NEVER_HELD = "a5555555-5555-4555-8555-555555555555"
"""An objective deleted at the region before it was ever received: its tombstone is a no-op."""
ANSWER = hashlib.sha256(b"avance fixture: answer 1 of the central office").hexdigest()
"""The hash of the central office's answer 1, the last one Tarapacá applied (its ``receipt``)."""


def _agreement() -> tuple[X25519PrivateKey, bytes]:
    raw: dict[str, bytes] = {}
    for line in KEYS.read_text(encoding="ascii").splitlines():
        if line and not line.startswith("#"):
            name, value = line.split("=")
            raw[name.strip()] = bytes.fromhex(value.strip())
    return X25519PrivateKey.from_private_bytes(raw["ephemeral"]), raw["salt"]


def delta_manifest() -> dict[str, Any]:
    """Sequence 2 of Tarapacá's fixture stream, base 1."""
    k = fixed_keys()
    common = {"created_at": STAMP, "updated_at": STAMP}
    return {
        "format": 3,
        "bundle_id": "a7777773-7777-4777-8777-777777777777",
        "kind": "regional",
        "sender": {"office": "CL-TA", "installation": TA_INSTALLATION, "key_id": key_id(raw_public(k.new_sign))},
        "recipient": {"office": "central", "installation": CENTRAL_INSTALLATION,
                      "key_id": key_id(raw_public(k.central_encrypt))},
        "region": "CL-TA",
        "sequence": 2,
        "previous": hashlib.sha256(canonical_bytes(rotation_manifest(k))).hexdigest(),
        "created_at": STAMP3,
        "base": 1,
        "records": {
            "service": [],
            "reporting_year": [],
            "work_programme": [],
            "objective": [],
            "commitment": [{"id": C, "objective_id": O, "position": 0, "kind": "activity", "description": "Actividad",
                            "responsible_unit": "Unidad", "verification_means": "Acta", "weight_text": "0.5%",
                            "weight": "0.5", "met": False, **common, "updated_at": STAMP3}],
            "progress_analysis": [{"id": Q, "objective_id": O, "quarter": 1, "objective_text": "Objetivo",
                                   "progress": "Reunión realizada en marzo.", "authority_measures": "",
                                   "recommendations": "", "responsible": "Unidad",
                                   "created_at": STAMP3, "updated_at": STAMP3}],
            "evidence": [],
        },
        "tombstones": [{"table": "evidence", "id": E}, {"table": "objective", "id": NEVER_HELD}],
        "evidence": [],
        "receipt": {"sequence": 1, "bundle": ANSWER},
        "rotation": None,
    }


def build() -> bytes:
    """The committed bundle."""
    k = fixed_keys()
    ephemeral, salt = _agreement()
    out = io.BytesIO()
    write_bundle(out, manifest=delta_manifest(), sign_key=k.new_sign, recipient=k.central_encrypt.public_key(),
                 evidence=[], ephemeral=ephemeral, salt=salt)
    return out.getvalue()


def test_the_committed_delta_bundle_still_verifies() -> None:
    k = fixed_keys()
    with BUNDLE.open("rb") as fh:
        reader = BundleReader(fh)
        header = reader.read_header()
        reader.open(k.central_encrypt)
        m = check_manifest(reader.read_manifest(k.new_sign.public_key()), 10)
        reader.finish()
    assert header.sender_key == key_id(raw_public(k.new_sign))
    assert (m["format"], m["sequence"], m["base"]) == (3, 2, 1) == (FORMAT, 2, 1)
    assert m["tombstones"] == [("evidence", uuid.UUID(E)), ("objective", uuid.UUID(NEVER_HELD))]
    assert [r["id"] for r in m["records"]["commitment"]] == [uuid.UUID(C)] and m["evidence"] == []


def test_the_writer_still_produces_the_committed_delta_bytes() -> None:
    assert build() == BUNDLE.read_bytes()


def test_the_committed_delta_imports_after_the_format_2_fixture(central: Office) -> None:  # noqa: F811
    assert service.import_bundle(central.db, BUNDLE_V2, PASS).outcome == "aceptado"
    result = service.import_bundle(central.db, BUNDLE, PASS)
    assert (result.outcome, result.sequence) == ("aceptado", 2)
    assert result.changes == {"nuevos": 1, "modificados": 1, "eliminados": 1, "conflictos": 0}
    with central.db.reading() as session:
        assert session.get(CommitmentRow, uuid.UUID(C)).met is False
        assert session.get(ProgressAnalysis, uuid.UUID(Q)).progress == "Reunión realizada en marzo."
        assert session.get(Evidence, uuid.UUID(E)) is None
        assert session.scalar(select(CommitmentRow.id).where(CommitmentRow.id != uuid.UUID(C))) is None
    k = fixed_keys()
    statuses = {t.sign_key_id: t.status for t in service.trusted_keys(central.db)}
    assert statuses == {key_id(raw_public(k.old_sign)): "retired", key_id(raw_public(k.new_sign)): "active"}
    with central.db.reading() as session:  # its next answer follows the one Tarapacá applied
        out = session.scalar(select(SyncStream).where(SyncStream.stream == "out:CL-TA"))
        assert (out.last_sequence, out.last_hash) == (1, ANSWER)
    before = snapshot(central)
    assert service.import_bundle(central.db, BUNDLE, PASS).outcome == "ya importado"
    assert snapshot(central) == before


def test_the_committed_delta_is_refused_where_its_base_was_not_applied(central: Office) -> None:  # noqa: F811
    """A central office that trusts the rotated key but never applied bundle 1: sequence 2 after
    nothing is a gap (the chain is not checked), but its base 1 is missing."""
    k = fixed_keys()
    new = PublicKeys("CL-TA", uuid.UUID(TA_INSTALLATION), raw_public(k.new_sign), raw_public(k.new_encrypt))
    service.trust(central.db, public_file(new, k.new_sign), "CL-TA")
    before = snapshot(central)
    n = audit_count(central)
    with pytest.raises(errors.IncompleteDeltaError) as info:
        service.import_bundle(central.db, BUNDLE, PASS)
    assert "avance bundle export --full" in str(info.value)
    assert snapshot(central) == before and audit_count(central) == n + 1


def test_the_fixture_manifest_is_format_3_with_tombstones() -> None:
    """Guards the generator itself: what is committed is the format-3 delta case."""
    value = delta_manifest()
    assert value["format"] == 3 and value["base"] == 1 and len(value["tombstones"]) == 2
    assert value["receipt"] == {"sequence": 1, "bundle": ANSWER}
    assert set(value) == set(rotation_manifest(fixed_keys())) | {"base", "tombstones"}


if __name__ == "__main__":  # pragma: no cover - regenerate on a deliberate format change
    BUNDLE.write_bytes(build())
