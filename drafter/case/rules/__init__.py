"""Every rule about what a case means, in one registry: its name, severity and whether it may wait.

Pydantic checks types (drafter.case.model); a rule checks meaning — dates in order, what a
document kind needs, placeholders left by ``drafter new``, Markdown that would lose text. Each
rule has a name (Swedish: a test case in ``drafter check``'s JUnit report), a severity (an
error stops a command, a warning is shown beside its work) and says whether an unfinished
draft (``--ofärdigt``) may defer it: a placeholder left in may, a footnote that would be lost
may not. A rule either reads the loaded data (it runs even when the model refuses the file,
so its problems come with the others) or needs the validated case.

:func:`drafter.case.reading.read_case` runs them all; every command goes through it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import Any, Literal

from drafter.case.rules import dates, deadlines, kinds, markdown, people
from drafter.case.rules.dates import one_year_after  # noqa: F401  (public)
from drafter.case.rules.placeholders import PLACEHOLDER, placeholders_filled  # noqa: F401  (PLACEHOLDER: public)
from drafter.case.source import Loaded
from drafter.errors import Problem

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Finding:
    """A located problem and how serious it is: an error fails ``drafter check``, a warning is shown."""

    problem: Problem
    severity: Severity = "error"


@dataclass(frozen=True)
class Rule:
    """One rule: ``check(loaded, case)`` yields located problems."""

    name: str  # short, Swedish: the test case's name in a JUnit report
    check: Callable[..., Iterable[Problem]]
    severity: Severity = "error"
    deferrable: bool = False  # an unfinished draft (--ofärdigt) shows it as a warning instead
    needs_case: bool = True  # runs only on a case the model accepted (else on the loaded data)
    needs_templates: bool = False  # check(loaded, case, templates): the search path the command was given

    def problems(self, loaded: Loaded, case: Any = None, templates: Any = None) -> list[Problem]:
        """What the rule finds; ``templates`` (a search path, or None for the default one) is
        passed on to a rule that reads the town's profile."""
        found = list(self.check(loaded, case, templates) if self.needs_templates else self.check(loaded, case))
        return [p.as_warning() for p in found] if self.severity == "warning" else found


RULES: tuple[Rule, ...] = (
    # On the data: their problems are reported together with the model's.
    Rule("dokumenttypens fält", kinds.kind_needs, needs_case=False),
    Rule("fotnoter", markdown.footnotes, needs_case=False),
    Rule("blocksyntax i text", markdown.fences, needs_case=False),
    Rule("tabeller och bilder", markdown.content, needs_case=False),
    # On the validated case.
    Rule("motion äldre än ett år", dates.motion_older_than_a_year, "warning", deferrable=True),
    Rule("motionens tid går ut", deadlines.little_time_left, "warning", deferrable=True, needs_templates=True),
    Rule("skrivelse före motion", dates.memo_before_motion, deferrable=True),
    Rule("historik i tidsordning", dates.history_in_order, deferrable=True),
    Rule("historik efter skrivelsen", dates.history_before_memo, "warning", deferrable=True),
    Rule("platshållare ifyllda", placeholders_filled, deferrable=True),
    Rule("godkännare skriver inte under", people.approver_also_signs, "warning", deferrable=True),
)


def data_rules() -> tuple[Rule, ...]:
    return tuple(rule for rule in RULES if not rule.needs_case)


def case_rules() -> tuple[Rule, ...]:
    return tuple(rule for rule in RULES if rule.needs_case)


def check_case(case: Any, loaded: Loaded, templates: Any = None) -> list[tuple[Rule, list[Finding]]]:
    """Every rule's findings for one validated case, rule by rule (an empty list: the rule
    passed). Kept for ``drafter check``, which reports each rule as a test case."""
    return [
        (rule, [Finding(replace(p, severity="error"), rule.severity) for p in rule.problems(loaded, case, templates)])
        for rule in RULES
    ]
