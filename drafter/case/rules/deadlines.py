"""The rule that warns before a motion's year runs out (kommunallagen 5 kap. 35 §), naming the council's last meeting in time."""

from __future__ import annotations

import datetime
import os
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from drafter.case.model import Case
from drafter.case.source import Loaded
from drafter.errors import DrafterError, Problem
from drafter.register.legaltime import days_between, one_year_after

DEFAULT_WARNING_DAYS = 60


def _profile_settings(municipality: str, templates: Any) -> tuple[int, tuple[datetime.date, ...]]:
    """The town's warning days and council meetings, from the search path the command was given
    (``templates``: its --mallar folders; None: DRAFTER_MALLAR and the bundled templates)."""
    from drafter.profile.loading import profile_file
    from drafter.profile.searchpath import as_search_path

    try:
        root = as_search_path(templates)
        own = profile_file(root, municipality)
        stamp = tuple(p.stat().st_mtime_ns for p in (*root.default_profiles(), own))
    except (DrafterError, OSError):  # the profile's own problems are reported when the case is rendered
        return DEFAULT_WARNING_DAYS, ()
    return _settings(root, os.getcwd(), municipality, stamp)


@lru_cache(maxsize=32)
def _settings(root: Any, cwd: str, municipality: str, stamp: tuple[int, ...]) -> tuple[int, tuple[datetime.date, ...]]:
    # ``stamp`` is part of the key: a changed profile file is read again; ``cwd``: ``root`` may be relative.
    from drafter.profile.loading import load_profile

    try:
        settings = load_profile(root, municipality).settings
    except DrafterError:
        return DEFAULT_WARNING_DAYS, ()
    return settings.motion_warning_days, tuple(settings.meetings)


def _is_council(body: str) -> bool:
    return "fullmäktige" in body.lower() or body.strip().upper() == "KF"


def little_time_left(loaded: Loaded, case: Case, templates: Any = None) -> Iterator[Problem]:
    """Fewer days than the profile's 'motionsvarning-dagar' are left, at the memo's date, until
    the day the council should have decided the motion; with the last council meeting in time
    when the profile lists 'sammanträden'. A motion already past its year is the other rule's."""
    raised = case.motion.raised if case.motion else None
    if raised is None or case.kind not in ("svar-på-motion", "yttrande-över-motion"):
        return
    if case.decided is not None and _is_council(case.decided.body):
        return
    deadline = one_year_after(raised.date)
    if any(_is_council(e.body) and raised.date < e.date <= deadline for e in case.history):
        return  # the council has had the report the law asks for
    left = days_between(case.date, deadline)
    days, meetings = _profile_settings(case.municipality, templates)
    if left < 0 or left >= days:
        return
    in_time = [m for m in meetings if case.date <= m <= deadline]
    if in_time:
        meeting = f"kommunfullmäktiges sista sammanträde före dess är {max(in_time).isoformat()}"
    elif meetings:
        meeting = "kommunfullmäktige har inget sammanträde före dess enligt profilens 'sammanträden'"
    else:
        meeting = "ange kommunfullmäktiges sammanträden i profilens 'sammanträden' för att se det sista i tid"
    yield loaded.problem(
        ("motion", "väckt", "datum"),
        f"{left} dagar kvar (vid skrivelsens datum {case.date.isoformat()}) till {deadline.isoformat()}, då "
        f"kommunfullmäktige ska ha beslutat om motionen eller fått en redovisning (kommunallagen 5 kap. 35 §) — {meeting}",
        at_value=True,
    )
