"""A municipality profile with a misspelt value is an error at its place, never a silent default."""

import shutil
from pathlib import Path

import pytest

from drafter.errors import CaseError
from drafter.profile.loading import load_profile

ROOT = Path(__file__).resolve().parents[1]


def profile_errors(tmp_path: Path, text: str) -> list[str]:
    root = tmp_path / "templates"
    shutil.copytree(ROOT / "drafter" / "data" / "templates" / "_default", root / "_default")
    (root / "ny").mkdir()
    (root / "ny" / "profil.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(CaseError) as error:
        load_profile(root, "ny")
    return [f"{p.line}:{p.column}: {p.message}" for p in error.value.problems]


def test_every_problem_of_a_profile_is_reported_at_once(tmp_path):
    errors = profile_errors(
        tmp_path,
        "namn: Ny kommun\n"
        "beslutsform: numrerat\n"
        "avsnitt:\n  svar-på-motion: [förslag, sammanfatning]\n"
        "adress: Storgatan 1\n"
        "rubrikerr: {}\n",
    )
    assert errors == [
        "2:14: 'beslutsform' ska vara en av: numrerad, stycken, att-satser (inte 'numrerat') — menade du 'numrerad'?",
        "4:29: okänt avsnitt 'sammanfatning' — menade du 'sammanfattning'?",
        "5:9: 'adress' ska vara en lista, t.ex. [a, b]",
        "6:1: okänt fält 'rubrikerr' i profilen — menade du 'rubriker'?",
    ]


def test_an_unknown_kind_in_the_section_order(tmp_path):
    errors = profile_errors(tmp_path, "avsnitt:\n  svar-pa-motion: [förslag]\n")
    assert errors == ["2:3: okänt fält 'svar-pa-motion' i profilen — menade du 'svar-på-motion'?"]


def test_a_valid_profile_loads(tmp_path):
    root = tmp_path / "templates"
    shutil.copytree(ROOT / "drafter" / "data" / "templates" / "_default", root / "_default")
    (root / "ny").mkdir()
    (root / "ny" / "profil.yaml").write_text("namn: Ny kommun\nbeslutsform: stycken\n", encoding="utf-8")
    profile = load_profile(root, "ny")
    assert profile.settings.name == "Ny kommun" and profile.settings.decision_form == "stycken"
    assert profile.settings.signatures == "bredvid"  # from the default
    assert profile.data["beslutsform"] == "stycken"  # as templates see it


def test_a_named_templates_folder_that_is_not_one_is_an_error(tmp_path, monkeypatch):
    from drafter.profile.searchpath import search_path

    with pytest.raises(CaseError) as error:
        search_path(tmp_path / "finns-inte")
    assert "ingen mallmapp" in error.value.problems[0].message
    monkeypatch.setenv("DRAFTER_MALLAR", str(tmp_path))
    with pytest.raises(CaseError):
        search_path()
    monkeypatch.delenv("DRAFTER_MALLAR")
    monkeypatch.chdir(tmp_path)  # no ./templates here: the bundled ones are found
    assert [path.is_file() for path in search_path().default_profiles()] == [True]


def test_a_missing_house_style_is_reported_at_the_profile_line(tmp_path):
    errors = profile_errors(tmp_path, "namn: Ny kommun\nstil: egen.docx\n")
    assert len(errors) == 1 and errors[0].startswith("2:7: husstilen 'egen.docx' finns varken i")
