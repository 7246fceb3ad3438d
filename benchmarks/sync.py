"""Sync bundle benchmark (issue 3, part 9): ``python -m benchmarks.sync``.

One regional installation (Tarapacá, a national-size generated region: 3 programmes × 40
objectives × 3 activities) with 200 MB of evidence (several files of random bytes) exports a
bundle; the central installation imports it in a child process. Reported, as JSON:

* export and import times and throughputs;
* the import throughput as a ratio to ``sha256sum`` over the same bytes (the bundle file),
  measured in the same run (target: at least 0.5);
* the import's peak memory (max RSS of the child, from ``os.wait4``; target: under 200 MB
  whatever the evidence size) — measured for the full evidence and for a tenth of it, to show
  it does not grow with the evidence.
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


def _import_in_child(central_db: Path, bundle: Path) -> tuple[str, float, float, float]:
    """(outcome, import seconds, wall seconds of the child, peak RSS in MB) of one import."""
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", _CHILD, str(central_db), str(bundle), PASS], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    out = proc.stdout.read().decode() if proc.stdout else ""
    err = proc.stderr.read().decode() if proc.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"la importación falló: {err}")
    outcome, seconds = out.split()
    return outcome, float(seconds), wall, usage.ru_maxrss / 1024  # Linux: KiB


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
    central_path = central.path
    central.close()
    ta.close()
    sha_s = _sha256sum(sent.path)  # also warms the page cache for the import
    outcome, import_s, wall_s, rss_mb = _import_in_child(central_path, sent.path)
    assert outcome == "aceptado", outcome
    mb = bundle_bytes / 1e6
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
    }


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
    return problems


if __name__ == "__main__":
    raise SystemExit(main())
