"""From Word files to checked PDFs: convert all in one LibreOffice call, then check each pair.

``render --pdf`` and ``konvertera`` both come here: each .docx gets its PDF, and both files are
checked for accessibility (the .docx always; the PDF when pikepdf is installed, otherwise a
warning says how to install it).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from drafter.errors import Problem
from drafter.pdf.convert import LibreOfficeMissing, convert


@dataclass
class Published:
    """The PDFs written (in the order asked for), the problems found, and the warnings."""

    pdfs: list[Path] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


def publish(jobs: list[tuple[Path, Path]]) -> Published:
    """Make the PDF of each (docx, pdf) pair and check both files for accessibility."""
    from drafter.accessibility import PdfReaderMissing, check_docx_accessibility, check_pdf_accessibility, heading_levels

    done = Published()
    try:
        conversion = convert(jobs)
    except LibreOfficeMissing as error:
        done.problems.extend(error.problems)
        return done
    done.problems.extend(conversion.problems)
    reader_missing = False
    for docx, pdf in conversion.written:
        done.pdfs.append(pdf)
        data = docx.read_bytes()
        done.problems.extend(check_docx_accessibility(data, str(docx)))
        if reader_missing:
            continue
        try:
            levels = heading_levels(data)
        except Exception:  # an unreadable .docx is already reported by its check
            levels = None
        try:
            done.problems.extend(check_pdf_accessibility(pdf, str(pdf), levels))
        except PdfReaderMissing as error:
            reader_missing = True
            done.warnings.append(Problem(str(pdf), 1, 1, str(error), "warning"))
    return done
