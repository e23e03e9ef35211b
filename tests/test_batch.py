"""drafter render with many files: parallel, in order, every good draft written, every failure reported."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from drafter import cli

REPO = Path(__file__).resolve().parent.parent
DRAFTER = REPO / ".venv" / "bin" / "drafter"
BAD = "dokument: svar-på-motion\nkommun: arboga\ndiarienummer: KS 1\ndatum: 2024-02-30\n"


@pytest.fixture
def batch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """templates/ and the sample cases, plus one case that cannot be rendered (line 4: no such date)."""
    shutil.copytree(REPO / "drafter" / "data" / "templates", tmp_path / "templates")
    (tmp_path / "cases").mkdir()
    for case in sorted((REPO / "cases").glob("*.yaml")):
        shutil.copy(case, tmp_path / "cases" / case.name)
    (tmp_path / "cases" / "c-trasig.yaml").write_text(BAD, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DRAFTER_MALLAR", raising=False)
    return tmp_path


def good_cases(root: Path) -> list[Path]:
    return sorted(p for p in (root / "cases").glob("*.yaml") if p.name != "c-trasig.yaml")


def render(*args: str):
    return CliRunner().invoke(cli.main, ["render", *args])


def test_one_bad_case_does_not_stop_the_others(batch: Path) -> None:
    result = render("cases", "-o", "ut", "-j", "2")
    assert result.exit_code == 1
    written = sorted((batch / "ut").glob("*.docx"))
    assert [p.stem for p in written] == [p.stem for p in good_cases(batch)]
    assert re.search(r"^cases/c-trasig\.yaml:4:8: .*datum", result.stderr, re.M), result.stderr
    assert f"{len(written)} av {len(written) + 1} utkast skrevs; 1 ärende(n) misslyckades" in result.stderr
    assert not (batch / "ut" / "c-trasig.docx").exists()


def test_output_order_is_the_input_order_and_jobs_do_not_change_the_bytes(batch: Path) -> None:
    one = render("cases", "-o", "ett", "-j", "1")
    two = render("cases", "-o", "två", "-j", "2")
    assert one.exit_code == two.exit_code == 1
    expected = [f"ett/{p.stem}.docx" for p in sorted((batch / "cases").glob("*.yaml")) if p.name != "c-trasig.yaml"]
    assert one.stdout.split() == expected
    assert two.stdout.split() == [e.replace("ett/", "två/") for e in expected]
    for path in (batch / "ett").glob("*.docx"):
        assert path.read_bytes() == (batch / "två" / path.name).read_bytes()


def test_files_and_folders_may_be_mixed(batch: Path) -> None:
    first, *rest = good_cases(batch)
    result = render(str(rest[0]), "cases", "-o", "ut")  # the file first, then the folder's files
    assert result.stdout.split()[0] == f"ut/{rest[0].stem}.docx"
    assert result.exit_code == 1


def test_two_cases_with_one_name_do_not_overwrite_each_other(batch: Path) -> None:
    sample = good_cases(batch)[0]
    for folder in ("a", "b"):
        (batch / "dubbel" / folder).mkdir(parents=True)
        shutil.copy(sample, batch / "dubbel" / folder / "samma.yaml")
    result = render("dubbel", "-o", "ut", "-j", "2")
    assert result.exit_code == 1
    assert result.stdout.split() == ["ut/samma.docx"]
    assert "dubbel/b/samma.yaml:1:1: ger samma utkast som dubbel/a/samma.yaml" in result.stderr


def test_a_progress_bar_only_on_a_terminal(batch: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    quiet = render("cases", "-o", "ut", "-j", "1")
    assert "Renderar" not in quiet.stderr
    monkeypatch.setattr(cli.render, "is_terminal", lambda stream: True)
    shown = render("cases", "-o", "ut2", "-j", "1")
    assert "Renderar" in shown.stderr
    assert shown.stdout.split() == [f"ut2/{p.stem}.docx" for p in good_cases(batch)]  # paths after the bar


def test_a_bug_in_one_case_is_reported_and_the_others_written(batch: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import drafter.pipeline

    real = drafter.pipeline.build_docx
    victim = good_cases(batch)[0]

    def flaky(d):
        if d.source.name == victim.name:
            raise RuntimeError("påhittat fel")
        return real(d)

    monkeypatch.setattr(drafter.pipeline, "build_docx", flaky)
    result = render("cases", "-o", "ut", "-j", "1")
    assert result.exit_code == 3
    assert f"{Path('cases') / victim.name}: internt fel i drafter: RuntimeError: påhittat fel" in result.stderr
    assert "c-trasig.yaml:4:8" in result.stderr  # the ordinary failure is reported too
    assert len(list((batch / "ut").glob("*.docx"))) == len(good_cases(batch)) - 1


def test_a_batch_as_a_subprocess(batch: Path) -> None:
    command = [str(DRAFTER)] if DRAFTER.exists() else [sys.executable, "-m", "drafter.cli"]
    env = {k: v for k, v in os.environ.items() if k != "DRAFTER_MALLAR"}
    done = subprocess.run([*command, "render", "cases", "-o", "ut", "-j", "2"], cwd=batch, env=env,
                          capture_output=True, text=True, check=False)
    assert done.returncode == 1
    assert done.stdout.split() == [f"ut/{p.stem}.docx" for p in good_cases(batch)]
    assert "cases/c-trasig.yaml:4:8:" in done.stderr
    assert "Renderar" not in done.stderr  # stderr is a pipe, not a terminal


def test_all_good_exits_zero(batch: Path) -> None:
    (batch / "cases" / "c-trasig.yaml").unlink()
    result = render("cases", "-o", "ut")
    assert result.exit_code == 0, result.output
    # Nothing on stderr but the rules' warnings (the Alingsås motion is more than a year old).
    assert all(": varning: " in line for line in result.stderr.splitlines())
