"""Accessibility checks of drafts and their PDFs (EN 301 549 / WCAG 2.1), each failure located.

``check_docx_accessibility`` reads a .docx (run by ``drafter check`` and after ``render --pdf``);
``check_pdf_accessibility`` reads a PDF and needs pikepdf (the extra ``drafter[pdf]``).
"""

from drafter.accessibility.docx import check_docx_accessibility, heading_levels
from drafter.accessibility.pdf import PdfReaderMissing, check_pdf_accessibility

__all__ = ["check_docx_accessibility", "check_pdf_accessibility", "heading_levels", "PdfReaderMissing"]
