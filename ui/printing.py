"""Print preview and printing of the official PDFs through Qt's print support.

The window first writes the form to a PDF (the same file "Exportar PDF" saves); the preview
and the printer then paint that PDF's pages, rasterised by PDFium (``pypdfium2``), so what
is seen on screen, what comes out of the printer and the exported file are the same pages.
Pages are rendered and painted one at a time (the nation's ~570 pages are never all in memory);
:func:`paint_pdf` may run in a worker thread (Qt paints on a QPrinter from any thread) and
reports each page painted.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw
from PySide6.QtCore import QRectF, QSizeF, Qt
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter, qRgb
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QWidget

from desktop.forms.pdf import Progress, Stage


def render_page(document: pdfium.PdfDocument, index: int, dpi: float) -> QImage:
    """Page ``index`` of ``document`` as an image at ``dpi`` (white background).

    PDFium's page and bitmap are closed before returning: only the returned image holds memory.
    """
    return _render(document, index, dpi)


def _render(document: pdfium.PdfDocument, index: int, dpi: float) -> QImage:
    page = document[index]
    try:
        bitmap = page.render(
            scale=dpi / 72.0, force_bitmap_format=pdfium_raw.FPDFBitmap_BGRA, fill_color=(255, 255, 255, 255)
        )
        try:
            image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride, QImage.Format.Format_ARGB32)
            return image.copy()  # own the pixels before PDFium frees its bitmap
        finally:
            bitmap.close()
    finally:
        page.close()


MAX_DPI = 200.0
"""Highest resolution the pages are rasterised at for a printer: the forms' 6.5–7.5 pt text is
sharp at 200 dpi, and a job at 300 dpi is more than twice as big and slow (see README)."""


def print_resolution(printer: QPrinter) -> float:
    """The resolution pages are rendered at for ``printer``: its own, at most :data:`MAX_DPI`.
    The preview uses the same, so what is seen is what is printed."""
    return min(float(printer.resolution()), MAX_DPI)


_COLOUR_CHECK_DPI = 12.0
"""Resolution of the quick look for colour: a coloured line or bar still tints its pixels."""


def has_colour(document: pdfium.PdfDocument) -> bool:
    """Whether any page of ``document`` has colour (the national report's chart and shaded cells
    do; the forms are black and grey), from a quick low-resolution rendering of every page
    (~1 ms a page)."""
    for index in range(len(document)):
        if not _render(document, index, _COLOUR_CHECK_DPI).allGray():
            return True
    return False


GREY_LEVELS = 16
"""Grey levels of a page without colour in the print job: text edges and the grey header cells
look the same at 200 dpi, and the job compresses to about half (see README)."""
_GREYS = [qRgb(v, v, v) for v in (round(i * 255 / (GREY_LEVELS - 1)) for i in range(GREY_LEVELS))]


def job_image(image: QImage, printer: QPrinter) -> QImage:
    """The image sent for one page. A page without colour (every form) goes in 8-bit grey with
    :data:`GREY_LEVELS` levels (lossless Flate then packs it tight); a page with colour (the
    national report's chart and shaded cells) as it is, unless the printer prints in grey."""
    if image.allGray():
        indexed = image.convertToFormat(QImage.Format.Format_Indexed8, _GREYS,
                                        Qt.ImageConversionFlag.ThresholdDither | Qt.ImageConversionFlag.AvoidDither)
        return indexed.convertToFormat(QImage.Format.Format_Grayscale8)
    if printer.colorMode() == QPrinter.ColorMode.GrayScale:
        return image.convertToFormat(QImage.Format.Format_Grayscale8)
    return image


def page_count(pdf_path: Path) -> int:
    """How many pages the PDF has."""
    document = pdfium.PdfDocument(str(pdf_path))
    try:
        return len(document)
    finally:
        document.close()


def setup_printer(printer: QPrinter, pdf_path: Path) -> None:
    """Give ``printer`` the PDF's paper size and orientation (landscape Carta or Oficio)."""
    document = pdfium.PdfDocument(str(pdf_path))
    try:
        width, height = document[0].get_size()  # points
    finally:
        document.close()
    landscape = width > height
    size = QPageSize(QSizeF(min(width, height), max(width, height)), QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.FuzzyMatch)
    printer.setPageSize(size)
    printer.setPageOrientation(QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait)
    printer.setFullPage(True)
    printer.setDocName(pdf_path.stem)


def paint_pdf(
    printer: QPrinter,
    pdf_path: Path,
    dpi: float | None = None,
    progress: Callable[[Progress], None] | None = None,
) -> int:
    """Paint every page of ``pdf_path`` on ``printer`` (a real printer, a preview, or a file).

    Each page is scaled to the printer's full page, keeping its proportions. Pages are rendered
    one at a time, each released once painted. Safe in a worker thread.

    Args:
        dpi: rendering resolution; by default :func:`print_resolution` (the printer's, at most
            :data:`MAX_DPI`). A document without colour (:func:`has_colour`) is printed in grey
            (the printer is switched to grey before the job starts); page images are lossless.
        progress: called after each page with a :class:`desktop.forms.pdf.Progress` of stage
            PRINTING (pages painted of all). An exception it raises stops the printing: the
            print job is aborted (nothing more reaches the printer; a printer that writes a file
            leaves no file) and the exception goes up.

    Returns:
        The number of pages painted.

    Raises:
        OSError: the printer cannot start.
    """
    document = pdfium.PdfDocument(str(pdf_path))
    if printer.colorMode() == QPrinter.ColorMode.Color and not has_colour(document):
        # A job in grey (Qt writes its images as DeviceGray): the same pages, a third of the data.
        printer.setColorMode(QPrinter.ColorMode.GrayScale)
    painter = QPainter()
    if not painter.begin(printer):
        document.close()
        raise OSError("No se pudo comenzar la impresión (¿impresora disponible?).")
    stopped = False
    # Lossless (Flate) page images: sharper text than Qt's default JPEG, and smaller.
    painter.setRenderHint(QPainter.RenderHint.LosslessImageRendering, True)
    # Each page image is scaled to the page (and the preview scales it again to the screen):
    # smooth (bilinear, Qt.SmoothTransformation) scaling, not the nearest pixel, so the 6.5–7.5 pt
    # text stays readable instead of losing strokes. The hint is recorded with the page, so the
    # preview draws with it too.
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
    try:
        resolution = dpi or print_resolution(printer)
        count = len(document)
        for index in range(count):
            if index:
                printer.newPage()
            image = job_image(render_page(document, index, resolution), printer)
            target = QRectF(printer.pageLayout().fullRectPixels(printer.resolution()))
            scale = min(target.width() / image.width(), target.height() / image.height())
            w, h = image.width() * scale, image.height() * scale
            painter.drawImage(QRectF(target.left() + (target.width() - w) / 2, target.top(), w, h), image)
            del image
            if progress is not None:
                try:
                    progress(Progress(Stage.PRINTING, index + 1, count, count, 1000 * (index + 1) // count))
                except BaseException:
                    stopped = True
                    printer.abort()
                    raise
        return count
    finally:
        painter.end()
        document.close()
        if stopped and printer.outputFileName():
            # Printing to a file (PDF): Qt leaves the pages painted so far; a cancelled print
            # leaves nothing.
            Path(printer.outputFileName()).unlink(missing_ok=True)


class PdfPreviewDialog(QPrintPreviewDialog):
    """A print preview of one PDF. It owns its printer: Qt keeps only a pointer to it, so the
    Python object must live as long as the dialog (else the preview paints on freed memory)."""

    def __init__(self, pdf_path: Path, parent: QWidget | None = None) -> None:
        self._printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        setup_printer(self._printer, pdf_path)
        super().__init__(self._printer, parent)
        self.pdf_path = pdf_path
        self.setWindowTitle(self.tr("Vista previa"))
        self.paintRequested.connect(self._paint)
        self.resize(1100, 800)

    def _paint(self, printer: QPrinter) -> None:
        # The same resolution and colour as the printout (paint_pdf's defaults): screen and
        # paper show the same image.
        paint_pdf(printer, self.pdf_path)


def preview(parent: QWidget | None, pdf_path: Path) -> PdfPreviewDialog:
    """A print preview dialog showing ``pdf_path``; printing from it prints the same pages.

    The caller shows it (``exec`` or ``open``).
    """
    return PdfPreviewDialog(pdf_path, parent)
