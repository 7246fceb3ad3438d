"""The published JSON Schema of the manifest (``docs/bundle-manifest.schema.json``) lists exactly
the tables and columns the reader takes, and every manifest the writer produces (regional and
central, with and without evidence and a key rotation) and every committed fixture manifest
validates against it; a manifest that breaks it does not. The schema is read from the file, so
a new manifest format documented there is checked the same way."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from sqlalchemy import select

from db.models import CommitmentRow, ProgressAnalysis
from desktop.domain.regions import find_region
from desktop.services.generate import generate_national
from desktop.sync import service
from desktop.sync.bundle import BundleReader
from desktop.sync.manifest import CENTRAL_TABLES, REGIONAL_TABLES
from tests.sync.helpers import PASS, Office, enrol, make_office
from tests.sync.test_adversarial import _own

SCHEMA_PATH = Path(__file__).resolve().parents[2] / "docs" / "bundle-manifest.schema.json"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def _schema() -> dict[str, Any]:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def _validator() -> jsonschema.protocols.Validator:
    schema = _schema()
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)  # the schema itself is a valid JSON Schema of its declared draft
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def _manifest_of(path: Path, sign: Ed25519PrivateKey | Any, enc: X25519PrivateKey) -> dict[str, Any]:
    """The manifest exactly as signed (its JSON, not the reader's decoded form)."""
    with path.open("rb") as fh:
        reader = BundleReader(fh)
        reader.read_header()
        reader.open(enc)
        reader.read_manifest(sign.public_key() if hasattr(sign, "public_key") else sign)
        return json.loads(bytes(reader.manifest_raw))


def _read(path: Path, recipient: Office, sender: Office) -> dict[str, Any]:
    return _manifest_of(path, _own(sender)[0], _own(recipient)[1])


def test_schema_matches_the_record_tables() -> None:
    schema = _schema()
    regional, central = schema["properties"]["records"]["oneOf"]
    for published, tables in ((regional, REGIONAL_TABLES), (central, CENTRAL_TABLES)):
        assert set(published["properties"]) == {t for t, _ in tables}
        for table, model in tables:
            columns = {c.name for c in model.__table__.columns}
            assert set(published["properties"][table]["items"]["properties"]) == columns
            assert set(published["properties"][table]["items"]["required"]) == columns


@pytest.fixture
def written(world) -> dict[str, dict[str, Any]]:  # noqa: ANN001
    """Every kind of manifest the writer produces, as the receiver decrypts it."""
    out = world.root / "out"
    found: dict[str, dict[str, Any]] = {}
    first = service.export_bundle(world.ta.db, PASS, directory=out)
    found["regional with evidence"] = _read(first.path, world.central, world.ta)
    assert service.import_bundle(world.central.db, first.path, PASS).outcome == "aceptado"
    an = make_office(world.root, "an", "CL-AN")
    enrol(world.central, an)
    generate_national(an.db, 2009, regions=(find_region("CL-AN"),), objectives=2, activities=2)
    found["regional without evidence"] = _read(service.export_bundle(an.db, PASS, directory=out).path, world.central, an)
    empty = make_office(world.root, "at", "CL-AT")
    enrol(world.central, empty)
    found["regional with no records"] = _read(service.export_bundle(empty.db, PASS, directory=out).path,
                                              world.central, empty)
    answer = service.export_bundle(world.central.db, PASS, to="CL-TA", directory=out)
    found["central answer without observations"] = _read(answer.path, world.ta, world.central)
    service.add_observation(world.central.db, "commitment", world.commitment, "Falta el acta.")
    found["central answer with observations and receipt"] = _read(
        service.export_bundle(world.central.db, PASS, to="CL-TA", directory=out).path, world.ta, world.central)
    # The region imports the receipt, deletes a III.4 row and edits a commitment: a delta with a
    # tombstone, based on the acknowledged bundle.
    assert service.import_bundle(world.ta.db, answer.path, PASS).outcome == "aceptado"
    with world.ta.db.transaction() as session:
        gone = session.scalars(select(ProgressAnalysis).order_by(ProgressAnalysis.id)).first()
        session.delete(gone)
        session.get(CommitmentRow, world.commitment).met = True
    found["regional delta with a tombstone"] = _read(service.export_bundle(world.ta.db, PASS, directory=out).path,
                                                     world.central, world.ta)
    service.rotate_keys(world.ta.db, PASS)
    found["regional with a key rotation"] = _read(service.export_bundle(world.ta.db, PASS, directory=out).path,
                                                  world.central, world.ta)
    for office in (an, empty):
        office.db.close()
    return found


def test_every_manifest_the_writer_produces_validates(written: dict[str, dict[str, Any]]) -> None:
    validator = _validator()
    assert written["regional with evidence"]["evidence"]
    assert written["regional with a key rotation"]["rotation"] is not None
    delta = written["regional delta with a tombstone"]
    assert delta["base"] == 1 and [t["table"] for t in delta["tombstones"]] == ["progress_analysis"]
    assert [r["met"] for r in delta["records"]["commitment"]] == [True]
    assert written["central answer with observations and receipt"]["records"]["observation"]
    assert written["central answer with observations and receipt"]["receipt"]["evidence"]
    assert written["regional with evidence"]["receipt"] == {"sequence": 0, "bundle": ""}  # no answer applied yet
    assert delta["receipt"]["sequence"] == 1 and len(delta["receipt"]["bundle"]) == 64
    for name, manifest in written.items():
        errors = [e.message for e in validator.iter_errors(manifest)]
        assert errors == [], name


def test_the_committed_fixture_manifests_validate() -> None:
    from tests.sync.test_fixture_bundle import _keys
    from tests.sync.test_fixture_bundle_v2 import BUNDLE as V2, fixed_keys
    from tests.sync.test_fixture_bundle_v3 import BUNDLE as V3

    validator = _validator()
    k1 = _keys()
    v1 = _manifest_of(FIXTURES / "fixed-keys-v1.avance", Ed25519PrivateKey.from_private_bytes(k1["sign"]),
                      X25519PrivateKey.from_private_bytes(k1["encrypt"]))
    k2 = fixed_keys()
    v2 = _manifest_of(V2, k2.old_sign, k2.central_encrypt)
    v3 = _manifest_of(V3, k2.new_sign, k2.central_encrypt)
    assert (v1["format"], v2["format"], v3["format"]) == (1, 2, 3) and v3["tombstones"]
    for manifest in (v1, v2, v3):
        assert [e.message for e in validator.iter_errors(manifest)] == []


def _broken(manifest: dict[str, Any], change: str) -> dict[str, Any]:
    m = copy.deepcopy(manifest)
    if change == "sequence as text":
        m["sequence"] = "1"
    elif change == "a float":
        m["records"]["commitment"][0]["weight"] = 0.5
    elif change == "an unknown field":
        m["extra"] = True
    elif change == "a missing column":
        del m["records"]["commitment"][0]["met"]
    elif change == "an unknown format":
        m["format"] = 99
    elif change == "format 2 without rotation":
        del m["rotation"]
    elif change == "a bad key id":
        m["sender"]["key_id"] = "XYZ"
    elif change == "a central table in a regional bundle":
        m["records"]["observation"] = []
    elif change == "a central receipt in a regional bundle":
        m["receipt"] = {"sequence": 0, "bundle": "", "evidence": []}
    elif change == "no receipt in a regional format 3 bundle":
        m["receipt"] = None
    else:  # pragma: no cover
        raise AssertionError(change)
    return m


@pytest.mark.parametrize("change", ["sequence as text", "a float", "an unknown field", "a missing column",
                                    "an unknown format", "format 2 without rotation", "a bad key id",
                                    "a central table in a regional bundle", "a central receipt in a regional bundle",
                                    "no receipt in a regional format 3 bundle"])
def test_a_manifest_that_breaks_the_schema_fails_validation(written: dict[str, dict[str, Any]], change: str) -> None:
    validator = _validator()
    good = written["regional with evidence"]
    assert validator.is_valid(good)
    assert not validator.is_valid(_broken(good, change))


def test_schema_lists_the_format_3_fields() -> None:
    from desktop.sync.manifest import FORMAT, READABLE_FORMATS, TOMBSTONE_TABLES

    schema = _schema()
    assert schema["properties"]["format"]["enum"] == list(READABLE_FORMATS) and FORMAT in READABLE_FORMATS
    tombstone = schema["properties"]["tombstones"]["items"]
    assert set(tombstone["required"]) == set(tombstone["properties"]) == {"table", "id"}
    assert tombstone["properties"]["table"]["enum"] == list(TOMBSTONE_TABLES)
    assert schema["properties"]["base"]["type"] == "integer"
