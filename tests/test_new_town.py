"""What a new town's writer met when writing a profile and cases from the docs alone (issue #9's
cold read): each gap found, through `render`, with the .docx opened."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import jsonschema
import yaml
from click.testing import CliRunner

from drafter.cli import main

CASE = """\
dokument: svar-på-motion
kommun: sjoby
diarienummer: KS 2024/1
datum: 2024-09-02
förvaltning: Kommunledningskontoret
handläggare: {namn: Karin Lindqvist, titel: Utredare}
mottagare: Kommunstyrelsen
motion:
  rubrik: Fler laddplatser
  ämne: fler laddplatser
  motionärer: [{namn: Omar Haddad, parti: MP}]
  att-satser: [att fler laddplatser byggs]
ställningstagande: besvarad
redogörelse: Det finns en plan.
"""
MINUTES = """\
dokument: protokollsutdrag
kommun: sjoby
datum: 2024-09-02
organ: Kommunfullmäktige
paragraf: 105
rubrik: Val av revisorer
beslutspunkter: [Till revisor väljs Anna Ek.]
"""


def town(tmp_path: Path, profile: str) -> Path:
    """A town kept outside drafter, as a new user keeps it: its own folder, given with --mallar."""
    folder = tmp_path / "mallar" / "sjoby"
    folder.mkdir(parents=True)
    (folder / "profil.yaml").write_text("namn: Sjöby kommun\n" + profile, encoding="utf-8")
    return folder.parent


def render(root: Path, tmp_path: Path, case: str) -> tuple[int, str, list[str]]:
    """Render ``case`` through the CLI: exit code, output, and the .docx's paragraphs (body, headers, footers)."""
    path = tmp_path / "ärende.yaml"
    path.write_text(case, encoding="utf-8")
    out = tmp_path / "ut"
    result = CliRunner().invoke(main, ["render", "--mallar", str(root), str(path), "-o", str(out)])
    files = list(out.glob("*.docx")) if out.is_dir() else []
    if result.exit_code != 0 or not files:
        return result.exit_code, result.output, []
    document = docx.Document(str(files[0]))
    texts = [p.text for p in document.paragraphs]
    for section in document.sections:
        for part in (section.first_page_header, section.header, section.first_page_footer, section.footer):
            texts += [p.text for p in part.paragraphs]
            texts += [p.text for t in part.tables for row in t.rows for c in row.cells for p in c.paragraphs]
    return result.exit_code, result.output, texts


def test_a_protokollsutdrag_needs_no_department_or_case_officer(tmp_path: Path) -> None:
    root = town(tmp_path, "")
    code, output, text = render(root, tmp_path, MINUTES)
    assert code == 0, output
    assert "Val av revisorer" in text and "Till revisor väljs Anna Ek." in text
    assert "None" not in "\n".join(text)


def test_a_memo_still_needs_its_department_and_case_officer_at_the_kind(tmp_path: Path) -> None:
    root = town(tmp_path, "")
    case = CASE.replace("förvaltning: Kommunledningskontoret\n", "").replace(
        "handläggare: {namn: Karin Lindqvist, titel: Utredare}\n", "")
    code, output, _ = render(root, tmp_path, case)
    assert code == 1
    assert "ärende.yaml:1:11: dokumenttypen 'svar-på-motion' behöver fältet 'förvaltning'" in output
    assert "ärende.yaml:1:11: dokumenttypen 'svar-på-motion' behöver fältet 'handläggare'" in output


def test_a_phrasing_of_several_forms_may_be_one_text_or_empty(tmp_path: Path) -> None:
    root = town(tmp_path, """\
formuleringar:
  motionen-lämnades: "{motionärer} har lämnat en motion om {ämne}"
  upprättat: {svar-på-motion: ""}
  handling: "{titel} ({datum})"
""")
    case = CASE + "beslutsunderlag: [{titel: Tjänsteskrivelse, datum: 2024-09-02}]\n"
    code, output, text = render(root, tmp_path, case)
    assert code == 0, output
    assert "Omar Haddad (MP) har lämnat en motion om fler laddplatser" in text
    assert not any("har upprättat" in t for t in text)
    assert "Tjänsteskrivelse (2024-09-02)" in text


def test_a_variant_and_the_case_may_also_write_one_form_as_a_text(tmp_path: Path) -> None:
    root = town(tmp_path, """\
varianter:
  kort:
    formuleringar:
      upprättat: {svar-på-motion: "Förslaget är skrivet av {förvaltning}."}
""")
    code, output, text = render(root, tmp_path, CASE + "variant: kort\n")
    assert code == 0, output
    assert "Förslaget är skrivet av Kommunledningskontoret." in text
    case = CASE + "formuleringar: {motionen-lämnades: '{motionärer} vill ha {ämne}'}\n"
    code, output, text = render(root, tmp_path, case)
    assert code == 0, output
    assert "Omar Haddad (MP) vill ha fler laddplatser" in text


def test_the_profile_schema_takes_one_form_as_a_text(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["schema", "--profil"])
    assert result.exit_code == 0
    validator = jsonschema.Draft202012Validator(json.loads(result.output))
    profile = yaml.safe_load('formuleringar: {upprättat: {svar-på-motion: ""}, handling: "{titel}", historik: {beslut: x}}')
    assert list(validator.iter_errors(profile)) == []
    assert list(validator.iter_errors({"formuleringar": {"handling": 3}}))


def test_what_the_profile_s_order_leaves_out_is_a_warning_at_the_case_s_line(tmp_path: Path) -> None:
    root = town(tmp_path, """\
varianter:
  kort:
    avsnitt:
      svar-på-motion: [förslag, sammanfattning, redogörelse, underskrifter, sändlista]
""")
    case = CASE + "remiss: [{organ: Socialnämnden, yttrande: Bra.}]\nskickas-till: [Akten]\n"
    code, output, text = render(root, tmp_path, case + "variant: kort\n")
    assert code == 0, output
    assert "Socialnämnden har lämnat följande yttrande." not in text
    line = case.splitlines().index("remiss: [{organ: Socialnämnden, yttrande: Bra.}]") + 1
    assert (f"ärende.yaml:{line}:1: varning: 'remiss' skrivs inte ut: kommunprofilen sjoby har inte avsnittet "
            "'remissvar' i ordningen för svar-på-motion ('avsnitt')") in output
    assert "'skickas-till' skrivs inte ut" not in output
    code, output, text = render(root, tmp_path, case)  # the default order shows it: no warning
    assert code == 0 and "varning" not in output
    assert "Socialnämnden har lämnat följande yttrande." in text


def test_drafter_check_shows_what_the_order_leaves_out(tmp_path: Path, monkeypatch) -> None:
    root = town(tmp_path, "avsnitt:\n  protokollsutdrag: [beslut, sammanfattning]\n")
    monkeypatch.chdir(root)  # a town's own repository: its cases in cases/
    (root / "cases").mkdir()
    (root / "cases" / "utdrag.yaml").write_text(MINUTES + "beslutsunderlag: [Tjänsteskrivelse]\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--mallar", ".", "--update"])
    assert result.exit_code == 0, result.output
    assert "utdrag.yaml:8:1: varning: 'beslutsunderlag' skrivs inte ut" in result.output


def test_a_needed_field_written_empty_is_said_at_its_value(tmp_path: Path) -> None:
    root = town(tmp_path, "")
    code, output, _ = render(root, tmp_path, CASE.replace("förvaltning: Kommunledningskontoret", "förvaltning:").replace(
        "diarienummer: KS 2024/1", 'diarienummer: ""'))
    assert code == 1
    assert "ärende.yaml:3:15: 'diarienummer' är tomt — fyll i ett värde" in output
    assert "ärende.yaml:5:13: 'förvaltning' är tomt — fyll i ett värde" in output
