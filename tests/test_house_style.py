"""The bundled house style is made by tools/build_house_style.py; a draft carries Swedish number
settings and the house fonts in every style a user picks from Word's style gallery."""

from __future__ import annotations

import importlib.util
import io
import zipfile
from pathlib import Path

import docx
from click.testing import CliRunner
from lxml import etree

from drafter.cli import main

ROOT = Path(__file__).resolve().parents[1]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
GALLERY = ["Title", "Subtitle"] + [f"Heading {n}" for n in range(1, 10)] + ["Quote", "List Paragraph", "Caption",
                                                                         "Table Grid"]
HOUSE_FONTS = {"Arial", "Times New Roman"}


def _builder():
    spec = importlib.util.spec_from_file_location("build_house_style", ROOT / "tools" / "build_house_style.py")
    builder = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(builder)
    return builder


def test_the_bundled_house_style_is_what_the_tool_builds():
    builder = _builder()
    assert builder.OUTPUT.read_bytes() == builder.build()


def _draft(tmp_path) -> bytes:
    result = CliRunner().invoke(main, ["render", str(ROOT / "cases" / "exempel-tjänsteskrivelse.yaml"),
                                       "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    return (tmp_path / "exempel-tjänsteskrivelse.docx").read_bytes()


def _font(document, style) -> str:
    """The latin font a style shows, through its basedOn chain to the document defaults."""
    while style is not None:
        fonts = style.element.find(f"{W}rPr/{W}rFonts")
        if fonts is not None:
            assert fonts.get(f"{W}asciiTheme") is None, f"{style.name} tar temats typsnitt"
            if fonts.get(f"{W}ascii"):
                return fonts.get(f"{W}ascii")
        style = style.base_style
    defaults = document.styles.element.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}rFonts")
    return defaults.get(f"{W}ascii")


def test_every_gallery_style_carries_the_house_fonts(tmp_path):
    data = _draft(tmp_path)
    document = docx.Document(io.BytesIO(data))
    fonts = {name: _font(document, document.styles[name]) for name in GALLERY}
    assert set(fonts.values()) <= HOUSE_FONTS, fonts
    assert fonts["Title"] == fonts["Heading 9"] == "Arial" and fonts["Table Grid"] == "Times New Roman"
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        theme = etree.fromstring(archive.read("word/theme/theme1.xml"))
    assert theme.find(f".//{A}majorFont/{A}latin").get("typeface") == "Arial"
    assert theme.find(f".//{A}minorFont/{A}latin").get("typeface") == "Times New Roman"


def test_a_draft_uses_the_swedish_decimal_symbol_and_list_separator(tmp_path):
    with zipfile.ZipFile(io.BytesIO(_draft(tmp_path))) as archive:
        settings = etree.fromstring(archive.read("word/settings.xml"))
    assert settings.find(f"{W}decimalSymbol").get(f"{W}val") == ","
    assert settings.find(f"{W}listSeparator").get(f"{W}val") == ";"
