"""Installations in temporary folders, and a logical snapshot of a database and blob store."""

from __future__ import annotations

import hashlib
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from db.engine import Database, open_database
from desktop.sync import service

PASS = "frase de paso de prueba"


@dataclass
class Office:
    """One installation: its database, folder and office code."""

    db: Database
    folder: Path
    code: str

    @property
    def blobs(self) -> Path:
        return self.folder / "blobs"


def make_office(root: Path, name: str, region: str | None) -> Office:
    folder = root / name
    folder.mkdir(parents=True)
    db = open_database(folder / "avance.db")
    info = service.init_office(db, region=region, passphrase=PASS)
    return Office(db, folder, info.office)


def enrol(central: Office, regional: Office) -> None:
    """Exchange public-key files both ways (the files only)."""
    service.trust(central.db, service.export_public(regional.db, PASS), regional.code)
    service.trust(regional.db, service.export_public(central.db, PASS), "central")


AUDIT_TABLE = "sync_audit"
"""The one table :func:`snapshot` leaves out. Issue 3 (part 4) requires every rejection to be
logged in an audit table *outside* the data transaction; that table lives in the same SQLite
file on purpose (one file to back up), so a refused bundle adds exactly one row there and
nowhere else. The tests count that row separately (:func:`audit_count`)."""


def database_dump(path: Path) -> str:
    """A canonical text dump of the SQLite file ``path``: its schema and every row of every
    table except :data:`AUDIT_TABLE` (SQLite's ``iterdump``: ``CREATE`` statements and
    ``INSERT`` statements in storage order, so even a row deleted and re-inserted shows), plus
    ``PRAGMA user_version``. Two dumps are compared byte for byte."""
    con = sqlite3.connect(path)
    try:
        version = con.execute("pragma user_version").fetchone()[0]
        lines = [f"PRAGMA user_version={version};"]
        audit = (f'INSERT INTO "{AUDIT_TABLE}" ', f"CREATE TABLE {AUDIT_TABLE} ", f'CREATE TABLE "{AUDIT_TABLE}" ')
        for line in con.iterdump():
            if line.startswith(audit) or (line.startswith("CREATE INDEX")
                                          and (f" ON {AUDIT_TABLE} " in line or f' ON "{AUDIT_TABLE}" ' in line)):
                continue
            lines.append(line)
    finally:
        con.close()
    return "\n".join(lines)


def store_files(office: Office) -> dict[str, str]:
    """Every file and folder under ``blobs/`` and ``blobs-staging/``: relative name -> SHA-256
    of its bytes ("dir" for a folder)."""
    files = {}
    for base in (office.blobs, office.folder / "blobs-staging"):
        if base.exists():
            files[str(base.relative_to(office.folder))] = "dir"
            for p in sorted(base.rglob("*")):
                files[str(p.relative_to(office.folder))] = (
                    hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "dir"
                )
    return files


def snapshot(office: Office) -> tuple[str, dict[str, str]]:
    """The database (:func:`database_dump`: schema and rows of every table but the audit, byte
    for byte) and the blob store (:func:`store_files`: every file by name and SHA-256)."""
    return database_dump(office.db.path), store_files(office)


def audit_count(office: Office) -> int:
    con = sqlite3.connect(office.db.path)
    try:
        return con.execute("select count(*) from sync_audit").fetchone()[0]
    finally:
        con.close()


def cli_offices(tmp_path: Path) -> tuple[list[str], str, str]:
    """Through the command line only: a central office and Tarapacá (the seed 001 example) set
    up and enrolled both ways, passphrase in a file.

    Returns:
        ``(passphrase options, central database, regional database)``.
    """
    from desktop.cli import main

    pw = tmp_path / "pass"
    pw.write_text("secreto de prueba\n", encoding="utf-8")
    c, r = str(tmp_path / "c.db"), str(tmp_path / "r.db")
    p = ["--passphrase-file", str(pw)]
    for db, office in ((c, ["--central"]), (r, ["--region", "CL-TA"])):
        assert main(["--db", db, "office", "init", *office, *p]) == 0
    assert main(["--db", r, "example", "load"]) == 0
    assert main(["--db", r, "keys", "export-public", "-o", str(tmp_path / "r.pub"), *p]) == 0
    assert main(["--db", c, "keys", "export-public", "-o", str(tmp_path / "c.pub"), *p]) == 0
    assert main(["--db", c, "keys", "trust", str(tmp_path / "r.pub"), "--region", "CL-TA"]) == 0
    assert main(["--db", r, "keys", "trust", str(tmp_path / "c.pub"), "--central"]) == 0
    return p, c, r
