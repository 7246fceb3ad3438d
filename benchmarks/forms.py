"""Issue 4 benchmark: every form of the nation to PDF, against reportlab's time for a bare table
with the same number of cells.

``python -m benchmarks.forms`` (also run by ``make bench``). On the generated national data set
(16 regions × 3 programmes × 40 objectives × 3 activities): times ``print_nation`` (all four forms
of every region plus the national report, one PDF) and a plain ``platypus.Table`` of short strings
with as many cells as the forms' control tables, landscape Carta, header row repeated. Targets:
under 10 s, and within 3× the bare table; the command exits 1, saying which, when one is missed.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

from reportlab.lib.pagesizes import landscape, letter
from reportlab.platypus import SimpleDocTemplate, Table, TableStyle


def control_cells(db, year: int) -> int:  # noqa: ANN001
    """Cells of the tables the nation's forms print: 9 per commitment row, 6 per III.4 row."""
    from db import queries

    with db.reading() as session:
        programmes = queries.programmes_of_year(session, year)
    rows = sum(len(p.commitments) for p in programmes)
    objectives = sum(len(p.objectives) for p in programmes)
    return rows * 9 + objectives * 6


def bare_table(cells: int, out: Path) -> float:
    """Seconds reportlab needs to lay out and write a plain table of ``cells`` cells."""
    columns = 9
    data = [[f"c{r}.{c}" for c in range(columns)] for r in range(cells // columns + 1)]
    start = time.perf_counter()
    doc = SimpleDocTemplate(str(out), pagesize=landscape(letter))
    table = Table(data, repeatRows=1)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.25, "black"), ("FONTSIZE", (0, 0), (-1, -1), 7)]))
    doc.build([table])
    return time.perf_counter() - start


def run(repeat: int = 3) -> dict[str, object]:
    """Measure and return the figures."""
    from db.engine import open_database
    from desktop.services.generate import generate_national
    from desktop.services.printing import print_nation

    work = Path(tempfile.mkdtemp(prefix="avance-bench-forms-"))
    db = open_database(work / "national.db")
    generate_national(db, 2010)
    cells = control_cells(db, 2010)
    nation, bare = [], []
    for _ in range(repeat):
        start = time.perf_counter()
        print_nation(db, 2010, work / "nation.pdf")
        nation.append(time.perf_counter() - start)
        bare.append(bare_table(cells, work / "bare.pdf"))
    from pypdf import PdfReader

    pages = len(PdfReader(work / "nation.pdf").pages)
    db.close()
    nation_s, bare_s = statistics.median(nation), statistics.median(bare)
    return {
        "nation_pdf_s": round(nation_s, 3),
        "nation_pdf_pages": pages,
        "bare_table_same_cells_s": round(bare_s, 3),
        "cells": cells,
        "ratio_to_bare_table": round(nation_s / bare_s, 2),
        "targets": "nation < 10 s; ratio ≤ 3",
    }


NATION_LIMIT_S = 10.0
"""Target: the nation's forms to PDF in under this many seconds."""
RATIO_LIMIT = 3.0
"""Target: at most this many times the bare table's time."""


def missed(results: dict[str, object]) -> list[str]:
    """The targets ``results`` (from :func:`run`) miss, one Spanish sentence each; [] when met."""
    problems = []
    nation = float(results["nation_pdf_s"])
    ratio = float(results["ratio_to_bare_table"])
    if nation >= NATION_LIMIT_S:
        problems.append(f"La nación a PDF tardó {nation:.2f} s; la meta es menos de {NATION_LIMIT_S:.0f} s.")
    if ratio > RATIO_LIMIT:
        problems.append(
            f"La nación a PDF tardó {ratio:.2f} veces lo que tarda una tabla simple de las mismas celdas; "
            f"la meta es a lo más {RATIO_LIMIT:.0f} veces."
        )
    return problems


def main(argv: list[str] | None = None) -> int:
    """Print the figures as JSON; exit 1, saying which, when a target is missed."""
    from desktop.cli_spanish import spanish_argparse

    with spanish_argparse():  # usage, headings and errors in Spanish, as the avance command line
        parser = argparse.ArgumentParser(
            prog="python -m benchmarks.forms",
            description="Benchmark: la nación completa a PDF. Sale con 1 si no se cumple una meta "
            f"(menos de {NATION_LIMIT_S:.0f} s; a lo más {RATIO_LIMIT:.0f} veces la tabla simple).",
        )
        parser.add_argument("--repeat", type=int, default=3, help="mediciones (se informa la mediana; por omisión 3)")
        args = parser.parse_args(argv)
    results = run(args.repeat)
    print(json.dumps(results, indent=2, ensure_ascii=False))
    problems = missed(results)
    for problem in problems:
        print(f"Meta no cumplida: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
