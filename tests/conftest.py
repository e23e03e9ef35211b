"""Fixtures shared by the test modules. Keep this small: helpers used by one module live there."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import pytest
from lxml import etree

ROOT = Path(__file__).resolve().parents[1]
HOUSE_STYLE = ROOT / "drafter" / "data" / "templates" / "_default" / "stil.docx"


@pytest.fixture
def house_style() -> Path:
    """The default house style drafter ships."""
    return HOUSE_STYLE


@pytest.fixture
def properties():
    from drafter.docx.writer import DocumentProperties

    return DocumentProperties(title="Svar på motion om test", author="Joel Boudin",
                              subject="Tjänsteskrivelse", keywords="KS 2024/1",
                              created=dt.datetime(2024, 1, 15, 9, 30))


@pytest.fixture
def write(house_style, properties):
    """write(markdown, **overrides) -> .docx bytes in the default house style."""
    from drafter.docx.writer import write_document

    def _write(markdown: str, **kwargs) -> bytes:
        kwargs.setdefault("style", house_style)
        kwargs.setdefault("properties", properties)
        return write_document(markdown, **kwargs)

    return _write


def docx_part(data: bytes, name: str) -> etree._Element:
    """One XML part of a .docx, parsed."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return etree.fromstring(archive.read(name))
