"""Excel benchmark: ``python -m benchmarks.xlsx`` (issue 4).

On the generated national data set of the first issue (``generate_national(db, 2010)``: 16
regions × 3 programmes × 40 objectives × 3 activities, a T2 III.4 per region), measures:

1. the national workbook export (``avance xlsx export --national``), in-process;
2. its import into an empty database, and again replacing the same data in place (``--replace``;
   both must leave the database equal to the source);
3. the validation alone (``--dry-run`` without the database checks), and the workbook's size.

Target (issue 4): the national workbook imports in under 5 s. Prints the figures as JSON (median
of ``--repeat`` runs, each run's figures too) and checks that the import was lossless.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
import zipfile
from pathlib import Path

TARGET_IMPORT_S = 5.0


def _rows(db) -> int:  # noqa: ANN001
    from sqlalchemy import func, select

    from db.models import CommitmentRow, ObjectiveRow, ProgressAnalysis, WorkProgramme

    with db.reading() as session:
        return sum(session.scalar(select(func.count()).select_from(m)) for m in
                   (WorkProgramme, ObjectiveRow, CommitmentRow, ProgressAnalysis))


def _same(a, b) -> bool:  # noqa: ANN001
    """Every row of the imported tables equal (ids and timestamps included)."""
    from sqlalchemy import select

    from db.models import Base

    def dump(db):  # noqa: ANN001, ANN202
        with db.reading() as session:
            return {t.name: sorted((tuple(r) for r in session.execute(select(t))), key=repr)
                    for t in Base.metadata.sorted_tables if t.name != "region"}

    return dump(a) == dump(b)


def run(repeat: int = 3, year: int = 2010) -> dict:
    """Measure and return the figures (seconds, megabytes)."""
    from db.engine import open_database
    from desktop.services.excel import export_national, import_workbook, validate_workbook
    from desktop.services.generate import generate_national

    with tempfile.TemporaryDirectory(prefix="avance-bench-xlsx-") as tmp:
        base = Path(tmp)
        source = open_database(base / "nacional.db")
        start = time.perf_counter()
        size = generate_national(source, year)
        generate_s = time.perf_counter() - start
        book = base / "nacional.xlsx"
        exports, imports, replaces, validations = [], [], [], []
        lossless = True
        for n in range(repeat):
            start = time.perf_counter()
            export_national(source, year, book)
            exports.append(time.perf_counter() - start)
            start = time.perf_counter()
            _data, problems = validate_workbook(book)
            validations.append(time.perf_counter() - start)
            assert not problems, problems[:5]
            target = open_database(base / f"importado-{n}.db")
            try:
                start = time.perf_counter()
                import_workbook(target, book)
                imports.append(time.perf_counter() - start)
                if n == 0:
                    lossless = _same(source, target)
                start = time.perf_counter()
                import_workbook(target, book, replace=True)  # in place: every record compared, none rewritten
                replaces.append(time.perf_counter() - start)
                if n == 0:
                    lossless = lossless and _same(source, target)
            finally:
                target.close()
        file_mb = book.stat().st_size / 1e6
        with zipfile.ZipFile(book) as zf:
            uncompressed = sum(i.file_size for i in zf.infolist())
            sheets = sum(1 for i in zf.infolist() if i.filename.startswith("xl/worksheets/sheet"))
        rows = _rows(source)
        source.close()
    median = statistics.median
    return {
        "data_set": {
            "regions": size.regions, "programmes": size.programmes, "objectives": size.objectives,
            "commitments": size.commitments, "progress_entries": size.progress_entries, "rows": rows,
            "generate_s": round(generate_s, 3),
        },
        "workbook": {"sheets": sheets, "file_mb": round(file_mb, 3), "uncompressed_mb": round(uncompressed / 1e6, 3)},
        "export_national_s": round(median(exports), 3),
        "validate_s": round(median(validations), 3),
        "import_national_s": round(median(imports), 3),
        "import_national_replace_s": round(median(replaces), 3),
        "runs": {"export_s": [round(x, 3) for x in exports], "validate_s": [round(x, 3) for x in validations],
                 "import_s": [round(x, 3) for x in imports], "import_replace_s": [round(x, 3) for x in replaces]},
        "target_import_s": TARGET_IMPORT_S,
        "import_within_target": max(median(imports), median(replaces)) < TARGET_IMPORT_S,
        "lossless": lossless,
        "python": sys.version.split()[0],
    }


def missed(figures: dict) -> list[str]:
    """The targets ``figures`` (from :func:`run`) miss, one Spanish sentence each; [] when met."""
    problems = []
    if not figures["import_within_target"]:
        slowest = max(figures["import_national_s"], figures["import_national_replace_s"])
        problems.append(f"La importación del libro nacional tardó {slowest:.2f} s; la meta es menos de "
                        f"{TARGET_IMPORT_S:.0f} s.")
    if not figures["lossless"]:
        problems.append("Exportar e importar el libro nacional no dejó la misma base de datos.")
    return problems


def main(argv: list[str] | None = None) -> int:
    """``python -m benchmarks.xlsx [--repeat N]``: print the figures as JSON."""
    from desktop.cli_spanish import spanish_argparse

    with spanish_argparse():  # usage, headings and errors in Spanish, as the avance command line
        parser = argparse.ArgumentParser(
            prog="python -m benchmarks.xlsx",
            description="Benchmark de Excel: exportar el libro nacional e importarlo (en una base vacía y "
            f"reemplazando). Sale con 1 si la importación tarda {TARGET_IMPORT_S:.0f} s o más, o no deja la misma "
            "base de datos.",
        )
        parser.add_argument("--repeat", type=int, default=3, help="mediciones (se informa la mediana; por omisión 3)")
        parser.add_argument("--out", type=Path, help="escribe también el JSON en este archivo")
        args = parser.parse_args(argv)
    figures = run(args.repeat)
    text = json.dumps(figures, ensure_ascii=False, indent=2)
    print(text)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text + "\n", encoding="utf-8")
    problems = missed(figures)
    for problem in problems:
        print(f"Meta no cumplida: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
