"""Sync bundle benchmark (issue 3, part 9): ``python -m benchmarks.sync``.

One regional installation (Tarapacá, a national-size generated region: 3 programmes × 40
objectives × 3 activities) with 200 MB of evidence (several files of random bytes) exports a
bundle; the central installation imports it in a child process. Reported, as JSON:

* export and import times and throughputs;
* the import throughput as a ratio to ``sha256sum`` over the same bytes (the bundle file),
  measured in the same run (target: at least 0.5);
* the import's peak memory (max RSS of the child, from ``os.wait4``; target: under 200 MB
  whatever the evidence size) — measured for the full evidence and for a tenth of it, to show
  it does not grow with the evidence;
* the peak memory of refusing a bundle whose manifest is as large as the cap allows and whose
  signature is forged (the memory spent before the signature check, whatever the input), and
  the manifest size of the national-size region's bundle beside the cap.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PASS = "frase de paso del benchmark"

_CHILD = """
import sys, time
from pathlib import Path
from db.engine import open_database
from desktop.sync import service
db = open_database(Path(sys.argv[1]))
start = time.perf_counter()
result = service.import_bundle(db, Path(sys.argv[2]), sys.argv[3])
elapsed = time.perf_counter() - start
db.close()
print(result.outcome, elapsed)
"""


def _office(root: Path, name: str, region: str | None):  # noqa: ANN202
    from db.engine import open_database
    from desktop.sync import service

    folder = root / name
    folder.mkdir(parents=True)
    db = open_database(folder / "avance.db")
    service.init_office(db, region=region, passphrase=PASS)
    return db


_REFUSING_CHILD = """
import sys, time
from pathlib import Path
from db.engine import open_database
from desktop.sync import service
from desktop.sync.errors import BundleRejected
db = open_database(Path(sys.argv[1]))
start = time.perf_counter()
try:
    service.import_bundle(db, Path(sys.argv[2]), sys.argv[3])
    outcome = "aceptado"
except BundleRejected as exc:
    outcome = type(exc).__name__
elapsed = time.perf_counter() - start
db.close()
print(outcome, elapsed)
"""


_LAUNCHER = """
import os, subprocess, sys, time
start = time.perf_counter()
proc = subprocess.Popen([sys.executable, "-c", *sys.argv[1:]], stdout=subprocess.PIPE)
out = proc.stdout.read().decode()
_, status, usage = os.wait4(proc.pid, 0)
print(out.strip(), time.perf_counter() - start, usage.ru_maxrss)
sys.exit(os.waitstatus_to_exitcode(status))
"""
"""Runs the import as its own child and reports its peak RSS. Linux keeps a process's peak RSS
across ``execve`` from the process it was forked from, so a child of the benchmark (which by
then holds the generated region and the evidence it wrote) would report the benchmark's own
memory; a child of this small launcher reports only its own."""


def _import_in_child(central_db: Path, bundle: Path, script: str = _CHILD) -> tuple[str, float, float, float]:
    """(outcome, import seconds, wall seconds of the child, peak RSS in MB) of one import."""
    proc = subprocess.run([sys.executable, "-c", _LAUNCHER, script, str(central_db), str(bundle), PASS], cwd=ROOT,
                          capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise RuntimeError(f"la importación falló: {proc.stderr}")
    outcome, seconds, wall, max_rss_kib = proc.stdout.split()
    return outcome, float(seconds), float(wall), int(max_rss_kib) / 1024  # Linux: KiB


def _sha256sum(path: Path) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        subprocess.run(["sha256sum", str(path)], check=True, stdout=subprocess.DEVNULL)
        best = min(best, time.perf_counter() - start)
    return best


def run(evidence_mb: int, files: int, root: Path) -> dict[str, object]:
    from sqlalchemy import select

    from db.models import CommitmentRow
    from desktop.domain.regions import find_region
    from desktop.services.generate import generate_national
    from desktop.sync import service

    central = _office(root, "central", None)
    ta = _office(root, "ta", "CL-TA")
    service.trust(central, service.export_public(ta, PASS), "CL-TA")
    service.trust(ta, service.export_public(central, PASS), "central")
    size = generate_national(ta, 2010, regions=(find_region("CL-TA"),))
    with ta.reading() as session:
        commitments = list(session.scalars(select(CommitmentRow.id).order_by(CommitmentRow.id)).all())
    per_file = evidence_mb * 1024 * 1024 // files
    incoming = root / "incoming"
    incoming.mkdir()
    for i in range(files):
        path = incoming / f"medio-{i:02d}.bin"
        with path.open("wb") as fh:
            left = per_file
            while left:
                block = os.urandom(min(left, 1024 * 1024))
                fh.write(block)
                left -= len(block)
        service.attach_evidence(ta, commitments[i * 7 % len(commitments)], path)
        path.unlink()
    out = root / "usb"
    out.mkdir()
    start = time.perf_counter()
    sent = service.export_bundle(ta, PASS, directory=out)
    export_s = time.perf_counter() - start
    bundle_bytes = sent.path.stat().st_size
    central_path, ta_path = central.path, ta.path
    central.close()
    ta.close()
    sha_s = _sha256sum(sent.path)  # also warms the page cache for the import
    outcome, import_s, wall_s, rss_mb = _import_in_child(central_path, sent.path)
    assert outcome == "aceptado", outcome
    mb = bundle_bytes / 1e6
    manifest_bytes = _manifest_size(central_path, ta_path, sent.path)
    return {
        "evidence_mb": evidence_mb,
        "evidence_files": files,
        "records": sent.records,
        "generated": str(size),
        "bundle_mb": round(mb, 1),
        "export_s": round(export_s, 3),
        "export_mb_s": round(mb / export_s, 1),
        "sha256sum_s": round(sha_s, 3),
        "sha256sum_mb_s": round(mb / sha_s, 1),
        "import_s": round(import_s, 3),
        "import_mb_s": round(mb / import_s, 1),
        "import_ratio_to_sha256sum": round(sha_s / import_s, 3),
        "import_process_wall_s": round(wall_s, 3),
        "import_process_ratio_to_sha256sum": round(sha_s / wall_s, 3),
        "import_peak_rss_mb": round(rss_mb, 1),
        "manifest_bytes": manifest_bytes,
    }


def _manifest_size(central_path: Path, ta_path: Path, bundle: Path) -> int:
    """The size of the bundle's manifest (decrypted with the central office's key)."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
    from sqlalchemy import select

    from db.engine import open_database
    from db.models import OwnKey
    from desktop.sync import keys as keylib
    from desktop.sync.bundle import BundleReader

    keys = {}
    for name, path in (("central", central_path), ("ta", ta_path)):
        db = open_database(path)
        with db.reading() as session:
            keys[name] = session.scalar(select(OwnKey))
        db.close()
    enc = keylib.load_private(keys["central"].encrypt_private, PASS, X25519PrivateKey)
    sign = keylib.load_private(keys["ta"].sign_private, PASS, Ed25519PrivateKey)
    with bundle.open("rb") as fh:
        reader = BundleReader(fh)
        reader.read_header()
        reader.open(enc)
        reader.read_manifest(sign.public_key())
        return len(reader.manifest_raw)


class _Forger:
    """Presents the real signing key but signs with zeros: a forged signature."""

    def __init__(self, real) -> None:  # noqa: ANN001
        self._real = real

    def public_bytes(self, *args):  # noqa: ANN002, ANN202
        return self._real.public_key().public_bytes(*args)

    def sign(self, message: bytes) -> bytes:
        return bytes(64)


def forged_manifest(root: Path) -> dict[str, object]:
    """Refusing a bundle whose manifest is as large as the cap allows, signature forged: the
    memory the import spends before the signature check."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey
    from sqlalchemy import select

    from db.models import OwnKey, TrustedKey
    from desktop.sync import keys as keylib
    from desktop.sync import service
    from desktop.sync.bundle import Limits, write_bundle

    central = _office(root, "central", None)
    ta = _office(root, "ta", "CL-TA")
    service.trust(central, service.export_public(ta, PASS), "CL-TA")
    with ta.reading() as session:
        sign = keylib.load_private(session.scalar(select(OwnKey)).sign_private, PASS, Ed25519PrivateKey)
    with central.reading() as session:
        own = session.scalar(select(OwnKey))
        recipient = X25519PublicKey.from_public_bytes(bytes.fromhex(own.encrypt_public))
        assert session.scalar(select(TrustedKey.id)) is not None
    cap = Limits().manifest
    bundle = root / "forjado.avance"
    with bundle.open("wb") as fh:
        write_bundle(fh, manifest={"relleno": "a" * (cap - 20)}, sign_key=_Forger(sign), recipient=recipient,
                     evidence=[])
    central_path = central.path
    central.close()
    ta.close()
    outcome, seconds, _wall, rss_mb = _import_in_child(central_path, bundle, _REFUSING_CHILD)
    assert outcome == "SignatureError", outcome
    return {"manifest_cap_bytes": cap, "outcome": outcome, "refusal_s": round(seconds, 3),
            "refusal_peak_rss_mb": round(rss_mb, 1)}


def main(argv: list[str] | None = None) -> int:
    from desktop.cli_spanish import spanish_argparse

    with spanish_argparse():  # usage, headings and errors in Spanish, as the avance command line
        parser = argparse.ArgumentParser(prog="python -m benchmarks.sync",
                                         description="Benchmark de los paquetes de sincronización (issue 3, parte 9).")
        parser.add_argument("--evidence-mb", type=int, default=200,
                            help="megabytes de medios de verificación (por omisión 200)")
        parser.add_argument("--files", type=int, default=8, help="archivos de medios de verificación (por omisión 8)")
        args = parser.parse_args(argv)
    if shutil.which("sha256sum") is None:
        print("sha256sum no está disponible", file=sys.stderr)
        return 1
    results = {}
    for label, mb in (("full", args.evidence_mb), ("tenth", max(1, args.evidence_mb // 10))):
        with tempfile.TemporaryDirectory(prefix="avance-bench-sync-") as tmp:
            results[label] = run(mb, args.files, Path(tmp))
    with tempfile.TemporaryDirectory(prefix="avance-bench-sync-") as tmp:
        results["forged_manifest_at_cap"] = forged_manifest(Path(tmp))
    problems = missed(results)
    results["targets"] = {"ratio_at_least": RATIO_TARGET, "peak_rss_under_mb": RSS_TARGET_MB, "met": not problems}
    print(json.dumps(results, indent=2, ensure_ascii=False))
    for problem in problems:
        print(f"Meta no cumplida: {problem}", file=sys.stderr)
    return 1 if problems else 0


RATIO_TARGET = 0.5
"""Target: import throughput at least this fraction of ``sha256sum``'s over the same bytes."""
RSS_TARGET_MB = 200
"""Target: the import process's peak memory under this, whatever the evidence size."""


def missed(results: dict[str, object]) -> list[str]:
    """The targets a run misses, one Spanish sentence each; [] when met.

    Args:
        results: one :func:`run` result, or several by label (the memory target applies to each).
    """
    runs = [r for r in results.values() if isinstance(r, dict) and "import_peak_rss_mb" in r] or [results]
    problems = []
    ratio = float(runs[0]["import_ratio_to_sha256sum"])
    if ratio < RATIO_TARGET:
        problems.append(f"La importación procesó {ratio:.2f} veces lo que sha256sum sobre los mismos bytes; la meta "
                        f"es al menos {RATIO_TARGET}.")
    peak = max(float(r["import_peak_rss_mb"]) for r in runs)
    if peak >= RSS_TARGET_MB:
        problems.append(f"La importación llegó a {peak:.0f} MB de memoria; la meta es menos de {RSS_TARGET_MB} MB.")
    forged = results.get("forged_manifest_at_cap")
    if isinstance(forged, dict) and float(forged["refusal_peak_rss_mb"]) >= RSS_TARGET_MB:
        problems.append(f"Rechazar un contenido del tamaño máximo con la firma falsificada llegó a "
                        f"{float(forged['refusal_peak_rss_mb']):.0f} MB de memoria; la meta es menos de "
                        f"{RSS_TARGET_MB} MB.")
    return problems


if __name__ == "__main__":
    raise SystemExit(main())
