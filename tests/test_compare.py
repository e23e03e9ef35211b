"""drafter compare: the text of a .docx, the normalisation, the figure and the command."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from drafter.cli import main
from drafter.compare import compare, compare_texts, docx_text, normalise, words

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "seeds"
SHARED = Path(__file__).resolve().parents[2] / "shared" / "seeds"


# --- normalisation and words ---------------------------------------------------------------


@pytest.mark.parametrize(
    "furniture",
    ["1(4)", "2 (4)", "Sida 1(4)", "Sidan 3 av 4", "sida 1 av 12", "Sidan 1 (2)"],
)
def test_page_numbers_are_page_furniture(furniture):
    assert words(f"Kommunstyrelsen {furniture}\nBeslut") == ["Kommunstyrelsen", "Beslut"]


def test_markdown_footnote_marks_and_list_markers_are_removed():
    seed = "## **Förslag till beslut**\n\n- att en plan tas fram*\n1. Motionen bifalls.\nText.¹ Mer[^1]\n[^1]: Not"
    assert words(seed) == ["Förslag", "till", "beslut", "att", "en", "plan", "tas", "fram",
                           "Motionen", "bifalls", "Text", "Mer", "Not"]


def test_punctuation_quotes_and_dashes_do_not_count_but_case_does():
    assert words("Svar på motion - Utveckla ”grönt”, (C)") == words("Svar på motion – Utveckla \"grönt\" C")
    assert words("2021–2026") == words("2021-2026")
    assert words("Motionen") != words("motionen")


def test_a_word_divided_at_a_line_end_is_joined_but_not_before_a_conjunction():
    assert words("integrations- främjande åtgärder") == ["integrationsfrämjande", "åtgärder"]
    assert words("kultur- och fritidsnämnden") == ["kultur", "och", "fritidsnämnden"]


def test_white_space_and_line_breaks_do_not_count():
    assert words("en  handlingsplan\n\n\ntas\tfram") == ["en", "handlingsplan", "tas", "fram"]
    assert normalise("a\u00a0b") == "a b"


# --- the figure ----------------------------------------------------------------------------


def test_similarity_is_the_sequence_matcher_ratio_over_words():
    assert compare_texts("a b c d", "a b c d").similarity == 1.0
    # 3 of 4 words match in order: 2 * 3 / (4 + 4).
    assert compare_texts("a b c d", "a b x d").similarity == pytest.approx(0.75)
    # An extra word in the document: 2 * 4 / (5 + 4).
    assert compare_texts("a b c d e", "a b c d").similarity == pytest.approx(8 / 9)
    assert compare_texts("", "").similarity == 1.0


def test_differences_name_the_words_on_each_side():
    result = compare_texts("Motionen anses besvarad nu", "Motionen avslås nu")
    assert list(result.differences()) == ["ord 2: …Motionen -[anses besvarad] +[avslås] nu…"]
    assert result.report().splitlines()[-1] == "likhet: 0.571"


def test_heading_order_is_checked_against_line_starts():
    reference = "Titel\nFörslag till beslut\nText om beslut.\nSammanfattning\nMer text"
    assert compare_texts("", reference, ["Titel", "Förslag till beslut", "Sammanfattning"]).headings_in_order
    swapped = compare_texts("", reference, ["Sammanfattning", "Förslag till beslut"])
    assert swapped.headings_out_of_order == ["Förslag till beslut"]
    missing = compare_texts("", reference, ["Bakgrund"])
    assert missing.missing_headings == ["Bakgrund"] and not missing.headings_in_order
    # "beslut" inside a line is not a heading "beslut".
    assert compare_texts("", reference, ["beslut"]).missing_headings == ["beslut"]


# --- the text of a .docx -------------------------------------------------------------------

MARKDOWN = """\
::::: förstasidhuvud
Exempel kommun\\
{sida}({sidor})
:::::

::::: sidhuvud
Sidan {sida} av {sidor}
:::::

::::: sidfot
| Ordförandes sign | Utdragsbestyrkande |
|---|---|
|   |   |
:::::

# Rubriken

Ett stycke med en fotnot.[^1]

| A | B |
|---|---|
| c | d |

[^1]: Fotnotens text.
"""


@pytest.fixture
def memo(write, tmp_path) -> Path:
    path = tmp_path / "memo.docx"
    path.write_bytes(write(MARKDOWN))
    return path


def test_docx_text_reads_headers_body_tables_footnotes_and_footers_in_order(memo):
    text = docx_text(memo)
    assert words(text.text) == ["Exempel", "kommun", "Rubriken", "Ett", "stycke", "med", "en", "fotnot",
                                "A", "B", "c", "d", "Fotnotens", "text", "Ordförandes", "sign", "Utdragsbestyrkande"]
    assert text.headings == ["Rubriken"]
    # Page fields read as 1, then removed as page furniture.
    assert "1(1)" in text.text and "Sidan 1 av 1" in text.text


def test_compare_a_docx_with_a_reference_file(memo, tmp_path):
    reference = tmp_path / "referens.txt"
    reference.write_text("Exempel kommun\n\nRubriken\n\nEtt stycke med en fotnot.¹\n\nA B\nc d\n\n"
                         "¹ Fotnotens text.\nOrdförandes sign Utdragsbestyrkande\n", encoding="utf-8")
    result = compare(memo, reference)
    assert result.similarity == 1.0 and result.headings_in_order
    # A .docx may be the reference too.
    assert compare(memo, memo).similarity == 1.0


# --- the command ---------------------------------------------------------------------------


def test_command_prints_the_figure_last_and_exits_0(memo, tmp_path):
    reference = tmp_path / "referens.txt"
    reference.write_text("Rubriken\nEtt stycke med två fotnoter.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["compare", str(memo), str(reference)])
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    assert lines[-1].startswith("likhet: 0.")
    assert any(line.startswith("rubriker: i samma ordning") for line in lines)
    assert any("-[en fotnot" in line and "+[två fotnoter]" in line for line in lines)


def test_command_with_minst_exits_1_below_the_threshold(memo, tmp_path):
    reference = tmp_path / "referens.txt"
    reference.write_text("Något helt annat\n", encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(main, ["compare", str(memo), str(reference), "--minst", "0.98"]).exit_code == 1
    assert runner.invoke(main, ["compare", str(memo), str(reference), "--minst", "0"]).exit_code == 0


def test_command_names_a_file_that_is_not_a_docx(tmp_path):
    not_docx = tmp_path / "fel.docx"
    not_docx.write_text("inte ett Word-dokument", encoding="utf-8")
    result = CliRunner().invoke(main, ["compare", str(not_docx), str(not_docx)])
    assert result.exit_code == 1
    assert f"{not_docx}:1:1: filen kan inte läsas som ett Word-dokument" in result.output


# The seeds as they were handed to the project (../shared/seeds): the references stay the real texts.
SEED_SHA256 = {
    "000_100fb27cde9c3dda.txt": "f5c82377f00048e6ec9c5e1fb63236fc59aef77e4a88cdbdd17e78928fdf4ac6",
    "002_2aae1465f79f7e23.txt": "eee1d1222c907114c7e04bc5822821ff2800e7c9f10a5b943e9b2cee7aa191f1",
    "003_6c36c41beabe4fa3.txt": "f609213cbba01ee38adb9856c4ee8be6556435c6be89589b0429343de1ef6398",
}


def test_the_fixture_seeds_are_the_shared_ones():
    import hashlib

    for name, digest in SEED_SHA256.items():
        assert hashlib.sha256((FIXTURES / name).read_bytes()).hexdigest() == digest, name
    if SHARED.is_dir():  # beside the project's shared folder: the same bytes as there
        for seed in SHARED.iterdir():
            assert (FIXTURES / seed.name).read_bytes() == seed.read_bytes()


def test_docx_text_of_a_rendered_case_has_its_first_page_header_once(tmp_path):
    from drafter.pipeline import build_docx, draft

    root = Path(__file__).resolve().parents[1]
    data = build_docx(draft(root / "cases" / "arboga-integration.yaml"))
    path = tmp_path / "arboga.docx"
    path.write_bytes(data)
    text = docx_text(path).text
    assert text.count("TJÄNSTESKRIVELSE") == 1
    assert text.index("TJÄNSTESKRIVELSE") < text.index("Förslag till beslut")
    assert docx.Document(io.BytesIO(data)).sections[0].different_first_page_header_footer


# --- crafted and hostile files (issue #13) ------------------------------------------------


def _memo_parts(tmp_path) -> dict[str, bytes]:
    from drafter.docx import package

    memo = tmp_path / "memo.docx"
    d = docx.Document()
    d.add_paragraph("Hej världen")
    d.save(str(memo))
    return package.read(memo.read_bytes())


def _write(tmp_path, parts: dict[str, bytes], name: str = "crafted.docx") -> Path:
    from drafter.docx import package

    path = tmp_path / name
    path.write_bytes(package.write(parts))
    return path


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>
<w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:footnote w:id="1"><w:p><w:r><w:t>&lol4;</w:t></w:r></w:p></w:footnote></w:footnotes>"""
EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>"""
FOOTNOTES_REL = (b'<Relationship Id="rIdF" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                 b'relationships/footnotes" Target="footnotes.xml"/></Relationships>')


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda p: p.update({"word/document.xml": b"<w:document><w:body>"}), id="malformed-xml"),
        pytest.param(lambda p: p.update({"word/document.xml": b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&undefined;</w:t></w:r></w:p></w:body></w:document>'}), id="undefined-entity"),
        pytest.param(lambda p: p.update({"word/document.xml": EXTERNAL_ENTITY}), id="external-entity"),
        pytest.param(lambda p: p.update({"word/document.xml": b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>'}), id="no-body"),
        pytest.param(lambda p: p.update({"word/footnotes.xml": BILLION_LAUGHS,
                                         "word/_rels/document.xml.rels": p["word/_rels/document.xml.rels"].replace(b"</Relationships>", FOOTNOTES_REL)}), id="billion-laughs-footnotes"),
        pytest.param(lambda p: p.pop("word/document.xml"), id="no-document-part"),
        pytest.param(lambda p: p.update({"_rels/.rels": p["_rels/.rels"].replace(b'Target="word/document.xml"', b"")}), id="relationship-without-target"),
    ],
)
def test_crafted_docx_gives_a_located_message_not_a_traceback(tmp_path, change):
    parts = _memo_parts(tmp_path)
    change(parts)
    crafted = _write(tmp_path, parts)
    reference = tmp_path / "ref.txt"
    reference.write_text("Hej världen\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["compare", str(crafted), str(reference)])
    assert result.exit_code == 1, result.output
    assert str(crafted) in result.output and "kan inte läsas" in result.output
    assert "passwd" not in result.output and "root:" not in result.output
    assert "lollollol" not in result.output


def test_a_zip_bomb_is_refused_without_being_unpacked(tmp_path):
    import zipfile

    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        with archive.open("word/document.xml", "w", force_zip64=True) as entry:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(40):  # 40 MB of zeros, a few kilobytes packed
                entry.write(chunk)
    assert bomb.stat().st_size < 1024 * 1024
    reference = tmp_path / "ref.txt"
    reference.write_text("x\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["compare", str(bomb), str(reference)])
    assert result.exit_code == 1, result.output
    assert str(bomb) in result.output and "zip-bomb" in result.output


def test_a_corrupt_deflate_stream_is_a_located_error(tmp_path):
    from drafter.docx import package

    data = bytearray(package.write(_memo_parts(tmp_path)))
    at = data.index(b"word/document.xml") + len(b"word/document.xml")
    data[at + 10 : at + 60] = b"\xff" * 50  # damage the packed document part
    crafted = tmp_path / "corrupt.docx"
    crafted.write_bytes(bytes(data))
    reference = tmp_path / "ref.txt"
    reference.write_text("x\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["compare", str(crafted), str(reference)])
    assert result.exit_code == 1, result.output
    assert str(crafted) in result.output


def test_long_repetitive_texts_are_compared_in_linear_time():
    import threading

    document = " ".join(["och att som"] * 20_000)  # 60 000 words: quadratic alignment would take hours
    reference = " ".join(["att som och"] * 20_000)
    done: list = []
    worker = threading.Thread(target=lambda: done.append(compare_texts(document, reference)), daemon=True)
    worker.start()
    worker.join(120)  # a generous hang bound, not a timing assertion
    assert done, "compare did not finish"
    result = done[0]
    assert not result.word_order and result.similarity == pytest.approx(1.0)
    assert "utan hänsyn till ordföljden" in result.report()
    assert compare_texts("a b c", "a b d").word_order  # short texts keep the ordered measure
