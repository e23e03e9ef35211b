"""Domain rules for a valid case: what the model's types cannot see, located at the field.

A rule takes the validated case and its loaded file (for positions) and yields findings.
Errors are cases that cannot be right (a memo dated before the motion it answers); warnings
are cases that may be right but need a person's look (a motion older than a year, which the
law asks to be reported to the council). ``drafter check`` runs every rule on every case.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Literal

from drafter.errors import Problem
from drafter.case.source import Loaded
from drafter.case.model import Case

Severity = Literal["error", "warning"]

# The text ``drafter new`` writes where a value is to be filled in.
PLACEHOLDER = "FYLL I"


@dataclass(frozen=True)
class Finding:
    """A located problem and how serious it is: an error fails ``drafter check``, a warning is shown."""

    problem: Problem
    severity: Severity = "error"


@dataclass(frozen=True)
class Rule:
    name: str  # short, Swedish: the test case's name in a JUnit report
    check: Callable[[Case, Loaded], Iterable[Finding]]


def one_year_after(day: datetime.date) -> datetime.date:
    """The same date a year later; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)


def _is_council(body: str) -> bool:
    return "fullmäktige" in body.lower() or body.strip().upper() == "KF"


def motion_older_than_a_year(case: Case, loaded: Loaded) -> Iterator[Finding]:
    """Kommunallagen (2017:725) 5 kap. 35 §: a motion should be prepared so that the council can
    decide within a year of its raising; otherwise that, and what the preparation has shown,
    must be reported to the council within the same year.

    A warning, not an error: answering late is lawful once it has been reported, and the report
    is a decision of the council that the case file records only if the registrar wrote it into
    'historik'. An event of kommunfullmäktige within the year after the raising counts as the report.
    """
    raised = case.motion.raised if case.motion else None
    if raised is None:
        return
    deadline = one_year_after(raised.date)
    if case.date <= deadline:
        return
    reported = any(_is_council(e.body) and raised.date < e.date <= deadline for e in case.history)
    if reported:
        return
    yield Finding(
        loaded.problem(
            ("motion", "väckt", "datum"),
            f"motionen väcktes {raised.date.isoformat()}, mer än ett år före skrivelsens datum "
            f"{case.date.isoformat()}: enligt kommunallagen 5 kap. 35 § ska det redovisas för "
            f"kommunfullmäktige senast {deadline.isoformat()} att motionen inte kunnat beredas klart — "
            "för in fullmäktiges beslut om redovisningen i 'historik'",
            at_value=True,
        ),
        "warning",
    )


def memo_before_motion(case: Case, loaded: Loaded) -> Iterator[Finding]:
    """A memo answering a motion cannot be written before the motion was raised."""
    raised = case.motion.raised if case.motion else None
    if raised is not None and case.date < raised.date:
        line = loaded.position(("motion", "väckt", "datum"), at_value=True)[0]
        yield Finding(
            loaded.problem(
                ("datum",),
                f"skrivelsens datum {case.date.isoformat()} ligger före motionens väckt-datum "
                f"{raised.date.isoformat()} (rad {line}) — är något av datumen fel?",
                at_value=True,
            )
        )


def history_in_order(case: Case, loaded: Loaded) -> Iterator[Finding]:
    """The history is told in order, oldest first; it starts after the motion was raised and
    (as a warning) ends no later than the memo's own date."""
    raised = case.motion.raised if case.motion else None
    for i, event in enumerate(case.history):
        where = ("historik", i, "datum")
        if i > 0 and event.date < case.history[i - 1].date:
            before = case.history[i - 1]
            line = loaded.position(("historik", i - 1, "datum"), at_value=True)[0]
            yield Finding(
                loaded.problem(
                    where,
                    f"historiken är inte i tidsordning: {event.date.isoformat()} kommer efter "
                    f"{before.date.isoformat()} (rad {line}) — skriv händelserna med den äldsta först",
                    at_value=True,
                )
            )
        if raised is not None and event.date < raised.date:
            yield Finding(
                loaded.problem(
                    where,
                    f"händelsen {event.date.isoformat()} ligger före motionens väckt-datum {raised.date.isoformat()}",
                    at_value=True,
                )
            )
        if event.date > case.date:
            yield Finding(
                loaded.problem(
                    where,
                    f"händelsen {event.date.isoformat()} ligger efter skrivelsens datum {case.date.isoformat()}",
                    at_value=True,
                ),
                "warning",
            )


def placeholders_filled(case: Case, loaded: Loaded) -> Iterator[Finding]:
    """Every value that ``drafter new`` left as a placeholder has been filled in."""
    for path, value in _strings(loaded.data, ()):
        if PLACEHOLDER in value:
            yield Finding(loaded.problem(path, f"'{PLACEHOLDER}' står kvar — fyll i värdet", at_value=True))


def _strings(data: Any, path: tuple) -> Iterator[tuple[tuple, str]]:
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _strings(value, path + (key,))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _strings(value, path + (i,))


RULES: tuple[Rule, ...] = (
    Rule("motion äldre än ett år", motion_older_than_a_year),
    Rule("skrivelse före motion", memo_before_motion),
    Rule("historik i tidsordning", history_in_order),
    Rule("platshållare ifyllda", placeholders_filled),
)


def check_case(case: Case, loaded: Loaded) -> list[tuple[Rule, list[Finding]]]:
    """Every rule's findings for one case, rule by rule (an empty list: the rule passed)."""
    return [(rule, list(rule.check(case, loaded))) for rule in RULES]
