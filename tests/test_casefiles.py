"""Which files count as case files, and checking a single one."""

from pathlib import Path

from click.testing import CliRunner

from drafter.casefiles import case_files
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
