"""The templates search path: a town kept outside the project, layered over the bundled templates."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from drafter import data
from drafter.cli import main

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "cases" / "exempel-svar-på-motion.yaml"


@pytest.fixture(autouse=True)
def _no_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DRAFTER_MALLAR", raising=False)


def town(folder: Path, name: str = "Sjöby kommun", extra: str = "") -> Path:
    """A town's folder with nothing but its profil.yaml."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "profil.yaml").write_text(f"namn: {name}\n{extra}", encoding="utf-8")
    return folder


def case_for(folder: Path, municipality: str) -> Path:
    """The sample answer to a motion, written for ``municipality``."""
    folder.mkdir(parents=True, exist_ok=True)
    text = SAMPLE.read_text(encoding="utf-8")
    lines = [f"kommun: {municipality}" if line.startswith("kommun:") else line for line in text.splitlines()]
    path = folder / f"{municipality}.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def render(tmp_path: Path, case: Path, *options: str) -> tuple[object, str]:
    """``drafter render`` through the CLI: (the .docx opened, or None; stderr)."""
    out = tmp_path / "ut"
    result = CliRunner().invoke(main, ["render", str(case), "-o", str(out), *options])
    written = sorted(out.glob("*.docx")) if out.is_dir() else []
    return (docx.Document(str(written[0])) if result.exit_code == 0 and written else None), result.stderr


def texts(document) -> list[str]:
    parts = [p.text for p in document.paragraphs]
    for section in document.sections:
        for part in (section.first_page_header, section.header):
            parts += [p.text for p in part.paragraphs]
            parts += [p.text for table in part.tables for row in table.rows for cell in row.cells for p in cell.paragraphs]
    return parts


def test_a_town_folder_outside_the_project_renders_with_only_a_profile(tmp_path: Path) -> None:
    folder = town(tmp_path / "förråd" / "sjoby")
    case = case_for(tmp_path / "ärenden", "sjoby")
    # the town's own folder, and the folder that holds it: both are found
    for given in (folder, folder.parent):
        document, errors = render(tmp_path, case, "--mallar", str(given))
        assert document is not None, errors
        assert any("Sjöby kommun" in t for t in texts(document))
        assert "Förslag till beslut" in [p.text for p in document.paragraphs]  # the bundled templates
        shutil.rmtree(tmp_path / "ut")


def test_a_bundled_town_is_still_found_beside_a_users_folder(tmp_path: Path) -> None:
    town(tmp_path / "förråd" / "sjoby")
    document, errors = render(tmp_path, ROOT / "cases" / "arboga-integration.yaml", "--mallar", str(tmp_path / "förråd"))
    assert document is not None, errors
    assert any("Arboga kommun" in t for t in texts(document))


def test_the_first_folder_given_wins(tmp_path: Path) -> None:
    town(tmp_path / "först" / "sjoby", "Första Sjöby")
    town(tmp_path / "sedan" / "sjoby", "Andra Sjöby")
    case = case_for(tmp_path / "ärenden", "sjoby")
    document, errors = render(tmp_path, case, "--mallar", str(tmp_path / "först"), "--mallar", str(tmp_path / "sedan"))
    assert document is not None, errors
    shown = texts(document)
    assert any("Första Sjöby" in t for t in shown) and not any("Andra Sjöby" in t for t in shown)


def test_a_users_default_part_overrides_the_bundled_one(tmp_path: Path) -> None:
    store = tmp_path / "förråd"
    town(store / "sjoby")
    (store / "_default").mkdir()
    # the user's frame extends the bundled one ("drafter/_default/…") and adds a line to its head
    (store / "_default" / "dokument.md.j2").write_text(
        '{% extends "drafter/_default/dokument.md.j2" %}\n'
        "{% block huvud %}\nSjöbys egen rad i ramen.\n\n{{ super() }}\n{% endblock %}\n",
        encoding="utf-8",
    )
    # and its default profile says only what differs from the bundled one
    (store / "_default" / "profil.yaml").write_text("namn: Standardnamn i förrådet\n", encoding="utf-8")
    town(store / "utan-namn").joinpath("profil.yaml").write_text("sidnummer: 'Sidan {sida}'\n", encoding="utf-8")
    document, errors = render(tmp_path, case_for(tmp_path / "ärenden", "sjoby"), "--mallar", str(store))
    assert document is not None, errors
    body = [p.text for p in document.paragraphs]
    assert "Sjöbys egen rad i ramen." in body
    assert body.index("Sjöbys egen rad i ramen.") < body.index("Förslag till beslut")
    # a bundled town gets the user's frame too: _default is layered file by file
    document, errors = render(tmp_path / "b", ROOT / "cases" / "arboga-integration.yaml", "--mallar", str(store))
    assert document is not None and "Sjöbys egen rad i ramen." in [p.text for p in document.paragraphs], errors
    # the user's default profile is merged over the bundled one
    document, errors = render(tmp_path / "c", case_for(tmp_path / "ärenden", "utan-namn"), "--mallar", str(store))
    assert document is not None, errors
    assert any("Standardnamn i förrådet" in t for t in texts(document))


def test_drafter_mallar_holds_several_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    town(tmp_path / "a" / "sjoby", "Sjöby från miljön")
    town(tmp_path / "b" / "bergby", "Bergby från miljön")
    monkeypatch.setenv("DRAFTER_MALLAR", os.pathsep.join([str(tmp_path / "a"), str(tmp_path / "b")]))
    for name, shown in (("sjoby", "Sjöby från miljön"), ("bergby", "Bergby från miljön")):
        document, errors = render(tmp_path / name, case_for(tmp_path / "ärenden", name))
        assert document is not None, errors
        assert any(shown in t for t in texts(document))
    # --mallar comes before the folders of the environment
    town(tmp_path / "c" / "sjoby", "Sjöby från flaggan")
    document, errors = render(tmp_path / "flagga", case_for(tmp_path / "ärenden", "sjoby"), "--mallar", str(tmp_path / "c"))
    assert document is not None and any("Sjöby från flaggan" in t for t in texts(document)), errors


@pytest.mark.parametrize("how", ["--mallar", "DRAFTER_MALLAR"])
def test_a_missing_folder_is_a_located_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str) -> None:
    missing = tmp_path / "finns-inte"
    options = ["--mallar", str(missing)] if how == "--mallar" else []
    if how == "DRAFTER_MALLAR":
        monkeypatch.setenv("DRAFTER_MALLAR", str(missing))
    for command in (["render", str(SAMPLE), "-o", str(tmp_path / "ut")], ["validate", str(SAMPLE)],
                    ["preview", str(SAMPLE)], ["check", str(SAMPLE)]):
        result = CliRunner().invoke(main, [*command, *options])
        assert result.exit_code == 1, (command, result.output)
        assert result.stderr.startswith(f"{missing}:1:1: ingen mallmapp: {missing} finns inte (angiven med {how})")
        assert "Traceback" not in result.output
    assert not (tmp_path / "ut").exists()


def test_a_folder_with_no_town_in_it_is_a_located_error(tmp_path: Path) -> None:
    (tmp_path / "tom" / "annat").mkdir(parents=True)
    result = CliRunner().invoke(main, ["validate", str(SAMPLE), "--mallar", str(tmp_path / "tom")])
    assert result.exit_code == 1
    assert f"{tmp_path / 'tom'}:1:1: ingen mallmapp:" in result.stderr and "profil.yaml" in result.stderr


def test_an_unknown_town_names_every_folder_searched(tmp_path: Path) -> None:
    town(tmp_path / "förråd" / "sjoby")
    case = case_for(tmp_path / "ärenden", "sjöby")
    result = CliRunner().invoke(main, ["validate", str(case), "--mallar", str(tmp_path / "förråd")])
    assert result.exit_code == 1
    assert "kommunprofilen 'sjöby' finns inte i" in result.stderr and "menade du 'sjoby'?" in result.stderr
    assert str(tmp_path / "förråd") in result.stderr and str(data.templates()) in result.stderr


def test_the_help_states_the_real_default() -> None:
    for command in ("render", "validate", "preview", "check", "new"):
        result = CliRunner().invoke(main, [command, "--help"], terminal_width=1000)
        assert "--mallar MAPP" in result.output
        assert f"Standard: bara mallarna som följer med drafter ({data.templates()})." in result.output
        assert "DRAFTER_MALLAR" in result.output


def test_a_towns_own_repository_passes_drafter_check(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The layout docs/ny-kommun.md shows: the town's folder and cases/ in one repository."""
    repo = tmp_path / "sjoby-mallar"
    town(repo / "sjoby")
    case_for(repo / "cases", "sjoby")
    monkeypatch.chdir(repo)
    first = CliRunner().invoke(main, ["check", "--mallar", ".", "--update"])
    assert first.exit_code == 0, first.output
    assert (repo / "cases" / "sjoby.md").is_file()
    again = CliRunner().invoke(main, ["check", "--mallar", ".", "--strikt"])
    assert again.exit_code == 0, again.output
    # only the town's own files are the town's CI's business: no bundled town is reported uncovered
    assert "alingsas" not in again.output and "1 profil(er)" in again.output
