"""Printing of forms III.1–III.4 to PDF (desktop.forms.pdf), on the real Tarapacá 2009 data.

The layout comes from seed 001 (Formatos de la Etapa 3). Text is read back with pypdf and
compared with whitespace removed, since cells wrap lines.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import shutil
import subprocess
import uuid

import pytest
from pypdf import PdfReader

from desktop.domain.forms import PROGRAMME_LABELS, FormKind, spec
from desktop.domain.records import Commitment, CommitmentKind, Objective, Programme
from desktop.domain.scoring import score_programme
from desktop.forms.pdf import (
    FONT,
    PrintContext,
    print_programme,
    print_progress,
    programme_fingerprint,
    programme_story,
    progress_story,
    register_fonts,
    write_pdf,
)
from desktop.services.example import read_example

TODAY = dt.date(2025, 3, 14)
VERDICT = "NO CUMPLE (1 de 1 región en esta base)"


def squash(text: str) -> str:
    return "".join(text.split())


@pytest.fixture(scope="module")
def example():
    return read_example()


@pytest.fixture(scope="module")
def ctx(example):
    return PrintContext(f"{example.service_name} ({example.service_acronym})", TODAY, verdict_text=VERDICT)


def programme_of(example, kind: FormKind) -> Programme:
    return next(p for p in example.programmes if p.form is kind)


def read_pages(path) -> tuple[PdfReader, list[str]]:
    reader = PdfReader(str(path))
    return reader, [squash(page.extract_text() or "") for page in reader.pages]


def assert_page_numbers(pages: list[str]) -> None:
    total = len(pages)
    for n, text in enumerate(pages, start=1):
        assert f"página{n}de{total}" in text, f"page {n} lacks «página {n} de {total}»"


def _fonts_of(resources, seen: set[int]):  # noqa: ANN001, ANN202
    """Every font dictionary under ``resources``, including those of form XObjects."""
    if resources is None:
        return
    resources = resources.get_object()
    fonts = resources.get("/Font")
    if fonts is not None:
        for ref in fonts.get_object().values():
            yield ref.get_object()
    xobjects = resources.get("/XObject")
    if xobjects is not None:
        for ref in xobjects.get_object().values():
            xobject = ref.get_object()
            if id(xobject) in seen or xobject.get("/Subtype") != "/Form":
                continue
            seen.add(id(xobject))
            yield from _fonts_of(xobject.get("/Resources"), seen)


def non_embedded_fonts(reader: PdfReader) -> list[tuple[int, str]]:
    """(page, font name) of every font a page uses that is not embedded in the PDF."""
    missing = []
    for number, page in enumerate(reader.pages, start=1):
        for font in _fonts_of(page.get("/Resources"), set()):
            fonts = [font]
            if font.get("/Subtype") == "/Type0":
                fonts = [f.get_object() for f in font["/DescendantFonts"]]
            for face in fonts:
                descriptor = face.get("/FontDescriptor")
                embedded = descriptor is not None and any(
                    key in descriptor.get_object() for key in ("/FontFile", "/FontFile2", "/FontFile3")
                )
                if not embedded:
                    missing.append((number, str(face.get("/BaseFont"))))
    return missing


def dejavu_embedded(reader: PdfReader) -> bool:
    for page in reader.pages:
        fonts = page["/Resources"].get_object().get("/Font")
        if fonts is None:
            continue
        for ref in fonts.get_object().values():
            font = ref.get_object()
            if "DejaVu" not in str(font.get("/BaseFont", "")):
                continue
            descriptor = font.get("/FontDescriptor")
            if descriptor is not None and "/FontFile2" in descriptor.get_object():
                return True
    return False


@pytest.mark.parametrize("kind", [FormKind.III_1, FormKind.III_2, FormKind.III_3])
def test_programme_prints_every_text_of_the_form(example, ctx, tmp_path, kind):
    programme = programme_of(example, kind)
    form_spec = spec(kind)
    out = tmp_path / f"{kind.value}.pdf"
    print_programme(programme, score_programme(programme, TODAY), ctx, out)

    reader, pages = read_pages(out)
    text = "".join(pages)
    assert squash(form_spec.heading(programme.year)) in pages[0]
    assert squash("REGIÓN (1)") in pages[0] and squash(programme.region.name) in pages[0]
    assert "ControldeResultados" in text and "ControlOperacional" in text
    for column in form_spec.columns:
        assert squash(column.header) in text
    for objective in programme.objectives:
        assert squash(objective.text) in text, objective.text
        assert squash(objective.indicator) in text
        assert squash(objective.indicator_result) in text, objective.indicator_result  # (4)
        for commitment in objective.commitments:
            assert squash(commitment.description) in text
            assert squash(commitment.responsible_unit) in text, commitment.responsible_unit  # (6)
            assert squash(commitment.verification_means) in text, commitment.verification_means  # (7)
            assert squash(commitment.weight_text) in text  # as written, e.g. "0.5%  0.5%"
    # Each row prints its activity, unit (6), means (7) and weight (8) side by side, in order.
    for commitment in programme.commitments:
        row = squash(commitment.description + commitment.responsible_unit + commitment.verification_means)
        assert row + squash(commitment.weight_text) in text, commitment.description
    (region_label, service_label), (region_no, service_no) = form_spec.result_labels, form_spec.result_numbers
    assert squash(f"{region_label.format(year=programme.year)} ({region_no})") in text
    assert squash(f"{service_label.format(year=programme.year)} ({service_no})") in text
    assert squash(VERDICT) in text
    assert squash("— bajo el 90 %: no valida") in text
    assert squash(f"Notas {form_spec.activity}") in text
    for number, note in form_spec.notes:
        assert squash(f"({number}) {note.format(year=programme.year)}") in text
    assert_page_numbers(pages)
    assert dejavu_embedded(reader)
    assert non_embedded_fonts(reader) == []  # no Helvetica (reportlab's default) anywhere


def test_iii1_prints_the_tarapaca_weights_as_written(example, ctx, tmp_path):
    programme = programme_of(example, FormKind.III_1)
    out = tmp_path / "III.1.pdf"
    print_programme(programme, score_programme(programme, TODAY), ctx, out)
    text = "".join(read_pages(out)[1])
    for written in ("0.5%  0.5%", "0.05%  0.05%", "01%", "0.05 %", "1%"):
        assert squash(written) in text
    assert "0.5%  0.5%" in PdfReader(str(out)).pages[0].extract_text()  # even the double space
    assert "NotasActividadIII.1." in text
    assert "Advertencias" not in text  # Avance's own warnings are not part of the official form


def test_iii2_prints_the_instance_header(example, ctx, tmp_path):
    programme = programme_of(example, FormKind.III_2)
    out = tmp_path / "III.2.pdf"
    print_programme(programme, score_programme(programme, TODAY), ctx, out)
    text = "".join(read_pages(out)[1])
    for field in spec(FormKind.III_2).header_fields:
        assert squash(f"{field.label.format(year=programme.year)} ({field.number})") in text
    instance = programme.instance
    for value in (instance.name, instance.main_problem, instance.territories, instance.institutions, instance.products):
        assert squash(value) in text


def test_iii3_prints_all_three_sections(example, ctx, tmp_path):
    programme = programme_of(example, FormKind.III_3)
    out = tmp_path / "III.3.pdf"
    print_programme(programme, score_programme(programme, TODAY), ctx, out)
    text = "".join(read_pages(out)[1])
    for code, label, _note in spec(FormKind.III_3).sections:
        assert squash(f"({code}) {label}") in text  # (13) prints though it has no objective
    assert text.index("(11)OfertadeinformaciónalGORE") < text.index(squash(programme.objectives[0].text))


def test_iii4_prints_the_quarter_2_report(example, ctx, tmp_path):
    report = example.progress[0]
    assert report.quarter == 2
    out = tmp_path / "III.4.pdf"
    print_progress(report, ctx, out)

    reader, pages = read_pages(out)
    text = "".join(pages)
    form_spec = spec(FormKind.III_4)
    assert squash(form_spec.heading(report.year)) in pages[0]
    assert squash("Trimestre T2 (a la fecha)") in pages[0]
    assert squash(report.responsible_office) in pages[0]
    for column in form_spec.columns:
        assert squash(column.header) in text
    for entry in report.entries:
        for value in (entry.objective_text, entry.progress, entry.authority_measures, entry.recommendations, entry.responsible):
            assert squash(value) in text, value
    forms = {entry.form for entry in report.entries}
    for form in forms:
        label = squash(PROGRAMME_LABELS[form])
        assert text.count(label) >= 1
    # Pages 2 and 3 start inside a programme: their first row repeats its label.
    edges = column_edges(FormKind.III_4, ctx)
    for page in reader.pages[1:]:
        row = first_body_row(page_lines(page), edges, form_spec.columns[1].header)
        assert " ".join(row[0]) in {f"{PROGRAMME_LABELS[form]} (continuación)" for form in forms}, row
    for number, note in form_spec.notes:
        assert squash(f"({number}) {note}") in text
    assert_page_numbers(pages)
    assert dejavu_embedded(reader)
    assert non_embedded_fonts(reader) == []  # no Helvetica (reportlab's default) anywhere


def test_markup_characters_print_literally(example, ctx, tmp_path):
    programme = programme_of(example, FormKind.III_1)
    first = programme.objectives[0]
    odd = dataclasses.replace(first, text="<b>&x<y", indicator="a > b & «c» “d” – 5 °C, año")
    programme = dataclasses.replace(programme, objectives=(odd, *programme.objectives[1:]))
    out = tmp_path / "odd.pdf"
    print_programme(programme, score_programme(programme, TODAY), ctx, out)
    text = "".join(read_pages(out)[1])
    assert "<b>&x<y" in text
    assert squash("a > b & «c» “d” – 5 °C, año") in text


def test_met_and_earned_columns(example, ctx, tmp_path):
    programme = programme_of(example, FormKind.III_1)
    objectives = list(programme.objectives[:3])
    met = [True, False, None]
    objectives = [
        dataclasses.replace(o, commitments=(dataclasses.replace(o.commitments[0], met=m),)) for o, m in zip(objectives, met)
    ]
    programme = dataclasses.replace(programme, objectives=tuple(objectives))
    out = tmp_path / "met.pdf"
    print_programme(programme, score_programme(programme, TODAY), ctx, out)
    text = "".join(read_pages(out)[1])
    assert squash("0.5%  0.5% Sí 1 %") in text  # weight, met, earned of row 1
    assert squash("0.05%  0.05% No 0 %") in text
    assert squash("1 % — bajo el 90 %: no valida") in text


def test_many_objectives_repeat_the_headers_on_every_page(example, ctx, tmp_path):
    base = programme_of(example, FormKind.III_1)
    objectives = []
    for i in range(40):
        commitments = tuple(
            Commitment(
                uuid.uuid4(), j, CommitmentKind.ACTIVITY,
                f"Actividad {j + 1} del objetivo {i + 1}: realizar reuniones de coordinación con los servicios.",
                "Encargada regional", "Actas de reuniones", "0.83%", None,
            )
            for j in range(3)
        )
        objectives.append(
            Objective(uuid.uuid4(), i, f"ObjetivoNúmero{i + 1:03d} fortalecer la coordinación regional", "Nº de reuniones", "4", None, commitments)
        )
    programme = dataclasses.replace(base, objectives=tuple(objectives))
    assert len(programme.commitments) == 120
    out = tmp_path / "many.pdf"
    print_programme(programme, score_programme(programme, TODAY), ctx, out)

    _reader, pages = read_pages(out)
    assert len(pages) >= 4
    table_pages = [text for text in pages if "Actividad" in text and "delobjetivo" in text]
    assert len(table_pages) >= 3
    for text in table_pages:
        assert "ControldeResultados" in text and "ControlOperacional" in text
        assert squash("Objetivos específicos (2)") in text and squash("Ponderación ganada (10)") in text
    everything = "".join(pages)
    for i in range(40):
        assert f"ObjetivoNúmero{i + 1:03d}" in everything
    assert everything.count("Actividad") >= 120
    assert_page_numbers(pages)


def test_write_pdf_starts_each_story_on_a_new_page(example, ctx):
    register_fonts()
    register_fonts()  # idempotent
    iii3 = programme_of(example, FormKind.III_3)
    stories = [
        programme_story(iii3, score_programme(iii3, TODAY), ctx),
        progress_story(example.progress[0], ctx),
    ]
    buffer = io.BytesIO()
    write_pdf(stories, buffer, ctx, "Tarapacá 2009")
    reader = PdfReader(io.BytesIO(buffer.getvalue()))
    pages = [squash(p.extract_text() or "") for p in reader.pages]
    assert squash(spec(FormKind.III_3).heading(2009)) in pages[0]
    starts = [i for i, text in enumerate(pages) if squash(spec(FormKind.III_4).heading(2009)) in text]
    assert len(starts) == 1 and starts[0] >= 1
    assert squash(spec(FormKind.III_4).heading(2009)) not in pages[starts[0] - 1]
    assert_page_numbers(pages)
    assert reader.metadata.title == "Tarapacá 2009"
    assert reader.metadata.author == ctx.service_name
    assert squash(f"{ctx.service_name} · impreso el 14-03-2025") in pages[-1]


def test_write_pdf_refuses_an_empty_document(ctx):
    with pytest.raises(ValueError):
        write_pdf([[]], io.BytesIO(), ctx, "vacío")


def test_progress_story_is_not_for_programmes(example, ctx):
    iii1 = programme_of(example, FormKind.III_1)
    with pytest.raises(ValueError):
        programme_story(dataclasses.replace(iii1, form=FormKind.III_4), score_programme(iii1, TODAY), ctx)


def test_page_one_renders_to_png(example, ctx, tmp_path):
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        pytest.skip("pdftoppm (poppler-utils) no está instalado: no se puede rasterizar la página 1")
    programme = programme_of(example, FormKind.III_1)
    out = tmp_path / "III.1.pdf"
    print_programme(programme, score_programme(programme, TODAY), ctx, out)
    subprocess.run([pdftoppm, "-r", "60", "-png", "-f", "1", "-l", "1", "-singlefile", str(out), str(tmp_path / "page1")], check=True, timeout=60)
    png = tmp_path / "page1.png"
    assert png.exists()
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(data) > 10_000


def test_a_row_taller_than_a_page_splits_and_long_words_break(example, ctx, tmp_path):
    base = programme_of(example, FormKind.III_1)
    first = base.objectives[0]
    lines = [f"Línea {i:03d} de una descripción muy larga que no cabe en una página completa." for i in range(140)]
    word = "Supercalifragilísticoespialidoso" * 6  # far wider than column (6)
    commitment = dataclasses.replace(first.commitments[0], description="\n".join(lines), responsible_unit=word)
    tall = dataclasses.replace(first, commitments=(commitment, *first.commitments[1:]))
    programme = dataclasses.replace(base, objectives=(base.objectives[1], tall, *base.objectives[2:]))
    out = tmp_path / "tall.pdf"
    print_programme(programme, score_programme(programme, TODAY), ctx, out)

    _reader, pages = read_pages(out)
    text = "".join(pages)
    assert [i for i in range(140) if f"Línea{i:03d}" not in text] == []
    assert word in text  # broken between characters, nothing cut off
    holding = [n for n, page in enumerate(pages) if "Línea" in page]
    assert len(holding) >= 3 and holding == list(range(holding[0], holding[-1] + 1))
    # The row that fits (the first objective) stays whole on page 1; the tall row, that no page
    # holds, starts right under it (no page is left empty) and goes on, in order.
    assert squash(base.objectives[1].text) in pages[0] and "Línea000" in pages[0]
    assert text.index("Línea000") < text.index("Línea139")
    for page in (pages[n] for n in holding):
        assert "ControldeResultados" in page and squash("Ponderación ganada (10)") in page
    # Each page the tall row goes on to says whose row it is.
    reader = PdfReader(str(out))
    edges = column_edges(FormKind.III_1, ctx)
    for n in holding[1:]:
        row = first_body_row(page_lines(reader.pages[n]), edges, "Objetivos específicos (2)")
        assert row[0][0] == "(continuación)", (n, row)
        assert squash(" ".join(row[0][1:])).rstrip("…").startswith(squash(first.text)[:40]), (n, row)
    assert_page_numbers(pages)


def test_wrap_keeps_every_character_within_the_column():
    from desktop.forms.pdf import _measure, _wrap  # noqa: PLC0415 (private helper)

    register_fonts()
    measure = _measure(FONT, 7.2)
    text = "Realizar  4 asesorías <b>&amp; por cada Servicio\r\ndesconcentrado,\tCapacitar " + "x" * 120 + " fin"
    for width in (20.0, 60.0, 120.0):
        wrapped = _wrap(text, width, measure)
        for line in wrapped.split("\n"):
            assert measure.width(line) <= width + 1e-6, line
        assert squash(wrapped) == squash(text)
    assert "Realizar  4 asesorías <b>&amp; por" in _wrap(text, 500.0, measure).split("\n")[0]
    assert _wrap("a\x01b", 100.0, measure) == "ab"
    assert _wrap("", 100.0, measure) == "" and _wrap(None, 100.0, measure) == ""


ODD = "<b>&amp; x<y & «ñ»</b>"


@pytest.mark.parametrize("kind", [FormKind.III_1, FormKind.III_2, FormKind.III_3])
def test_markup_characters_print_literally_in_every_programme_form(example, ctx, tmp_path, kind):
    programme = programme_of(example, kind)
    first = programme.objectives[0]
    commitment = dataclasses.replace(first.commitments[0], description=ODD + " desc", responsible_unit="A&B <unidad>")
    odd = dataclasses.replace(first, text=ODD, indicator="a > b", commitments=(commitment, *first.commitments[1:]))
    changes = {"objectives": (odd, *programme.objectives[1:]), "responsible_office": "Seremi <R&D>"}
    if programme.instance is not None:
        changes["instance"] = dataclasses.replace(programme.instance, name=ODD + " instancia")
    programme = dataclasses.replace(programme, **changes)
    out = tmp_path / "odd.pdf"
    print_programme(programme, score_programme(programme, TODAY), ctx, out)
    text = "".join(read_pages(out)[1])
    assert squash(ODD) in text
    assert squash(ODD + " desc") in text and "A&B<unidad>" in text and "a>b" in text
    assert squash("Seremi <R&D>") in text
    if kind is FormKind.III_2:
        assert squash(ODD + " instancia") in text


def test_markup_characters_print_literally_in_iii4(example, ctx, tmp_path):
    report = example.progress[0]
    entry = dataclasses.replace(report.entries[0], objective_text=ODD, progress="50 % < 100 % & más", responsible="<Jefa>")
    report = dataclasses.replace(report, responsible_office="Dirección <regional> & co", entries=(entry, *report.entries[1:]))
    out = tmp_path / "odd4.pdf"
    print_progress(report, ctx, out)
    text = "".join(read_pages(out)[1])
    for value in (ODD, "50 % < 100 % & más", "<Jefa>", "Dirección <regional> & co"):
        assert squash(value) in text, value


def test_footer_has_region_year_date_fingerprint_and_page(example, ctx, tmp_path):
    from desktop.domain.fingerprint import fingerprint  # noqa: PLC0415

    programme = programme_of(example, FormKind.III_1)
    out = tmp_path / "III.1.pdf"
    print_programme(programme, score_programme(programme, TODAY), ctx, out)
    _reader, pages = read_pages(out)
    huella = programme_fingerprint(programme, score_programme(programme, TODAY), ctx)
    assert huella != fingerprint(programme)  # it covers the service result printed in (12)
    for n, text in enumerate(pages, start=1):
        assert squash(f"{ctx.service_name} · impreso el 14-03-2025") in text
        assert squash(f"Tarapacá · Año 2009") in text
        assert squash(f"Huella: {huella} · página {n} de {len(pages)}") in text


def test_footer_of_each_story_in_one_pdf(example, ctx):
    """Two forms in one PDF: each page shows the fingerprint of the form printed on it."""
    from desktop.domain.fingerprint import fingerprint  # noqa: PLC0415

    iii3 = programme_of(example, FormKind.III_3)
    report = example.progress[0]
    buffer = io.BytesIO()
    write_pdf([programme_story(iii3, score_programme(iii3, TODAY), ctx), progress_story(report, ctx)], buffer, ctx, "x")
    pages = [squash(p.extract_text()) for p in PdfReader(io.BytesIO(buffer.getvalue())).pages]
    start = next(i for i, text in enumerate(pages) if squash(spec(FormKind.III_4).heading(2009)) in text)
    for i, text in enumerate(pages):
        iii3_print = programme_fingerprint(iii3, score_programme(iii3, TODAY), ctx)
        expected = iii3_print if i < start else fingerprint(report)
        assert f"Huella:{expected}" in text, i
    assert fingerprint(iii3) != fingerprint(report)


def test_context_footer_for_unmarked_pages(ctx):
    """A story with no form (no marker) gets the context's region, year and fingerprint."""
    from reportlab.platypus import Paragraph  # noqa: PLC0415
    from reportlab.lib.styles import getSampleStyleSheet  # noqa: PLC0415

    plain = dataclasses.replace(ctx, region="Nacional", year=2009, fingerprint="abcd-ef01-2345")
    buffer = io.BytesIO()
    write_pdf([[Paragraph("hola", getSampleStyleSheet()["Normal"])]], buffer, plain, "x")
    text = squash(PdfReader(io.BytesIO(buffer.getvalue())).pages[0].extract_text())
    assert "Nacional·Año2009" in text and "Huella:abcd-ef01-2345·página1de1" in text


# -- rows continued on the next page ------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Line:
    """One line of text drawn on a page: where it starts (points) and its font."""

    x: float
    y: float
    text: str
    font: str


def page_lines(page) -> list[Line]:  # noqa: ANN001
    """Every text line of ``page`` with its position, in drawing order."""
    found: list[Line] = []

    def visit(text, cm, tm, font, _size):  # noqa: ANN001
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            found.append(Line(x, y, text.strip(), str(font.get("/BaseFont", "")) if font else ""))

    page.extract_text(visitor_text=visit)
    return found


def column_edges(kind: FormKind, ctx: PrintContext) -> list[float]:
    """The x of every column edge of the form's main table, left to right."""
    from desktop.forms import pdf  # noqa: PLC0415

    if kind is FormKind.III_4:
        story = pdf.progress_story(dataclasses.replace(read_example().progress[0]), ctx)
    else:
        example = read_example()
        programme = programme_of(example, kind)
        story = pdf.programme_story(programme, score_programme(programme, TODAY), ctx)
    ncols = len(spec(kind).columns)
    table = next(f for f in story if isinstance(f, pdf.Table) and len(f._colWidths) == ncols)
    edges = [pdf.MARGIN]
    for width in table._colWidths:
        edges.append(edges[-1] + width)
    return edges


def column_of(line: Line, edges: list[float]) -> int:
    return next(j for j in range(len(edges) - 1) if edges[j] <= line.x < edges[j + 1])


def first_body_row(lines: list[Line], edges: list[float], header: str) -> dict[int, list[str]]:
    """The lines of the first table row under the header row, by column.

    The header row is drawn first, left to right, from the line ``header`` to the bold lines of
    the last column; the body row that starts highest is the first. A cell's lines follow each
    other 8.6 pt apart: a larger gap is the next row."""
    last = len(edges) - 2
    i = next(n for n, line in enumerate(lines) if line.text == header)
    while not (column_of(lines[i], edges) == last and "Bold" in lines[i].font):
        i += 1
    while i + 1 < len(lines) and column_of(lines[i + 1], edges) == last and "Bold" in lines[i + 1].font:
        i += 1
    body = lines[i + 1 :]
    top = max(line.y for line in body)
    starts = {column_of(line, edges) for line in body if abs(line.y - top) < 0.01}
    row: dict[int, list[str]] = {}
    for column in starts:
        in_column = sorted((line for line in body if column_of(line, edges) == column), key=lambda line: -line.y)
        texts: list[str] = []
        previous = None
        for line in in_column:
            if previous is not None and previous - line.y > 9:  # a gap: the next row starts
                break
            texts.append(line.text)
            previous = line.y
        row[column] = texts
    return row


def grouped_programme(example, kind: FormKind) -> Programme:  # noqa: ANN001
    """A programme with many objectives of several activities, and one of thirty activities,
    so its table breaks inside objectives; every objective's texts name its number."""
    base = programme_of(example, kind)
    section = spec(kind).sections[0][0] if spec(kind).sections else None
    objectives = []
    for i in range(1, 25):
        count = 30 if i == 4 else 2 + i % 4
        commitments = tuple(
            Commitment(
                uuid.uuid4(), j, CommitmentKind.ACTIVITY,
                f"Actividad {j + 1} del objetivo {i}: realizar reuniones de coordinación con los servicios "
                "públicos y levantar actas de acuerdos.",
                f"Unidad {i}.{j + 1}", f"Actas {i}.{j + 1}", "0.5%", None,
            )
            for j in range(count)
        )
        objectives.append(
            Objective(
                uuid.uuid4(), i - 1,
                f"Objetivo {i}: fortalecer la coordinación territorial con los servicios públicos de la región "
                "en materias de género, con mesas provinciales y agendas locales.",
                f"Indicador {i}: Nº de reuniones realizadas respecto de las programadas",
                f"Resultado {i}: 12 reuniones", section, commitments,
            )
        )
    return dataclasses.replace(base, objectives=tuple(objectives))


@pytest.mark.parametrize("kind", [FormKind.III_1, FormKind.III_2, FormKind.III_3])
def test_a_page_that_continues_an_objective_repeats_its_context(example, ctx, tmp_path, kind):
    """Columns (2)–(4) of the first row of every page say which objective the rows belong to."""
    import re  # noqa: PLC0415

    programme = grouped_programme(example, kind)
    out = tmp_path / "grouped.pdf"
    print_programme(programme, score_programme(programme, TODAY), ctx, out)
    reader = PdfReader(str(out))
    edges = column_edges(kind, ctx)
    header = spec(kind).columns[0].header  # "Objetivos específicos (2)"; (7) on III.2
    continued = 0
    for number, page in enumerate(reader.pages, start=1):
        lines = page_lines(page)
        if not any(line.text.startswith("Actividad ") and "del objetivo" in line.text for line in lines):
            continue  # the page of the results and notes
        assert all("Bold" in line.font for line in lines if line.text == header), number  # header style kept
        row = first_body_row(lines, edges, header)
        if list(row) == [0] and row[0][0].startswith("(11)"):
            continue  # III.3's first page starts with its section (11)
        match = re.match(r"Actividad (\d+) del objetivo (\d+)", " ".join(row[3]))
        assert match, (number, row)
        activity, objective = int(match[1]), int(match[2])
        context = [" ".join(row.get(j, [])) for j in range(3)]
        if activity == 1:
            assert context[0].startswith(f"Objetivo {objective}:"), (number, context)
            continue
        continued += 1
        assert row[0][0] == "(continuación)", (number, row[0])
        assert context[0].startswith(f"(continuación) Objetivo {objective}: fortalecer"), (number, context)
        assert context[1].startswith(f"Indicador {objective}: Nº de reuniones"), (number, context)
        assert context[2].startswith(f"Resultado {objective}:"), (number, context)
        assert all(len(row.get(j, [])) <= 4 for j in range(3))  # shortened: "(continuación)" + 3 lines
    assert continued >= 3  # the breaks fell inside objectives, including the 30-activity one


def test_a_page_that_continues_a_programme_repeats_its_label_in_iii4(example, ctx, tmp_path):
    report = example.progress[0]
    entries = [
        dataclasses.replace(
            report.entries[0], id=uuid.uuid4(), form=form,
            objective_text=f"Objetivo {i} de {form.value}", progress="Avance efectivo de las actividades. " * 12,
        )
        for form in (FormKind.III_1, FormKind.III_2) for i in range(1, 25)
    ]
    report = dataclasses.replace(report, entries=tuple(entries))
    out = tmp_path / "III.4.pdf"
    print_progress(report, ctx, out)
    reader = PdfReader(str(out))
    edges = column_edges(FormKind.III_4, ctx)
    header = spec(FormKind.III_4).columns[1].header
    continued = 0
    for number, page in enumerate(reader.pages, start=1):
        lines = page_lines(page)
        if not any(line.text == header for line in lines):
            continue
        row = first_body_row(lines, edges, header)
        objective = " ".join(row[1])
        form = FormKind.III_1 if "de III.1" in objective else FormKind.III_2
        label = " ".join(row.get(0, []))
        if objective.startswith("Objetivo 1 "):
            assert label == PROGRAMME_LABELS[form], (number, row)
        else:
            continued += 1
            assert label == f"{PROGRAMME_LABELS[form]} (continuación)", (number, row)
    assert continued >= 2


def test_activity_rows_are_as_tall_as_their_own_texts(example, ctx, tmp_path):
    """An objective taller than its activities' rows spans them: the activity rows stay as tall
    as their own texts, and only the last grows to the objective's height."""
    base = programme_of(example, FormKind.III_1)
    long_text = "Objetivo largo: " + "fortalecer la coordinación territorial con los servicios públicos " * 5
    commitments = tuple(
        Commitment(uuid.uuid4(), j, CommitmentKind.ACTIVITY, f"Tarea {j + 1}", "Unidad", "Actas", "1%", None)
        for j in range(3)
    )
    tall = dataclasses.replace(base.objectives[0], text=long_text, commitments=commitments)
    programme = dataclasses.replace(base, objectives=(tall, *base.objectives[1:3]))
    out = tmp_path / "tall.pdf"
    print_programme(programme, score_programme(programme, TODAY), ctx, out)
    lines = page_lines(PdfReader(str(out)).pages[0])
    y = {line.text: line.y for line in lines if line.text.startswith("Tarea ")}
    row = 8.6 + 1.5 + 2.5  # one line of body text and the cell's padding
    assert y["Tarea 1"] - y["Tarea 2"] == pytest.approx(row, abs=0.1)
    assert y["Tarea 2"] - y["Tarea 3"] == pytest.approx(row, abs=0.1)
    edges = column_edges(FormKind.III_1, ctx)
    column = sorted((l for l in lines if column_of(l, edges) == 0 and l.y <= y["Tarea 1"] + 0.01), key=lambda l: -l.y)
    printed = squash(" ".join(line.text for line in column))
    # The whole objective, then (below it, not over it) the next objective's text.
    assert printed.startswith(squash(long_text) + squash(base.objectives[1].text)[:30])


LONG_OFFICE = ("Dirección Regional de Tarapacá del Servicio Nacional de la Mujer, Unidad de Gestión Territorial y "
               "Coordinación Intersectorial con los Servicios Públicos Desconcentrados de la Región, y con los "
               "municipios de las provincias de Iquique y del Tamarugal")


def _region_table(story):  # noqa: ANN001, ANN202
    from reportlab.platypus import Table

    return next(f for f in story if isinstance(f, Table) and "REGIÓN (1)" in f._cellvalues[0][0].text)  # noqa: SLF001


@pytest.mark.parametrize("paper", ["carta", "oficio"])
@pytest.mark.parametrize("kind", [FormKind.III_1, FormKind.III_4])
def test_a_long_responsible_office_wraps_in_a_region_header_as_wide_as_the_layout(example, ctx, kind, paper):
    """The REGIÓN (1) header table spans the layout's width, the form's table below it too, and
    a long office name wraps in its cell (seed 001 note (1))."""
    from desktop.forms import pdf

    ctx = dataclasses.replace(ctx, page_size=pdf.PAPER_SIZES[paper])
    width = ctx.page_size[0] - 2 * pdf.MARGIN
    if kind is FormKind.III_4:
        report = dataclasses.replace(example.progress[0], responsible_office=LONG_OFFICE)
        story = progress_story(report, ctx)
    else:
        programme = dataclasses.replace(programme_of(example, kind), responsible_office=LONG_OFFICE)
        story = programme_story(programme, score_programme(programme, TODAY), ctx)
    header = _region_table(story)
    w, h = header.wrap(width, ctx.page_size[1])
    assert abs(w - width) < 0.01
    short = _region_table(progress_story(example.progress[0], ctx) if kind is FormKind.III_4 else
                          programme_story(programme_of(example, kind), score_programme(programme_of(example, kind), TODAY),
                                          ctx))
    w_short, h_short = short.wrap(width, ctx.page_size[1])
    assert abs(w_short - width) < 0.01  # the same width, whatever the office
    assert h > h_short  # the long office wrapped onto more lines, in its cell
