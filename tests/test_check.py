"""drafter check: approved renderings, template errors, coverage, domain rules and report formats."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from drafter.ci import reports
from drafter.ci import runner as checking
from drafter.cli import main
from drafter.case.rules import check_case
from drafter.case.source import load_text
from drafter.case.model import Case
from drafter.case.validation import validate

REPO = Path(__file__).resolve().parent.parent
DRAFTER = REPO / ".venv" / "bin" / "drafter"
GITHUB_LINE = re.compile(r"^::(error|warning|notice) (file=[^,]+,line=\d+,col=\d+,)?title=[^:]+::.+$")


@pytest.fixture(scope="session")
def approved_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's templates and sample cases, approved as they render now (made once)."""
    root = tmp_path_factory.mktemp("approved")
    shutil.copytree(REPO / "drafter" / "data" / "templates", root / "templates")
    (root / "cases").mkdir()
    for case in sorted((REPO / "cases").glob("*.yaml")):
        shutil.copy(case, root / "cases" / case.name)
    cases, _ = checking.split_paths([root / "cases"])
    report = checking.run(cases, root / "templates", update=True)
    assert len(report.updated) == len(cases), reports.format_text(report)
    return root


@pytest.fixture
def repo(approved_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh copy of ``approved_copy`` as the working folder."""
    root = tmp_path / "repo"
    shutil.copytree(approved_copy, root)
    monkeypatch.chdir(root)
    monkeypatch.setenv("DRAFTER_MALLAR", "templates")  # relative, as a user writes it
    return root


def run_check(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["check", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.stdout


def run_subprocess(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    command = [str(DRAFTER)] if DRAFTER.exists() else [sys.executable, "-m", "drafter.cli"]
    env = {**os.environ, "DRAFTER_MALLAR": "templates"}
    return subprocess.run([*command, *args], cwd=cwd, capture_output=True, text=True, env=env, check=False)


def base_template(root: Path) -> Path:
    """The template every document kind extends: its title line is in every rendering."""
    return root / "templates" / "_default" / "dokument.md.j2"


BASE = Path("templates/_default/dokument.md.j2")


def edit_line(path: Path, old: str, new: str) -> int:
    """Replace ``old`` on its (first) line in ``path``; return that line's number."""
    lines = path.read_text(encoding="utf-8").split("\n")
    for number, line in enumerate(lines, 1):
        if old in line:
            lines[number - 1] = line.replace(old, new, 1)
            path.write_text("\n".join(lines), encoding="utf-8")
            return number
    raise AssertionError(f"{old!r} not in {path}")


def a_template_line_with_text(path: Path) -> tuple[int, str]:
    """A line of ``path`` that every rendering writes: the document's title, '# …'.
    Text appended to it lands in the output (after any block on the line)."""
    for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
        if line.startswith("# "):
            return number, line
    raise AssertionError(f"no title line in {path}")


# --- the repository itself ------------------------------------------------------------------


def test_the_repository_passes_its_own_check(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    code, out = run_check()
    assert code == 0, out
    assert "drafter check OK" in out


def test_the_fixture_copy_passes_once_approved(repo: Path) -> None:
    code, out = run_check()
    assert code == 0, out
    assert all((repo / "cases" / f"{c.stem}.md").is_file() for c in (repo / "cases").glob("*.yaml"))


# --- approved renderings ----------------------------------------------------------------------


def test_a_changed_template_fails_with_the_diff_and_the_template_line(repo: Path) -> None:
    template = base_template(repo)
    number, line = a_template_line_with_text(template)
    edit_line(template, line, line + " och mer")
    code, out = run_check()
    assert code == 1
    assert "skiljer sig från den godkända" in out
    assert re.search(r"^\+# .* och mer$", out, re.M), out  # the unified diff, new side
    assert re.search(r"^-# ", out, re.M)  # and the old side
    assert f"{BASE}:{number}:1: fel:" in out


def test_update_approves_the_new_text_after_showing_it(repo: Path) -> None:
    template = base_template(repo)
    number, line = a_template_line_with_text(template)
    edit_line(template, line, line + " (ny)")
    code, out = run_check("--update")
    assert code == 0, out
    assert "godkänd text uppdaterad" in out
    assert re.search(r"^\+# .* \(ny\)$", out, re.M)  # shown before approving
    approved = [p.read_text(encoding="utf-8") for p in (repo / "cases").glob("*.md")]
    assert any("(ny)" in text for text in approved)
    assert run_check()[0] == 0


def test_a_case_without_an_approved_copy_fails_with_a_hint(repo: Path) -> None:
    victim = sorted((repo / "cases").glob("*.md"))[0]
    victim.unlink()
    code, out = run_check()
    assert code == 1
    assert "godkänd text saknas" in out and "--update" in out


def test_a_line_removed_from_a_template_is_blamed_near_where_it_was(repo: Path) -> None:
    template = base_template(repo)
    number, line = a_template_line_with_text(template)
    edit_line(template, line, "")
    code, out = run_check()
    assert code == 1
    assert re.search(r"^-# ", out, re.M)
    blamed = [int(n) for n in re.findall(r"dokument\.md\.j2:(\d+):1: fel: text som den godkända har saknas", out)]
    assert blamed and all(abs(n - number) <= 5 for n in blamed), out


def test_an_approved_copy_without_its_case_is_a_warning(repo: Path) -> None:
    case = sorted((repo / "cases").glob("*.yaml"))[0]
    case.rename(case.with_name("nytt-namn.yaml"))
    code, out = run_check("--update")
    assert code == 0, out
    assert f"{Path('cases') / case.with_suffix('.md').name}:1:1: varning: godkänd text utan ärendefil" in out
    code, out = run_check("--update", "--strikt")
    assert code == 1


# --- templates ----------------------------------------------------------------------------------


def test_an_undefined_name_is_found_statically_with_its_line(repo: Path) -> None:
    template = base_template(repo)
    number, line = a_template_line_with_text(template)
    edit_line(template, line, line + " {{ förvaltningen }}")
    code, out = run_check()
    assert code == 1
    where = f"{BASE}:{number}:1"
    assert f"{where}: fel: 'förvaltningen' är inte definierad" in out
    assert "menade du 'förvaltning'?" in out


def test_a_misspelt_field_is_found_statically(repo: Path) -> None:
    template = base_template(repo)
    number, line = a_template_line_with_text(template)
    edit_line(template, line, line + "{% if motion %} {{ motion.rubrk }}{% endif %}")
    code, out = run_check()
    assert code == 1
    assert f"dokument.md.j2:{number}:1: fel: fältet 'rubrk' finns inte — menade du 'rubrik'?" in out


def test_a_misspelt_profile_key_is_found_statically(repo: Path) -> None:
    template = base_template(repo)
    number, line = a_template_line_with_text(template)
    edit_line(template, line, line + " {{ profil.etiketter.finnsinte }}")
    code, out = run_check()
    assert f"dokument.md.j2:{number}:1: fel: profilen har inget fält 'finnsinte'" in out


def test_an_error_only_rendering_finds_names_the_template_and_the_case(repo: Path) -> None:
    template = base_template(repo)
    number, line = a_template_line_with_text(template)
    edit_line(template, line, line + " {{ profil.namn.finnsinte }}")  # a text has no fields: only rendering shows it
    code, out = run_check()
    assert code == 1
    match = re.search(rf"^(\S*dokument\.md\.j2):{number}:1: fel: mallfel: .*\(när (cases/\S+\.yaml) renderades\)$", out, re.M)
    assert match, out


def test_a_syntax_error_names_the_template_line(repo: Path) -> None:
    template = base_template(repo)
    number, line = a_template_line_with_text(template)
    edit_line(template, line, line + " {% if %}")
    code, out = run_check()
    assert code == 1
    assert f"dokument.md.j2:{number}:1: fel: mallfel:" in out


def test_an_uncovered_profile_and_template_are_reported(repo: Path) -> None:
    new = repo / "templates" / "nykommun"
    new.mkdir()
    (new / "profil.yaml").write_text("namn: Nya kommunen\n", encoding="utf-8")
    (new / "egen.md.j2").write_text("{{ diarienummer }}\n", encoding="utf-8")
    code, out = run_check()
    assert code == 1
    assert "kommunprofilen 'nykommun' prövas inte av något provärende" in out
    assert f"{Path('templates/nykommun/egen.md.j2')}:1:1: fel: mallen används inte" in out


def test_paths_name_cases_and_templates(repo: Path, tmp_path: Path) -> None:
    one = sorted((repo / "cases").glob("*.yaml"))[0]
    code, out = run_check(str(one), str(repo / "templates"))
    assert f"av 1 ärende(n)" in out
    # with one case, other kinds or profiles may be left uncovered: that is reported, not hidden
    assert code in (0, 1)


def test_not_a_templates_folder_is_a_located_error(repo: Path) -> None:
    result = CliRunner().invoke(main, ["check", "--mallar", str(repo / "cases")])
    assert result.exit_code == 1
    assert f"{repo / 'cases'}:1:1: ingen mallmapp" in result.stderr


# --- domain rules ---------------------------------------------------------------------------------

CASE = """\
dokument: svar-på-motion
kommun: arboga
diarienummer: KS 2023/1
datum: {datum}
förvaltning: Kommunstyrelseförvaltningen
handläggare: {{namn: Anna Andersson}}
mottagare: Kommunstyrelsen
motion:
  rubrik: Cykelvägar
  väckt: {{datum: 2023-05-25, paragraf: 87}}
  motionärer: [{{namn: Ann Ek, parti: C}}]
  att-satser: [att cykelvägar byggs]
historik:
{historik}
ställningstagande: besvarad
redogörelse: Text.
"""


def findings(datum: str = "2024-01-15", historik: str = "  []") -> dict[str, list]:
    text = CASE.format(datum=datum, historik=historik).replace("historik:\n  []", "historik: []")
    loaded = load_text(text, "case.yaml")
    case = validate(loaded, Case)
    return {rule.name: found for rule, found in check_case(case, loaded)}


def test_a_sound_case_has_no_findings() -> None:
    assert not any(findings().values())


def test_a_motion_older_than_a_year_is_a_warning_at_its_date() -> None:
    found = findings(datum="2024-06-01")["motion äldre än ett år"]
    assert [f.severity for f in found] == ["warning"]
    assert found[0].problem.line == 10  # motion.väckt
    assert "5 kap. 35 §" in found[0].problem.message


def test_a_report_to_the_council_within_the_year_silences_the_warning() -> None:
    history = "  - {organ: Kommunfullmäktige, datum: 2024-04-10, beslut: lägga redovisningen till handlingarna}"
    assert findings(datum="2024-06-01", historik=history)["motion äldre än ett år"] == []


def test_a_memo_dated_before_the_motion_is_an_error_at_the_memo_date() -> None:
    found = findings(datum="2023-01-15")["skrivelse före motion"]
    assert [f.severity for f in found] == ["error"]
    assert (found[0].problem.line, found[0].problem.column) == (4, 8)


def test_history_out_of_order_is_an_error_at_the_later_entry() -> None:
    history = (
        "  - {organ: KSAU, datum: 2023-09-01, beslut: remittera motionen}\n"
        "  - {organ: KF, datum: 2023-06-01, beslut: remittera motionen till KS}"
    )
    found = findings(historik=history)["historik i tidsordning"]
    assert [f.severity for f in found] == ["error"]
    assert found[0].problem.line == 15
    assert "inte i tidsordning" in found[0].problem.message


def test_domain_findings_are_reported_by_check_at_the_case_field(repo: Path) -> None:
    case = repo / "cases" / "sen.yaml"
    case.write_text(CASE.format(datum="2022-01-15", historik="  []").replace("historik:\n  []", "historik: []"), encoding="utf-8")
    code, out = run_check("--update")
    assert code == 1
    assert f"{Path('cases/sen.yaml')}:4:8: fel: skrivelsens datum 2022-01-15 ligger före motionens" in out


# --- formats ------------------------------------------------------------------------------------


def test_github_format_annotates_file_and_line(repo: Path) -> None:
    template = base_template(repo)
    number, line = a_template_line_with_text(template)
    edit_line(template, line, line + " ändrad")
    code, out = run_check("--format", "github")
    assert code == 1
    annotations = [l for l in out.splitlines() if l.startswith("::")]
    assert annotations and all(GITHUB_LINE.match(l) for l in annotations), annotations
    assert any(l.startswith(f"::error file={BASE},line={number},col=1,") for l in annotations)
    diff = next(l for l in annotations if "skiljer sig" in l)
    assert "%0A" in diff and "\n" not in diff  # the diff travels inside the one annotation


def test_junit_file_parses_with_one_testcase_per_subject_and_check(repo: Path) -> None:
    template = base_template(repo)
    number, line = a_template_line_with_text(template)
    edit_line(template, line, line + " ändrad")
    code, out = run_check("--junit-fil", "rapport/junit.xml")
    assert code == 1
    root = ET.parse(repo / "rapport" / "junit.xml").getroot()
    assert root.tag == "testsuites"
    cases = root.findall("./testsuite/testcase")
    names = {(c.get("classname"), c.get("name")) for c in cases}
    assert len(names) == len(cases)  # one per subject and check
    suites = {s.get("name") for s in root.findall("testsuite")}
    assert {"ärenden", "mallar", "dokumenttyper", "profiler"} <= suites
    failed = [c for c in cases if c.find("failure") is not None]
    assert any(c.get("name") == "godkänd text" for c in failed)
    assert int(root.get("failures")) == len(failed)
    assert "drafter check MISSLYCKADES" in out  # text on stdout beside the file


def test_junit_format_to_stdout(repo: Path) -> None:
    code, out = run_check("--format", "junit")
    assert code == 0
    root = ET.fromstring(out)
    assert root.get("failures") == "0" and int(root.get("tests")) > 0


# --- as a subprocess ---------------------------------------------------------------------------------


def test_subprocess_check_fails_on_a_changed_template_and_update_approves(repo: Path) -> None:
    template = base_template(repo)
    number, line = a_template_line_with_text(template)
    edit_line(template, line, line + " i en process")
    failed = run_subprocess(repo, "check")
    assert failed.returncode == 1, failed.stderr
    assert f"dokument.md.j2:{number}:1: fel:" in failed.stdout
    assert re.search(r"^\+# .* i en process$", failed.stdout, re.M)
    approved = run_subprocess(repo, "check", "--update")
    assert approved.returncode == 0, approved.stdout + approved.stderr
    again = run_subprocess(repo, "check", "--format", "github")
    assert again.returncode == 0
    assert again.stdout.strip().splitlines()[-1].startswith("drafter check OK")


def test_a_profile_value_that_cannot_be_is_found_statically(repo: Path) -> None:
    template = base_template(repo)
    number, line = a_template_line_with_text(template)
    edit_line(template, line, line + '{% if profil.beslutsform == "numerad" %}x{% endif %}')
    code, out = run_check()
    assert code == 1
    assert f"dokument.md.j2:{number}:1: fel: profil.beslutsform kan inte vara 'numerad'" in out
    assert "menade du 'numrerad'?" in out


def test_parallel_check_gives_the_same_report(repo: Path) -> None:
    template = base_template(repo)
    number, line = a_template_line_with_text(template)
    edit_line(template, line, line + " parallellt")
    serial, parallel = run_subprocess(repo, "check", "-j", "1"), run_subprocess(repo, "check", "-j", "3")
    assert serial.returncode == parallel.returncode == 1
    timing = re.compile(r"\(\d+\.\d s\)$", re.M)
    assert timing.sub("", serial.stdout) == timing.sub("", parallel.stdout)
    assert f"dokument.md.j2:{number}:1: fel:" in parallel.stdout


def test_an_accessibility_problem_in_a_draft_fails_the_check_with_its_criterion(repo: Path) -> None:
    # A heading that jumps from the title (level 1) to level 4: screen readers lose the structure.
    template = base_template(repo)
    number, line = a_template_line_with_text(template)
    edit_line(template, line, line + "\n\n#### Hoppar över två nivåer\n")
    code, out = run_check()
    assert code == 1
    assert "WCAG 1.3.1" in out, out
