"""Real crashes (issue 3, part 4): a child process imports a bundle with three evidence files
and is killed with ``os._exit`` mid-transaction, or after the commit with one of the files
moved into ``blobs/``. Nothing is left half done: the database and the blob store are as
before (or consistent, after the commit), the staging copies the dead import left are removed
(never those of a live import), and importing again succeeds."""

from __future__ import annotations

import hashlib
import sqlite3
import subprocess
import sys
from pathlib import Path

from db.engine import open_database
from desktop.sync import service
from desktop.sync.blobs import BlobStore
from tests.sync.helpers import PASS, snapshot

ROOT = Path(__file__).resolve().parents[2]

_CHILD = """
import os, sys
from pathlib import Path
from db.engine import open_database
from desktop.sync import service

point = sys.argv[4]

def crash(name):
    if name == point:
        os._exit(9)  # no clean-up of any kind: as a power cut or kill -9

service._crash_point = crash
db = open_database(Path(sys.argv[1]))
print(service.import_bundle(db, Path(sys.argv[2]), sys.argv[3]).outcome)
"""


def _crash(world, bundle: Path, point: str) -> None:  # noqa: ANN001
    world.central.db.close()
    child = subprocess.run([sys.executable, "-c", _CHILD, str(world.central.db.path), str(bundle), PASS, point],
                           cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert child.returncode == 9, (child.stdout, child.stderr)  # killed at the point, not finished
    world.central.db = open_database(world.central.db.path)


def _staged_files(world) -> list[Path]:  # noqa: ANN001
    staging = world.central.folder / "blobs-staging"
    return [p for p in staging.rglob("*") if p.is_file() and not p.name.endswith(".lock")] if staging.exists() else []


def _blobs_match_their_names(world) -> set[str]:  # noqa: ANN001
    held = set()
    for p in world.central.blobs.iterdir() if world.central.blobs.exists() else ():
        assert hashlib.sha256(p.read_bytes()).hexdigest() == p.name
        held.add(p.name)
    return held


def test_a_process_killed_mid_transaction_changes_nothing_and_a_retry_succeeds(world, three: Path) -> None:  # noqa: ANN001
    before = snapshot(world.central)
    _crash(world, three, "mid_transaction")
    assert len(_staged_files(world)) == 3  # the dead import's full copies of the evidence
    removed = service.clean_staging(world.central.db)  # what opening the database for sync does
    assert len(removed) == 1
    assert snapshot(world.central) == before  # database and blob store exactly as before
    _crash(world, three, "mid_transaction")  # again, then a plain retry cleans up by itself
    assert service.import_bundle(world.central.db, three, PASS).outcome == "aceptado"
    assert not (world.central.folder / "blobs-staging").exists()
    assert len(_blobs_match_their_names(world)) == 3


def test_a_process_killed_mid_move_leaves_a_consistent_store_and_a_retry_finishes(world, three: Path) -> None:  # noqa: ANN001
    _crash(world, three, "mid_move")
    # The commit happened: the stream and the three evidence records are in the database...
    con = sqlite3.connect(world.central.db.path)
    try:
        assert con.execute("pragma integrity_check").fetchone()[0] == "ok"
        assert con.execute("pragma foreign_key_check").fetchall() == []
        assert con.execute("select last_sequence from sync_stream where stream like 'in:%'").fetchall() == [(1,)]
        wanted = {r[0] for r in con.execute("select sha256 from evidence")}
    finally:
        con.close()
    assert len(wanted) == 3
    # ... one file was moved (whole: os.replace), the other two are still staged by the dead import.
    held = _blobs_match_their_names(world)
    assert len(held) == 1 and held < wanted
    assert len(_staged_files(world)) == 2
    # Importing the same bundle again re-stages the missing files and removes the debris.
    assert service.import_bundle(world.central.db, three, PASS).outcome == "ya importado"
    assert _blobs_match_their_names(world) == wanted
    assert not (world.central.folder / "blobs-staging").exists()
    assert service.import_bundle(world.central.db, three, PASS).outcome == "ya importado"


def test_the_staging_folder_of_a_live_import_is_never_swept(world, tmp_path: Path) -> None:  # noqa: ANN001
    store = service.blob_store(world.central.db)
    live = store.new_staging()
    (live / "parte").write_bytes(b"x" * 1000)
    # A dead import's folder: on disk, its lock free (here: made by hand, as a killed process leaves it).
    dead = store.staging_root / ("d" * 32)
    dead.mkdir()
    (dead / "copia").write_bytes(b"y" * 1000)
    (store.staging_root / ("e" * 32 + ".lock")).write_bytes(b"")  # a lock file left without its folder
    (store.staging_root / "notas.txt").write_text("no es nuestro")  # not a staging name: left alone
    other = BlobStore(store.root)  # another instance (as another import, or another window, has)
    assert other.sweep() == [dead]
    assert (live / "parte").read_bytes() == b"x" * 1000
    assert sorted(p.name for p in store.staging_root.iterdir()) == sorted([live.name, live.name + ".lock", "notas.txt"])
    # Held by another process: the sweep here leaves it too.
    (store.staging_root / "notas.txt").unlink()
    store.discard(live)
    assert not store.staging_root.exists()
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sys; from pathlib import Path; from desktop.sync.blobs import BlobStore\n"
        "s = BlobStore(Path(sys.argv[1])); f = s.new_staging(); (f / 'parte').write_bytes(b'z')\n"
        "print(f, flush=True); sys.stdin.readline(); s.discard(f)\n"), str(store.root)],
        cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        theirs = Path(holder.stdout.readline().strip())
        assert theirs.is_dir()
        assert store.sweep() == []
        assert (theirs / "parte").read_bytes() == b"z"
    finally:
        holder.communicate("\n", timeout=60)
    assert holder.returncode == 0
    assert not store.staging_root.exists()
