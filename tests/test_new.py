"""drafter new: a commented case file that validates once its placeholders are filled."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import typing
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from drafter import cli
from drafter.case.rules import PLACEHOLDER, check_case
from drafter.case.source import load_file
from drafter.case.model import Case
from drafter.pipeline import load_case
from drafter.case.schema import installed_schema, schema_reference

REPO = Path(__file__).resolve().parent.parent
KINDS = typing.get_args(Case.model_fields["kind"].annotation)
MODELINE = re.compile(r"^# yaml-language-server: \$schema=(.+)$")

# What a registrar would write where drafter new left FYLL I, by field name.
FILLED = {
    "datum": "2024-01-15",
    "ställningstagande": "besvarad",
    "kommun": "arboga",
    "paragraf": "12",
    "epost": "anna@example.se",
    "från": "2024-01-01",
    "till": "2024-06-30",
    "mapp": ".",
}


def fill(text: str) -> str:
    lines = []
    for line in text.split("\n"):
        match = re.match(rf"^(\s*(?:- )?)([^\s:#]+): {PLACEHOLDER}$", line)
        if match:
            key = match.group(2)
            line = f"{match.group(1)}{key}: {FILLED.get(key, f'Text för {key}')}"
        elif line.strip() in (f"- {PLACEHOLDER}", PLACEHOLDER):
            line = line.replace(PLACEHOLDER, "Ifylld text")
        lines.append(line)
    return "\n".join(lines)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A municipality's folder: its templates (named by DRAFTER_MALLAR) and cases/."""
    shutil.copytree(REPO / "drafter" / "data" / "templates", tmp_path / "templates")
    (tmp_path / "cases").mkdir()
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DRAFTER_MALLAR", str(tmp_path / "templates"))
    return tmp_path


def new(*args: str, input: str | None = None) -> typing.Any:
    return CliRunner().invoke(cli.main, ["new", *args], input=input)


@pytest.mark.parametrize("kind", KINDS)
def test_a_new_case_of_every_kind_validates_once_filled(repo: Path, kind: str) -> None:
    result = new("--dokument", kind, "--kommun", "arboga", "cases/ny.yaml")
    assert result.exit_code == 0, result.output
    path = repo / "cases" / "ny.yaml"
    text = path.read_text(encoding="utf-8")
    assert f"dokument: {kind}" in text and "kommun: arboga" in text
    assert PLACEHOLDER in text
    path.write_text(fill(text), encoding="utf-8")
    case, loaded = load_case(path)  # raises with located problems if not valid
    assert case.kind == kind
    assert not any(found for _, found in check_case(case, loaded))
    schema = json.loads(installed_schema().read_text(encoding="utf-8"))
    assert list(jsonschema.Draft7Validator(schema).iter_errors(loaded.data)) == []


def test_every_field_is_explained_in_swedish_from_the_model(repo: Path) -> None:
    new("--dokument", "svar-på-motion", "--kommun", "arboga", "cases/ny.yaml")
    text = (repo / "cases" / "ny.yaml").read_text(encoding="utf-8")
    for field in Case.model_fields.values():
        written = re.search(rf"^(# )?{re.escape(field.alias)}:", text, re.M)
        if written:  # each top-level field under its title
            before = text[: written.start()].rstrip("\n").split("\n")
            comment = [l for l in reversed(before) if l.startswith("# ")]
            assert any(l.startswith(f"# {field.title}") for l in before[-4:]), (field.alias, comment[:2])
    assert "# Förvaltningens redogörelse. Markdown" in text
    assert re.search(r"^# Ställningstagande\.[^:]*?(\n# [^:]*?)*Ett av: bifall, avslag,", text, re.M)  # the choices
    assert "# underskrifter:" in text  # optional: commented out with an example
    assert not re.search(r"^(# )?revisionsrapport:", text, re.M)  # a field this kind does not use is left out


def test_the_schema_line_is_relative_inside_the_checkout_drafter_runs_from() -> None:
    case = REPO / "cases" / "sub" / "ny.yaml"  # not written: only the line is asked for
    reference = schema_reference(case)
    assert reference == "../../drafter/data/schema/arende.schema.json"
    assert (case.parent / reference).resolve() == installed_schema().resolve()


def test_the_schema_line_names_the_installed_file_outside_a_checkout(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = new("--dokument", "tjänsteskrivelse", "ny.yaml")
    assert result.exit_code == 0, result.output
    match = MODELINE.match((tmp_path / "ny.yaml").read_text(encoding="utf-8").split("\n")[0])
    assert match
    installed = Path(match.group(1))
    assert installed.is_absolute() and installed.is_file()
    assert json.loads(installed.read_text(encoding="utf-8"))["title"] == "Ärendefil för drafter"


def test_an_existing_file_is_never_overwritten(repo: Path) -> None:
    path = repo / "cases" / "finns.yaml"
    path.write_text("mitt arbete\n", encoding="utf-8")
    result = new("--dokument", "svar-på-motion", "cases/finns.yaml")
    assert result.exit_code == 1
    assert "finns redan" in result.stderr
    assert path.read_text(encoding="utf-8") == "mitt arbete\n"


def test_without_a_terminal_it_asks_nothing(repo: Path) -> None:
    result = new("cases/ny.yaml")  # no input at all: a prompt would fail
    assert result.exit_code == 0, result.output
    assert "Dokumenttyp" not in result.output
    assert "dokument: svar-på-motion" in (repo / "cases" / "ny.yaml").read_text(encoding="utf-8")


def test_in_a_terminal_it_asks_for_the_essentials(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli.new, "interactive", lambda: True)
    answers = "svar-på-motion\narboga\nKS 2024/00099\nFler cykelvägar: nu\nAnna Andersson\n"
    result = new("cases/ny.yaml", input=answers)
    assert result.exit_code == 0, result.output
    for question in ("Dokumenttyp", "Kommun", "Diarienummer", "Motionens rubrik", "Handläggarens namn"):
        assert question in result.output
    loaded = load_file(repo / "cases" / "ny.yaml").data
    assert loaded["diarienummer"] == "KS 2024/00099"
    assert loaded["kommun"] == "arboga"
    assert loaded["motion"]["rubrik"] == "Fler cykelvägar: nu"  # quoted where YAML needs it
    assert loaded["handläggare"]["namn"] == "Anna Andersson"


def test_the_title_asked_for_is_the_one_the_kind_answers(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli.new, "interactive", lambda: True)
    answers = "svar-på-revisionsrapport\narboga\n\nGranskning av skolan\n\n"
    result = new("cases/ny.yaml", input=answers)
    assert "Rapportens rubrik" in result.output
    assert load_file(repo / "cases" / "ny.yaml").data["revisionsrapport"]["rubrik"] == "Granskning av skolan"


def test_options_mean_no_questions_even_in_a_terminal(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli.new, "interactive", lambda: True)
    result = new("--kommun", "arboga", "cases/ny.yaml")
    assert result.exit_code == 0, result.output
    assert "Dokumenttyp" not in result.output


def test_an_unknown_kind_or_profile_is_a_usage_error(repo: Path) -> None:
    assert new("--dokument", "svar-på-motionen", "cases/a.yaml").exit_code == 2
    result = new("--kommun", "arbga", "cases/b.yaml")
    assert result.exit_code == 2
    assert "arboga" in result.stderr
    assert not (repo / "cases" / "a.yaml").exists()


def test_a_forgotten_placeholder_is_caught_by_the_domain_rules(repo: Path) -> None:
    new("--dokument", "svar-på-motion", "--kommun", "arboga", "cases/ny.yaml")
    path = repo / "cases" / "ny.yaml"
    text = fill(path.read_text(encoding="utf-8")).replace("förvaltning: Text för förvaltning", f"förvaltning: {PLACEHOLDER}")
    path.write_text(text, encoding="utf-8")
    case, loaded = load_case(path)
    found = [f for _, fs in check_case(case, loaded) for f in fs]
    assert len(found) == 1 and PLACEHOLDER in found[0].problem.message
    line = next(i for i, l in enumerate(text.split("\n"), 1) if l.startswith("förvaltning:"))
    assert found[0].problem.line == line


def test_new_as_a_subprocess_asks_nothing_without_a_terminal(repo: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "drafter.cli", "new", "cases/ny.yaml"],
        cwd=repo, stdin=subprocess.DEVNULL, capture_output=True, text=True, check=False,
    )
    assert done.returncode == 0, done.stderr
    text = (repo / "cases" / "ny.yaml").read_text(encoding="utf-8")
    assert MODELINE.match(text.split("\n")[0])
    again = subprocess.run(
        [sys.executable, "-m", "drafter.cli", "new", "cases/ny.yaml"],
        cwd=repo, stdin=subprocess.DEVNULL, capture_output=True, text=True, check=False,
    )
    assert again.returncode == 1 and "finns redan" in again.stderr
