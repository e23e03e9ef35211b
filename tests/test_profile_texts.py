"""Every text of a profile fills the same {namn} placeholders, and an unknown one is an error at
its line in the profile (issue #9, point 2). Templates read the profile read-only (issue #13, 14)."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from drafter.cli import main
from drafter.errors import CaseError, DrafterError
from drafter.pipeline import build_docx, draft

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = ROOT / "drafter" / "data" / "templates"
CASE = ROOT / "cases" / "exempel-svar-på-motion.yaml"


@pytest.fixture
def templates(tmp_path: Path) -> Path:
    root = tmp_path / "mallar"
    shutil.copytree(TEMPLATES, root)
    return root


def add_to_profile(root: Path, text: str, town: str = "exempel") -> Path:
    path = root / town / "profil.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "\n" + text, encoding="utf-8")
    return path


def paragraphs(data: bytes) -> list[str]:
    return [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]


def test_a_heading_and_a_phrasing_fill_their_placeholders(templates: Path) -> None:
    add_to_profile(templates, (
        "rubriker:\n"
        "  förslag: Förslag till beslut i {mottagare}\n"
        "formuleringar:\n"
        "  att-satsen:\n"
        "    besvarad: 'anses besvarad av {mottagare}'\n"
    ))
    d = draft(CASE, templates)
    assert "Förslag till beslut i Kommunstyrelsen" in d.markdown
    assert "{mottagare}" not in d.markdown
    text = paragraphs(build_docx(d))
    assert "Förslag till beslut i Kommunstyrelsen" in text
    assert any("att-sats anses besvarad av Kommunstyrelsen" in p for p in text)  # the sample is 'delvis'



def test_an_unknown_placeholder_is_an_error_at_its_line_in_the_profile(templates: Path) -> None:
    profile = add_to_profile(templates, "rubriker:\n  förslag: Förslag till beslut i {mottgare}\n")
    line = len(profile.read_text(encoding="utf-8").splitlines())
    result = CliRunner().invoke(main, ["validate", "--mallar", str(templates), str(CASE)])
    assert result.exit_code == 1
    assert f"{profile}:{line}:" in result.stderr
    assert "okänt namn {mottgare}" in result.stderr
    assert "menade du {mottagare}?" in result.stderr


def test_an_unknown_placeholder_in_a_list_of_forms_is_found_too(templates: Path) -> None:
    add_to_profile(templates, "formuleringar:\n  handling: ['{titel} ({datm})', '{titel}']\n")
    with pytest.raises(CaseError) as error:
        draft(CASE, templates)
    assert "okänt namn {datm}" in str(error.value)


def test_a_shown_text_naming_a_value_the_case_lacks_is_an_error_not_a_shorter_heading(templates: Path, tmp_path: Path) -> None:
    profile = add_to_profile(templates, "rubriker:\n  förslag: Förslag till beslut i {paragraf}\n")
    line = len(profile.read_text(encoding="utf-8").splitlines())
    with pytest.raises(CaseError) as error:
        draft(CASE, templates)
    assert f"{profile}:{line}:" in str(error.value)
    assert "använder {paragraf}, men ärendet har inget värde för 'paragraf'" in str(error.value)


def test_a_template_cannot_change_the_profile_for_the_next_case(templates: Path) -> None:
    own = templates / "exempel" / "svar-på-motion.md.j2"
    own.write_text('{% extends "_default/svar-på-motion.md.j2" %}\n'
                   '{% block sammanfattning %}{% set _ = profil.rubriker.update({"förslag": "Ändrad"}) %}{% endblock %}\n',
                   encoding="utf-8")
    with pytest.raises(DrafterError) as error:
        draft(CASE, templates)
    assert str(own) in str(error.value)
    own.unlink()
    assert "Ändrad" not in draft(CASE, templates).markdown


@pytest.mark.parametrize(
    ("setting", "expected"),
    [
        ("parti: var-och-en\n  m-fl-efter: 0", "Ann-Sofi Ivarsson (C) och Marie-Louise Söderström (C)"),
        ("parti: gemensamt\n  m-fl-efter: 0", "Ann-Sofi Ivarsson och Marie-Louise Söderström (C)"),
        ("parti: var-och-en\n  m-fl-efter: 1", "Ann-Sofi Ivarsson (C) m.fl."),
    ],
)
def test_the_authors_form_is_a_profile_choice(templates: Path, setting: str, expected: str) -> None:
    add_to_profile(templates, f"motionärer:\n  {setting}\n", town="arboga")
    add_to_profile(templates, "dokumentrubrik:\n  svar-på-motion: 'Svar på motion från {motionärer}'\n", town="arboga")
    d = draft(ROOT / "cases" / "arboga-integration.yaml", templates)
    assert d.title == f"Svar på motion från {expected}"
    assert f"Svar på motion från {expected}" in paragraphs(build_docx(d))


def test_the_authors_with_different_parties_keep_their_own_even_when_shared(templates: Path) -> None:
    from drafter.text.swedish import authors

    people = [{"namn": "A", "parti": "S"}, {"namn": "B", "parti": "M"}]
    assert authors(people, "gemensamt") == "A (S) och B (M)"
    assert authors(people, "gemensamt", 2) == "A (S) och B (M)"  # not more than two: all are named


def test_no_addressee_line_when_the_profile_has_none(templates: Path) -> None:
    with_line = paragraphs(build_docx(draft(CASE, templates)))
    assert "Kommunstyrelsen" in with_line[:3]
    add_to_profile(templates, 'mottagarrad: ""\n')
    without = paragraphs(build_docx(draft(CASE, templates)))
    assert "Kommunstyrelsen" not in without[:3]
    assert len(without) == len(with_line) - 1


def test_an_empty_phrasing_proposes_nothing_instead_of_a_lone_full_stop(templates: Path) -> None:
    case = ROOT / "cases" / "exempel-yttrande-över-motion.yaml"
    add_to_profile(templates, 'formuleringar:\n  yttrandet: ""\n')
    text = paragraphs(build_docx(draft(case, templates)))
    assert "." not in [p.strip() for p in text]
    assert not any(p.startswith("Förvaltningens tjänsteskrivelse antas") for p in text)


# --- layers: a town's settings per document kind, its named variants, a case's own texts ----


def test_a_town_heads_a_section_differently_in_one_kind(templates: Path) -> None:
    add_to_profile(templates, "dokumenttyper:\n  yttrande-över-motion:\n    rubriker:\n      förslag-i-nämnden: Förslag till nämndens beslut\n")
    opinion = draft(ROOT / "cases" / "exempel-yttrande-över-motion.yaml", templates)
    assert "## Förslag till nämndens beslut" in opinion.markdown
    answer = draft(CASE, templates)  # another kind keeps the town's heading
    assert "Förslag till nämndens beslut" not in answer.markdown


def test_variants_apply_in_order_over_the_kind_layer_and_the_case_text_last(templates: Path) -> None:
    from drafter.profile.loading import load_profile

    add_to_profile(templates, (
        "dokumenttyper:\n  svar-på-motion:\n    rubriker: {sammanfattning: Från dokumenttypen}\n"
        "varianter:\n"
        "  kort:\n    rubriker: {sammanfattning: Kort, historik: Gången}\n"
        "  kortare:\n    rubriker: {sammanfattning: Kortare}\n"
    ))
    town = load_profile(templates, "exempel")
    assert town.for_case("svar-på-motion").settings.headings.summary == "Från dokumenttypen"
    assert town.for_case("svar-på-motion", ["kort"]).settings.headings.summary == "Kort"
    both = town.for_case("svar-på-motion", ["kort", "kortare"])
    assert (both.settings.headings.summary, both.settings.headings.history) == ("Kortare", "Gången")
    own = town.for_case("svar-på-motion", ["kort"], {"rubriker": {"sammanfattning": "Ärendets egen"}})
    assert own.settings.headings.summary == "Ärendets egen"


def test_an_unknown_variant_and_a_bad_layer_are_located(templates: Path) -> None:
    from drafter.profile.loading import load_profile

    profile = add_to_profile(templates, "varianter:\n  kort:\n    rubriker: {sammanfatning: Kort}\n")
    with pytest.raises(CaseError) as error:
        load_profile(templates, "exempel")
    line = len(profile.read_text(encoding="utf-8").splitlines())
    assert f"{profile}:{line}:" in str(error.value)
    assert "okänt fält 'sammanfatning' i profilen — menade du 'sammanfattning'?" in str(error.value)

    profile.write_text(profile.read_text(encoding="utf-8").replace("sammanfatning", "sammanfattning"), encoding="utf-8")
    with pytest.raises(CaseError) as error:
        load_profile(templates, "exempel").for_case("svar-på-motion", ["lång"])
    assert "kommunen exempel har ingen variant 'lång' — finns: kort" in str(error.value)


def test_a_layer_for_a_kind_that_does_not_exist_is_located(templates: Path) -> None:
    from drafter.profile.loading import load_profile

    add_to_profile(templates, "dokumenttyper:\n  svar-på-motio:\n    rubriker: {sammanfattning: X}\n")
    with pytest.raises(CaseError) as error:
        load_profile(templates, "exempel")
    assert "okänd dokumenttyp 'svar-på-motio' — menade du 'svar-på-motion'?" in str(error.value)


def test_the_profile_schema_accepts_every_bundled_profile_and_names_a_typo(tmp_path: Path) -> None:
    import json

    import jsonschema
    import yaml

    result = CliRunner().invoke(main, ["schema", "--profil"])
    assert result.exit_code == 0, result.output
    schema = json.loads(result.stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    for path in TEMPLATES.glob("*/profil.yaml"):
        assert not list(validator.iter_errors(yaml.safe_load(path.read_text(encoding="utf-8")))), path
    layered = {"dokumenttyper": {"yttrande-över-motion": {"rubriker": {"remissvar": "X"}}},
               "varianter": {"kort": {"motionärer": {"parti": "gemensamt"}}}}
    assert not list(validator.iter_errors(layered))
    assert list(validator.iter_errors({"rubriker": {"sammanfatning": "X"}}))
    assert list(validator.iter_errors({"motionärer": {"parti": "alla"}}))
    assert list(validator.iter_errors({"dokumenttyper": {"svar-på-motio": {}}}))
