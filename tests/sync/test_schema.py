"""The published JSON Schema of the manifest lists exactly the tables and columns the reader takes."""

from __future__ import annotations

import json
from pathlib import Path

from desktop.sync.manifest import CENTRAL_TABLES, REGIONAL_TABLES

SCHEMA = Path(__file__).resolve().parents[2] / "docs" / "bundle-manifest.schema.json"


def test_schema_matches_the_record_tables() -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    regional, central = schema["properties"]["records"]["oneOf"]
    for published, tables in ((regional, REGIONAL_TABLES), (central, CENTRAL_TABLES)):
        assert set(published["properties"]) == {t for t, _ in tables}
        for table, model in tables:
            columns = {c.name for c in model.__table__.columns}
            assert set(published["properties"][table]["items"]["properties"]) == columns
            assert set(published["properties"][table]["items"]["required"]) == columns


def test_schema_lists_the_format_3_fields() -> None:
    from desktop.sync.manifest import FORMAT, READABLE_FORMATS, TOMBSTONE_TABLES

    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert schema["properties"]["format"]["enum"] == list(READABLE_FORMATS) and FORMAT in READABLE_FORMATS
    tombstone = schema["properties"]["tombstones"]["items"]
    assert set(tombstone["required"]) == set(tombstone["properties"]) == {"table", "id"}
    assert tombstone["properties"]["table"]["enum"] == list(TOMBSTONE_TABLES)
    assert schema["properties"]["base"]["type"] == "integer"
