"""Printing the official forms to PDF: gathers records and scores, hands them to
:mod:`desktop.forms.pdf`. Safe to run in a worker thread (it opens its own sessions).

Every printer takes ``paper``: "carta" (landscape letter, the default) or "oficio" (landscape
Chilean legal, 216 × 330 mm), see :data:`desktop.forms.pdf.PAPER_SIZES`.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import tempfile
from pathlib import Path

from db import queries
from db.engine import Database
from desktop.domain.forms import PROGRAMME_FORMS, SHORT_NAMES, FormKind
from desktop.domain.records import Programme
from desktop.domain.regions import Region
from desktop.domain.scoring import ProgrammeScore, score_programme
from desktop.forms import pdf
from desktop.services.programmes import ProgrammeService
from desktop.services.summary import national_summary, summarize, verdict_text

__all__ = [
    "PrintCancelled",
    "PrintError",
    "latest_quarter",
    "print_form",
    "print_nation",
    "print_national",
    "print_region",
]

Progress = pdf.ProgressCallback
"""``progress(step)`` with a :class:`desktop.forms.pdf.Progress`: called in the printing thread as a
print advances (e.g. for a progress dialog); its ``per_mille`` covers the whole job and reaches
1000 only when the file is written. An exception it raises (:class:`PrintCancelled`) stops the
print; the file is then not written (an older one is kept)."""


class PrintError(ValueError):
    """A form could not be printed (Spanish message)."""


class PrintCancelled(Exception):
    """Raised by a progress callback to stop a print (the user cancelled it)."""

    def __init__(self) -> None:
        super().__init__("Impresión cancelada: no se escribió nada.")


_PREPARED_NATION = 350
"""Per mille of :func:`print_nation`'s time spent reading and scoring (measured: ~35 %)."""
_PREPARED_SMALL = 150
"""Per mille of a form's, a region's or the national report's time spent reading the records."""


def _report(progress: Progress | None, done: int, total: int, per_mille: int) -> None:
    if progress is not None:
        progress(pdf.Progress(pdf.Stage.PREPARING, done, total, 0, per_mille))


def _service_name(db: Database) -> str:
    with db.reading() as session:
        return queries.service_name(session)


def _page_size(paper: str) -> tuple[float, float]:
    try:
        return pdf.paper_size(paper)
    except ValueError as exc:
        raise PrintError(str(exc)) from exc


def latest_quarter(db: Database, region: Region, year: int) -> int:
    """The latest quarter with III.4 rows for the region and year, or 1 when none."""
    return _latest_quarters(db, year).get(region, 1)


def _latest_quarters(db: Database, year: int) -> dict[Region, int]:
    """For every region with III.4 rows in ``year``, its latest quarter (one listing)."""
    service = ProgrammeService(db)
    return {a.region: max(a.quarters) for a in service.available() if a.year == year and a.quarters}


def _write_prepared(out: Path, stories: list, ctx: pdf.PrintContext, title: str,
                    progress: Progress | None) -> Path:
    """The records are read (the first ``_PREPARED_SMALL`` per mille of the job): lay out and
    write ``stories`` to ``out`` atomically, reporting the rest of the progress."""
    _report(progress, 1, 1, _PREPARED_SMALL)
    writing = pdf.scaled(progress, _PREPARED_SMALL, 1000)
    _atomic_write(out, lambda handle: pdf.write_pdf(stories, handle, ctx, title, progress=writing))
    return Path(out)


def _atomic_write(out: Path, write) -> None:  # noqa: ANN001
    """Write to a temporary file beside ``out`` and rename it, so a failed print never leaves
    a half-written PDF (nor destroys an older one). The folder must exist (it is not created:
    FileNotFoundError)."""
    out = Path(out)
    if not out.parent.is_dir():  # a mistyped folder is not created: the file would be lost in it
        if out.parent.exists():
            raise NotADirectoryError(errno.ENOTDIR, "no es una carpeta", str(out.parent))
        raise FileNotFoundError(errno.ENOENT, "la carpeta no existe", str(out.parent))
    fd, tmp = tempfile.mkstemp(prefix=".avance-", suffix=".pdf", dir=out.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            try:
                write(handle)
            except pdf.LayoutFailure as exc:
                raise PrintError(str(exc)) from exc
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # like any new file, not mkstemp's 0600
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _context(name: str, today: dt.date, size: tuple[float, float], **footer) -> pdf.PrintContext:  # noqa: ANN003
    return pdf.PrintContext(service_name=name, printed_on=today, page_size=size, **footer)


def _programme_story(programme: Programme, verdict: str, name: str, today: dt.date, size,  # noqa: ANN001
                     warnings: bool = False) -> list:
    ctx = _context(name, today, size, verdict_text=verdict, include_warnings=warnings)
    return pdf.programme_story(programme, score_programme(programme, today), ctx)


def print_form(
    db: Database,
    form: FormKind,
    region: Region,
    year: int,
    out: Path,
    *,
    quarter: int | None = None,
    today: dt.date | None = None,
    paper: str = "carta",
    progress: Progress | None = None,
    warnings: bool = False,
) -> Path:
    """Print one form of a region and year to the PDF file ``out``.

    Every page's footer shows the service, region, year, print date, "página n de N" and the
    fingerprint of the record printed (:func:`desktop.domain.fingerprint.fingerprint`).

    Args:
        form: III.1, III.2, III.3 or III.4.
        quarter: III.4 only; defaults to the latest quarter with data.
        today: print date (and the date the scoring is made).
        paper: "carta" or "oficio".
        progress: see :data:`Progress`.
        warnings: print Avance's own warnings after the notes (not part of the official form).

    Returns:
        ``out``.

    Raises:
        db.queries.NotFoundError: no such data (Spanish message).
        PrintError: unknown paper.
    """
    size = _page_size(paper)
    today = today or dt.date.today()
    _report(progress, 0, 1, 0)
    service = ProgrammeService(db)
    name = _service_name(db)
    ctx = _context(name, today, size, region=region.name, year=year)
    if form is FormKind.III_4:
        q = quarter or latest_quarter(db, region, year)
        report = service.progress(region, year, q, include_blank=False)
        story = [pdf.progress_story(report, ctx)]
        title = f"{SHORT_NAMES[form]} — {region.name} {year} T{q}"
    else:
        programme = service.programme(region, year, form)
        story = [_programme_story(programme, verdict_text(db, form, year, today), name, today, size, warnings)]
        title = f"{SHORT_NAMES[form]} — {region.name} {year}"
    return _write_prepared(out, story, ctx, title, progress)


def _region_stories(
    service: ProgrammeService,
    region: Region,
    year: int,
    quarter: int,
    verdicts: dict[FormKind, str],
    name: str,
    today: dt.date,
    size: tuple[float, float],
    programmes: list[Programme] | None = None,
    warnings: bool = False,
) -> list[list]:
    """The stories of III.1, III.2, III.3 (those the region has), then III.4 of ``quarter``."""
    if programmes is None:
        programmes = service.programmes(region, year)
    stories = [_programme_story(p, verdicts.get(p.form, ""), name, today, size, warnings) for p in programmes]
    report = service.progress(region, year, quarter, include_blank=False)
    stories.append(pdf.progress_story(report, _context(name, today, size)))
    return stories


def print_region(
    db: Database,
    region: Region,
    year: int,
    out: Path,
    *,
    today: dt.date | None = None,
    paper: str = "carta",
    progress: Progress | None = None,
    warnings: bool = False,
) -> Path:
    """Print every form of a region and year (III.1, III.2, III.3, then III.4) into one PDF.

    Each page's footer carries the fingerprint of the form printed on it.

    Args:
        paper: "carta" or "oficio".
        progress: see :data:`Progress`.
        warnings: print Avance's own warnings after each form's notes.

    Raises:
        db.queries.NotFoundError: no data for that region and year.
        PrintError: unknown paper.
    """
    size = _page_size(paper)
    today = today or dt.date.today()
    _report(progress, 0, 1, 0)
    service = ProgrammeService(db)
    name = _service_name(db)
    programmes = service.programmes(region, year)
    verdicts = {p.form: verdict_text(db, p.form, year, today) for p in programmes}
    q = latest_quarter(db, region, year)
    stories = _region_stories(service, region, year, q, verdicts, name, today, size, programmes, warnings)
    ctx = _context(name, today, size, region=region.name, year=year)
    return _write_prepared(out, stories, ctx, f"Etapa 3 — {region.name} {year}", progress)


def print_national(
    db: Database,
    year: int,
    out: Path,
    *,
    paper: str = "carta",
    today: dt.date | None = None,
    progress: Progress | None = None,
) -> Path:
    """Print the national consolidation report of ``year`` (for the central office).

    One table of every region's performance per programme with the 90 % bar, the service
    verdict CUMPLE / NO CUMPLE per programme and overall, a bar chart, and III.1 notes (11)
    and (12) (seed 001). The footer's fingerprint is that of the national summary.

    Args:
        paper: "carta" or "oficio".
        today: print date (and the date the scoring is made).
        progress: see :data:`Progress`.

    Raises:
        db.queries.NotFoundError: no region has data for ``year``.
        PrintError: unknown paper.
    """
    size = _page_size(paper)
    today = today or dt.date.today()
    _report(progress, 0, 1, 0)
    summary = national_summary(db, year, today)
    ctx = _context(_service_name(db), today, size, region=pdf.NATIONAL_FOOTER, year=year)
    story = pdf.national_story(summary, ctx)
    title = pdf.NATIONAL_TITLE.format(year=year)
    return _write_prepared(out, [story], ctx, title, progress)


def print_nation(
    db: Database,
    year: int,
    out: Path,
    *,
    paper: str = "carta",
    today: dt.date | None = None,
    progress: Progress | None = None,
    warnings: bool = False,
) -> Path:
    """Print every region's four forms (CUT order) and then the national report into one PDF.

    Each region's III.4 is its latest quarter with data. The "Desempeño anual servicio" rows
    say the verdict over the regions in this database (III.1 note (12)). Every page's footer
    carries the fingerprint of the form on it; the national report's, the fingerprint of the
    national summary (the same as :func:`print_national` prints).

    Args:
        paper: "carta" or "oficio".
        today: print date (and the date the scoring is made).
        progress: see :data:`Progress`: regions prepared (:attr:`~desktop.forms.pdf.Stage.PREPARING`,
            about a third of the job), then the pages laid out and written.
        warnings: print Avance's own warnings after each form's notes.

    Raises:
        db.queries.NotFoundError: no region has data for ``year``.
        PrintError: unknown paper.
    """
    size = _page_size(paper)
    today = today or dt.date.today()
    _report(progress, 0, 1, 0)
    name = _service_name(db)
    with db.reading() as session:
        everything = queries.programmes_of_year(session, year)
    if not everything:
        raise queries.NotFoundError(f"Ninguna región tiene datos del año {year}.")
    scored = [(p, score_programme(p, today)) for p in everything]
    summary = summarize(year, [score for _p, score in scored])
    by_region: dict[Region, list[tuple[Programme, ProgrammeScore]]] = {}
    for programme, score in scored:
        by_region.setdefault(programme.region, []).append((programme, score))
    for pairs in by_region.values():
        pairs.sort(key=lambda pair: PROGRAMME_FORMS.index(pair[0].form))
    verdicts = {form: verdict_text(db, form, year, today) for form in PROGRAMME_FORMS}
    quarters = _latest_quarters(db, year)
    with db.reading() as session:
        reports = queries.progress_reports_of_year(
            session, year, {r: [p for p, _s in pairs] for r, pairs in by_region.items()}, quarters
        )
    regions = [r.region for r in summary.regions]
    stories: list[list] = []
    for done, region in enumerate(regions):
        for programme, score in by_region[region]:
            ctx = _context(name, today, size, verdict_text=verdicts.get(programme.form, ""), include_warnings=warnings)
            stories.append(pdf.programme_story(programme, score, ctx))
        stories.append(pdf.progress_story(reports[region], _context(name, today, size)))
        _report(progress, done + 1, len(regions), _PREPARED_NATION * (done + 1) // len(regions))
    ctx = _context(name, today, size, region=pdf.NATIONAL_FOOTER, year=year)
    stories.append(pdf.national_story(summary, ctx))
    title = f"Etapa 3 — todas las regiones {year}"
    writing = pdf.scaled(progress, _PREPARED_NATION, 1000)
    _atomic_write(out, lambda handle: pdf.write_pdf(stories, handle, ctx, title, progress=writing))
    return Path(out)
