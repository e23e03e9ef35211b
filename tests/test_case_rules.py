"""Rules that tie fields together are reported with the others, each at its own field."""

from drafter.errors import CaseError
from drafter.case.source import load_text
from drafter.case.model import Case
from drafter.case.rules.kinds import case_rules
from drafter.case.validation import validate

CASE = """\
dokument: svar-på-motion
kommun: arboga
diarienummer: KS 1
datum: 2024-01-01
förvaltning: F
handläggare: {namn: A}
mottagare:
motion:
  rubrik: R
  motionärer: [{namn: A, parti: S}]
  att-satser:
    - text: att a
      ställningstagande: bifall
    - att b
redogörelse: text
ställningstagande: delvis
organ: KS
"""


def located(text: str) -> list[str]:
    try:
        validate(load_text(text, "c.yaml"), Case)
    except CaseError as error:
        return [f"{p.line}:{p.column}: {p.message}" for p in error.problems]
    return []


def test_cross_field_rules_come_with_field_errors_each_at_its_place():
    assert located(CASE) == [
        "14:7: med 'ställningstagande: delvis' behöver varje att-sats ett eget ställningstagande "
        "— skriv den som 'text: …' och 'ställningstagande: …'",
        "17:8: fältet 'organ' används inte av dokumenttypen 'svar-på-motion', bara av: protokollsutdrag",
    ]


def test_a_required_field_that_is_absent_points_at_the_kind():
    text = CASE.replace("organ: KS\n", "").replace("    - att b\n", "").replace("ställningstagande: delvis\n", "")
    assert located(text) == ["1:11: dokumenttypen 'svar-på-motion' behöver fältet 'ställningstagande'"]


def test_two_decision_levels_belong_to_a_proposal_to_the_council():
    text = CASE.replace("mottagare:\n", "mottagare: KS\n").replace("organ: KS\n", "").replace("    - att b\n", "")
    text += "beslutas-av: kommunstyrelsen\negna-beslut: [Kommunstyrelsen beslutar att a.]\n"
    assert located(text) == ["17:1: 'egna-beslut' hör till ett förslag till kommunfullmäktige ('beslutas-av: kommunfullmäktige')"]


def test_the_model_applies_the_same_rules():
    assert case_rules({"dokument": "svar-på-motion"})  # nothing required is there
    assert case_rules("not a mapping") == []


def test_rules_leave_invalid_inputs_to_their_own_messages():
    assert case_rules({"dokument": ["svar-på-motion"]}) == []
    broken = {"dokument": "svar-på-motion", "beslutas-av": ["a"], "egna-beslut": ["x"]}
    assert all(path != ("egna-beslut",) for path, _ in case_rules(broken))
    messages = located(CASE.replace("dokument: svar-på-motion", "dokument: [svar-på-motion]"))
    assert messages and all("internt" not in m for m in messages)


def test_a_list_where_a_word_was_expected_is_said_plainly():
    [message] = located(CASE.replace("dokument: svar-på-motion", "dokument: [svar-på-motion]"))
    assert message.startswith("1:11: 'dokument' ska vara ett av orden svar-på-motion,")
    assert "[" not in message


def test_validate_reports_the_domain_rules(tmp_path):
    from pathlib import Path

    from click.testing import CliRunner

    from drafter.cli import main

    root = Path(__file__).resolve().parents[1]
    text = (root / "cases" / "exempel-svar-på-motion.yaml").read_text(encoding="utf-8")
    early = tmp_path / "tidig.yaml"
    early.write_text(text.replace("datum: 2024-09-02", "datum: 2023-01-02", 1), encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", "--mallar", str(root / "drafter" / "data" / "templates"), str(early)])
    assert result.exit_code == 1
    assert f"{early}:7:8: skrivelsens datum 2023-01-02 ligger före motionens väckt-datum" in result.output
    assert f"{early}:32:39: varning: händelsen 2023-11-20 ligger efter skrivelsens datum" in result.output

    late = root / "cases" / "alingsas-integration.yaml"
    result = CliRunner().invoke(main, ["validate", "--mallar", str(root / "drafter" / "data" / "templates"), str(late)])
    assert result.exit_code == 0  # a warning is shown, not a failure
    assert "varning: motionen väcktes 2017-06-14, mer än ett år före" in result.output


def test_every_rule_has_one_home_a_name_a_severity_and_says_whether_it_may_wait():
    from drafter.case.rules import RULES

    names = [rule.name for rule in RULES]
    assert len(names) == len(set(names))
    assert all(rule.severity in ("error", "warning") for rule in RULES)
    deferrable = {rule.name for rule in RULES if rule.deferrable}
    assert "platshållare ifyllda" in deferrable and "skrivelse före motion" in deferrable
    assert "fotnoter" not in deferrable and "dokumenttypens fält" not in deferrable


def test_read_case_reports_and_defers(tmp_path):
    from drafter.case.reading import read_case

    case = tmp_path / "c.yaml"
    fixed = CASE.replace("mottagare:\n", "mottagare: FYLL I\n").replace("ställningstagande: delvis", "ställningstagande: bifall")
    case.write_text(fixed.replace("organ: KS\n", ""), encoding="utf-8")
    read = read_case(case)
    assert read.case is not None
    assert [p.message for p in read.stopping()] == ["'FYLL I' står kvar — fyll i värdet"]
    assert read.stopping(unfinished=True) == []
    assert [p.severity for p in read.warnings(unfinished=True)] == ["warning"]

    case.write_text("dokument: [", encoding="utf-8")
    read = read_case(case)
    assert read.loaded is None and read.case is None
    assert read.stopping(unfinished=True)  # a file that cannot be read is never deferred
