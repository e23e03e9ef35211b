"""Rules of time: a memo comes after the motion it answers, history is told in order, and a
motion is answered within a year (kommunallagen 5 kap. 35 §)."""

from __future__ import annotations

from collections.abc import Iterator

from drafter.case.model import Case
from drafter.case.source import Loaded
from drafter.errors import Problem
from drafter.register.legaltime import one_year_after


def _is_council(body: str) -> bool:
    return "fullmäktige" in body.lower() or body.strip().upper() == "KF"


def motion_older_than_a_year(loaded: Loaded, case: Case) -> Iterator[Problem]:
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
    if any(_is_council(e.body) and raised.date < e.date <= deadline for e in case.history):
        return
    yield loaded.problem(
        ("motion", "väckt", "datum"),
        f"motionen väcktes {raised.date.isoformat()}, mer än ett år före skrivelsens datum "
        f"{case.date.isoformat()}: enligt kommunallagen 5 kap. 35 § ska det redovisas för "
        f"kommunfullmäktige senast {deadline.isoformat()} att motionen inte kunnat beredas klart — "
        "för in fullmäktiges beslut om redovisningen i 'historik'",
        at_value=True,
    )


def memo_before_motion(loaded: Loaded, case: Case) -> Iterator[Problem]:
    """A memo answering a motion cannot be written before the motion was raised."""
    raised = case.motion.raised if case.motion else None
    if raised is not None and case.date < raised.date:
        line = loaded.position(("motion", "väckt", "datum"), at_value=True)[0]
        yield loaded.problem(
            ("datum",),
            f"skrivelsens datum {case.date.isoformat()} ligger före motionens väckt-datum "
            f"{raised.date.isoformat()} (rad {line}) — är något av datumen fel?",
            at_value=True,
        )


def history_in_order(loaded: Loaded, case: Case) -> Iterator[Problem]:
    """The history is told in order, oldest first, and starts after the motion was raised."""
    raised = case.motion.raised if case.motion else None
    for i, event in enumerate(case.history):
        where = ("historik", i, "datum")
        if i > 0 and event.date < case.history[i - 1].date:
            before = case.history[i - 1]
            line = loaded.position(("historik", i - 1, "datum"), at_value=True)[0]
            yield loaded.problem(
                where,
                f"historiken är inte i tidsordning: {event.date.isoformat()} kommer efter "
                f"{before.date.isoformat()} (rad {line}) — skriv händelserna med den äldsta först",
                at_value=True,
            )
        if raised is not None and event.date < raised.date:
            yield loaded.problem(
                where,
                f"händelsen {event.date.isoformat()} ligger före motionens väckt-datum {raised.date.isoformat()}",
                at_value=True,
            )


def history_before_memo(loaded: Loaded, case: Case) -> Iterator[Problem]:
    """An event after the memo's own date is probably a typo (a warning: it may be planned)."""
    for i, event in enumerate(case.history):
        if event.date > case.date:
            yield loaded.problem(
                ("historik", i, "datum"),
                f"händelsen {event.date.isoformat()} ligger efter skrivelsens datum {case.date.isoformat()}",
                at_value=True,
            )
