"""A town's logo (profile key ``logotyp``): an inline picture with alt text first in the first
page's letterhead; a bad, missing, out-of-folder or SVG image is an error at the profile's line."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from drafter.cli import main

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = ROOT / "drafter" / "data" / "templates"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
CASE = """\
dokument: svar-på-motion
kommun: ekby
diarienummer: KS-2024-00336
datum: 2024-04-02
förvaltning: Kommunledningsförvaltningen
handläggare: {namn: Lisa Ek, titel: Utredare, telefon: 0123-456 78}
mottagare: Kommunstyrelsen
motion:
  rubrik: Fler bänkar i parkerna
  motionärer: [{namn: Bo Berg, parti: M}]
  att-satser: [att fler bänkar ställs ut]
ställningstagande: bifall
redogörelse: Förvaltningen har räknat på saken.
underskrifter: [{namn: Lisa Ek, titel: Utredare}]
skickas-till: [Motionären]
"""


def _example_logo() -> bytes:
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import make_example_logo
    finally:
        sys.path.pop(0)
    return make_example_logo.build()


@pytest.fixture
def town(tmp_path, monkeypatch):
    """write(profile text, **files) -> the case path, in a templates folder with the town 'ekby'."""
    root = tmp_path / "mallar"
    shutil.copytree(TEMPLATES / "_default", root / "_default")
    (root / "ekby").mkdir()
    monkeypatch.setenv("DRAFTER_MALLAR", str(root))

    def write(profile: str, **files: bytes) -> Path:
        (root / "ekby" / "profil.yaml").write_text(profile, encoding="utf-8")
        for name, data in files.items():
            (root / "ekby" / name.replace("_", ".")).write_bytes(data)
        case = tmp_path / "arende.yaml"
        case.write_text(CASE, encoding="utf-8")
        return case

    return write


def _pictures(part) -> list:
    return list(part.element.iter(f"{WP}docPr"))


def test_the_example_town_has_its_logo_first_in_the_letterhead(tmp_path):
    result = CliRunner().invoke(main, ["render", str(ROOT / "cases" / "exempel-svar-på-motion.yaml"), "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    document = docx.Document(str(tmp_path / "exempel-svar-på-motion.docx"))
    header = document.sections[0].first_page_header
    [picture] = _pictures(header.part)
    assert picture.get("descr") == "Exempels kommuns logotyp"
    first = header.part.element[0]
    assert first.tag.endswith("}p") and first.find(f".//{WP}inline") is not None  # before the letterhead's text
    width = first.find(f".//{WP}extent").get("cx")
    assert int(width) == 576000  # bredd: 1.6 (cm) in EMU
    assert not _pictures(document.sections[0].header.part)  # only on the first page
    assert (TEMPLATES / "exempel" / "logotyp.png").read_bytes() == _example_logo()  # tools/ makes it


def test_alt_text_and_width_from_the_profile_and_a_first_page_header_made_for_it(town, tmp_path):
    profile = ("namn: Ekby kommun\nlogotyp: {fil: vapen.png, bredd: '2,5', alt: Ekbys vapen}\n"
               "sidhuvud-och-sidfot:\n  skrivelse:\n    förstasidhuvud: {vänster: [], höger: []}\n")
    case = town(profile, vapen_png=_example_logo())
    result = CliRunner().invoke(main, ["render", str(case), "-o", str(tmp_path / "ut")])
    assert result.exit_code == 0, result.output
    document = docx.Document(str(tmp_path / "ut" / "arende.docx"))
    [picture] = _pictures(document.sections[0].first_page_header.part)
    assert picture.get("descr") == "Ekbys vapen"
    assert picture.getparent().find(f"{WP}extent").get("cx") == "900000"  # '2,5' cm
    assert document.sections[0].different_first_page_header_footer


def test_the_accessibility_check_finds_the_alt_text(town, tmp_path):
    from drafter.accessibility import check_docx_accessibility

    case = town("namn: Ekby kommun\nlogotyp: {fil: logotyp.png}\n", logotyp_png=_example_logo())
    result = CliRunner().invoke(main, ["render", str(case), "-o", str(tmp_path / "ut")])
    assert result.exit_code == 0, result.output
    data = (tmp_path / "ut" / "arende.docx").read_bytes()
    assert check_docx_accessibility(data, "arende.docx") == []
    assert b'descr="Ekby kommuns logotyp"' in _header_xml(data)


def _header_xml(data: bytes) -> bytes:
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return b"".join(archive.read(n) for n in archive.namelist() if n.startswith("word/header"))


BAD = [
    ("logotyp: {fil: saknas.png}", {}, "2:16: logotypen 'saknas.png' finns inte i"),
    ("logotyp: {fil: ../stil.png}", {}, "2:16: logotypen '../stil.png' ska ligga i kommunens egen mapp"),
    ("logotyp: {fil: logo.svg}", {"logo_svg": b"<svg xmlns='http://www.w3.org/2000/svg'/>"},
     "2:16: logotypen 'logo.svg' är en SVG-bild, som drafter inte kan lägga i ett Word-dokument — exportera den som PNG"),
    ("logotyp: {fil: logo.png}", {"logo_png": b"GIF89a not a png"}, "2:16: logotypen 'logo.png' är inte en hel PNG-bild"),
    ("logotyp: {fil: logo.png}", {"logo_png": _example_logo()[:200]}, "2:16: logotypen 'logo.png' är inte en hel PNG-bild"),
    ("logotyp:\n  fil: logo.png\n  bredd: 0", {"logo_png": _example_logo()}, "4:10: 'bredd' ska vara större än 0 (inte '0')"),
    ("logotyp:\n  fil: logo.png\n  bredd: bred", {"logo_png": _example_logo()}, "4:10: 'bredd' ska vara ett tal, t.ex. 3 eller 2,5 (inte 'bred')"),
    ("logotyp: {bredd: 3}", {}, "ekby/profil.yaml:2:10: fältet 'fil' saknas i profilen"),
]


@pytest.mark.parametrize("setting,files,message", BAD, ids=["saknas", "utanför", "svg", "inte-png", "avhuggen", "noll", "text", "utan-fil"])
def test_a_bad_logo_is_a_located_error_and_nothing_is_written(town, tmp_path, setting, files, message):
    case = town(f"namn: Ekby kommun\n{setting}\n", **files)
    for command in (["validate", str(case)], ["render", str(case), "-o", str(tmp_path / "ut")]):
        result = CliRunner().invoke(main, command)
        assert result.exit_code == 1, result.output
        assert message in result.output and "profil.yaml:" in result.output
        assert "Traceback" not in result.output
    assert not (tmp_path / "ut").exists() or not list((tmp_path / "ut").iterdir())


def test_a_logo_linked_from_outside_the_town_folder_is_refused_and_one_linked_inside_is_taken(town, tmp_path):
    outside = tmp_path / "annan"
    outside.mkdir()
    (outside / "logo.png").write_bytes(_example_logo())
    case = town("namn: Ekby kommun\nlogotyp: {fil: bilder/logo.png}\n")
    folder = tmp_path / "mallar" / "ekby"
    (folder / "bilder").symlink_to(outside, target_is_directory=True)  # a linked folder on the way
    result = CliRunner().invoke(main, ["validate", str(case)])
    assert result.exit_code == 1 and "logotypen 'bilder/logo.png' ska ligga i kommunens egen mapp" in result.output
    (folder / "bilder").unlink()
    (folder / "bilder").mkdir()
    (folder / "riktig.png").write_bytes(_example_logo())
    (folder / "bilder" / "logo.png").symlink_to(folder / "riktig.png")  # a link that stays inside
    result = CliRunner().invoke(main, ["render", str(case), "-o", str(tmp_path / "ut")])
    assert result.exit_code == 0, result.output
