"""Document kinds beyond 'svar på motion', and what a case can express: each sample case
rendered to Word and read back with python-docx."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest

from drafter.errors import CaseError
from drafter.case.source import load_text
from drafter.case.model import KIND_ONLY, KIND_REQUIRES, Case
from drafter.pipeline import build_docx, draft
from drafter.case.validation import validate

ROOT = Path(__file__).resolve().parents[1]
CASES = ROOT / "cases"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def render(name: str) -> docx.Document:
    return docx.Document(io.BytesIO(build_docx(draft(CASES / f"{name}.yaml"))))


def headings(doc: docx.Document) -> list[tuple[str, str]]:
    return [(p.style.name, p.text) for p in doc.paragraphs if p.style.name.lower().startswith("heading")]


def styled(doc: docx.Document) -> list[tuple[str, str]]:
    return [(p.style.name, p.text) for p in doc.paragraphs if p.text]


def numbered(paragraph) -> bool:
    return paragraph._p.find(f"{W}pPr/{W}numPr") is not None


def after(items: list, first, count: int) -> list:
    start = items.index(first)
    return items[start + 1 : start + 1 + count]


# --- protokollsutdrag ----------------------------------------------------------------------


def test_protokollsutdrag_paragraph_decision_att_satser_and_basis():
    doc = render("vanersborg-integrationssamverkan")
    paragraphs = styled(doc)
    assert paragraphs[:3] == [
        ("Dokumenttyp", "§ 105"),
        ("Heading 1", "Integrationssamverkan inom Vänersborgs kommun"),
        ("Normal", "KS2016/445"),
    ]
    assert [h for _, h in headings(doc)] == [
        "Integrationssamverkan inom Vänersborgs kommun", "Beslut", "Sammanfattning av ärendet", "Beslutsunderlag"]
    texts = [t for _, t in paragraphs]
    points = after(texts, "Kommunfullmäktige beslutar", 4)
    assert [p.split()[0] for p in points] == ["att"] * 4
    assert [p[-1] for p in points] == [",", ",", "h", "."]  # "…stycket," "…inriktning och" "…ovanstående."
    assert points[0] == ("att reglementet för socialnämnden, § 2, ändras på så sätt att strecksatsen "
                         "”ansvara för integrationsfrågor” stryks,")
    point_paragraphs = [p for p in doc.paragraphs if p.text in points]
    assert all(numbered(p) for p in point_paragraphs)  # a real Word list
    assert after(texts, "Beslutsunderlag", 3) == [
        "Tjänsteskrivelse 2017-05-31, kommunstyrelseförvaltningen",
        "Strategisk inriktning, Annex I Integrationssamverkan",
        "Rapport Integrationssamverkan, januari 2017",
    ]
    assert not [p for p in doc.paragraphs if p.style.name == "Mottagare"]


# --- yttrande över motion ------------------------------------------------------------------


def test_yttrande_a_committee_decides_in_its_own_words():
    doc = render("exempel-yttrande-över-motion")
    assert headings(doc)[:3] == [
        ("Heading 1", "Yttrande över motion – Mötesplatser för seniorer i alla kommundelar"),
        ("Heading 2", "Förslag till beslut i nämnden"),
        ("Heading 2", "Sammanfattning"),
    ]
    texts = [t for _, t in styled(doc)]
    assert after(texts, "Förslag till beslut i nämnden", 3) == [
        "Socialnämnden beslutar",
        "Förvaltningens tjänsteskrivelse antas som nämndens yttrande och överlämnas till kommunstyrelsen.",
        "Nämnden lämnar motionen utan eget ställningstagande.",
    ]
    assert ("Socialförvaltningen har upprättat ett förslag till yttrande över motion om mötesplatser för "
            "seniorer i alla kommundelar.") in texts


@pytest.mark.parametrize(
    "stance, wording",
    [("bifall", "Nämnden tillstyrker motionen."), ("avslag", "Nämnden avstyrker motionen."),
     ("besvarad", "Nämnden anser att motionen är besvarad.")],
)
def test_yttrande_stances(tmp_path, stance, wording):
    case = tmp_path / "y.yaml"
    text = (CASES / "exempel-yttrande-över-motion.yaml").read_text(encoding="utf-8")
    case.write_text(text.replace("ställningstagande: utan-ställningstagande", f"ställningstagande: {stance}"),
                    encoding="utf-8")
    assert f"2. {wording}" in draft(case).markdown


# --- svar på revisionsrapport --------------------------------------------------------------


def test_revisionsrapport_each_recommendation_followed_by_its_answer():
    doc = render("exempel-svar-på-revisionsrapport")
    paragraphs = styled(doc)
    texts = [t for _, t in paragraphs]
    assert ("Heading 2", "Revisorernas rekommendationer och förvaltningens svar") in paragraphs
    for number, (recommendation, answer) in enumerate(
        [
            ("Säkerställ att alla skolor har en aktuell plan mot kränkande behandling.", "Svar: Alla tolv grundskolor"),
            ("Följ upp anmälningarna om kränkande behandling samlat på nämndnivå.", "Svar: Från och med hösten 2024"),
            ("Ge personalen fortbildning i att utreda kränkningar.", "Svar: Rektorerna och elevhälsans"),
        ],
        start=1,
    ):
        at = paragraphs.index(("Heading 3", f"Rekommendation {number}"))
        assert paragraphs[at + 1] == ("Quote", recommendation)
        assert paragraphs[at + 2][1].startswith(answer)
    assert "Barn- och utbildningsnämnden beslutar" in texts
    assert ("Kommunens förtroendevalda revisorer har i revisionsrapporten ”Granskning av arbetet mot kränkande "
            "behandling i grundskolan”, daterad den 20 mars 2024, lämnat tre rekommendationer och begärt svar "
            "senast den 15 juni 2024.") in texts
    # An approval block instead of signatures.
    assert [t for s, t in paragraphs if s == "Underskrift"] == [
        "Godkänt av: Lena Forsberg\nTitel: Förvaltningschef\nDatum: 2024-05-06"]


# --- tjänsteskrivelse and what a case can express ------------------------------------------


@pytest.fixture(scope="module")
def memo() -> docx.Document:
    return render("exempel-tjänsteskrivelse")


def test_tjansteskrivelse_long_title_in_a_heading_and_a_line(memo):
    paragraphs = styled(memo)
    at = paragraphs.index(("Heading 1", "Program för social hållbarhet 2025–2030"))
    assert paragraphs[at + 1] == ("Subtitle", "Förslag efter remiss till nämnderna och de kommunala bolagen")
    assert memo.core_properties.title == "Program för social hållbarhet 2025–2030"


def test_two_decision_levels_each_with_its_heading(memo):
    paragraphs = styled(memo)
    assert after(paragraphs, ("Heading 2", "Förslag till beslut"), 5) == [
        ("Heading 3", "Kommunstyrelsens beslut"),
        ("List Paragraph", "Kommunstyrelsen ger kommundirektören i uppdrag att ta fram en handlingsplan till "
                           "programmet senast den 30 juni 2025."),
        ("Heading 3", "Kommunstyrelsens förslag till kommunfullmäktiges beslut"),
        ("List Paragraph", "Program för social hållbarhet 2025–2030 antas."),
        ("List Paragraph", "Riktlinjen för integrationsarbetet, antagen av kommunstyrelsen den 8 oktober 2019, "
                           "upphör att gälla."),
    ]
    # Two lists: each level numbers from 1.
    numbers = {p._p.find(f"{W}pPr/{W}numPr/{W}numId").get(f"{W}val") for p in memo.paragraphs if numbered(p)
               and ("antas" in p.text or "handlingsplan till" in p.text)}
    assert len(numbers) == 2


def test_remiss_answers_with_the_administrations_comment(memo):
    texts = [t for _, t in styled(memo)]
    assert after(texts, "Remissvar", 9) == [
        "Ärendet har remitterats till Socialnämnden, Barn- och utbildningsnämnden och Exempels Bostäder AB.",
        "Socialnämnden har den 21 augusti 2024, § 97, beslutat att tillstyrka förslaget.",
        "Nämnden vill att programmet tydligare nämner våld i nära relationer.",
        "Kommentar: Avsnittet om trygghet har kompletterats med våld i nära relationer.",
        "Barn- och utbildningsnämnden har den 28 augusti 2024, § 64, lämnat följande yttrande.",
        "Nämnden ser positivt på programmet men efterfrågar mätbara mål för skolan, till exempel andelen elever "
        "som känner sig trygga.",
        "Kommentar: Målen i programmet är övergripande. Mätbara mål per verksamhet tas fram i handlingsplanen.",
        "Exempels Bostäder AB har inte lämnat något yttrande.",
        "Bedömning",
    ]
    comment = next(p for p in memo.paragraphs if p.text.startswith("Kommentar:"))
    assert comment.runs[0].italic and comment.runs[0].text == "Kommentar:"


def test_free_sections_are_placed_where_the_case_says_or_in_the_profiles_slot(memo):
    assert [h for s, h in headings(memo) if s == "Heading 2"] == [
        "Förslag till beslut", "Sammanfattning", "Ärendets gång", "Remissvar",
        "Bedömning",  # efter: remissvar
        "Förvaltningens redogörelse",
        "Ekonomiska konsekvenser", "Barnperspektiv",  # the profile's place for them
        "Beslutsunderlag", "Bilagor",
    ]


def test_basis_as_a_dated_list_attachments_signatures_and_approval_beside_them(memo):
    texts = [t for _, t in styled(memo)]
    assert after(texts, "Beslutsunderlag", 3) == [
        "Tjänsteskrivelse, 2024-10-01, kommunledningskontoret",
        "Socialnämndens yttrande, 2024-08-21",
        "Barn- och utbildningsnämndens yttrande, 2024-08-28",
    ]
    assert after(texts, "Bilagor", 2) == ["Program för social hållbarhet 2025–2030, 2024-09-30",
                                          "Sammanställning av remissvaren"]
    [signatures] = [t for t in memo.tables if "Kommundirektör" in t._cells[0].text]
    assert [c.text for c in signatures.rows[0].cells] == ["Maria Holm\nKommundirektör", "Karin Lindqvist\nUtredare"]
    assert "Godkänt av: Maria Holm\nTitel: Kommundirektör\nDatum: 2024-09-30" in texts
    assert texts[-1] == "Skickas till: Samtliga nämnder, Exempels Bostäder AB, Akten"


# --- what the model asks of each kind ------------------------------------------------------

BASE = """\
kommun: exempel
diarienummer: KS 2024/1
datum: 2024-03-01
förvaltning: Kommunledningskontoret
handläggare: {namn: Eva Ek}
"""


def problems(text: str) -> str:
    with pytest.raises(CaseError) as error:
        validate(load_text(BASE + text, "t.yaml"), Case)
    return str(error.value)


@pytest.mark.parametrize(
    "kind, missing",
    [("protokollsutdrag", "organ"), ("tjänsteskrivelse", "rubrik"), ("svar-på-revisionsrapport", "revisionsrapport"),
     ("yttrande-över-motion", "motion")],
)
def test_each_kind_names_the_field_it_needs(kind, missing):
    assert f"dokumenttypen '{kind}' behöver fältet '{missing}'" in problems(f"dokument: {kind}\n")


def test_a_field_the_kind_does_not_use_is_reported_at_the_field():
    message = problems("dokument: protokollsutdrag\norgan: KF\nparagraf: 3\nrubrik: R\nbeslutspunkter: [x]\n"
                       "mottagare: Kommunstyrelsen\n")
    assert "t.yaml:11:12: fältet 'mottagare' används inte av dokumenttypen 'protokollsutdrag'" in message


def test_own_decisions_belong_to_a_proposal_to_the_council():
    message = problems("dokument: tjänsteskrivelse\nmottagare: KS\nrubrik: R\nredogörelse: Text.\n"
                       "beslutspunkter: [Planen antas.]\negna-beslut: [Uppdrag.]\nbeslutas-av: kommunstyrelsen\n")
    assert "'egna-beslut' hör till ett förslag till kommunfullmäktige" in message


def test_a_free_section_has_one_place():
    message = problems("dokument: tjänsteskrivelse\nmottagare: KS\nrubrik: R\nredogörelse: Text.\n"
                       "beslutspunkter: [Planen antas.]\n"
                       "avsnitt: [{rubrik: Bedömning, text: Bra., efter: redogörelse, före: bilagor}]\n")
    assert "ange antingen 'efter' eller 'före', inte båda" in message


def test_kind_tables_cover_every_kind_and_field():
    assert set(KIND_REQUIRES) == set(Case.model_fields["kind"].annotation.__args__)
    aliases = {f.alias for f in Case.model_fields.values()}
    assert set(KIND_ONLY) <= aliases
    assert {k for reqs in KIND_REQUIRES.values() for k in reqs} <= aliases
    validated = set(Case.__pydantic_decorators__.field_validators["_used_by_kind"].info.fields)
    assert {Case.model_fields[name].alias for name in validated} == set(KIND_ONLY)


def test_a_committee_decides_a_general_memo_itself(tmp_path):
    case = tmp_path / "n.yaml"
    case.write_text(BASE + "dokument: tjänsteskrivelse\nmottagare: Socialnämnden\nbeslutas-av: nämnden\n"
                    "rubrik: Plan mot våld i nära relationer\nredogörelse: Planen är klar.\n"
                    "beslutspunkter: [Planen antas.]\n", encoding="utf-8")
    assert "## Förslag till beslut\n\nSocialnämnden beslutar\n\n1. Planen antas.\n" in draft(case).markdown
