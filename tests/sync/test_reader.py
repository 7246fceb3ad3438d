"""Strict canonical JSON, and a fuzz test: whatever bytes the reader is given, it only ever
raises a typed :class:`~desktop.sync.errors.BundleRejected`."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.sync.bundle import BundleReader, Limits
from desktop.sync.canonical import canonical_bytes, strict_loads
from desktop.sync.errors import BundleRejected, ManifestError
from desktop.sync.manifest import check_manifest

FIXTURE = (Path(__file__).resolve().parent / "fixtures" / "fixed-keys-v1.avance").read_bytes()
_K = {l.split("=")[0].strip(): bytes.fromhex(l.split("=")[1].strip())
      for l in (Path(__file__).resolve().parent / "fixtures" / "fixed-keys.txt").read_text().splitlines()
      if l and not l.startswith("#")}
SIGN = Ed25519PrivateKey.from_private_bytes(_K["sign"]).public_key()
ENC = X25519PrivateKey.from_private_bytes(_K["encrypt"])


@pytest.mark.parametrize("raw", [b'{"a":1,"a":1}', b'{"a":1.5}', b'{"a":NaN}', b'{"a":1e3}', b'{"b":1,"a":2}',
                                 b'{"a": 1}', b"\xff", b"[" * 100 + b"]" * 100, b'{"a":"\\ud800"}x'])
def test_strict_loads_refuses(raw: bytes) -> None:
    with pytest.raises(ManifestError):
        strict_loads(raw)


@pytest.mark.parametrize(("raw", "reason"), [
    (b'{"a":1,"a":1}', "repite la clave «a»"),
    (b'{"a":{"b":"x","b":"y"}}', "repite la clave «b»"),
    (b'{"a":1.5}', "número con decimales"),
    (b'{"a":1e3}', "número con decimales"),
    (b'[0.0]', "número con decimales"),
    (b'{"a":NaN}', "valor no permitido (NaN)"),
    (b'[-Infinity]', "valor no permitido (-Infinity)"),
])
def test_strict_loads_names_the_check_that_refused(raw: bytes, reason: str) -> None:
    """A duplicate key or a float would also fail the canonical-form check (the re-encoding
    differs), so only the reason shows that the parser's own hooks refused them."""
    with pytest.raises(ManifestError) as info:
        strict_loads(raw)
    assert reason in str(info.value)
    assert "forma canónica" not in str(info.value)


def test_the_parser_hooks_refuse_on_their_own() -> None:
    from desktop.sync import canonical

    assert canonical._no_duplicates([("a", 1), ("b", 2)]) == {"a": 1, "b": 2}  # noqa: SLF001
    with pytest.raises(ManifestError, match="repite la clave «a»"):
        canonical._no_duplicates([("a", 1), ("b", 2), ("a", 1)])  # noqa: SLF001
    with pytest.raises(ManifestError, match="número con decimales"):
        canonical._no_float("0.5")  # noqa: SLF001
    with pytest.raises(ManifestError, match="NaN"):
        canonical._no_constant("NaN")  # noqa: SLF001


def test_canonical_round_trip_and_no_floats() -> None:
    value = {"b": [1, "0.5", None, True], "a": {"ñ": "é"}}
    assert strict_loads(canonical_bytes(value)) == value
    with pytest.raises(ManifestError):
        canonical_bytes({"a": 0.5})


def read_all(data: bytes, limits: Limits | None = None) -> None:
    reader = BundleReader(io.BytesIO(data), limits or Limits(total=10 * 1024 * 1024, files=10))
    reader.read_header()
    reader.open(ENC)
    manifest = check_manifest(reader.read_manifest(SIGN), 10)
    for spec in manifest["evidence"]:
        reader.read_file(spec["size"], spec["sha256"], lambda b: None)
    reader.finish()


def test_the_fixture_reads() -> None:
    read_all(FIXTURE)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_fuzz_the_reader_only_raises_typed_errors(data: st.DataObject) -> None:
    blob = bytearray(FIXTURE)
    how = data.draw(st.sampled_from(["flip", "cut", "insert", "random", "splice"]))
    if how == "flip":
        for _ in range(data.draw(st.integers(1, 4))):
            pos = data.draw(st.integers(0, len(blob) - 1))
            blob[pos] ^= 1 << data.draw(st.integers(0, 7))
    elif how == "cut":
        blob = blob[: data.draw(st.integers(0, len(blob) - 1))]
    elif how == "insert":
        pos = data.draw(st.integers(0, len(blob)))
        blob[pos:pos] = data.draw(st.binary(min_size=1, max_size=64))
    elif how == "random":
        blob = bytearray(data.draw(st.binary(max_size=2048)))
    else:
        pos = data.draw(st.integers(0, 600))
        blob[pos:pos + 8] = data.draw(st.binary(min_size=8, max_size=8))
    try:
        read_all(bytes(blob))
    except BundleRejected:
        return
    assert bytes(blob) == FIXTURE or False, "a damaged bundle was accepted"
