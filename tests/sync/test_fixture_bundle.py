"""A committed bundle with fixed keys still verifies, and the writer still produces it byte for
byte: any change to the format breaks this test (then bump the format version and document it).

Regenerate only on a deliberate format change: ``python -m tests.sync.test_fixture_bundle``.
"""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from desktop.sync.bundle import BundleReader, write_bundle
from desktop.sync.manifest import check_manifest

FIXTURES = Path(__file__).resolve().parent / "fixtures"
BUNDLE = FIXTURES / "fixed-keys-v1.avance"
KEYS = FIXTURES / "fixed-keys.txt"
EVIDENCE = b"Acta de la reunion de coordinacion regional (fixture).\n" * 2000


def _keys() -> dict[str, bytes]:
    out = {}
    for line in KEYS.read_text(encoding="ascii").splitlines():
        if line and not line.startswith("#"):
            name, value = line.split("=")
            out[name.strip()] = bytes.fromhex(value.strip())
    return out


def _manifest(sign: Ed25519PrivateKey, enc: X25519PrivateKey) -> dict:
    from desktop.sync.keys import key_id, raw_public

    sha = hashlib.sha256(EVIDENCE).hexdigest()
    stamp = "2026-11-22T12:00:00.000000Z"
    y = "11111111-1111-4111-8111-111111111111"
    p = "22222222-2222-4222-8222-222222222222"
    o = "33333333-3333-4333-8333-333333333333"
    c = "44444444-4444-4444-8444-444444444444"
    s = "55555555-5555-4555-8555-555555555555"
    common = {"created_at": stamp, "updated_at": stamp}
    return {
        "format": 1,
        "bundle_id": "66666666-6666-4666-8666-666666666666",
        "kind": "regional",
        "sender": {"office": "CL-TA", "installation": "77777777-7777-4777-8777-777777777777",
                   "key_id": key_id(raw_public(sign))},
        "recipient": {"office": "central", "installation": "88888888-8888-4888-8888-888888888888",
                      "key_id": key_id(raw_public(enc))},
        "region": "CL-TA",
        "sequence": 1,
        "previous": "",
        "created_at": stamp,
        "records": {
            "service": [{"id": s, "name": "Servicio Nacional de la Mujer", "acronym": "SERNAM", **common}],
            "reporting_year": [{"id": y, "service_id": s, "region_id": "9a2a4b8e-0000-5000-8000-000000000000",
                                "year": 2009, "responsible_office": "DIRECCION REGIONAL", **common}],
            "work_programme": [{"id": p, "reporting_year_id": y, "form": "III.1", "responsible_office": "",
                                "instance_name": "", "main_problem": "", "territories": "", "institutions": "",
                                "products": "", **common}],
            "objective": [{"id": o, "programme_id": p, "position": 0, "section": None, "text": "Objetivo",
                           "indicator": "Indicador", "indicator_result": "", **common}],
            "commitment": [{"id": c, "objective_id": o, "position": 0, "kind": "activity", "description": "Actividad",
                            "responsible_unit": "Unidad", "verification_means": "Acta", "weight_text": "0.5%",
                            "weight": "0.5", "met": True, **common}],
            "progress_analysis": [],
            "evidence": [{"id": "99999999-9999-4999-8999-999999999999", "commitment_id": c, "sha256": sha,
                          "size": len(EVIDENCE), "name": "acta reunión.pdf", **common}],
        },
        "evidence": [{"sha256": sha, "size": len(EVIDENCE)}],
        "receipt": None,
    }


def build() -> bytes:
    k = _keys()
    sign = Ed25519PrivateKey.from_private_bytes(k["sign"])
    enc = X25519PrivateKey.from_private_bytes(k["encrypt"])
    out = io.BytesIO()
    write_bundle(out, manifest=_manifest(sign, enc), sign_key=sign, recipient=enc.public_key(),
                 evidence=[io.BytesIO(EVIDENCE)], ephemeral=X25519PrivateKey.from_private_bytes(k["ephemeral"]),
                 salt=k["salt"])
    return out.getvalue()


def test_the_committed_bundle_still_verifies() -> None:
    k = _keys()
    sign = Ed25519PrivateKey.from_private_bytes(k["sign"])
    enc = X25519PrivateKey.from_private_bytes(k["encrypt"])
    with BUNDLE.open("rb") as fh:
        reader = BundleReader(fh)
        reader.read_header()
        reader.open(enc)
        manifest = check_manifest(reader.read_manifest(sign.public_key()), 10)
        got = bytearray()
        spec = manifest["evidence"][0]
        reader.read_file(spec["size"], spec["sha256"], got.extend)
        reader.finish()
    assert bytes(got) == EVIDENCE
    assert manifest["records"]["commitment"][0]["weight_text"] == "0.5%"


def test_the_writer_still_produces_the_committed_bytes() -> None:
    assert build() == BUNDLE.read_bytes()


if __name__ == "__main__":  # pragma: no cover - regenerate on a deliberate format change
    BUNDLE.write_bytes(build())
