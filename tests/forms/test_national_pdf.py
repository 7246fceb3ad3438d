"""The national consolidation report, the footer fingerprint on every page, the paper sizes, and
rendering of every form to PNG, on a generated data set of five regions.

Layout source: seed 001, Actividad III.1 notes (11) (the 90 % bar) and (12) (the service
result CUMPLE / NO CUMPLE, a national result).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from db.engine import Database
from desktop.domain.fingerprint import fingerprint
from desktop.domain.forms import PROGRAMME_FORMS, SHORT_NAMES, FormKind, spec
from desktop.domain.regions import REGIONS, Region
from desktop.domain.scoring import Verdict
from desktop.domain.weights import format_percent, format_percent_column
from desktop.forms import pdf
from desktop.services.generate import generate_national
from desktop.services.printing import PrintError, print_form, print_nation, print_national, print_region
from desktop.services.programmes import ProgrammeService
from desktop.services.summary import national_summary

TODAY = dt.date(2026, 11, 22)
YEAR = 2010
FIVE = REGIONS[:5]
HUELLA = re.compile(r"Huella: ([0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4})")
MM = 72 / 25.4


def squash(text: str) -> str:
    return "".join(text.split())


@pytest.fixture
def national_db(db: Database) -> Database:
    generate_national(db, YEAR, regions=FIVE, objectives=4, activities=3)
    return db


def page_texts(path_or_bytes) -> list[str]:
    source = io.BytesIO(path_or_bytes) if isinstance(path_or_bytes, bytes) else str(path_or_bytes)
    return [page.extract_text() or "" for page in PdfReader(source).pages]


def footprints(pages: list[str]) -> list[str]:
    """The fingerprint printed in each page's footer (exactly one per page)."""
    found = []
    for n, text in enumerate(pages, start=1):
        hits = HUELLA.findall(text)
        assert len(hits) == 1, f"page {n}: {hits}"
        found.append(hits[0])
    return found


def assert_page_numbers(pages: list[str]) -> None:
    total = len(pages)
    for n, text in enumerate(pages, start=1):
        assert f"página{n}de{total}" in squash(text)


# -- the national report --------------------------------------------------------------------


def test_national_report_prints_every_region_figure_and_verdict(national_db, tmp_path):
    out = print_national(national_db, YEAR, tmp_path / "nacional.pdf", today=TODAY)
    pages = page_texts(out)
    text = squash("".join(pages))
    summary = national_summary(national_db, YEAR, TODAY)
    assert squash(f"Consolidación nacional — Desempeño anual por región {YEAR}") in squash(pages[0])
    assert squash("Válido (≥ 90 %)") in text  # the bar, in the header
    for form in PROGRAMME_FORMS:
        assert squash(SHORT_NAMES[form]) in text
    assert len(summary.regions) == 5
    for regional in summary.regions:
        assert squash(f"{regional.region.cut} {regional.region.name}") in text
        row = "".join(
            squash(format_percent_column(s.performance_pct)) + ("Sí" if s.valid else "No") for s in regional.scores
        )
        assert row in text, regional.region.name  # the region's three figures, in order
    verdicts = "".join(summary.verdicts[form].value for form in PROGRAMME_FORMS)
    assert squash(f"Desempeño anual servicio (CUMPLE / NO CUMPLE) {verdicts}") in text
    assert squash(f"Resultado del servicio (todos los programas) {summary.service.value}") in text
    # Note (12) of III.1, as the seed prints it.
    assert squash(f"(12) {spec(FormKind.III_1).note(12, YEAR)}") in text
    assert_page_numbers(pages)
    assert footprints(pages) == [fingerprint(summary)] * len(pages)
    assert all(squash(f"Consolidación nacional · Año {YEAR}") in squash(p) for p in pages)


def test_national_report_draws_the_chart(national_db, tmp_path):
    out = print_national(national_db, YEAR, tmp_path / "nacional.pdf", today=TODAY)
    reader = PdfReader(str(out))
    text = squash("".join(p.extract_text() for p in reader.pages))
    assert squash("Umbral de validación: 90 % (nota 11)") in text  # the legend's line entry
    assert squash(f"Desempeño anual por región y programa de trabajo {YEAR} (%)") in text
    assert text.count(squash(SHORT_NAMES[FormKind.III_1])) >= 2  # table header and legend
    content = b"".join(page.get_contents().get_data() for page in reader.pages)
    # Bars are filled rectangles: 5 regions × 3 programmes, plus legend swatches and cells.
    assert len(re.findall(rb"\bre\b", content)) >= 15 + 3
    assert b"[4 2] 0 d" in content  # the dashed 90 % line


def test_national_report_marks_a_missing_programme_and_escapes_names(national_db, tmp_path):
    summary = national_summary(national_db, YEAR, TODAY)
    first = summary.regions[0]
    odd = Region("99", "CL-XX", "<b>Región & «Prueba»</b>", "Región de prueba")
    without_iii2 = dataclasses.replace(
        first, region=odd, scores=tuple(s for s in first.scores if s.form is not FormKind.III_2)
    )
    summary = dataclasses.replace(summary, regions=(without_iii2, *summary.regions[1:]))
    ctx = pdf.PrintContext("Servicio <de> prueba & co", TODAY)
    buffer = io.BytesIO()
    pdf.write_pdf([pdf.national_story(summary, ctx)], buffer, ctx, "prueba")
    pages = page_texts(buffer.getvalue())
    text = squash("".join(pages))
    assert squash("99 <b>Región & «Prueba»</b>") in text
    iii1, iii3 = (next(s for s in without_iii2.scores if s.form is f) for f in (FormKind.III_1, FormKind.III_3))
    row = (
        squash(format_percent_column(iii1.performance_pct)) + ("Sí" if iii1.valid else "No") + "——"
        + squash(format_percent_column(iii3.performance_pct))
    )
    assert row in text
    assert squash("Servicio <de> prueba & co") in text
    assert footprints(pages) == [fingerprint(summary)] * len(pages)


def test_national_verdict_cumple_when_every_region_passes(national_db, tmp_path):
    summary = national_summary(national_db, YEAR, TODAY)
    passing = dataclasses.replace(
        summary,
        verdicts={form: Verdict.CUMPLE for form in summary.verdicts},
        service=Verdict.CUMPLE,
    )
    ctx = pdf.PrintContext("S", TODAY)
    buffer = io.BytesIO()
    pdf.write_pdf([pdf.national_story(passing, ctx)], buffer, ctx, "prueba")
    text = squash("".join(page_texts(buffer.getvalue())))
    assert squash("Desempeño anual servicio (CUMPLE / NO CUMPLE) CUMPLECUMPLECUMPLE") in text
    assert squash("Resultado del servicio (todos los programas) CUMPLE") in text


# -- footer fingerprint on every page ---------------------------------------------------------


@pytest.mark.parametrize("form", [FormKind.III_1, FormKind.III_2, FormKind.III_3, FormKind.III_4])
def test_form_footer_carries_the_records_fingerprint(national_db, tmp_path, form):
    region = FIVE[2]
    out = print_form(national_db, form, region, YEAR, tmp_path / "f.pdf", today=TODAY)
    service = ProgrammeService(national_db)
    if form is FormKind.III_4:
        expected = fingerprint(service.progress(region, YEAR, 2, include_blank=False))
    else:
        from desktop.domain.scoring import score_programme  # noqa: PLC0415
        from desktop.services.summary import verdict_text  # noqa: PLC0415

        record = service.programme(region, YEAR, form)
        # The programme and everything else its pages print (the service result of (12)/(17)/(15)).
        ctx = pdf.PrintContext("S", TODAY, verdict_text=verdict_text(national_db, form, YEAR, TODAY))
        expected = pdf.programme_fingerprint(record, score_programme(record, TODAY), ctx)
        assert expected != fingerprint(record)
    pages = page_texts(out)
    assert footprints(pages) == [expected] * len(pages)
    for text in pages:
        footer = squash(text)
        assert squash(f"{region.name} · Año {YEAR}") in footer
        assert squash("Servicio Nacional de la Mujer (SERNAM) · impreso el 22-11-2026") in footer
    assert_page_numbers(pages)


def printed_fingerprint(db: Database, programme) -> str:  # noqa: ANN001
    """The Huella of a programme's pages: the programme and the results they print, the
    service result of (12)/(17)/(15) included."""
    from desktop.domain.scoring import score_programme  # noqa: PLC0415
    from desktop.services.summary import verdict_text  # noqa: PLC0415

    ctx = pdf.PrintContext("S", TODAY, verdict_text=verdict_text(db, programme.form, YEAR, TODAY))
    return pdf.programme_fingerprint(programme, score_programme(programme, TODAY), ctx)


def _expected_per_page(pages: list[str], records: list[tuple[str, str]]) -> list[str]:
    """For each page, the fingerprint of the form whose heading last started at or before it."""
    expected, current, queue = [], None, list(records)
    for text in pages:
        while queue and squash(queue[0][0]) in squash(text):
            current = queue.pop(0)[1]
        expected.append(current)
    assert not queue, "a form's heading was not found"
    return expected


def test_region_pdf_shows_each_forms_fingerprint_on_its_pages(national_db, tmp_path):
    region = FIVE[1]
    out = print_region(national_db, region, YEAR, tmp_path / "r.pdf", today=TODAY)
    service = ProgrammeService(national_db)
    records = [(spec(p.form).heading(YEAR), printed_fingerprint(national_db, p)) for p in service.programmes(region, YEAR)]
    report = service.progress(region, YEAR, 2, include_blank=False)
    records.append((spec(FormKind.III_4).heading(YEAR), fingerprint(report)))
    pages = page_texts(out)
    printed = footprints(pages)
    assert printed == _expected_per_page(pages, records)
    assert len(set(printed)) == 4
    assert_page_numbers(pages)


def test_region_pdf_prints_every_row_and_the_computed_results(national_db, tmp_path):
    """Every text of every row of a generated region's four forms, in row order, and the results."""
    from desktop.domain.scoring import earned_weight, score_programme  # noqa: PLC0415

    region = FIVE[3]
    out = print_region(national_db, region, YEAR, tmp_path / "r.pdf", today=TODAY)
    text = squash("".join(page_texts(out)))
    service = ProgrammeService(national_db)
    for programme in service.programmes(region, YEAR):
        for objective in programme.objectives:
            first = objective.commitments[0]
            met = {True: "Sí", False: "No", None: ""}[first.met]
            earned = format_percent(earned_weight(first.weight, first.met)) if first.met else ("0 %" if first.met is False else "")
            # (2)–(4) of the objective, then (5)–(10) of its first row, as printed left to right.
            head = (objective.text, objective.indicator, objective.indicator_result, first.description,
                    first.responsible_unit, first.verification_means, first.weight_text, met, earned)
            assert squash("".join(head)) in text, objective.text
            for commitment in objective.commitments[1:]:
                row = (commitment.description, commitment.responsible_unit, commitment.verification_means,
                       commitment.weight_text)
                assert squash("".join(row)) in text
        score = score_programme(programme, TODAY)
        assert squash(format_percent(score.performance_pct)) in text
    report = service.progress(region, YEAR, 2, include_blank=False)
    for entry in report.entries:
        row = (entry.objective_text, entry.progress, entry.authority_measures, entry.recommendations, entry.responsible)
        assert squash("".join(row)) in text, entry.objective_text


def test_nation_pdf_every_region_then_the_national_report(national_db, tmp_path):
    out = print_nation(national_db, YEAR, tmp_path / "pais.pdf", today=TODAY)
    service = ProgrammeService(national_db)
    records = []
    for region in FIVE:
        records += [(spec(p.form).heading(YEAR), printed_fingerprint(national_db, p))
                    for p in service.programmes(region, YEAR)]
        records.append((spec(FormKind.III_4).heading(YEAR), fingerprint(service.progress(region, YEAR, 2, include_blank=False))))
    summary = national_summary(national_db, YEAR, TODAY)
    records.append((f"Consolidación nacional — Desempeño anual por región {YEAR}", fingerprint(summary)))
    pages = page_texts(out)
    assert footprints(pages) == _expected_per_page(pages, records)
    assert_page_numbers(pages)
    assert squash("Consolidación nacional") in squash(pages[-1])
    text = squash("".join(pages))
    positions = [text.find(squash(f"{region.name} — Dirección Regional")) for region in FIVE]
    assert all(p >= 0 for p in positions) and positions == sorted(positions)


def test_every_font_of_the_nation_pdf_is_embedded(national_db, tmp_path):
    """Every page uses only embedded fonts (DejaVu): no Helvetica, reportlab's default font."""
    from tests.forms.test_pdf import non_embedded_fonts  # noqa: PLC0415

    out = print_nation(national_db, YEAR, tmp_path / "pais.pdf", today=TODAY)
    reader = PdfReader(str(out))
    assert non_embedded_fonts(reader) == []
    pdffonts = shutil.which("pdffonts")
    if pdffonts is not None:  # poppler's own view of the file agrees
        listing = subprocess.run([pdffonts, str(out)], check=True, capture_output=True, text=True, timeout=60).stdout
        faces = [line.split() for line in listing.splitlines()[2:] if line.strip()]
        assert faces and all("DejaVu" in face[0] for face in faces), listing
        assert all(face[-5] == "yes" for face in faces), listing  # the "emb" column


# -- paper ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("paper", "long_mm"), [("carta", 279.4), ("oficio", 330.0), ("OFICIO", 330.0)])
def test_paper_sizes(national_db, tmp_path, paper, long_mm):
    short_mm = 215.9 if paper == "carta" else 216.0
    outputs = [
        print_national(national_db, YEAR, tmp_path / "n.pdf", paper=paper, today=TODAY),
        print_form(national_db, FormKind.III_1, FIVE[0], YEAR, tmp_path / "f.pdf", paper=paper, today=TODAY),
        print_region(national_db, FIVE[0], YEAR, tmp_path / "r.pdf", paper=paper, today=TODAY),
    ]
    for out in outputs:
        for page in PdfReader(str(out)).pages:
            width, height = float(page.mediabox.width), float(page.mediabox.height)
            assert width == pytest.approx(long_mm * MM, abs=0.05)  # landscape: the long side across
            assert height == pytest.approx(short_mm * MM, abs=0.05)


def test_oficio_is_wider_so_the_tables_are_wider(national_db, tmp_path):
    carta = pdf.PrintContext("S", TODAY, page_size=pdf.paper_size("carta"))
    oficio = pdf.PrintContext("S", TODAY, page_size=pdf.paper_size("oficio"))
    programme = ProgrammeService(national_db).programme(FIVE[0], YEAR, FormKind.III_1)
    from desktop.domain.scoring import score_programme  # noqa: PLC0415

    def control_width(ctx):
        story = pdf.programme_story(programme, score_programme(programme, TODAY), ctx)
        table = next(f for f in story if isinstance(f, pdf.Table) and len(f._colWidths) == 9)
        return sum(table._colWidths)

    assert control_width(oficio) - control_width(carta) == pytest.approx((330 - 279.4) * MM, abs=0.5)


def test_unknown_paper_is_refused(national_db, tmp_path):
    with pytest.raises(PrintError, match="Papel desconocido"):
        print_national(national_db, YEAR, tmp_path / "n.pdf", paper="a4", today=TODAY)
    with pytest.raises(ValueError):
        pdf.paper_size("tabloide")
    assert not (tmp_path / "n.pdf").exists()


# -- rendering ---------------------------------------------------------------------------------


def _render(pdftoppm: str, source: Path, stem: Path) -> Path:
    subprocess.run(
        [pdftoppm, "-r", "40", "-png", "-f", "1", "-l", "1", "-singlefile", str(source), str(stem)],
        check=True, timeout=60, capture_output=True,
    )
    return stem.with_suffix(".png")


@pytest.mark.parametrize("which", ["III.1", "III.2", "III.3", "III.4", "national"])
def test_every_form_renders_to_png(national_db, tmp_path, which):
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        pytest.skip("pdftoppm (poppler-utils) no está instalado: no se pueden rasterizar los formularios")
    from PIL import Image  # noqa: PLC0415 (reportlab's dependency)

    out = tmp_path / "f.pdf"
    if which == "national":
        print_national(national_db, YEAR, out, today=TODAY)
    else:
        print_form(national_db, FormKind.parse(which), FIVE[0], YEAR, out, today=TODAY)
    png = _render(pdftoppm, out, tmp_path / "page")
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    with Image.open(png) as image:
        gray = image.convert("L")
        width, height = gray.size
        assert width > height  # landscape
        histogram = gray.histogram()
        dark = sum(histogram[:200]) / (width * height)
        assert 0.01 < dark < 0.6, dark  # text and rules, not blank, not a black page
