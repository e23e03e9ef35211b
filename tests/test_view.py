"""The view model: what Python computes for the templates (decision points, section order, pages)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from drafter import data
from drafter.case.model import Case
from drafter.case.source import load_text
from drafter.case.validation import validate
from drafter.profile.loading import load_profile
from drafter.text import names, view
from drafter.text.names import Computed

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted((ROOT / "cases").glob("*.yaml"))

CASE = """\
dokument: svar-på-motion
kommun: exempel
diarienummer: KS 2024/1
datum: 2024-03-01
förvaltning: Kommunstyrelseförvaltningen
handläggare: {namn: Eva Ek, titel: Utredare}
mottagare: Kommunstyrelsen
motion:
  rubrik: Fler bänkar
  motionärer: [{namn: Ann Ås, parti: S}, {namn: Bo Berg, parti: M}]
  att-satser: [att fler bänkar ställs ut, att bänkarna målas gröna]
ställningstagande: avslag
hänvisning: gällande budget
redogörelse: Förvaltningen har utrett frågan.
beslutspunkter: [Tekniska nämnden får i uppdrag att se över parkerna., Ärendet är därmed avslutat]
"""


def variables(extra: str = "", profile: str = "exempel", text: str = CASE) -> dict:
    case = validate(load_text(text + extra, "t.yaml"), Case)
    return view.build(case, load_profile(data.templates(), profile))


def aliases(model) -> set[str]:
    return {field.alias for field in model.model_fields.values()}


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_the_computed_names_are_what_the_linter_is_told(sample: Path) -> None:
    """Computed declares every name the view gives, with the keys of its items."""
    case = validate(load_text(sample.read_text(encoding="utf-8"), str(sample)), Case)
    result = view.build(case, load_profile(data.templates(), case.municipality))
    for name, model in (("sidor", names.PagePart), ("avsnitten", names.SectionRef), ("remiss", names.ReferralView)):
        for item in result[name]:
            assert set(item) == aliases(model), name
    proposal = result["förslag"] or {"nivåer": []}
    for level in proposal["nivåer"]:
        assert set(level) == aliases(names.Level)
        for point in level["punkter"]:
            assert set(point) == aliases(names.DecisionPoint)
    computed = aliases(Computed)
    assert computed <= set(result)
    case_names = {name.replace("-", "_") for name in aliases(Case)}
    assert set(result) - computed == (case_names | {"profil"}) - computed


def texts(points: list[dict]) -> list[str]:
    return [p["text"] for p in points]


def test_decision_points_end_as_the_decision_form_says() -> None:
    numbered = variables()["förslag"]["nivåer"][0]["punkter"]
    assert [p["nummer"] for p in numbered] == [1, 2, 3]
    assert texts(numbered) == [
        "Motionen avslås med hänvisning till gällande budget.",
        "Tekniska nämnden får i uppdrag att se över parkerna.",
        "Ärendet är därmed avslutat.",
    ]
    att = variables(profile="vanersborg")["förslag"]["nivåer"][0]["punkter"]
    assert texts(att) == [
        "att motionen avslås med hänvisning till gällande budget,",
        "att tekniska nämnden får i uppdrag att se över parkerna och",
        "att ärendet är därmed avslutat.",
    ]


def test_a_partly_approved_motion_gives_a_point_per_att_sats_with_its_reference() -> None:
    text = CASE.replace("att-satser: [att fler bänkar ställs ut, att bänkarna målas gröna]", (
        "att-satser:\n    - {text: att fler bänkar ställs ut, ställningstagande: bifall}\n"
        "    - {text: att bänkarna målas gröna, ställningstagande: besvarad}"
    )).replace("ställningstagande: avslag", "ställningstagande: delvis")
    points = texts(variables(text=text)["förslag"]["nivåer"][0]["punkter"])
    assert points[:2] == [
        "Motionens första att-sats bifalls.",  # no reference with an approval
        "Motionens andra att-sats anses besvarad med hänvisning till gällande budget.",
    ]


def test_own_decisions_of_the_board_give_two_levels_without_a_preamble() -> None:
    proposal = variables("egna-beslut: [Kommunstyrelsen beslutar att bänkarna inventeras]\n")["förslag"]
    assert proposal["ingress"] == ""
    assert [level["rubrik"] for level in proposal["nivåer"]] == [
        "Kommunstyrelsens beslut", "Kommunstyrelsens förslag till kommunfullmäktiges beslut",
    ]
    assert texts(proposal["nivåer"][0]["punkter"]) == ["Kommunstyrelsen beslutar att bänkarna inventeras."]


def test_own_sections_go_before_or_after_the_section_they_name_or_to_the_profiles_place() -> None:
    sections = variables(
        "avsnitt:\n"
        "  - {rubrik: Före, text: a, före: redogörelse}\n"
        "  - {rubrik: Efter, text: b, efter: redogörelse}\n"
        "  - {rubrik: Fritt, text: c}\n"
        "  - {rubrik: Saknas, text: d, efter: rekommendationer}\n"
    )["avsnitten"]
    names = [s["rubrik"] if s["namn"] == "eget" else s["namn"] for s in sections]
    start = names.index("Före")
    # 'rekommendationer' is not in a motion answer: that section goes to the place for own sections.
    assert names[start:start + 5] == ["Före", "redogörelse", "Efter", "Fritt", "Saknas"]
    assert names[0] == "förslag" and "avsnitt" not in names


def test_letterhead_lines_naming_a_missing_value_are_left_out() -> None:
    parts = {p["namn"]: p for p in variables()["sidor"]}
    footer = parts["förstasidfot"]["vänster"].split("\\\n")
    assert footer == ["Handläggare: Eva Ek", "Utredare"]  # no phone, no e-mail: no lines for them
    assert parts["förstasidhuvud"]["höger"].endswith("{sida}({sidor})")  # page fields stay for the writer
    assert "sidfot" not in parts  # nothing to show: no part at all


def test_the_templates_compute_nothing_a_municipal_writer_could_not_read() -> None:
    for template in data.templates().rglob("*.j2"):
        text = template.read_text(encoding="utf-8")
        for construct in ("namespace(", "caller(", "if false", "loop.revindex"):
            assert construct not in text, f"{template}: {construct}"
        assert not re.search(r"{%-? *macro\b[^%]*%}[^%]*{%-? *macro", text), f"{template}: a macro inside a macro"
