"""Municipality profiles: the three real layouts measured against their real memos, and a
fourth municipality added as a folder of plain files."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import docx
import pytest

from drafter.compare import compare
from drafter.errors import CaseError
from drafter.pipeline import build_docx, draft

ROOT = Path(__file__).resolve().parents[1]
CASES = ROOT / "cases"
TEMPLATES = ROOT / "drafter" / "data" / "templates"
SEEDS = Path(__file__).resolve().parent / "fixtures" / "seeds"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

# Each real memo, the sample case that renders it with its municipality's profile.
SEED_CASES = {
    "arboga-integration": "000_100fb27cde9c3dda.txt",
    "alingsas-integration": "002_2aae1465f79f7e23.txt",
    "vanersborg-integrationssamverkan": "003_6c36c41beabe4fa3.txt",
}


def render(case: Path, templates: Path | None = None) -> bytes:
    return build_docx(draft(case, templates))


def document(data: bytes) -> docx.Document:
    return docx.Document(io.BytesIO(data))


def text_of(element) -> str:
    """The visible text of an XML element, with line breaks."""
    out = []
    for node in element.iter(f"{W}t", f"{W}br", f"{W}p"):
        if node.tag == f"{W}t":
            out.append(node.text or "")
        else:
            out.append("\n")
    return "".join(out)


def headings(doc: docx.Document) -> list[tuple[str, str]]:
    return [(p.style.name, p.text) for p in doc.paragraphs if p.style.name.lower().startswith("heading")]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("seeds")
    paths = {}
    for name in SEED_CASES:
        path = folder / f"{name}.docx"
        path.write_bytes(render(CASES / f"{name}.yaml"))
        paths[name] = path
    return paths


# --- the real memos ------------------------------------------------------------------------


@pytest.mark.parametrize("name", SEED_CASES)
def test_each_real_memo_is_matched_in_words_and_heading_order(rendered, name):
    result = compare(rendered[name], SEEDS / SEED_CASES[name])
    assert result.headings_in_order, result.report()
    assert result.similarity >= 0.98, result.report()


def test_arboga_letterhead_has_the_case_officer_and_no_footer(rendered):
    doc = docx.Document(rendered["arboga-integration"])
    section = doc.sections[0]
    first = text_of(section.first_page_header._element)
    for expected in ["Kommunstyrelseförvaltningen", "Joel Boudin", "joel.boudin@arboga.se", "TJÄNSTESKRIVELSE",
                     "Dnr: KS 2023/00412"]:
        assert expected in first
    assert "Telefon" not in first  # the case has no phone number: the row is left out
    assert text_of(section.first_page_footer._element).strip() == ""
    assert [p.text for p in doc.paragraphs if p.style.name == "Mottagare"] == ["Kommunstyrelsen"]


def test_alingsas_labels_order_two_levels_and_stacked_signatures(rendered):
    doc = docx.Document(rendered["alingsas-integration"])
    first = text_of(doc.sections[0].first_page_header._element)
    for label in ["Datum: 2018-08-23", "Handläggare: Robert Gustafsson", "Direktnr: 6151", "Diariernr: 2017.446 KS"]:
        assert label in first
    assert headings(doc) == [
        ("Heading 1", "Svar på motion angående program för integrationsfrämjande åtgärder – "
                      "Maria B Nilsson (S), Simon Waern (S) och Laila Freiholtz (S)"),
        ("Heading 2", "Ärendebeskrivning"),
        ("Heading 2", "Förvaltningens yttrande"),
        ("Heading 2", "Förslag till beslut"),
        ("Heading 3", "Förslag till kommunstyrelsen för beslut:"),
        ("Heading 3", "Förslag till beslut i kommunfullmäktige"),
        ("Heading 2", "Beslutet ska skickas till"),
    ]
    texts = [p.text for p in doc.paragraphs]
    # The decision as plain paragraphs, not a numbered list, each under its level.
    own = texts.index("Kommunledningskontorets yttrande antas som kommunstyrelsens yttrande.")
    council = texts.index("Motionen anses besvarad.")
    assert texts[own - 1] == "Förslag till kommunstyrelsen för beslut:"
    assert texts[council - 1] == "Förslag till beslut i kommunfullmäktige"
    assert doc.paragraphs[council]._p.find(f"{W}pPr/{W}numPr") is None
    # The referral at the meeting that raised the motion is told without its date.
    assert "Kommunfullmäktige beslutade att remittera ärendet till kommunstyrelsen." in texts
    assert any(t.startswith("Utbildningsnämnden har den 18 oktober 2017, § 68, beslutat att bifalla") for t in texts)
    # Signatures one under the other, after the distribution list, not in a table.
    signatures = [p.text for p in doc.paragraphs if p.style.name == "Underskrift"]
    assert signatures == ["Anneli Schwartz\nTf kommundirektör", "Robert Gustafsson\nMR-strateg"]
    assert texts.index("Anneli Schwartz\nTf kommundirektör") > texts.index("Beslutet ska skickas till")
    assert not doc.tables


def test_vanersborg_minutes_have_signature_fields_in_the_footer(rendered):
    doc = docx.Document(rendered["vanersborg-integrationssamverkan"])
    section = doc.sections[0]
    footer_tables = section.footer.tables
    assert len(footer_tables) == 1
    assert [c.text for c in footer_tables[0].rows[0].cells] == [
        "Ordförandes sign", "Justerandes sign", "Justerandes sign", "Utdragsbestyrkande"]
    assert len(footer_tables[0].rows) == 2  # a row to sign in
    assert "Kommunfullmäktige 2017-06-21" in text_of(section.header._element)


# --- a fourth municipality: a folder of plain files -----------------------------------------

CASE = """\
dokument: svar-på-motion
kommun: {kommun}
diarienummer: KS-2024-00336
datum: 2024-04-02
förvaltning: Kommunledningsförvaltningen
handläggare: {{namn: Lisa Ek, titel: Utredare, telefon: 0123-456 78}}
mottagare: Kommunstyrelsen
motion:
  rubrik: Fler bänkar i parkerna
  motionärer: [{{namn: Bo Berg, parti: M}}]
  att-satser: [att fler bänkar ställs ut]
ställningstagande: bifall
redogörelse: Förvaltningen har räknat på saken.
underskrifter: [{{namn: Lisa Ek, titel: Utredare}}]
skickas-till: [Motionären]
"""


@pytest.fixture
def templates(tmp_path) -> Path:
    """A templates folder with the shipped default and nothing else."""
    root = tmp_path / "templates"
    shutil.copytree(TEMPLATES / "_default", root / "_default")
    return root


def write_case(tmp_path: Path, kommun: str) -> Path:
    path = tmp_path / "arende.yaml"
    path.write_text(CASE.format(kommun=kommun), encoding="utf-8")
    return path


def test_a_new_municipality_is_a_folder_with_only_a_profile(tmp_path, templates):
    (templates / "ekby").mkdir()
    (templates / "ekby" / "profil.yaml").write_text(
        """\
namn: Ekby kommun
adress: [Ekby kommun, 123 45 Ekby]
sidnummer: "Sidan {sida} av {sidor}"
sidhuvud-och-sidfot:
  skrivelse:
    förstasidhuvud:
      höger: ["**{dokumenttyp}**", "Diarienummer: {diarienummer}", "{sidnummer}"]
rubriker:
  redogörelse: Bakgrund
  sändlista: Expedieras till
avsnitt:
  svar-på-motion: [förslag, redogörelse, underskrifter, sändlista]
formuleringar:
  motionen:
    bifall: Kommunfullmäktige bifaller motionen
""",
        encoding="utf-8",
    )
    data = render(write_case(tmp_path, "ekby"), templates)
    doc = document(data)
    first = doc.sections[0].first_page_header._element
    assert "Diarienummer: KS-2024-00336" in text_of(first)
    assert "Sidan " in text_of(first) and " av " in text_of(first)
    assert [i.text.strip() for i in first.iter(f"{W}instrText")] == ["PAGE", "NUMPAGES"]
    footer = text_of(doc.sections[0].first_page_footer._element)
    assert "Ekby kommun" in footer and "Telefon: 0123-456 78" in footer
    assert headings(doc) == [
        ("Heading 1", "Svar på motion – Fler bänkar i parkerna"),
        ("Heading 2", "Förslag till beslut"),
        ("Heading 2", "Bakgrund"),
    ]  # the summary is left out, the account renamed
    # the closing block (signatures and distribution) stands in one layout table row
    texts = ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in doc.element.body.iter(f"{W}p")]
    assert "Kommunfullmäktige bifaller motionen." in texts
    assert "Expedieras till: Motionären" in texts


def test_a_municipality_overrides_a_single_block_of_a_default_template(tmp_path, templates):
    (templates / "ekby").mkdir()
    (templates / "ekby" / "profil.yaml").write_text("namn: Ekby kommun\n", encoding="utf-8")
    (templates / "ekby" / "svar-på-motion.md.j2").write_text(
        '{% extends "_default/svar-på-motion.md.j2" %}\n'
        "{% block sammanfattning %}\n## Ärendet\n\n{{ motionärer }} vill ha fler bänkar.\n{% endblock %}\n",
        encoding="utf-8",
    )
    doc = document(render(write_case(tmp_path, "ekby"), templates))
    assert ("Heading 2", "Ärendet") in headings(doc)
    assert "Bo Berg (M) vill ha fler bänkar." in [p.text for p in doc.paragraphs]
    assert ("Heading 2", "Förslag till beslut") in headings(doc)  # the rest is the default's


def test_a_misspelt_profile_key_is_reported_with_its_place(tmp_path, templates):
    (templates / "ekby").mkdir()
    (templates / "ekby" / "profil.yaml").write_text("namn: Ekby kommun\nrubriker:\n  redogorelse: Bakgrund\n", encoding="utf-8")
    with pytest.raises(CaseError) as error:
        draft(write_case(tmp_path, "ekby"), templates)
    assert "profil.yaml:3:3: okänt fält 'redogorelse' i profilen — menade du 'redogörelse'?" in str(error.value)


@pytest.mark.parametrize("profile", ["arboga", "alingsas", "vanersborg", "exempel", "_default"])
def test_shipped_profiles_use_only_known_placeholders(profile):
    """A typo such as {dnr} in a profile's rows would be printed as it stands: the loader refuses it
    (tests/test_profile_texts.py shows the message), so every shipped profile must load."""
    from drafter.profile.loading import load_profile

    assert load_profile(TEMPLATES, profile).settings.name


def test_every_sample_case_renders_with_its_profile():
    for case in sorted(CASES.glob("*.yaml")):
        assert document(render(case)).paragraphs, case.name


def test_a_municipality_may_bring_its_own_house_style(tmp_path, templates):
    (templates / "ekby").mkdir()
    (templates / "ekby" / "profil.yaml").write_text("namn: Ekby kommun\nstil: ekby-stil.docx\n", encoding="utf-8")
    style = docx.Document(str(templates / "_default" / "stil.docx"))
    style.styles["Normal"].font.name = "Arial"
    style.save(str(templates / "ekby" / "ekby-stil.docx"))
    doc = document(render(write_case(tmp_path, "ekby"), templates))
    assert doc.styles["Normal"].font.name == "Arial"
    assert docx.Document(str(TEMPLATES / "_default" / "stil.docx")).styles["Normal"].font.name != "Arial"
