"""The requirements the accessibility checks test, named as EN 301 549 and WCAG 2.1 name them.

EN 301 549 chapter 10 applies WCAG 2.1's success criteria to documents that are not web pages
(10.x.y.z is WCAG's x.y.z); the Swedish names are those of the Swedish translation of WCAG
that DIGG refers to. The PDF/A requirements are ISO 19005-2's, which the law on
accessibility of digital public services does not name but archiving (and the issue) asks for.
"""

from __future__ import annotations


def _wcag(number: str, name: str) -> str:
    return f"WCAG {number} {name} (EN 301 549 10.{number})"


NON_TEXT_CONTENT = _wcag("1.1.1", "Icke-textuellt innehåll")
INFO_AND_RELATIONSHIPS = _wcag("1.3.1", "Information och relationer")
MEANINGFUL_SEQUENCE = _wcag("1.3.2", "Meningsfull ordningsföljd")
PAGE_TITLED = _wcag("2.4.2", "Sidtitel")
LANGUAGE_OF_PAGE = _wcag("3.1.1", "Sidans språk")
PDFA_IDENTIFICATION = "PDF/A-2 (ISO 19005-2) identifiering i XMP-metadata"
PDFA_FONTS = "PDF/A-2 (ISO 19005-2) inbäddade teckensnitt"


def located(criterion: str, place: str, message: str) -> str:
    """The message of one failure: where in the file, which requirement, what is wrong."""
    return f"{place}: {criterion}: {message}"
