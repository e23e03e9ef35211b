"""What real memos of other towns vary in, said in a profile and a case file alone (issue #9): a
case chooses variants and writes its own texts; only what a document needs is required."""

from __future__ import annotations

import shutil
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from drafter.cli import main
from rendering import render

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = ROOT / "drafter" / "data" / "templates"

HEAD = """\
dokument: svar-på-motion
kommun: ekby
diarienummer: KS 2024/1
datum: 2024-09-02
förvaltning: Kommunledningskontoret
handläggare: {namn: Karin Lindqvist, titel: Utredare}
"""
MOTION = """\
motion:
  rubrik: Fler laddplatser
  motionärer: [{namn: Omar Haddad, parti: MP}]
  att-satser: [att fler laddplatser byggs]
"""
ANSWER = HEAD + "mottagare: Kommunstyrelsen\n" + MOTION + "ställningstagande: besvarad\nredogörelse: Det finns en plan.\n"


@pytest.fixture
def templates(tmp_path: Path) -> Path:
    """The bundled templates with a town 'ekby' whose profile the test writes."""
    root = tmp_path / "mallar"
    shutil.copytree(TEMPLATES, root)
    (root / "ekby").mkdir()
    (root / "ekby" / "profil.yaml").write_text("namn: Ekby kommun\n", encoding="utf-8")
    return root


def profile(root: Path, text: str) -> Path:
    path = root / "ekby" / "profil.yaml"
    path.write_text("namn: Ekby kommun\n" + text, encoding="utf-8")
    return path


def line_of(text: str, snippet: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), start=1) if snippet in line)


# --- 1. variants and the case's own texts ------------------------------------------------------


VARIANTS = """\
formuleringar:
  motionen: {besvarad: Motionen anses besvarad}
varianter:
  kort:
    formuleringar:
      motionen: {besvarad: Kommunfullmäktige anser motionen besvarad}
      hänvisning: med anledning av
  rubrik:
    rubriker: {redogörelse: Bedömning}
"""


def test_a_case_chooses_a_variant_of_its_town(templates: Path, tmp_path: Path) -> None:
    profile(templates, VARIANTS)
    code, output, text = render(templates, tmp_path, ANSWER + "variant: kort\nhänvisning: planen\n")
    assert code == 0, output
    assert "Kommunfullmäktige anser motionen besvarad med anledning av planen." in text
    code, output, text = render(templates, tmp_path, ANSWER + "variant: [kort, rubrik]\n")
    assert code == 0, output
    assert "Bedömning" in text and "Kommunfullmäktige anser motionen besvarad." in text


def test_the_case_s_own_text_wins_over_its_variant_and_its_town(templates: Path, tmp_path: Path) -> None:
    profile(templates, VARIANTS)
    own = "variant: kort\nformuleringar:\n  motionen: {besvarad: Motionen är besvarad}\nrubriker: {redogörelse: Förvaltningens bedömning}\n"
    code, output, text = render(templates, tmp_path, ANSWER + own)
    assert code == 0, output
    assert "Motionen är besvarad." in text
    assert "Förvaltningens bedömning" in text
    # Without a variant or own texts: the town's wording.
    code, output, text = render(templates, tmp_path, ANSWER)
    assert "Motionen anses besvarad." in text


def test_an_unknown_variant_is_an_error_at_the_case_s_line(templates: Path, tmp_path: Path) -> None:
    profile(templates, VARIANTS)
    case = ANSWER + "variant: [kort, krot]\n"
    code, output, _ = render(templates, tmp_path, case)
    assert code == 1
    assert f"ärende.yaml:{line_of(case, 'variant:')}:" in output
    assert "ingen variant 'krot'" in output and "Traceback" not in output


def test_the_case_s_own_texts_are_checked_at_their_lines(templates: Path, tmp_path: Path) -> None:
    profile(templates, VARIANTS)
    case = ANSWER + "formuleringar:\n  motionen: {besvard: x}\n"
    code, output, _ = render(templates, tmp_path, case)
    assert code == 1 and f"ärende.yaml:{line_of(case, 'besvard')}:" in output and "okänt fält 'besvard'" in output
    case = ANSWER + "rubriker:\n  redogörelse: Bedömning i {mottgare}\n"
    code, output, _ = render(templates, tmp_path, case)
    assert code == 1 and f"ärende.yaml:{line_of(case, 'mottgare')}:" in output and "{mottagare}" in output
    # A placeholder the case fills is filled.
    code, output, text = render(templates, tmp_path, ANSWER + "rubriker:\n  redogörelse: Bedömning i {mottagare}\n")
    assert code == 0, output
    assert "Bedömning i Kommunstyrelsen" in text


# --- 2. only what a document cannot exist without; empty means absent ----------------------------


def test_no_addressee_is_needed_where_the_profile_prints_no_addressee_line(templates: Path, tmp_path: Path) -> None:
    case = HEAD + MOTION + "ställningstagande: besvarad\nredogörelse: Det finns en plan.\n"
    code, output, _ = render(templates, tmp_path, case)  # the default prints "{mottagare}" above the title
    assert code == 1
    assert "ärende.yaml:1:" in output and "behöver fältet 'mottagare'" in output and "mottagarrad" in output
    profile(templates, 'mottagarrad: ""\n')
    code, output, text = render(templates, tmp_path, case)
    assert code == 0, output
    assert text[0] == "Svar på motion – Fler laddplatser"


def test_a_yttrande_needs_no_account(templates: Path, tmp_path: Path) -> None:
    case = (HEAD + "mottagare: Socialnämnden\n" + MOTION + "ställningstagande: avslag\n").replace(
        "svar-på-motion", "yttrande-över-motion")
    code, output, text = render(templates, tmp_path, case)
    assert code == 0, output
    assert "Förvaltningens redogörelse" not in text
    assert "Nämnden avstyrker motionen." in text


def test_a_protokollsutdrag_needs_no_paragraph_or_case_number(templates: Path, tmp_path: Path) -> None:
    case = (
        "dokument: protokollsutdrag\nkommun: ekby\ndatum: 2024-09-02\nförvaltning: Kommunledningskontoret\n"
        "handläggare: {namn: Karin Lindqvist}\norgan: Kommunfullmäktige\nrubrik: Val av revisorer\n"
        "beslutspunkter: [Till revisor väljs Anna Ek.]\n"
    )
    code, output, text = render(templates, tmp_path, case)
    assert code == 0, output
    assert "Val av revisorer" in text and "Till revisor väljs Anna Ek." in text
    assert not any(t.startswith("§") for t in text) and "None" not in "\n".join(text)


def test_an_empty_value_is_absent(templates: Path, tmp_path: Path) -> None:
    case = (HEAD + "mottagare: Socialnämnden\n" + MOTION + "ställningstagande: avslag\nredogörelse: ''\n"
            "hänvisning: ' '\nformuleringar: {yttrandet: ''}\n"
            "avsnitt: [{rubrik: Barnperspektiv, text: ''}, {rubrik: Ekonomi}]\n").replace(
        "svar-på-motion", "yttrande-över-motion")
    code, output, text = render(templates, tmp_path, case)
    assert code == 0, output
    assert "Nämnden avstyrker motionen." in text and "." not in text and "" not in [t.strip() for t in text[:8]]
    assert "Barnperspektiv" in text and "Ekonomi" in text
    assert text[text.index("Barnperspektiv") + 1] == "Ekonomi"  # a heading alone


def test_an_empty_decision_where_one_is_needed_is_an_error_at_the_case_s_line(templates: Path, tmp_path: Path) -> None:
    case = ANSWER + "formuleringar:\n  motionen: {besvarad: ''}\n"
    code, output, _ = render(templates, tmp_path, case)
    assert code == 1
    assert f"ärende.yaml:{line_of(case, 'ställningstagande:')}:" in output and "beslutet blir tomt" in output
    audit = (HEAD.replace("svar-på-motion", "svar-på-revisionsrapport") + "mottagare: Kommunstyrelsen\n"
             "revisionsrapport:\n  rubrik: Granskning\n  rekommendationer: [{rekommendation: Gör en plan., svar: En plan görs.}]\n"
             "formuleringar: {revisionssvaret: ''}\n")
    code, output, _ = render(templates, tmp_path, audit)
    assert code == 1
    assert f"ärende.yaml:{line_of(audit, 'revisionsrapport:')}:" in output and "revisionssvaret" in output
    code, output, text = render(templates, tmp_path, audit + "beslutspunkter: [Svaret överlämnas till revisorerna.]\n")
    assert code == 0, output
    assert "Svaret överlämnas till revisorerna." in text


def test_an_empty_addressee_where_the_profile_prints_one_is_an_error_at_its_line(templates: Path, tmp_path: Path) -> None:
    case = ANSWER.replace("mottagare: Kommunstyrelsen", "mottagare: ''")
    code, output, _ = render(templates, tmp_path, case)
    assert code == 1 and f"ärende.yaml:{line_of(case, 'mottagare:')}:" in output and "'mottagare'" in output


def test_the_case_s_own_texts_are_named_as_the_case_s(templates: Path, tmp_path: Path) -> None:
    code, output, _ = render(templates, tmp_path, ANSWER + "rubriker: {redogörelsen: X}\n")
    assert code == 1 and "okänt fält 'redogörelsen' (med profilens nycklar) — menade du 'redogörelse'?" in output


# --- 3. more than one approval -------------------------------------------------------------------


def test_two_approvals_and_the_single_form_still_works(templates: Path, tmp_path: Path) -> None:
    two = ("godkännande:\n  - {namn: Eva Ek, titel: Förvaltningschef, datum: 2024-09-01}\n"
           "  - {namn: Per Berg, titel: Kommundirektör}\n")
    code, output, text = render(templates, tmp_path, ANSWER + two)
    assert code == 0, output
    approved = [t for t in text if t.startswith("Godkänt av")]
    assert approved == ["Godkänt av: Eva Ek\nTitel: Förvaltningschef\nDatum: 2024-09-01", "Godkänt av: Per Berg\nTitel: Kommundirektör"]
    code, output, text = render(templates, tmp_path, ANSWER + "godkännande: {namn: Eva Ek}\n")
    assert code == 0, output
    assert [t for t in text if t.startswith("Godkänt av")] == ["Godkänt av: Eva Ek"]


# --- 4. more letterhead fields ---------------------------------------------------------------------


def test_mobile_fax_and_labelled_fields_in_the_letterhead(templates: Path, tmp_path: Path) -> None:
    case = ANSWER.replace("handläggare: {namn: Karin Lindqvist, titel: Utredare}",
                          "handläggare: {namn: Karin Lindqvist, titel: Utredare, mobil: 070-123 45 67, fax: 012-34 56 79}")
    case += "brevhuvud: {Diariekod: 3.1.2, Ärendetyp: Motion}\n"
    code, output, text = render(templates, tmp_path, case)
    assert code == 0, output
    joined = "\n".join(text)
    assert "Mobil: 070-123 45 67" in joined and "Fax: 012-34 56 79" in joined
    assert "Dnr: KS 2024/1\nDiariekod: 3.1.2\nÄrendetyp: Motion" in joined
    # A town places a field where it wants it.
    profile(templates, "sidhuvud-och-sidfot:\n  skrivelse:\n    förstasidhuvud:\n"
                       "      höger: ['Mobil {mobil}', '{brevhuvud}', 'Dnr {diarienummer}']\n")
    code, output, text = render(templates, tmp_path, case)
    assert code == 0, output
    assert "Mobil 070-123 45 67\nDiariekod: 3.1.2\nÄrendetyp: Motion\nDnr KS 2024/1" in "\n".join(text)


def test_a_paragraph_with_its_year(templates: Path, tmp_path: Path) -> None:
    case = (
        "dokument: protokollsutdrag\nkommun: ekby\ndatum: 2024-09-02\nförvaltning: Kommunledningskontoret\n"
        "handläggare: {namn: Karin Lindqvist}\norgan: Kommunfullmäktige\nrubrik: Val av revisorer\n"
        "paragraf: 52/2019\nbeslutspunkter: [Till revisor väljs Anna Ek.]\n"
    )
    code, output, text = render(templates, tmp_path, case)
    assert code == 0, output
    assert "§ 52/2019" in text
    code, output, _ = render(templates, tmp_path, case.replace("52/2019", "52 år 2019"))
    assert code == 1 and "ärende.yaml:8:" in output and "'52/2019'" in output


# --- 5. history events that are not decisions --------------------------------------------------------


HISTORY = """\
historik:
  - {händelse: anmäldes, organ: kommunfullmäktige, datum: 2024-01-22, paragraf: 5}
  - {händelse: remitterades, organ: Kommunstyrelsens arbetsutskott, datum: 2024-02-06, till: Kommunens Bostads AB}
  - {organ: Socialnämnden, datum: 2024-03-10, paragraf: 20, beslut: tillstyrka motionen}
  - {händelse: tjänsteskrivelse, organ: Kommunledningskontoret, datum: 2024-08-20}
"""


def test_history_events_in_the_profile_s_words(templates: Path, tmp_path: Path) -> None:
    code, output, text = render(templates, tmp_path, ANSWER + HISTORY)
    assert code == 0, output
    assert "Motionen anmäldes i kommunfullmäktige den 22 januari 2024, § 5." in text
    assert "Kommunstyrelsens arbetsutskott remitterade den 6 februari 2024 ärendet till Kommunens Bostads AB." in text
    assert "Socialnämnden beslutade den 10 mars 2024, § 20, att tillstyrka motionen." in text
    assert "Kommunledningskontorets tjänsteskrivelse daterad den 20 augusti 2024." in text
    profile(templates, "formuleringar:\n  historik:\n    anmäldes: ['Motionen väcktes i {organ} den {datum}.']\n")
    code, output, text = render(templates, tmp_path, ANSWER + HISTORY)
    assert code == 0, output
    assert "Motionen väcktes i kommunfullmäktige den 22 januari 2024." in text


def test_an_event_without_what_its_kind_needs_is_an_error_at_its_line(templates: Path, tmp_path: Path) -> None:
    case = ANSWER + "historik:\n  - {händelse: remitterades, organ: KSAU, datum: 2024-02-06}\n"
    code, output, _ = render(templates, tmp_path, case)
    assert code == 1 and f"ärende.yaml:{line_of(case, 'KSAU')}:" in output and "'till'" in output


def test_alingsas_writes_a_decision_at_the_meeting_the_motion_was_raised_without_its_date(tmp_path: Path) -> None:
    assert not list((TEMPLATES / "alingsas").glob("*.j2"))  # folded into its profile
    case = (ANSWER.replace("kommun: ekby", "kommun: alingsas") +
            "historik:\n  - {organ: Kommunfullmäktige, datum: 2024-01-22, paragraf: 5, beslut: remittera motionen}\n"
            "  - {organ: Kommunstyrelsen, datum: 2024-03-01, paragraf: 9, beslut: remittera motionen till nämnden}\n")
    case = case.replace("  rubrik: Fler laddplatser\n", "  rubrik: Fler laddplatser\n  väckt: {datum: 2024-01-22, paragraf: 5}\n")
    code, output, text = render(TEMPLATES, tmp_path, case)
    assert code == 0, output
    assert "Kommunfullmäktige beslutade att remittera motionen." in text
    assert "Kommunstyrelsen beslutade den 1 mars 2024, § 9, att remittera motionen till nämnden." in text


@pytest.mark.parametrize("name, expected", [
    ("Socialnämnden", "Socialnämndens"), ("Kommunens Bostads AB", "Kommunens Bostads AB:s"),
    ("Vård och omsorg", "Vård och omsorgs"), ("Ekhus", "Ekhus"), ("Miljöförbundet Blekinge Väst", "Miljöförbundet Blekinge Västs"),
])
def test_the_genitive(name: str, expected: str) -> None:
    from drafter.text.swedish import genitive

    assert genitive(name) == expected


# --- 6. partial approval, a point with a list, numbering across two levels -------------------------


PARTLY = HEAD + "mottagare: Kommunstyrelsen\n" + """\
motion:
  rubrik: Fler laddplatser
  motionärer: [{namn: Omar Haddad, parti: MP}]
  att-satser:
    - {text: att fler laddplatser byggs, ställningstagande: bifall, avser: laddplatser}
    - {text: att en plan tas fram, ställningstagande: besvarad, avser: en plan för tjänsteresor, hänvisning: riktlinjen för tjänsteresor}
ställningstagande: delvis
redogörelse: Det finns en plan.
"""


def test_partial_approval_in_the_part_it_concerns_with_a_reference_per_att_sats(templates: Path, tmp_path: Path) -> None:
    profile(templates, "formuleringar:\n  motionen: {bifall: Kommunfullmäktige bifaller motionen, besvarad: Kommunfullmäktige anser motionen besvarad}\n")
    code, output, text = render(templates, tmp_path, PARTLY)
    assert code == 0, output
    assert "Kommunfullmäktige bifaller motionen i den del som avser laddplatser." in text
    assert ("Kommunfullmäktige anser motionen besvarad i den del som avser en plan för tjänsteresor "
            "med hänvisning till riktlinjen för tjänsteresor.") in text
    # Without 'avser': the att-sats by its ordinal, as before.
    code, output, text = render(templates, tmp_path, PARTLY.replace(", avser: laddplatser", ""))
    assert "Motionens första att-sats bifalls." in text


def test_a_decision_point_holds_a_bullet_list(templates: Path, tmp_path: Path) -> None:
    case = ANSWER + ("beslutspunkter:\n  - text: 'Kommunstyrelsen får i uppdrag att:'\n"
                     "    lista: ['ta fram en plan,', följa upp planen.]\n  - Arbetet redovisas 2025.\n")
    code, output, text = render(templates, tmp_path, case)
    assert code == 0, output
    at = text.index("Kommunstyrelsen får i uppdrag att:")
    assert text[at: at + 4] == ["Kommunstyrelsen får i uppdrag att:", "ta fram en plan,", "följa upp planen.", "Arbetet redovisas 2025."]


def test_decision_numbering_continues_across_two_levels_where_a_town_numbers_so(templates: Path, tmp_path: Path) -> None:
    case = ANSWER + "egna-beslut: [Yttrandet antas., Ärendet överlämnas.]\n"
    profile(templates, "beslutsnumrering: löpande\n")
    code, output, text = render(templates, tmp_path, case)
    assert code == 0, output
    assert text.index("Yttrandet antas.") < text.index("Motionen anses besvarad.")
    import zipfile

    numbering = zipfile.ZipFile(next((tmp_path / "ut").glob("*.docx"))).read("word/numbering.xml").decode()
    assert 'w:startOverride w:val="3"' in numbering  # Word numbers the second level on from 3
    # Word numbers the list itself: the numbers are read from the Markdown the .docx is made of.
    path = tmp_path / "ärende.yaml"
    result = CliRunner().invoke(main, ["preview", "--markdown", "--mallar", str(templates), str(path)])
    assert "1. Yttrandet antas." in result.output and "3. Motionen anses besvarad." in result.output, result.output
    profile(templates, "")
    result = CliRunner().invoke(main, ["preview", "--markdown", "--mallar", str(templates), str(path)])
    assert "1. Motionen anses besvarad." in result.output


# --- 7. remiss answers ---------------------------------------------------------------------------------


REMISS = """\
remiss-inledning: Remisstiden gick ut den 31 mars 2024.
remiss:
  - organ: Kommunens Bostads AB
    datum: 2024-03-01
    yttrande: Bolaget ser positivt på förslaget.
    synpunkter:
      - {synpunkt: Laddplatser behövs vid bolagets hus., kommentar: Det ingår i planen.}
      - {synpunkt: Kostnaden bör delas., kommentar: Det utreds.}
  - {organ: Socialnämnden, datum: 2024-03-10, paragraf: 20, beslut: tillstyrka motionen}
remiss-avslutning: Alla som svarat ställer sig bakom förslaget.
"""


def test_remiss_answers_with_a_heading_per_body_and_several_points(templates: Path, tmp_path: Path) -> None:
    profile(templates, "formuleringar:\n  remissrubrik: '{organ-genitiv} yttrande'\n"
                       "  remissvaret:\n    yttrande: ['{organ} har {när} yttrat sig så här.', '{organ} har yttrat sig.']\n")
    code, output, text = render(templates, tmp_path, ANSWER + REMISS)
    assert code == 0, output
    start = text.index("Remissvar")
    assert text[start:start + 14] == [
        "Remissvar",
        "Ärendet har remitterats till Kommunens Bostads AB och Socialnämnden.",
        "Remisstiden gick ut den 31 mars 2024.",
        "Kommunens Bostads AB:s yttrande",
        "Kommunens Bostads AB har den 1 mars 2024 yttrat sig så här.",
        "Bolaget ser positivt på förslaget.",
        "Laddplatser behövs vid bolagets hus.",
        "Kommentar: Det ingår i planen.",
        "Kostnaden bör delas.",
        "Kommentar: Det utreds.",
        "Socialnämndens yttrande",
        "Socialnämnden har den 10 mars 2024, § 20, beslutat att tillstyrka motionen.",
        "Alla som svarat ställer sig bakom förslaget.",
        "Förvaltningens redogörelse",
    ]
    document = docx.Document(str(next((tmp_path / "ut").glob("*.docx"))))
    styles = {p.text: p.style.name for p in document.paragraphs}
    assert styles["Socialnämndens yttrande"] == "Heading 3"


def test_remiss_answers_read_as_before_without_a_heading(templates: Path, tmp_path: Path) -> None:
    code, output, text = render(templates, tmp_path, ANSWER + REMISS)
    assert code == 0, output
    assert "Kommunens Bostads AB har den 1 mars 2024 lämnat följande yttrande." in text
    assert "Socialnämndens yttrande" not in text


# --- 8. headings and order per kind and per case -------------------------------------------------------


def test_headings_per_kind_and_the_order_a_case_chooses(templates: Path, tmp_path: Path) -> None:
    profile(templates, (
        "dokumenttyper:\n  yttrande-över-motion:\n    rubriker: {remissvar: Nämndernas bedömning}\n"
        "varianter:\n  sändlista-sist:\n    rubriker: {sändlista: Beslutet skickas till}\n    sändlista: rubrik\n"
        "    underskrifter: under\n    avsnitt:\n      svar-på-motion: [förslag, sammanfattning, redogörelse, underskrifter, sändlista]\n"
    ))
    case = ANSWER + "underskrifter: [{namn: Eva Ek, titel: Kommundirektör}]\nskickas-till: [Motionären, Akten]\n"
    code, output, text = render(templates, tmp_path, case + "variant: sändlista-sist\n")
    assert code == 0, output
    body = text[: text.index("Motionären\nAkten") + 1]
    assert body[-3:] == ["Eva Ek\nKommundirektör", "Beslutet skickas till", "Motionären\nAkten"]
    code, output, text = render(templates, tmp_path, case)  # without the variant: the town's order
    assert "Skickas till: Motionären, Akten" in text
    assert "Beslutet skickas till" not in text
    yttrande = (case + REMISS).replace("svar-på-motion", "yttrande-över-motion")
    code, output, text = render(templates, tmp_path, yttrande)
    assert code == 0, output
    assert "Nämndernas bedömning" in text and "Remissvar" not in text


def test_a_town_template_that_writes_an_event_its_own_way_keeps_working(templates: Path, tmp_path: Path) -> None:
    (templates / "ekby" / "svar-på-motion.md.j2").write_text(
        '{% extends "_default/svar-på-motion.md.j2" %}\n'
        "{% block händelse %}\n{% if h.paragraf %}\n{{ super() }}\n{% else %}\n{{ h.organ }}: {{ h.beslut }}.\n{% endif %}\n{% endblock %}\n",
        encoding="utf-8")
    case = ANSWER + "historik:\n  - {organ: KF, datum: 2024-01-22, paragraf: 5, beslut: remittera motionen}\n" \
                    "  - {organ: KS, datum: 2024-02-22, beslut: remittera motionen vidare}\n"
    code, output, text = render(templates, tmp_path, case)
    assert code == 0, output
    assert "KF beslutade den 22 januari 2024, § 5, att remittera motionen." in text
    assert "KS: remittera motionen vidare." in text
