"""Printing the official forms to PDF: gathers records and scores, hands them to
:mod:`desktop.forms.pdf`. Safe to run in a worker thread (it opens its own sessions).
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path

from db import queries
from db.engine import Database
from desktop.domain.forms import SHORT_NAMES, FormKind
from desktop.domain.regions import Region
from desktop.domain.scoring import score_programme
from desktop.forms import pdf
from desktop.services.programmes import ProgrammeService
from desktop.services.summary import verdict_text


class PrintError(ValueError):
    """A form could not be printed (Spanish message)."""


def _service_name(db: Database) -> str:
    with db.reading() as session:
        return queries.service_name(session)


def latest_quarter(db: Database, region: Region, year: int) -> int:
    """The latest quarter with III.4 rows for the region and year, or 1 when none."""
    service = ProgrammeService(db)
    for a in service.available():
        if a.region == region and a.year == year and a.quarters:
            return max(a.quarters)
    return 1


def _atomic_write(out: Path, write) -> None:  # noqa: ANN001
    """Write to a temporary file beside ``out`` and rename it, so a failed print never leaves
    a half-written PDF (nor destroys an older one)."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".avance-", suffix=".pdf", dir=out.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            write(handle)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # like any new file, not mkstemp's 0600
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def print_form(
    db: Database,
    form: FormKind,
    region: Region,
    year: int,
    out: Path,
    *,
    quarter: int | None = None,
    today: dt.date | None = None,
) -> Path:
    """Print one form of a region and year to the PDF file ``out``.

    Args:
        form: III.1, III.2, III.3 or III.4.
        quarter: III.4 only; defaults to the latest quarter with data.
        today: print date (and the date the scoring is made).

    Returns:
        ``out``.

    Raises:
        db.queries.NotFoundError: no such data (Spanish message).
    """
    today = today or dt.date.today()
    service = ProgrammeService(db)
    ctx_base = pdf.PrintContext(service_name=_service_name(db), printed_on=today)
    if form is FormKind.III_4:
        q = quarter or latest_quarter(db, region, year)
        report = service.progress(region, year, q, include_blank=False)
        story = [pdf.progress_story(report, ctx_base)]
        title = f"{SHORT_NAMES[form]} — {region.name} {year} T{q}"
    else:
        programme = service.programme(region, year, form)
        ctx = pdf.PrintContext(
            service_name=ctx_base.service_name, printed_on=today, verdict_text=verdict_text(db, form, year, today)
        )
        story = [pdf.programme_story(programme, score_programme(programme, today), ctx)]
        ctx_base = ctx
        title = f"{SHORT_NAMES[form]} — {region.name} {year}"
    _atomic_write(out, lambda handle: pdf.write_pdf(story, handle, ctx_base, title))
    return Path(out)


def print_region(db: Database, region: Region, year: int, out: Path, *, today: dt.date | None = None) -> Path:
    """Print every form of a region and year (III.1, III.2, III.3, then III.4) into one PDF.

    Raises:
        db.queries.NotFoundError: no data for that region and year.
    """
    today = today or dt.date.today()
    service = ProgrammeService(db)
    name = _service_name(db)
    stories = []
    for programme in service.programmes(region, year):
        ctx = pdf.PrintContext(
            service_name=name, printed_on=today, verdict_text=verdict_text(db, programme.form, year, today)
        )
        stories.append(pdf.programme_story(programme, score_programme(programme, today), ctx))
    q = latest_quarter(db, region, year)
    ctx = pdf.PrintContext(service_name=name, printed_on=today)
    stories.append(pdf.progress_story(service.progress(region, year, q, include_blank=False), ctx))
    _atomic_write(out, lambda handle: pdf.write_pdf(stories, handle, ctx, f"Etapa 3 — {region.name} {year}"))
    return Path(out)
