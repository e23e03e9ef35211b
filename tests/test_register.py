"""The register of motions through the CLI: dates per lag (1930:173), states, table, CSV and JSON, bad data."""

from __future__ import annotations

import csv
import datetime
import io
import json
import shutil
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from drafter.cli import main
from drafter.docx.package import FINGERPRINT
from drafter.register.legaltime import months_after, one_year_after, years_after

ROOT = Path(__file__).resolve().parents[1]
REGISTER = ROOT / "motionsregister"
D = datetime.date


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


# --- lag (1930:173) om beräkning av lagstadgad tid -------------------------------------------------


@pytest.mark.parametrize(
    ("raised", "deadline"),
    [
        (D(2024, 2, 29), D(2025, 2, 28)),  # no 29 February: the last day of the month
        (D(2023, 2, 28), D(2024, 2, 28)),  # a leap year has 29 February, but the 28th is the same day
        (D(2023, 3, 1), D(2024, 3, 1)),
        (D(2024, 12, 31), D(2025, 12, 31)),  # across the year's end
        (D(2023, 1, 1), D(2024, 1, 1)),
    ],
)
def test_one_year_after(raised: datetime.date, deadline: datetime.date) -> None:
    assert one_year_after(raised) == deadline


def test_months_and_years() -> None:
    assert months_after(D(2024, 1, 31), 1) == D(2024, 2, 29)
    assert months_after(D(2023, 1, 31), 1) == D(2023, 2, 28)
    assert months_after(D(2023, 12, 15), 1) == D(2024, 1, 15)
    assert months_after(D(2024, 3, 31), -1) == D(2024, 2, 29)
    assert years_after(D(2020, 2, 29), 4) == D(2024, 2, 29)


# --- the sample register ---------------------------------------------------------------------------


def motions_json(day: str) -> dict[str, dict]:
    code, out, err = run("motioner", str(REGISTER), "--datum", day, "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert data["datum"] == day
    return {m["diarienummer"]: m for m in data["motioner"]}


def test_json_field_by_field() -> None:
    motions = motions_json("2025-06-30")
    assert len(motions) == 7
    states = {n: m["läge"] for n, m in motions.items()}
    assert states == {
        "KS 2023/00320": "avskriven",
        "KS 2023/00512": "på remiss",
        "KS 2024/00110": "beslutad av KF",
        "KS 2024/00188": "beslutad av KS",
        "KS 2024/00231": "svar skrivet",
        "KS 2024/00302": "på remiss",
        "KS 2024/00415": "inkommen",
    }
    bench = motions["KS 2024/00110"]
    assert bench["rubrik"] == "Fler parkbänkar längs ån"
    assert bench["motionärer"] == [{"namn": "Birgitta Holm", "parti": "S"}, {"namn": "Erik Lund", "parti": "S"}]
    assert bench["väckt"] == {"datum": "2024-02-29", "paragraf": 30}
    assert bench["ettårsdag"] == "2025-02-28"  # raised on a leap day
    assert bench["dagar-kvar"] is None and bench["beräknat-beslut"] is None  # decided
    assert bench["handläggare"] == "Karin Lindqvist"  # the memo's officer, not the nämnd's
    assert len(bench["filer"]) == 2
    dog = motions["KS 2023/00512"]
    assert dog["ettårsdag"] == "2024-12-11"
    assert dog["dagar-kvar"] == -201 and dog["försenad"] is True
    assert dog["beräknat-beslut"] == "2025-09-22"  # no meeting in time: the next one
    food = motions["KS 2024/00231"]
    assert food["handläggare"] == "Johan Ek"
    assert food["beräknat-beslut"] == "2025-09-22"  # planerat-beslut
    solar = motions["KS 2024/00415"]
    assert solar["ettårsdag"] == "2025-09-23" and solar["dagar-kvar"] == 85 and solar["försenad"] is False
    assert solar["beräknat-beslut"] == "2025-09-22"  # the last council meeting before the year runs out


def test_the_state_on_an_earlier_day() -> None:
    motions = motions_json("2024-12-31")
    assert motions["KS 2023/00320"]["läge"] == "inkommen"  # written off only in February 2025
    assert motions["KS 2024/00110"]["läge"] == "beslutad av KF"
    assert motions["KS 2024/00231"]["läge"] == "på remiss"  # the nämnd answered, the memo came in March
    assert motions["KS 2024/00188"]["läge"] == "inkommen"
    assert motions["KS 2024/00188"]["dagar-kvar"] == 84  # 2024-12-31 to 2025-03-25, across the year's end


def test_a_motion_raised_later_is_not_yet_in_the_register() -> None:
    assert sorted(motions_json("2024-03-01")) == ["KS 2023/00320", "KS 2023/00512", "KS 2024/00110"]


def test_csv() -> None:
    code, out, err = run("motioner", str(REGISTER), "--datum", "2025-06-30", "--format", "csv")
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(out), delimiter=";"))
    assert [r["diarienummer"] for r in rows][:2] == ["KS 2023/00320", "KS 2023/00512"]
    dog = rows[1]
    assert dog["rubrik"] == "En hundrastgård i Norra"
    assert dog["motionärer"] == "Eva Sandberg (L)"
    assert (dog["väckt"], dog["paragraf"], dog["ettårsdag"]) == ("2023-12-11", "140", "2024-12-11")
    assert (dog["läge"], dog["dagar-kvar"], dog["beräknat-beslut"]) == ("på remiss", "-201", "2025-09-22")


def test_table() -> None:
    code, out, err = run("motioner", str(REGISTER), "--datum", "2025-06-30")
    assert code == 0, err
    assert out.splitlines()[0].split()[:3] == ["Dnr", "Motion", "Motionärer"]
    line = next(line for line in out.splitlines() if line.startswith("KS 2023/00512"))
    assert "på remiss" in line and "201 dagar sen" in line
    assert out.rstrip().endswith("7 motion(er) den 2025-06-30: 5 inte färdigbehandlade, 4 efter ettårsdagen.")


# --- bad data --------------------------------------------------------------------------------------


MOTION = """\
dokument: protokollsutdrag
kommun: exempel
diarienummer: KS 1
datum: {datum}
förvaltning: F
handläggare: {{namn: A}}
organ: Kommunfullmäktige
paragraf: 1
rubrik: Motion om X
motion:
  rubrik: X
  väckt: {{datum: {väckt}, paragraf: 1}}
  motionärer: [{{namn: A, parti: S}}]
  att-satser: [att x]
beslutspunkter: [Motionen remitteras till kommunstyrelsen.]
"""

REFERENCE = """\
dokument: protokollsutdrag
kommun: exempel
diarienummer: KS 2
avser-motion: {ref}
datum: {datum}
förvaltning: F
handläggare: {{namn: A}}
organ: Kommunfullmäktige
paragraf: 2
rubrik: Motion om X
beslutspunkter: [Motionen bifalls.]
"""


def test_a_year_from_the_last_of_december(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(MOTION.format(datum="2024-12-31", väckt="2024-12-31"), encoding="utf-8")
    motions = {m["diarienummer"]: m for m in json.loads(run("motioner", str(tmp_path), "--datum", "2025-01-01", "--format", "json")[1])["motioner"]}
    assert motions["KS 1"]["ettårsdag"] == "2025-12-31"
    assert motions["KS 1"]["dagar-kvar"] == 364
    assert motions["KS 1"]["läge"] == "inkommen"


def test_two_files_that_disagree_about_the_date(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(MOTION.format(datum="2024-01-10", väckt="2024-01-10"), encoding="utf-8")
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "b.yaml").write_text(MOTION.format(datum="2024-01-10", väckt="2024-01-11"), encoding="utf-8")
    code, out, err = run("motioner", str(tmp_path))
    assert code == 1 and out == ""
    assert f"{tmp_path / 'b' / 'b.yaml'}:12:18: motionen KS 1: 'väckt' är 2024-01-11 här men 2024-01-10 i {tmp_path / 'a.yaml'}:12:18" in err


def test_a_decision_before_the_motion(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(MOTION.format(datum="2024-01-10", väckt="2024-01-10"), encoding="utf-8")
    (tmp_path / "c.yaml").write_text(REFERENCE.format(ref="KS 1", datum="2023-12-01"), encoding="utf-8")
    code, _, err = run("motioner", str(tmp_path))
    assert code == 1
    assert f"{tmp_path / 'c.yaml'}:5:8: motionen KS 1: beslutet 2023-12-01 (beslutad av KF) ligger före motionens väckt-datum 2024-01-10" in err


def test_two_council_decisions_on_different_days(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(MOTION.format(datum="2024-01-10", väckt="2024-01-10"), encoding="utf-8")
    (tmp_path / "c.yaml").write_text(REFERENCE.format(ref="KS 1", datum="2024-05-20"), encoding="utf-8")
    (tmp_path / "d.yaml").write_text(REFERENCE.format(ref="KS 1", datum="2024-06-17"), encoding="utf-8")
    code, out, err = run("motioner", str(tmp_path))
    assert code == 1 and out == ""
    assert (
        f"{tmp_path / 'd.yaml'}:5:8: motionen KS 1: kommunfullmäktige avgjorde den 2024-06-17 (beslutad av KF) här men "
        f"2024-05-20 (beslutad av KF) i {tmp_path / 'c.yaml'}:5:8"
    ) in err
    # The same decision recorded in two files (same day) is no conflict; minutes need no handläggare.
    (tmp_path / "c.yaml").write_text(REFERENCE.format(ref="KS 1", datum="2024-05-20").replace("förvaltning: F\nhandläggare: {namn: A}\n", ""), encoding="utf-8")
    assert "handläggare" not in (tmp_path / "c.yaml").read_text(encoding="utf-8")
    (tmp_path / "d.yaml").write_text(REFERENCE.format(ref="KS 1", datum="2024-05-20"), encoding="utf-8")
    code, _, err = run("motioner", str(tmp_path), "--datum", "2024-07-01")
    assert code == 0, err


def test_a_reference_to_a_motion_that_does_not_exist(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(MOTION.format(datum="2024-01-10", väckt="2024-01-10"), encoding="utf-8")
    (tmp_path / "c.yaml").write_text(REFERENCE.format(ref="KS 9", datum="2024-03-01"), encoding="utf-8")
    code, _, err = run("motioner", str(tmp_path))
    assert code == 1
    assert f"{tmp_path / 'c.yaml'}:4:15: ingen ärendefil i registret har motionen 'KS 9' — finns: KS 1" in err


def test_a_bad_date_option() -> None:
    code, _, err = run("motioner", str(REGISTER), "--datum", "2025-13-01")
    assert code == 2 and "ÅÅÅÅ-MM-DD" in err


# --- the decision recorded once: two documents from one case --------------------------------------


def texts(path: Path) -> str:
    return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)


def fingerprint(path: Path) -> str:
    from drafter.docx.package import custom_properties, read, read_file

    return custom_properties(read(read_file(path)))[FINGERPRINT]


def test_the_decision_gives_its_protokollsutdrag(tmp_path: Path) -> None:
    code, out, err = run("render", str(REGISTER / "2024" / "parkbankar.yaml"), "-o", str(tmp_path))
    assert code == 0, err
    memo, extract = tmp_path / "parkbankar.docx", tmp_path / "parkbankar-protokollsutdrag.docx"
    assert out.split() == [str(memo), str(extract)]
    text = texts(extract)
    assert "Kommunfullmäktige beslutar" in text
    assert "Motionen bifalls." in text
    assert "Lars Ek (SD) reserverar sig mot beslutet till förmån för eget yrkande om avslag." in text
    assert "§ 112" in text
    assert "Kommunstyrelsen föreslår kommunfullmäktige besluta" in texts(memo)
    assert fingerprint(memo) != fingerprint(extract)


def test_the_board_proposing_to_the_council(tmp_path: Path) -> None:
    code, _, err = run("render", str(REGISTER / "2024" / "laddstolpar.yaml"), "-o", str(tmp_path))
    assert code == 0, err
    text = texts(tmp_path / "laddstolpar-protokollsutdrag.docx")
    assert "Kommunstyrelsen föreslår kommunfullmäktige besluta" in text
    assert "Motionen anses besvarad med hänvisning till förvaltningens redogörelse." in text


def test_the_board_s_own_decisions_and_its_proposal_in_two_levels(tmp_path: Path) -> None:
    case = (REGISTER / "2024" / "laddstolpar.yaml").read_text(encoding="utf-8")
    case = case.replace("skickas-till:", "egna-beslut:\n  - Kommunstyrelsen uppdrar åt förvaltningen att följa upp planen.\nskickas-till:")
    (tmp_path / "l.yaml").write_text(case, encoding="utf-8")
    code, _, err = run("render", str(tmp_path / "l.yaml"), "-o", str(tmp_path))
    assert code == 0, err
    paragraphs = [p.text for p in docx.Document(str(tmp_path / "l-protokollsutdrag.docx")).paragraphs]
    start = paragraphs.index("Beslut")
    assert paragraphs[start:start + 5] == [
        "Beslut",
        "Kommunstyrelsens beslut",
        "Kommunstyrelsen uppdrar åt förvaltningen att följa upp planen.",
        "Kommunstyrelsens förslag till kommunfullmäktiges beslut",
        "Motionen anses besvarad med hänvisning till förvaltningens redogörelse.",
    ]
    assert "Kommunstyrelsen beslutar" not in paragraphs
    # The memo has the same two levels under "Förslag till beslut".
    memo = [p.text for p in docx.Document(str(tmp_path / "l.docx")).paragraphs]
    assert "Kommunstyrelsens beslut" in memo and "Kommunstyrelsens förslag till kommunfullmäktiges beslut" in memo


@pytest.mark.parametrize("markdown", [False, True])
def test_preview_shows_the_memo_and_the_extract(markdown: bool) -> None:
    code, out, err = run("preview", *(["--markdown"] if markdown else []), str(REGISTER / "2024" / "parkbankar.yaml"))
    assert code == 0, err
    rule = "=" * 72
    memo_at = out.index(f"{rule}\nTjänsteskrivelse: parkbankar.docx\n{rule}\n")
    extract_at = out.index(f"{rule}\nProtokollsutdrag: parkbankar-protokollsutdrag.docx\n{rule}\n")
    assert memo_at == 0 < extract_at
    memo, extract = out[:extract_at], out[extract_at:]
    assert "föreslår kommunfullmäktige besluta" in memo and "Lars Ek (SD)" not in memo
    assert "Kommunfullmäktige beslutar" in extract and "Lars Ek (SD) reserverar sig" in extract
    assert "§ 112" in extract
    assert ("::: Dokumenttyp" in extract) == markdown  # the Markdown form keeps its markup
    # A case without a decision shows its memo alone, as before.
    code, out, _ = run("preview", str(REGISTER / "2024" / "skolmat.yaml"))
    assert code == 0 and rule not in out and "Protokollsutdrag" not in out


def test_an_extract_never_takes_another_case_s_name(tmp_path: Path) -> None:
    shutil.copy(REGISTER / "2024" / "parkbankar.yaml", tmp_path / "parkbankar.yaml")
    shutil.copy(REGISTER / "2023" / "hundrastgard-remiss.yaml", tmp_path / "parkbankar-protokollsutdrag.yaml")
    shutil.copy(REGISTER / "2023" / "hundrastgard-anmalan.yaml", tmp_path / "hundrastgard-anmalan.yaml")
    code, _, err = run("render", str(tmp_path), "-o", str(tmp_path / "ut"), "-j", "1")
    assert code == 1
    assert "ger samma utkast som" in err and "byt namn på en av dem" in err


def test_a_decision_needs_points_or_as_proposed(tmp_path: Path) -> None:
    case = (REGISTER / "2024" / "parkbankar.yaml").read_text(encoding="utf-8").replace("  enligt-förslaget: true\n", "")
    (tmp_path / "p.yaml").write_text(case, encoding="utf-8")
    code, _, err = run("validate", str(tmp_path / "p.yaml"))
    assert code == 1
    assert "ange 'enligt-förslaget: true' eller organets egna 'beslutspunkter'" in err


# --- the half-yearly report ------------------------------------------------------------------------


def test_the_report_lists_the_motions_not_finished(tmp_path: Path) -> None:
    code, _, err = run("render", str(REGISTER / "redovisning-2025-1.yaml"), "-o", str(tmp_path))
    assert code == 0, err
    document = docx.Document(str(tmp_path / "redovisning-2025-1.docx"))
    text = texts(tmp_path / "redovisning-2025-1.docx")
    assert "Redovisningen av motioner som inte beretts färdigt läggs till handlingarna." in text
    assert "Motionen ”En hundrastgård i Norra” (KS 2023/00512) avskrivs från vidare handläggning." in text
    assert "Den 30 juni 2025 var fem motioner inte färdigberedda." in text
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "Motion")
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert rows[0] == ["Motion", "Väckt", "Ett år", "Läge", "Beräknat beslut"]
    assert [r[0].rsplit("(", 1)[1] for r in rows[1:]] == [
        "KS 2023/00512)", "KS 2024/00188)", "KS 2024/00231)", "KS 2024/00302)", "KS 2024/00415)"
    ]
    assert rows[5][1:] == ["2024-09-23, § 102", "2025-09-23", "inkommen", "2025-09-22"]


def test_the_report_s_columns_follow_their_content(tmp_path: Path) -> None:
    from drafter.docx.widths import CELL_PADDING, text_width

    code, _, err = run("render", str(REGISTER / "redovisning-2025-1.yaml"), "-o", str(tmp_path))
    assert code == 0, err
    document = docx.Document(str(tmp_path / "redovisning-2025-1.docx"))
    section = document.sections[0]
    page_text = (section.page_width - section.left_margin - section.right_margin) / 635  # EMU to twips
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "Motion")
    grid = [int(c.get(docx.oxml.ns.qn("w:w"))) for c in table._tbl.tblGrid.findall(docx.oxml.ns.qn("w:gridCol"))]
    assert abs(sum(grid) - page_text) <= 1
    assert grid[0] == max(grid) and grid[0] > 1.5 * page_text / 5  # the motion's title has the room
    for i, width in enumerate(grid):  # no word is cut: each column holds its longest word
        longest_word = max(text_width(w) for row in table.rows for w in row.cells[i].text.split())
        assert width >= longest_word + CELL_PADDING
    for row in table.rows:  # every cell says the same width as the grid
        assert [int(c._tc.tcPr.tcW.get(docx.oxml.ns.qn("w:w"))) for c in row.cells] == grid
    # Rendered again: the same bytes.
    first = (tmp_path / "redovisning-2025-1.docx").read_bytes()
    assert run("render", str(REGISTER / "redovisning-2025-1.yaml"), "-o", str(tmp_path / "igen"))[0] == 0
    assert (tmp_path / "igen" / "redovisning-2025-1.docx").read_bytes() == first


def test_a_table_of_alike_columns_stays_even(tmp_path: Path) -> None:
    code, _, err = run("render", str(REGISTER / "2024" / "parkbankar.yaml"), "-o", str(tmp_path))
    assert code == 0, err
    footer = docx.Document(str(tmp_path / "parkbankar-protokollsutdrag.docx")).sections[0].footer.tables[0]
    grid = [int(c.get(docx.oxml.ns.qn("w:w"))) for c in footer._tbl.tblGrid.findall(docx.oxml.ns.qn("w:gridCol"))]
    assert [c.text for c in footer.rows[0].cells] == ["Ordförandes sign", "Justerandes sign", "Justerandes sign", "Utdragsbestyrkande"]
    assert grid[1] == grid[2] and max(grid) - min(grid) < sum(grid) / 10  # alike headers: alike columns


def test_motioner_rapport_writes_the_report_s_case_file(tmp_path: Path) -> None:
    target = tmp_path / "ks" / "redovisning.yaml"
    code, out, err = run("motioner", str(REGISTER), "--datum", "2025-08-18", "--rapport", str(target))
    assert code == 0, err
    assert out.strip() == str(target)
    text = target.read_text(encoding="utf-8")
    for line in ("dokument: redovisning-av-motioner", "kommun: exempel", "datum: 2025-08-18",
                 "  från: 2025-01-01", "  till: 2025-06-30", "#   KS 2023/00512: En hundrastgård i Norra (ettårsdag 2024-12-11, på remiss)"):
        assert line in text.split("\n"), line
    assert "KS 2024/00415" not in text  # within its year: not among the candidates for a write-off
    code, _, err = run("validate", str(target))
    assert code == 1 and "FYLL I" in err  # the registrar fills in the rest
    filled = text.replace("diarienummer: FYLL I", "diarienummer: KS 2025/1").replace("FYLL I", "Kommunledningskontoret")
    target.write_text(filled, encoding="utf-8")
    code, _, err = run("render", str(target), "-o", str(tmp_path / "ut"))
    assert code == 0, err
    assert "Den 30 juni 2025 var fem motioner inte färdigberedda." in texts(tmp_path / "ut" / "redovisning.docx")
    # Never over a file that exists; a day in the first half-year reports the second half of the year before.
    code, _, err = run("motioner", str(REGISTER), "--rapport", str(target))
    assert code == 1 and f"{target}:1:1: filen finns redan" in err
    code, _, err = run("motioner", str(REGISTER), "--datum", "2025-03-01", "--rapport", str(tmp_path / "r2.yaml"))
    assert code == 0, err
    assert "  från: 2024-07-01\n" in (tmp_path / "r2.yaml").read_text(encoding="utf-8")


def test_the_report_alone_in_a_folder_has_no_motions(tmp_path: Path) -> None:
    shutil.copy(ROOT / "cases" / "exempel-redovisning-av-motioner.yaml", tmp_path / "r.yaml")
    code, _, err = run("render", str(tmp_path / "r.yaml"), "-o", str(tmp_path))
    assert code == 0, err
    assert "Den 30 juni 2024 fanns inga motioner som inte var färdigberedda." in texts(tmp_path / "r.docx")


def test_a_write_off_of_a_motion_not_in_the_register(tmp_path: Path) -> None:
    case = (ROOT / "cases" / "exempel-redovisning-av-motioner.yaml").read_text(encoding="utf-8")
    (tmp_path / "r.yaml").write_text(case.replace("  till: 2024-06-30\n", "  till: 2024-06-30\n  avskrivs: [KS 7]\n"), encoding="utf-8")
    code, _, err = run("render", str(tmp_path / "r.yaml"), "-o", str(tmp_path))
    assert code == 1
    assert f"{tmp_path / 'r.yaml'}:20:14: motionen 'KS 7' finns inte i registret" in err
    assert not list(tmp_path.glob("*.docx"))


def test_a_missing_register_folder(tmp_path: Path) -> None:
    case = (ROOT / "cases" / "exempel-redovisning-av-motioner.yaml").read_text(encoding="utf-8")
    (tmp_path / "r.yaml").write_text(case.replace("mapp: .", "mapp: saknas"), encoding="utf-8")
    code, _, err = run("validate", str(tmp_path / "r.yaml"))
    assert code == 1
    assert f"{tmp_path / 'r.yaml'}:17:9: mappen 'saknas' finns inte" in err


def test_drafter_check_passes_the_register_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    code, out, err = run("check", "motionsregister", "--utan-täckning", "-j", "1")
    assert code == 0, out + err
    assert "godkänd text (protokollsutdrag)" not in out  # passed: nothing to report
    assert "13 ärende(n)" in out


# --- the deadline warning ---------------------------------------------------------------------------


def test_a_warning_when_the_year_runs_out(tmp_path: Path) -> None:
    case = (REGISTER / "2024" / "skolmat.yaml").read_text(encoding="utf-8")
    case = case.replace("  - {organ: Kommunfullmäktige, datum: 2025-02-24, paragraf: 15, beslut: lägga redovisningen av motioner som inte beretts färdigt till handlingarna}\n", "")
    (tmp_path / "s.yaml").write_text(case.replace("datum: 2025-03-10", "datum: 2025-03-03"), encoding="utf-8")
    code, _, err = run("validate", str(tmp_path / "s.yaml"))
    assert code == 0, err
    assert "varning: 50 dagar kvar (vid skrivelsens datum 2025-03-03) till 2025-04-22" in err
    assert "kommunfullmäktige har inget sammanträde före dess" in err
    (tmp_path / "s.yaml").write_text(case.replace("datum: 2025-03-10", "datum: 2025-02-23"), encoding="utf-8")
    code, _, err = run("validate", str(tmp_path / "s.yaml"))
    assert "kommunfullmäktiges sista sammanträde före dess är 2025-02-24" in err


def test_the_warning_reads_the_town_given_with_mallar(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A town kept in its own folder, given with --mallar: its meeting dates and warning days."""
    monkeypatch.delenv("DRAFTER_MALLAR", raising=False)
    town = tmp_path / "egenby"
    shutil.copytree(ROOT / "drafter" / "data" / "templates" / "exempel", town)
    profile = (town / "profil.yaml").read_text(encoding="utf-8")
    start = profile.index("\nsammanträden:") + 1
    end = profile.index("\n", profile.index("]", start))
    profile = profile[:start] + 'sammanträden: ["2025-03-17", "2025-04-14"]\nmotionsvarning-dagar: 30' + profile[end:]
    (town / "profil.yaml").write_text(profile, encoding="utf-8")
    case = (REGISTER / "2024" / "skolmat.yaml").read_text(encoding="utf-8").replace("kommun: exempel", "kommun: egenby")
    case = case.replace("  - {organ: Kommunfullmäktige, datum: 2025-02-24, paragraf: 15, beslut: lägga redovisningen av motioner som inte beretts färdigt till handlingarna}\n", "")
    (tmp_path / "s.yaml").write_text(case.replace("datum: 2025-03-10", "datum: 2025-03-03"), encoding="utf-8")
    for command in ("validate", "render"):
        extra = ["-o", str(tmp_path / "ut")] if command == "render" else []
        code, _, err = run(command, str(tmp_path / "s.yaml"), "--mallar", str(town), *extra)
        assert code == 0, err
        assert "varning: 50 dagar kvar" not in err  # 50 days: more than the town's 30
    (tmp_path / "s.yaml").write_text(case.replace("datum: 2025-03-10", "datum: 2025-03-24"), encoding="utf-8")
    code, _, err = run("validate", str(tmp_path / "s.yaml"), "--mallar", str(town))
    assert code == 0, err
    assert "varning: 29 dagar kvar (vid skrivelsens datum 2025-03-24) till 2025-04-22" in err
    assert "kommunfullmäktiges sista sammanträde före dess är 2025-04-14" in err
    (tmp_path / "check").mkdir()
    shutil.copy(tmp_path / "s.yaml", tmp_path / "check" / "s.yaml")
    code, out, err = run("check", str(tmp_path / "check"), "--mallar", str(town), "--utan-täckning", "-j", "1")
    assert "sista sammanträde före dess är 2025-04-14" in out + err


def test_a_register_read_again_sees_an_edited_file(tmp_path: Path) -> None:
    """The register of a folder is read once per process while its files are unchanged; an edit is seen."""
    from drafter.register.collect import read_register

    folder = tmp_path / "register"
    shutil.copytree(ROOT / "motionsregister", folder)
    first = read_register(folder)
    assert read_register(folder) is first  # unchanged files: not read again
    case = folder / "2024" / "solceller-anmalan.yaml"
    case.write_text(case.read_text(encoding="utf-8").replace("  rubrik: Solceller på kommunens tak",
                                                             "  rubrik: Solceller på alla tak"), encoding="utf-8")
    titles = [m.fact("rubrik") for m in read_register(folder).motions.values()]
    assert "Solceller på alla tak" in titles and "Solceller på kommunens tak" not in titles
