"""Printing forms to PDF through the service: real PDFs, one file per region, and a failed print
never leaves a partial file nor destroys an older one."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from pypdf import PdfReader

from db.engine import Database
from db.queries import NotFoundError
from desktop.domain.forms import FormKind
from desktop.domain.regions import find_region
from desktop.forms import pdf
from desktop.services.printing import latest_quarter, print_form, print_region
from tests.conftest import TODAY

TARAPACA = find_region("CL-TA")


@pytest.fixture
def out_dir(tmp_path: Path) -> Path:
    """An empty folder for the PDFs (the database lives in tmp_path itself)."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def squashed_pages(path: Path) -> list[str]:
    reader = PdfReader(str(path))
    return ["".join((page.extract_text() or "").split()) for page in reader.pages]


@pytest.mark.parametrize(("form", "heading"), [(FormKind.III_1, "ActividadIII.1"), (FormKind.III_4, "ActividadIII.4")])
def test_print_form_writes_a_pdf(example_db: Database, tmp_path: Path, form: FormKind, heading: str) -> None:
    out = tmp_path / f"{form.value}.pdf"
    result = print_form(example_db, form, TARAPACA, 2009, out, today=TODAY)
    assert result == out
    assert out.read_bytes().startswith(b"%PDF")
    pages = squashed_pages(out)
    assert pages
    assert heading in pages[0]
    assert "Tarapacá" in "".join(pages)
    assert not list(tmp_path.glob(".avance-*"))


def test_print_iii1_shows_a_seed_weight(example_db: Database, tmp_path: Path) -> None:
    out = print_form(example_db, FormKind.III_1, TARAPACA, 2009, tmp_path / "f.pdf", today=TODAY)
    text = "".join(squashed_pages(out))
    assert "Asesorartécnicamente" in text


def test_print_region_writes_all_four_forms_in_one_pdf(example_db: Database, tmp_path: Path) -> None:
    out = tmp_path / "region.pdf"
    print_region(example_db, TARAPACA, 2009, out, today=TODAY)
    assert out.read_bytes().startswith(b"%PDF")
    text = "".join(squashed_pages(out))
    positions = [text.find(f"ActividadIII.{n}") for n in (1, 2, 3, 4)]
    assert all(p >= 0 for p in positions), positions
    assert positions == sorted(positions)


def test_print_without_data_raises_and_writes_nothing(example_db: Database, out_dir: Path) -> None:
    out = out_dir / "none.pdf"
    with pytest.raises(NotFoundError):
        print_form(example_db, FormKind.III_1, TARAPACA, 2010, out, today=TODAY)
    with pytest.raises(NotFoundError):
        print_region(example_db, find_region("CL-NB"), 2009, out, today=TODAY)
    assert not out.exists()
    assert list(out_dir.iterdir()) == []


def test_latest_quarter(example_db: Database) -> None:
    assert latest_quarter(example_db, TARAPACA, 2009) == 2
    assert latest_quarter(example_db, find_region("CL-NB"), 2009) == 1


def _failing_writer(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Replace pdf.write_pdf with one that writes some bytes, then fails."""
    calls: list[int] = []

    def broken(stories, out, ctx, title, progress=None):  # noqa: ANN001
        calls.append(1)
        out.write(b"%PDF-1.4\n% half a document")
        out.flush()
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(pdf, "write_pdf", broken)
    return calls


@pytest.mark.parametrize("printer", ["form", "region"])
def test_failed_print_leaves_no_partial_file(example_db: Database, out_dir: Path, monkeypatch, printer: str) -> None:
    calls = _failing_writer(monkeypatch)
    out = out_dir / "out.pdf"
    with pytest.raises(OSError):
        if printer == "form":
            print_form(example_db, FormKind.III_1, TARAPACA, 2009, out, today=TODAY)
        else:
            print_region(example_db, TARAPACA, 2009, out, today=TODAY)
    assert calls
    assert not out.exists()
    assert list(out_dir.iterdir()) == []


def test_failed_print_keeps_an_older_file_intact(example_db: Database, out_dir: Path, monkeypatch) -> None:
    out = out_dir / "out.pdf"
    print_form(example_db, FormKind.III_1, TARAPACA, 2009, out, today=TODAY)
    older = out.read_bytes()
    _failing_writer(monkeypatch)
    with pytest.raises(OSError):
        print_form(example_db, FormKind.III_4, TARAPACA, 2009, out, today=TODAY)
    assert out.read_bytes() == older
    assert [p.name for p in out_dir.iterdir()] == ["out.pdf"]


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root ignores directory permissions")
def test_read_only_directory(example_db: Database, tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        with pytest.raises(OSError):
            print_form(example_db, FormKind.III_1, TARAPACA, 2009, folder / "f.pdf", today=TODAY)
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o755)


def test_target_under_a_file_fails_cleanly(example_db: Database, out_dir: Path) -> None:
    """Writing fails when the 'folder' of the target is a plain file: OSError, nothing written."""
    blocker = out_dir / "not_a_folder"
    blocker.write_bytes(b"keep me")
    with pytest.raises(OSError):
        print_form(example_db, FormKind.III_1, TARAPACA, 2009, blocker / "f.pdf", today=TODAY)
    assert blocker.read_bytes() == b"keep me"
    assert [p.name for p in out_dir.iterdir()] == ["not_a_folder"]


def test_target_that_is_a_folder_fails_cleanly(example_db: Database, out_dir: Path) -> None:
    target = out_dir / "folder.pdf"
    target.mkdir()
    with pytest.raises(OSError):
        print_form(example_db, FormKind.III_1, TARAPACA, 2009, target, today=TODAY)
    assert target.is_dir() and list(target.iterdir()) == []
    assert [p.name for p in out_dir.iterdir()] == ["folder.pdf"]


def test_printed_pdf_follows_the_umask(example_db: Database, out_dir: Path) -> None:
    umask = os.umask(0o022)
    try:
        out = print_form(example_db, FormKind.III_1, TARAPACA, 2009, out_dir / "f.pdf", today=TODAY)
    finally:
        os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o644


# -- the national report and the whole nation (issue 4) -----------------------------------------


@pytest.fixture
def generated_db(db: Database) -> Database:
    from desktop.domain.regions import REGIONS  # noqa: PLC0415
    from desktop.services.generate import generate_national  # noqa: PLC0415

    generate_national(db, 2010, regions=REGIONS[:4], objectives=3, activities=3)
    return db


def test_nation_helpers_equal_the_services(generated_db: Database) -> None:
    """print_nation loads the nation once (summarize, progress_reports_of_year); what it prints
    equals what the per-region services give."""
    from db import queries  # noqa: PLC0415
    from desktop.domain.scoring import score_programme  # noqa: PLC0415
    from desktop.services.programmes import ProgrammeService  # noqa: PLC0415
    from desktop.services.summary import national_summary, summarize  # noqa: PLC0415

    with generated_db.reading() as session:
        programmes = queries.programmes_of_year(session, 2010)
    scored = [(p, score_programme(p, TODAY)) for p in programmes]
    assert summarize(2010, [score for _p, score in scored]) == national_summary(generated_db, 2010, TODAY)

    by_region: dict = {}
    for p in sorted(programmes, key=lambda p: (p.region.cut, p.form.value)):
        by_region.setdefault(p.region, []).append(p)
    quarters = {region: 2 for region in by_region}
    with generated_db.reading() as session:
        reports = queries.progress_reports_of_year(session, 2010, by_region, quarters)
    service = ProgrammeService(generated_db)
    for region, report in reports.items():
        assert report == service.progress(region, 2010, 2, include_blank=False)
        assert report.entries
    with generated_db.reading() as session:
        empty = queries.progress_reports_of_year(session, 2010, by_region, {r: 3 for r in by_region})
    assert all(not r.entries and r.quarter == 3 for r in empty.values())


def test_print_national_and_nation(generated_db: Database, tmp_path: Path) -> None:
    from desktop.services.printing import print_nation, print_national  # noqa: PLC0415

    national = print_national(generated_db, 2010, tmp_path / "n.pdf", today=TODAY)
    assert "Consolidaciónnacional" in "".join(squashed_pages(national))
    steps: list = []
    nation = print_nation(generated_db, 2010, tmp_path / "pais.pdf", today=TODAY, progress=steps.append)
    text = "".join(squashed_pages(nation))
    assert text.count("ActividadIII.1.ProgramadeTrabajo") == 4 and text.count("ActividadIII.4:Análisis") == 4
    assert_progress_covers_the_job(steps, nation, regions=4)
    with pytest.raises(NotFoundError):
        print_national(generated_db, 2011, tmp_path / "x.pdf", today=TODAY)
    with pytest.raises(NotFoundError):
        print_nation(generated_db, 2011, tmp_path / "x.pdf", today=TODAY)
    assert not (tmp_path / "x.pdf").exists()


def assert_progress_covers_the_job(steps: list, out: Path, regions: int | None = None) -> None:
    """Steps go PREPARING → COMPOSING → WRITING, per mille never back, 1000 only at the last one
    (the file written), and the writing counts every page of the PDF."""
    from pypdf import PdfReader  # noqa: PLC0415

    from desktop.forms.pdf import Stage  # noqa: PLC0415

    order = [Stage.PREPARING, Stage.COMPOSING, Stage.WRITING]
    stages = [step.stage for step in steps]
    assert stages == sorted(stages, key=order.index) and set(stages) == set(order)
    per_mille = [step.per_mille for step in steps]
    assert per_mille == sorted(per_mille) and per_mille[0] == 0
    assert per_mille[-1] == 1000 and 1000 not in per_mille[:-1]
    pages = len(PdfReader(str(out)).pages)
    writing = [step for step in steps if step.stage is Stage.WRITING]
    assert [step.done for step in writing] == [*range(1, pages + 1), pages]
    assert {step.total for step in writing} == {pages}
    composing = [step for step in steps if step.stage is Stage.COMPOSING]
    assert composing[-1].pages == pages and composing[-1].done == composing[-1].total
    if regions is not None:  # one step per region prepared, after the first "starting" step
        prepared = [(step.done, step.total) for step in steps if step.stage is Stage.PREPARING]
        assert prepared == [(0, 1)] + [(n, regions) for n in range(1, regions + 1)]


@pytest.mark.parametrize("printer", ["form", "region", "national"])
def test_progress_of_every_print_covers_the_job(generated_db: Database, tmp_path: Path, printer: str) -> None:
    from desktop.services.printing import print_national  # noqa: PLC0415

    steps: list = []
    out = tmp_path / "out.pdf"
    from desktop.domain.regions import REGIONS  # noqa: PLC0415

    region = REGIONS[2]
    if printer == "form":
        print_form(generated_db, FormKind.III_1, region, 2010, out, today=TODAY, progress=steps.append)
    elif printer == "region":
        print_region(generated_db, region, 2010, out, today=TODAY, progress=steps.append)
    else:
        print_national(generated_db, 2010, out, today=TODAY, progress=steps.append)
    assert_progress_covers_the_job(steps, out)


@pytest.mark.parametrize("stage", ["preparing", "composing", "writing"])
def test_a_progress_callback_that_raises_cancels_and_writes_nothing(
    generated_db: Database, out_dir: Path, stage: str
) -> None:
    from desktop.services.printing import PrintCancelled, print_nation  # noqa: PLC0415

    out = out_dir / "pais.pdf"
    out.write_bytes(b"older")

    def cancel(step) -> None:  # noqa: ANN001
        if step.stage.value == stage and step.done >= 2:
            raise PrintCancelled

    with pytest.raises(PrintCancelled):
        print_nation(generated_db, 2010, out, today=TODAY, progress=cancel)
    assert out.read_bytes() == b"older"  # an older file is kept, no temporary file is left
    assert [p.name for p in out_dir.iterdir()] == ["pais.pdf"]


@pytest.mark.parametrize("printer", ["national", "nation"])
def test_failed_national_print_leaves_no_partial_file(generated_db: Database, out_dir: Path, monkeypatch, printer: str) -> None:
    from desktop.services.printing import print_nation, print_national  # noqa: PLC0415

    calls = _failing_writer(monkeypatch)
    with pytest.raises(OSError):
        (print_national if printer == "national" else print_nation)(generated_db, 2010, out_dir / "n.pdf", today=TODAY)
    assert calls
    assert list(out_dir.iterdir()) == []


def test_paper_is_passed_through(example_db: Database, tmp_path: Path) -> None:
    from desktop.services.printing import PrintError  # noqa: PLC0415

    out = print_form(example_db, FormKind.III_4, TARAPACA, 2009, tmp_path / "f.pdf", today=TODAY, paper="oficio")
    page = PdfReader(str(out)).pages[0]
    assert round(float(page.mediabox.width) / 72 * 25.4) == 330
    with pytest.raises(PrintError):
        print_region(example_db, TARAPACA, 2009, tmp_path / "r.pdf", today=TODAY, paper="A4")
    assert not (tmp_path / "r.pdf").exists()
