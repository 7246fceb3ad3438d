"""The same bundle imported twice at once (threads, processes) applies exactly once; streams
that are larger than declared, and too many files, are refused with the typed limit error."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from db.engine import open_database
from desktop.sync import errors, service
from desktop.sync.bundle import Limits
from tests.sync.helpers import PASS, snapshot
from tests.sync.test_adversarial import mutated, refused

ROOT = Path(__file__).resolve().parents[2]


def _consistent(db_path: Path, blobs: Path) -> None:
    con = sqlite3.connect(db_path)
    try:
        assert con.execute("pragma integrity_check").fetchone()[0] == "ok"
        assert con.execute("pragma foreign_key_check").fetchall() == []
        assert con.execute("select count(*) from sync_bundle where direction = 'in'").fetchone()[0] == 1
        assert con.execute("select last_sequence from sync_stream where stream like 'in:%'").fetchall() == [(1,)]
        hashes = [r[0] for r in con.execute("select sha256 from evidence")]
    finally:
        con.close()
    assert hashes and all((blobs / h).is_file() for h in hashes)
    assert not (blobs.parent / "blobs-staging").exists()


def _outcomes(results: list[object]) -> None:
    accepted = [r for r in results if getattr(r, "outcome", None) == "aceptado"]
    others = [r for r in results if r not in accepted]
    assert len(accepted) == 1, results
    for r in others:
        assert getattr(r, "outcome", None) == "ya importado" or isinstance(r, errors.ImportBusyError), r


def test_the_same_bundle_imported_by_two_threads_at_once_applies_once(world) -> None:
    sent = service.export_bundle(world.ta.db, PASS, directory=world.root / "out").path
    path = world.central.db.path
    barrier = threading.Barrier(2)
    results: list[object] = []

    def run() -> None:
        db = open_database(path)  # its own engine and connections, as another window would have
        try:
            barrier.wait()
            results.append(service.import_bundle(db, sent, PASS))
        except errors.BundleRejected as exc:
            results.append(exc)
        finally:
            db.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    _outcomes(results)
    _consistent(path, world.central.blobs)


_CHILD = """
import sys
from pathlib import Path
from db.engine import open_database
from desktop.sync import service, errors
db = open_database(Path(sys.argv[1]))
try:
    print(service.import_bundle(db, Path(sys.argv[2]), sys.argv[3]).outcome)
except errors.ImportBusyError:
    print("ocupado")
"""


def test_the_same_bundle_imported_by_two_processes_at_once_applies_once(world) -> None:
    sent = service.export_bundle(world.ta.db, PASS, directory=world.root / "out").path
    path = world.central.db.path
    world.central.db.close()
    procs = [subprocess.Popen([sys.executable, "-c", _CHILD, str(path), str(sent), PASS], cwd=ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outs = []
    for p in procs:
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
        outs.append(out.strip())
    assert sorted(outs) in (["aceptado", "ya importado"], ["aceptado", "ocupado"])
    _consistent(path, world.central.blobs)
    world.central.db = open_database(path)


def test_a_stream_larger_than_declared_is_refused_by_the_total_limit(world) -> None:
    sent = service.export_bundle(world.ta.db, PASS, directory=world.root / "out").path
    from tests.sync.test_adversarial import open_bundle

    _, files = open_bundle(sent, world.central, world.ta)
    # The manifest declares the evidence's real (small) size; the stream carries 3 MB more.
    huge = mutated(world, sent, lambda m: None, name="huge.avance", files=[files[0] + os.urandom(3 * 1024 * 1024)])
    small = Limits(total=1024 * 1024)
    before = snapshot(world.central)
    with pytest.raises(errors.LimitExceededError):  # a regular file: its size is checked first
        service.import_bundle(world.central.db, huge, PASS, limits=small)
    # A named pipe has no size to trust: the limits are enforced while reading. The stream stops
    # being read where it exceeds what the manifest declares (TrailingDataError is a limit error)...
    assert _through_pipe(world, huge, Limits(), errors.TrailingDataError) < len(huge.read_bytes())
    # ... whatever the total limit: the extra bytes follow the evidence, so they are found first.
    assert _through_pipe(world, huge, small, errors.TrailingDataError) <= small.total + 2 * 65536
    # Declared evidence over the total limit: refused before reading it.
    assert _through_pipe(world, sent, Limits(total=100_000), errors.LimitExceededError) < sent.stat().st_size
    # A valid bundle through a pipe, its declared sizes within the limit but the whole stream
    # one byte over it: only the running count of bytes read refuses it.
    size = sent.stat().st_size
    _through_pipe(world, sent, Limits(total=size - 1), errors.LimitExceededError)
    assert snapshot(world.central) == before
    assert service.import_bundle(world.central.db, sent, PASS, limits=Limits(total=size)).outcome == "aceptado"


def _through_pipe(world, bundle: Path, limits: Limits, error: type[Exception]) -> int:  # noqa: ANN001
    fifo = world.root / f"pipe-{os.urandom(4).hex()}.avance"
    os.mkfifo(fifo)
    data = bundle.read_bytes()
    fed = {"bytes": 0}

    def feed() -> None:
        try:
            with fifo.open("wb") as fh:
                for i in range(0, len(data), 65536):
                    fh.write(data[i : i + 65536])
                    fed["bytes"] += 65536
        except (BrokenPipeError, OSError):
            pass

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    with pytest.raises(errors.BundleRejected) as info:
        service.import_bundle(world.central.db, fifo, PASS, limits=limits)
    assert type(info.value) is error, f"{type(info.value).__name__}: {info.value}"
    writer.join(timeout=10)
    return fed["bytes"]


def test_too_many_files_are_refused_with_the_limit_error(world) -> None:
    sent = service.export_bundle(world.ta.db, PASS, directory=world.root / "out").path
    many = [{"sha256": os.urandom(32).hex(), "size": 0} for _ in range(Limits().files + 1)]
    bad = mutated(world, sent, lambda m: m.update(evidence=many), name="many.avance", files=[])
    refused(world, bad, errors.LimitExceededError)
    few = Limits(files=2)
    three = mutated(world, sent, lambda m: m.update(evidence=many[:3]), name="three.avance", files=[])
    before = snapshot(world.central)
    with pytest.raises(errors.BundleRejected) as info:
        service.import_bundle(world.central.db, three, PASS, limits=few)
    assert type(info.value) is errors.LimitExceededError
    assert snapshot(world.central) == before
