"""ui.printing paints the same PDF pages on any QPrinter (preview, paper, file)."""

from __future__ import annotations

from pathlib import Path

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
