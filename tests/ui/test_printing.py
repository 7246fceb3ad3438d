"""ui.printing paints the same PDF pages on any QPrinter (preview, paper, file)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pypdf import PdfReader
from PySide6.QtGui import QImage
from PySide6.QtPrintSupport import QPrinter

from desktop.domain.forms import FormKind
from desktop.domain.regions import find_region
from desktop.services.printing import print_form
from tests.conftest import TODAY
from ui.printing import page_count, paint_pdf, preview, render_page, setup_printer


def _form(example_db, tmp_path: Path) -> Path:  # noqa: ANN001
    return print_form(example_db, FormKind.III_1, find_region("CL-TA"), 2009, tmp_path / "III.1.pdf", today=TODAY)


def test_render_page_is_a_nonblank_image(example_db, tmp_path, qapp) -> None:  # noqa: ANN001
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(_form(example_db, tmp_path)))
    image = render_page(document, 0, 72)
    document.close()
    assert (image.width(), image.height()) == (792, 612)  # landscape Carta at 72 dpi
    assert image.format() == QImage.Format.Format_ARGB32
    colours = {image.pixel(x, y) for x in range(0, 792, 8) for y in range(0, 612, 8)}
    assert len(colours) > 2  # text and lines, not a blank page


def test_paint_pdf_to_a_pdf_printer_keeps_pages_and_paper(example_db, tmp_path, qapp) -> None:  # noqa: ANN001
    source = _form(example_db, tmp_path)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    setup_printer(printer, source)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "out.pdf"))
    assert paint_pdf(printer, source, dpi=100) == page_count(source)
    out = PdfReader(tmp_path / "out.pdf")
    assert len(out.pages) == page_count(source)
    assert float(out.pages[0].mediabox.width) > float(out.pages[0].mediabox.height)  # landscape


def test_preview_dialog_paints_on_request(example_db, tmp_path, qtbot) -> None:  # noqa: ANN001
    source = _form(example_db, tmp_path)
    dialog = preview(None, source)
    qtbot.addWidget(dialog)
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "preview.pdf"))
    dialog.paintRequested.emit(printer)
    assert len(PdfReader(tmp_path / "preview.pdf").pages) == page_count(source)


def test_preview_dialog_shown_after_garbage_collection(example_db, tmp_path, qtbot) -> None:  # noqa: ANN001
    """The dialog keeps its printer alive: showing it after a collection must not crash."""
    import gc

    dialog = preview(None, _form(example_db, tmp_path))
    qtbot.addWidget(dialog)
    gc.collect()
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.printer() is not None
    assert dialog.printer().pageLayout().orientation().name == "Landscape"
    dialog.close()


def test_paint_pdf_renders_one_page_at_a_time_and_reports_each(example_db, tmp_path, qapp, monkeypatch) -> None:  # noqa: ANN001
    """Each page is rendered, painted and reported before the next is rendered (never all at
    once), and PDFium's page is closed once rendered."""
    from desktop.services.printing import print_region  # noqa: PLC0415
    from ui import printing  # noqa: PLC0415

    source = print_region(example_db, find_region("CL-TA"), 2009, tmp_path / "r.pdf", today=TODAY)
    import pypdfium2 as pdfium  # noqa: PLC0415

    events: list[tuple[str, int]] = []
    closed: list[int] = []
    original, close = printing.render_page, pdfium.PdfPage.close

    def counting_close(page, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        closed.append(1)
        return close(page, *args, **kwargs)

    def render(document, index, dpi):  # noqa: ANN001, ANN202
        events.append(("render", index))
        before = len(closed)
        image = original(document, index, dpi)
        assert len(closed) == before + 1  # PDFium's page closed before the image is painted
        return image

    monkeypatch.setattr(pdfium.PdfPage, "close", counting_close)
    monkeypatch.setattr(printing, "render_page", render)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    setup_printer(printer, source)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "out.pdf"))
    steps = []
    count = paint_pdf(printer, source, dpi=50, progress=lambda step: (steps.append(step), events.append(("painted", step.done))))
    assert count == page_count(source) > 2
    expected = [event for n in range(count) for event in (("render", n), ("painted", n + 1))]
    assert events == expected
    assert [(s.stage.value, s.done, s.total) for s in steps] == [("printing", n, count) for n in range(1, count + 1)]
    assert steps[-1].per_mille == 1000 and all(s.per_mille < 1000 for s in steps[:-1])
    assert len(PdfReader(tmp_path / "out.pdf").pages) == count


def test_paint_pdf_stops_when_progress_raises(example_db, tmp_path, qapp) -> None:  # noqa: ANN001
    from desktop.services.printing import PrintCancelled, print_region  # noqa: PLC0415

    source = print_region(example_db, find_region("CL-TA"), 2009, tmp_path / "r.pdf", today=TODAY)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    setup_printer(printer, source)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "out.pdf"))
    painted: list[int] = []

    def cancel_after_two(step) -> None:  # noqa: ANN001
        painted.append(step.done)
        if step.done == 2:
            raise PrintCancelled

    with pytest.raises(PrintCancelled):
        paint_pdf(printer, source, dpi=50, progress=cancel_after_two)
    assert painted == [1, 2] and page_count(source) > 2
    assert printer.printerState() in (QPrinter.PrinterState.Aborted, QPrinter.PrinterState.Idle)


# -- the print job: resolution, grey, lossless; a cancelled job to a file leaves no file ---------


def _job(source: Path, out: Path, **kwargs) -> QPrinter:  # noqa: ANN003
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)  # 1200 dpi: rendered at MAX_DPI
    setup_printer(printer, source)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    paint_pdf(printer, source, **kwargs)
    return printer


def _page_images(path: Path) -> list[dict]:
    images = []
    for page in PdfReader(path).pages:
        for ref in page["/Resources"]["/XObject"].values():
            image = ref.get_object()
            images.append({key: image[key] for key in ("/Width", "/ColorSpace", "/Filter")})
    return images


def test_a_form_is_printed_in_grey_at_200_dpi_losslessly(example_db, tmp_path, qapp) -> None:  # noqa: ANN001
    from ui.printing import MAX_DPI

    source = _form(example_db, tmp_path)
    printer = _job(source, tmp_path / "job.pdf")
    assert printer.colorMode() == QPrinter.ColorMode.GrayScale
    images = _page_images(tmp_path / "job.pdf")
    assert len(images) == page_count(source)
    # Landscape Carta is 11 in wide: 2200 pixels at 200 dpi, not 3300 at 300.
    assert all(i == {"/Width": 11 * MAX_DPI, "/ColorSpace": "/DeviceGray", "/Filter": "/FlateDecode"} for i in images)


def test_the_national_report_keeps_its_colour(example_db, tmp_path, qapp) -> None:  # noqa: ANN001
    from desktop.services.printing import print_national

    source = print_national(example_db, 2009, tmp_path / "nacional.pdf", today=TODAY)
    printer = _job(source, tmp_path / "job.pdf")
    assert printer.colorMode() == QPrinter.ColorMode.Color
    assert {i["/ColorSpace"] for i in _page_images(tmp_path / "job.pdf")} == {"/DeviceRGB"}


def test_the_preview_shows_the_same_images_as_the_printout(example_db, tmp_path, qtbot) -> None:  # noqa: ANN001
    source = _form(example_db, tmp_path)
    _job(source, tmp_path / "job.pdf")
    dialog = preview(None, source)
    qtbot.addWidget(dialog)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    setup_printer(printer, source)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "preview.pdf"))
    dialog.paintRequested.emit(printer)
    assert _page_images(tmp_path / "preview.pdf") == _page_images(tmp_path / "job.pdf")
    assert (tmp_path / "preview.pdf").read_bytes().count(b"/Image") == (tmp_path / "job.pdf").read_bytes().count(b"/Image")


def test_a_cancelled_print_to_a_file_leaves_no_file(example_db, tmp_path, qapp) -> None:  # noqa: ANN001
    source = _form(example_db, tmp_path)
    assert page_count(source) >= 2

    class Cancelled(Exception):
        pass

    def cancel_after_the_first_page(step) -> None:  # noqa: ANN001
        if step.done == 1:
            raise Cancelled

    out = tmp_path / "job.pdf"
    with pytest.raises(Cancelled):
        _job(source, out, progress=cancel_after_the_first_page)
    assert not out.exists()


def test_a_page_without_colour_is_sent_in_few_greys_and_a_coloured_page_as_it_is(example_db, tmp_path, qapp) -> None:  # noqa: ANN001
    import pypdfium2 as pdfium

    from desktop.services.printing import print_national
    from ui.printing import GREY_LEVELS, job_image

    printer = QPrinter()  # in colour: a mixed document (the nation, ending with the national report)
    form = pdfium.PdfDocument(str(_form(example_db, tmp_path)))
    grey = job_image(render_page(form, 0, 100), printer)
    form.close()
    assert grey.format() == QImage.Format.Format_Grayscale8
    assert len({grey.pixel(x, y) for x in range(0, grey.width(), 3) for y in range(0, grey.height(), 3)}) <= GREY_LEVELS
    national = pdfium.PdfDocument(str(print_national(example_db, 2009, tmp_path / "n.pdf", today=TODAY)))
    page = render_page(national, 0, 100)
    national.close()
    assert not page.allGray() and job_image(page, printer) is page


def test_the_preview_scales_the_page_smoothly(example_db, tmp_path, qtbot) -> None:  # noqa: ANN001
    """The page image (16 greys, :data:`ui.printing.GREY_LEVELS`) is shrunk to the screen by the
    preview: scaled smoothly, its pixels take the greys in between; scaled to the nearest pixel
    (strokes of the small text dropped), only the 16 of the image."""
    from PySide6.QtPrintSupport import QPrintPreviewWidget

    from ui.printing import GREY_LEVELS

    dialog = preview(None, _form(example_db, tmp_path))
    qtbot.addWidget(dialog)
    dialog.resize(1100, 800)
    dialog.show()
    qtbot.waitExposed(dialog)
    widget = dialog.findChild(QPrintPreviewWidget)
    assert 0.5 < widget.zoomFactor() < 1  # the page is shown smaller than its image
    image = widget.grab().toImage()
    w, h = image.width(), image.height()
    greys = {image.pixelColor(x, y).red() for y in range(h // 4, 3 * h // 4) for x in range(w // 4, 3 * w // 4)}
    assert len(greys) > 4 * GREY_LEVELS
    dialog.close()
