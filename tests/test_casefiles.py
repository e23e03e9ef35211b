"""Which files count as case files, and checking a single one."""

from pathlib import Path

from click.testing import CliRunner

from drafter.case.files import case_files
from drafter.cli import main

ROOT = Path(__file__).resolve().parents[1]


def test_upper_case_suffixes_are_case_files_too(tmp_path):
    for name in ("a.yaml", "B.YAML", "c.Yml", "d.txt"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    (tmp_path / "mapp.yaml").mkdir()
    assert [p.name for p in case_files([tmp_path])] == ["B.YAML", "a.yaml", "c.Yml"]


def test_checking_one_case_does_not_ask_for_coverage(monkeypatch):
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(main, ["check", "cases/exempel-tjänsteskrivelse.yaml"])
    assert result.exit_code == 0, result.output
    assert "prövas inte" not in result.output and "används inte av något" not in result.output


def test_drafts_whose_names_differ_only_in_case_are_one_name(tmp_path):
    """On Windows and macOS 'Möte-A.docx' and 'möte-a.docx' are one file: the second would overwrite."""
    case = (ROOT / "cases" / "arboga-integration.yaml").read_text(encoding="utf-8")
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "Möte-A.yaml").write_text(case, encoding="utf-8")
    (tmp_path / "b" / "möte-a.yml").write_text(case, encoding="utf-8")
    result = CliRunner().invoke(main, ["render", str(tmp_path), "-o", str(tmp_path / "ut"), "-j", "1", "--mallar", str(ROOT / "drafter" / "data" / "templates")])
    assert result.exit_code == 1
    assert "ger samma utkast som" in result.output
    assert len(list((tmp_path / "ut").glob("*.docx"))) == 1
