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


def test_the_fixture_seeds_are_the_shared_ones():
    if not SHARED.is_dir():
        pytest.skip("../shared/seeds finns inte bredvid förrådet")
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
