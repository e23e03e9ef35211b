"""Filters and the decision wording the default templates write for each stance."""

import datetime
from pathlib import Path

import pytest

from drafter.text import environment as templating
from drafter.text import swedish, view
from drafter.case.source import load_text
from drafter.case.model import Case
from drafter.profile.loading import load_profile
from drafter.case.validation import validate

ROOT = Path(__file__).resolve().parents[1]

BASE = """\
dokument: svar-på-motion
kommun: arboga
diarienummer: KS 2024/1
datum: 2024-03-01
förvaltning: Kommunstyrelseförvaltningen
handläggare: {namn: Eva Ek, titel: Utredare}
mottagare: Kommunstyrelsen
motion:
  rubrik: Fler bänkar
  väckt: {datum: 2023-06-14, paragraf: 158}
  motionärer: [{namn: Ann Ås, parti: S}, {namn: Bo Berg, parti: S}, {namn: "Cia *Cyan*", parti: "-"}]
  att-satser:
    - {text: att fler bänkar ställs ut, ställningstagande: bifall}
    - {text: att bänkarna målas gröna, ställningstagande: avslag}
redogörelse: Förvaltningen har utrett frågan.
"""


def render(extra: str) -> str:
    case = validate(load_text(BASE + extra, "test.yaml"), Case)
    profile = load_profile(ROOT / "drafter" / "data" / "templates", case.municipality)
    env = templating.environment(ROOT / "drafter" / "data" / "templates", profile)
    return templating.render(env, case.kind, view.build(case, profile), "test.yaml")


def test_filters():
    assert swedish.text_date(datetime.date(2017, 6, 14)) == "14 juni 2017"
    assert swedish.text_date(datetime.date(2019, 10, 8)) == "8 oktober 2019"
    assert swedish.iso_date(datetime.date(2017, 6, 4)) == "2017-06-04"
    assert swedish.name_list(["A", "B", "C"]) == "A, B och C"
    assert swedish.name_list(["A", "B"]) == "A och B"
    assert swedish.name_list(["A"]) == "A"
    assert swedish.ordinal(1) == "första" and swedish.ordinal(2) == "andra"
    assert swedish.ordinal(13) == "13:e"


@pytest.mark.parametrize("month, name", list(enumerate(
    "januari februari mars april maj juni juli augusti september oktober november december".split(), start=1)))
def test_every_month_in_running_text(month, name):
    assert swedish.text_date(datetime.date(2024, month, 1)) == f"1 {name} 2024"
    assert swedish.text_date(datetime.datetime(987, month, 28, 23, 59)) == f"28 {name} 987"


def test_name_lists():
    assert swedish.name_list([]) == ""
    assert swedish.name_list(iter(["Ann", "Bo {0}", "Cecilia, Dan", 4])) == "Ann, Bo {0}, Cecilia, Dan och 4"


@pytest.mark.parametrize(
    "extra, points",
    [
        ("ställningstagande: bifall\n", ["1. Motionen bifalls."]),
        ("ställningstagande: avslag\nhänvisning: gällande budget\n", ["1. Motionen avslås med hänvisning till gällande budget."]),
        ("ställningstagande: besvarad\nhänvisning: förvaltningens redogörelse\n", ["1. Motionen anses besvarad med hänvisning till förvaltningens redogörelse."]),
        ("ställningstagande: utan-ställningstagande\n", ["1. Motionen lämnas utan ställningstagande."]),
        (
            "ställningstagande: delvis\nbeslutspunkter: [Tekniska nämnden får i uppdrag att ställa ut bänkar.]\n",
            [
                "1. Motionens första att-sats bifalls.",
                "2. Motionens andra att-sats avslås.",
                "3. Tekniska nämnden får i uppdrag att ställa ut bänkar.",
            ],
        ),
    ],
)
def test_decision_wording(extra, points):
    text = render(extra)
    proposal = text.split("## Förslag till beslut")[1].split("##")[0]
    assert "Kommunstyrelsen föreslår kommunfullmäktige besluta" in proposal
    assert [line for line in proposal.splitlines() if line[:1].isdigit()] == points


def test_kommunstyrelsen_decides_itself():
    text = render("ställningstagande: bifall\nbeslutas-av: kommunstyrelsen\n")
    assert "Kommunstyrelsen beslutar\n\n1. Motionen bifalls." in text


def test_summary_names_authors_date_and_paragraph_and_escapes_values():
    text = render("ställningstagande: bifall\n")
    assert (
        "Ann Ås (S), Bo Berg (S) och Cia \\*Cyan\\* (\\-) har till kommunfullmäktige "
        "den 14 juni 2023, § 158, lämnat in en motion med förslag" in text
    )


def test_delvis_needs_a_stance_per_proposal():
    from drafter.errors import CaseError

    broken = BASE.replace(", ställningstagande: avslag}", "}") + "ställningstagande: delvis\n"
    with pytest.raises(CaseError) as error:
        validate(load_text(broken, "t.yaml"), Case)
    [problem] = error.value.problems
    assert (problem.line, problem.column) == (14, 7)  # the second att-sats
    assert "behöver varje att-sats ett eget ställningstagande" in problem.message


def test_template_error_names_template_file_line_and_case(tmp_path):
    import shutil

    from drafter.errors import TemplateError

    root = tmp_path / "templates"
    shutil.copytree(ROOT / "drafter" / "data" / "templates", root)
    broken = root / "arboga" / "svar-på-motion.md.j2"
    broken.write_text(
        '{% extends "_default/svar-på-motion.md.j2" %}\n{% block förslag %}\n## X\n\n{{ finns_inte }}\n{% endblock %}\n',
        encoding="utf-8",
    )
    case = validate(load_text(BASE + "ställningstagande: bifall\n", "ärende.yaml"), Case)
    profile = load_profile(root, case.municipality)
    env = templating.environment(root, profile)
    with pytest.raises(TemplateError) as error:
        templating.render(env, case.kind, view.build(case, profile), "ärende.yaml")
    [problem] = error.value.problems
    assert (problem.file, problem.line) == (str(broken), 5)
    assert "'finns_inte' är inte definierad" in problem.message and "ärende.yaml" in problem.message


def test_a_non_date_through_textdatum_is_a_located_template_error(tmp_path):
    import shutil

    from drafter.errors import TemplateError

    root = tmp_path / "templates"
    shutil.copytree(ROOT / "drafter" / "data" / "templates", root)
    broken = root / "arboga" / "svar-på-motion.md.j2"
    broken.write_text('{% extends "_default/svar-på-motion.md.j2" %}\n{% block förslag %}\n'
                      '{{ "igår" | textdatum }}\n{% endblock %}\n', encoding="utf-8")
    case = validate(load_text(BASE + "ställningstagande: bifall\n", "ärende.yaml"), Case)
    profile = load_profile(root, case.municipality)
    env = templating.environment(root, profile)
    with pytest.raises(TemplateError) as error:  # not Babel's bare assert (an internal error)
        templating.render(env, case.kind, view.build(case, profile), "ärende.yaml")
    [problem] = error.value.problems
    assert (problem.file, problem.line) == (str(broken), 3)
    assert "textdatum behöver ett datum" in problem.message


def test_a_heading_written_with_escaped_carriage_returns_is_a_heading():
    # "Rubrik\r===" in a quoted text stopped with "mallfel: list assignment index out of range",
    # blamed on the template: the heading shift split lines at "\n" where the parser also takes "\r".
    case = BASE.replace("redogörelse: Förvaltningen har utrett frågan.", 'redogörelse: "Bakgrund\\r===\\rText"')
    assert "Bakgrund\\r" in case
    profile_case = validate(load_text(case + "ställningstagande: bifall\n", "t.yaml"), Case)
    profile = load_profile(ROOT / "drafter" / "data" / "templates", profile_case.municipality)
    env = templating.environment(ROOT / "drafter" / "data" / "templates", profile)
    markdown = templating.render(env, profile_case.kind, view.build(profile_case, profile), "t.yaml")
    assert "### Bakgrund\n\nText" in markdown


def test_page_fields_in_a_case_markdown_field_are_kept_as_text():
    case = BASE.replace("redogörelse: Förvaltningen har utrett frågan.", "redogörelse: Se bilagan på {sida}.")
    profile_case = validate(load_text(case + "ställningstagande: bifall\n", "t.yaml"), Case)
    profile = load_profile(ROOT / "drafter" / "data" / "templates", profile_case.municipality)
    env = templating.environment(ROOT / "drafter" / "data" / "templates", profile)
    markdown = templating.render(env, profile_case.kind, view.build(profile_case, profile), "t.yaml")
    assert "Se bilagan på \\{sida\\}." in markdown


def test_fill_replaces_names_and_leaves_a_line_out_when_a_value_is_missing():
    values = {"telefon": None, "epost": "a@exempel.se", "sidnummer": "{sida}({sidor})"}
    assert templating.fill("E-post: {epost}", values) == "E-post: a@exempel.se"
    assert templating.fill("Telefon: {telefon}", values) == ""
    assert templating.fill("Sidan {sida} av {sidor}", values) == "Sidan {sida} av {sidor}"
    assert templating.fill("{sidnummer}", values) == "{sida}({sidor})"
    assert templating.fill("{organ} beslutar", values, {"organ": "KS"}) == "KS beslutar"
    with pytest.raises(ValueError, match=r"okänt namn \{epsot\}"):
        templating.fill("E-post: {epsot}", values)


def test_compiled_templates_are_kept_between_runs_and_an_edit_is_always_seen(tmp_path):
    """The bytecode cache makes a cold start faster; it never serves a template's old text."""
    import os
    import shutil
    import subprocess
    import sys

    root = tmp_path / "templates"
    shutil.copytree(ROOT / "drafter" / "data" / "templates", root)
    case = tmp_path / "ärende.yaml"
    shutil.copy(ROOT / "cases" / "arboga-integration.yaml", case)
    cache = tmp_path / "cache"
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    script = ("import sys; from drafter import pipeline; "
              "print(pipeline.draft(sys.argv[1], sys.argv[2]).markdown)")

    def markdown() -> str:
        run = subprocess.run([sys.executable, "-c", script, str(case), str(root)], env=env,
                             capture_output=True, text=True, check=True)
        return run.stdout

    first = markdown()
    assert list(cache.glob("drafter/mallar-*/*.cache")), "compiled templates were kept"
    assert markdown() == first  # read from the cache
    template = root / "_default" / "dokument.md.j2"
    template.write_text(template.read_text(encoding="utf-8") + "Tillagd rad i mallen.\n", encoding="utf-8")
    edited = markdown()
    assert "Tillagd rad i mallen." in edited and edited != first

    shutil.rmtree(cache)
    cache.write_text("inte en mapp")  # a cache that cannot be made only costs speed
    assert markdown() == edited


def test_only_environments_that_compile_the_same_code_share_the_bytecode_cache(tmp_path, monkeypatch):
    """drafter check's recording environment compiles what render compiles, so it may use the
    cache; the traced one puts markers into the code, so it must not."""
    from drafter.ci.attribution import TracedEnvironment

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("DRAFTER_CACHE", raising=False)
    assert templating.bytecode_cache(templating.TemplateEnvironment) is not None
    assert templating.bytecode_cache(templating.RecordingEnvironment) is not None
    assert templating.bytecode_cache(TracedEnvironment) is None


def test_drafter_cache_0_turns_the_template_cache_off(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert templating.bytecode_cache(templating.TemplateEnvironment) is not None
    monkeypatch.setenv("DRAFTER_CACHE", "0")
    assert templating.bytecode_cache(templating.TemplateEnvironment) is None
