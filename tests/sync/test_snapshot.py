"""The snapshot the adversarial tests compare is as strict as it can honestly be: any change to
the schema, to a row (even one deleted and written back identically) or to a file of the blob
store shows; only the audit table, written on purpose outside the data transaction, does not."""

from __future__ import annotations

import sqlite3

from tests.sync.helpers import snapshot


def _sql(world, statement: str, *args: object) -> None:  # noqa: ANN001
    con = sqlite3.connect(world.central.db.path)
    try:
        con.execute(statement, args)
        con.commit()
    finally:
        con.close()


def test_every_change_but_an_audit_row_shows(world) -> None:  # noqa: ANN001
    office = world.central
    base = snapshot(office)
    _sql(world, "insert into sync_audit (file_name, file_hash, outcome, error_code, message, id, created_at, "
                "updated_at) values ('x', '', 'rechazado', 'HeaderError', 'm', ?, '2026-01-01', '2026-01-01')",
         "0" * 32)
    assert snapshot(office) == base
    _sql(world, "update installation set region_code = region_code")  # a no-op write changes nothing
    assert snapshot(office) == base
    # A row deleted and inserted again with the same values moves in storage order: it shows.
    con = sqlite3.connect(office.db.path)
    rows = con.execute("select * from region order by rowid").fetchall()
    columns = [d[1] for d in con.execute("pragma table_info(region)")]
    con.close()
    first = rows[0]
    _sql(world, "delete from region where id = ?", first[columns.index("id")])
    _sql(world, f"insert into region ({', '.join(columns)}) values ({', '.join('?' * len(columns))})", *first)
    assert snapshot(office)[0] != base[0]
    moved = snapshot(office)
    _sql(world, "create index ix_extra on region (name)")
    assert snapshot(office)[0] != moved[0]
    # The blob store: a new file, a changed byte, an empty staging folder.
    files = snapshot(office)
    office.blobs.mkdir(exist_ok=True)
    (office.blobs / ("0" * 64)).write_bytes(b"a")
    assert snapshot(office)[1] != files[1]
    with_file = snapshot(office)
    (office.blobs / ("0" * 64)).write_bytes(b"b")
    assert snapshot(office)[1] != with_file[1]
    changed = snapshot(office)
    (office.folder / "blobs-staging").mkdir()
    assert snapshot(office)[1] != changed[1]
