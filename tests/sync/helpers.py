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


def snapshot(office: Office) -> tuple[list[str], dict[str, str]]:
    """Every row of every table but the audit, and every file of the blob store with its hash."""
    con = sqlite3.connect(office.db.path)
    try:
        tables = [r[0] for r in con.execute("select name from sqlite_master where type='table' order by name")]
        rows = []
        for t in tables:
            if t == "sync_audit":
                continue
            rows.extend(sorted(f"{t}:{r!r}" for r in con.execute(f"select * from {t}")))
    finally:
        con.close()
    files = {}
    for base in (office.blobs, office.folder / "blobs-staging"):
        if base.exists():
            for p in sorted(base.rglob("*")):
                files[str(p.relative_to(office.folder))] = (
                    hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "dir"
                )
    return rows, files


def audit_count(office: Office) -> int:
    con = sqlite3.connect(office.db.path)
    try:
        return con.execute("select count(*) from sync_audit").fetchone()[0]
    finally:
        con.close()
