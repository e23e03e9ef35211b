"""Reading a folder of case files as a register: each motion once, joined across its files, with where it stands.

A motion's files are joined by the motion's own diarienummer: ``motion.diarienummer`` when a
file gives it, else the case's ``diarienummer`` for a file that holds the motion, or the
case's ``avser-motion`` for one that only refers to it. What the files say about the motion
(its title, authors, when it was raised) must agree; a decision cannot come before the motion,
the council finishes with it once (one date), and a reference must name a motion that some file holds. Each disagreement is a located problem.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from drafter.case.files import in_folder
from drafter.case.model import Case
from drafter.case.reading import read_case
from drafter.case.source import KeyPath, Loaded
from drafter.errors import Problem

# Where a motion stands, in the order it moves on.
STATES = ("inkommen", "på remiss", "svar skrivet", "beslutad av KS", "beslutad av KF", "avskriven")
# The states after which the council has dealt with the motion.
FINISHED = ("beslutad av KF", "avskriven")


def council_or_board(body: str) -> str | None:
    """'KF' for the municipal council, 'KS' for the executive board, None for any other body."""
    name = body.strip().lower()
    if "fullmäktige" in name or name == "kf":
        return "KF"
    if name in ("ks", "kommunstyrelsen") or (name.startswith("kommunstyrelse") and "utskott" not in name):
        return "KS"
    return None


@dataclass(frozen=True)
class Step:
    """One file (or decision in it) moving the motion to ``state`` on ``date``."""

    state: str
    date: datetime.date
    source: Path
    place: tuple[int, int] = (1, 1)  # line and column of the date in the file


@dataclass(frozen=True)
class Fact:
    """A value a file states about a motion, and where it says it."""

    value: Any
    loaded: Loaded
    path: KeyPath

    def where(self) -> str:
        line, column = self.loaded.position(self.path, at_value=True)
        return f"{self.loaded.source}:{line}:{column}"


@dataclass
class Motion:
    """One motion as the register knows it from all its files."""

    number: str
    facts: dict[str, Fact] = field(default_factory=dict)
    steps: list[Step] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    officers: list[tuple[int, datetime.date, str]] = field(default_factory=list)  # (rank, date, name)
    municipality: str = ""

    def fact(self, key: str) -> Any:
        return self.facts[key].value if key in self.facts else None

    def state(self, on: datetime.date | None = None) -> str:
        """Where the motion stands on ``on`` (every step counts when None)."""
        reached = [s for s in self.steps if on is None or s.date <= on]
        return max(reached, key=lambda s: (STATES.index(s.state), s.date)).state if reached else STATES[0]

    def finished_on(self, on: datetime.date | None = None) -> datetime.date | None:
        """The day the council finished with the motion (decided or wrote it off), if it has."""
        done = [s.date for s in self.steps if s.state in FINISHED and (on is None or s.date <= on)]
        return min(done) if done else None

    def officer(self) -> str | None:
        return max(self.officers)[2] if self.officers else None


@dataclass
class Register:
    """Every motion found in a folder, by its diarienummer, and the problems found on the way."""

    motions: dict[str, Motion] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    files: int = 0


def read_register(folder: Path) -> Register:
    """Read every case file below ``folder`` into a register.

    A process reads a folder once while its files are unchanged (same names, sizes and times):
    a report renders from the whole register, and ``drafter check`` or a batch may render several.
    The register returned is shared: read it, do not change it."""
    paths = in_folder(folder)
    stamp = []
    for path in paths:
        try:
            info = path.stat()
        except OSError:
            return _read_register(folder)  # a file vanished: read it the slow way, which reports it
        stamp.append((str(path), info.st_mtime_ns, info.st_size))
    key = (str(folder), os.getcwd(), os.environ.get("DRAFTER_MALLAR"), tuple(stamp))
    if key not in _read:
        if len(_read) >= 8:
            _read.clear()
        _read[key] = _read_register(folder)
    return _read[key]


_read: dict[tuple, Register] = {}


def _read_register(folder: Path) -> Register:
    register = Register()
    references: list[tuple[str, Loaded, KeyPath]] = []
    cases: list[tuple[Case, Loaded, Path]] = []
    for path in in_folder(folder):
        register.files += 1
        cf = read_case(path)
        if cf.case is None or cf.loaded is None:
            register.problems.extend(cf.fatal())
            continue
        cases.append((cf.case, cf.loaded, path))
    for case, loaded, path in cases:
        _add_case(register, case, loaded, path, references)
    for number, loaded, where in references:
        if number not in register.motions or not register.motions[number].facts:
            known = ", ".join(sorted(n for n, m in register.motions.items() if m.facts)) or "inga"
            register.problems.append(
                loaded.problem(where, f"ingen ärendefil i registret har motionen '{number}' — finns: {known}", at_value=True)
            )
    for number in [n for n, m in register.motions.items() if not m.facts]:
        del register.motions[number]
    for motion in register.motions.values():
        register.problems.extend(_decided_before_raised(motion))
        register.problems.extend(_council_decided_twice(motion))
    return register


def _add_case(register: Register, case: Case, loaded: Loaded, path: Path, references: list) -> None:
    number, where = _motion_number(case, loaded, register)
    if case.report is not None:
        _add_write_offs(register, case, loaded, path, references)
    if number is None:
        return
    motion = register.motions.setdefault(number, Motion(number))
    motion.files.append(path)
    motion.municipality = motion.municipality or case.municipality
    if case.motion is not None:
        _add_facts(register, motion, case, loaded)
        if case.motion.raised is not None:
            motion.steps.append(Step("inkommen", case.motion.raised.date, path, _at(loaded, ("motion", "väckt", "datum"))))
    else:
        references.append((number, loaded, where))
    rank = {"svar-på-motion": 2, "yttrande-över-motion": 1}.get(case.kind, 0)
    if case.case_officer is not None:  # a protokollsutdrag may have none
        motion.officers.append((rank, case.date, case.case_officer.name))
    for step in _steps(case, loaded, path):
        motion.steps.append(step)


def _motion_number(case: Case, loaded: Loaded, register: Register) -> tuple[str | None, KeyPath]:
    own = case.motion.case_number if case.motion else None
    ref = case.motion_reference
    if own and ref and own != ref:
        register.problems.append(
            loaded.problem(("avser-motion",), f"'avser-motion' ({ref}) och motionens diarienummer ({own}) skiljer sig åt — ange samma", at_value=True)
        )
    if own:
        return own, ("motion", "diarienummer")
    if ref:
        return ref, ("avser-motion",)
    if case.motion is not None:
        return case.case_number, ("diarienummer",)
    return None, ()


# What a file says about its motion: the key in the register, and where a case file writes it.
_FACTS: dict[str, KeyPath] = {
    "rubrik": ("motion", "rubrik"),
    "väckt": ("motion", "väckt", "datum"),
    "väckt-paragraf": ("motion", "väckt", "paragraf"),
    "motionärer": ("motion", "motionärer"),
    "planerat-beslut": ("motion", "planerat-beslut"),
}


def _fact_values(case: Case) -> dict[str, Any]:
    motion = case.motion
    assert motion is not None
    return {
        "rubrik": motion.title,
        "väckt": motion.raised.date if motion.raised else None,
        "väckt-paragraf": motion.raised.paragraph if motion.raised else None,
        "motionärer": tuple((a.name, a.party) for a in motion.authors),
        "planerat-beslut": motion.planned,
    }


def _shown(value: Any) -> str:
    if isinstance(value, tuple):
        return ", ".join(f"{name} ({party})" for name, party in value)
    return value.isoformat() if isinstance(value, datetime.date) else str(value)


def _add_facts(register: Register, motion: Motion, case: Case, loaded: Loaded) -> None:
    for key, value in _fact_values(case).items():
        if value is None:
            continue
        fact = Fact(value, loaded, _FACTS[key])
        first = motion.facts.get(key)
        if first is None:
            motion.facts[key] = fact
        elif first.value != value:
            register.problems.append(
                loaded.problem(
                    fact.path,
                    f"motionen {motion.number}: '{key}' är {_shown(value)} här men {_shown(first.value)} i {first.where()} "
                    "— samma motion ska ha samma uppgifter i alla ärendefiler",
                    at_value=True,
                )
            )


def _state_of_decision(body: str, points: Iterable[str]) -> str:
    """Where a body's decision leaves the motion: a referral, a decision of KS or KF, or a nämnd's answer."""
    who = council_or_board(body)
    if any("remitt" in p.lower() for p in points):
        return "inkommen" if who == "KF" else "på remiss"
    return {"KF": "beslutad av KF", "KS": "beslutad av KS"}.get(who or "", "på remiss")


def _at(loaded: Loaded, path: KeyPath) -> tuple[int, int]:
    return loaded.position(path, at_value=True)


def _steps(case: Case, loaded: Loaded, path: Path) -> list[Step]:
    steps = []
    dated = _at(loaded, ("datum",))
    if case.kind == "protokollsutdrag" and case.body:
        steps.append(Step(_state_of_decision(case.body, case.extra_points), case.date, path, dated))
    elif case.kind == "yttrande-över-motion":
        steps.append(Step("på remiss", case.date, path, dated))
    elif case.kind == "svar-på-motion":
        steps.append(Step("svar skrivet", case.date, path, dated))
    if case.decided is not None and case.report is None:
        decided = case.decided
        state = _state_of_decision(decided.body, decided.points)
        steps.append(Step(state, decided.date, path, _at(loaded, ("beslutat", "datum"))))
    return steps


def _add_write_offs(register: Register, case: Case, loaded: Loaded, path: Path, references: list) -> None:
    """A report the council decided writes off the motions it names (when it decided as proposed)."""
    assert case.report is not None
    decided = case.decided
    for i, number in enumerate(case.report.write_off):
        references.append((number, loaded, ("redovisning", "avskrivs", i)))
        if decided is not None and council_or_board(decided.body) == "KF" and decided.as_proposed:
            motion = register.motions.setdefault(number, Motion(number))
            motion.steps.append(Step("avskriven", decided.date, path, _at(loaded, ("beslutat", "datum"))))


def _decided_before_raised(motion: Motion) -> list[Problem]:
    raised = motion.fact("väckt")
    if raised is None:
        return []
    found = []
    for step in motion.steps:
        if step.date < raised and step.state != "inkommen":
            found.append(
                Problem(
                    str(step.source), *step.place,
                    f"motionen {motion.number}: beslutet {step.date.isoformat()} ({step.state}) ligger före motionens "
                    f"väckt-datum {raised.isoformat()} ({motion.facts['väckt'].where()})",
                )
            )
    return found


def _council_decided_twice(motion: Motion) -> list[Problem]:
    """The council finishes with a motion once: two of its decisions (or a decision and a
    write-off) on different days are a conflict, located at the later, naming the earlier."""
    final = sorted((s for s in motion.steps if s.state in FINISHED), key=lambda s: (s.date, str(s.source), s.place))
    if not final:
        return []
    first = final[0]
    return [
        Problem(
            str(step.source), *step.place,
            f"motionen {motion.number}: kommunfullmäktige avgjorde den {step.date.isoformat()} ({step.state}) här men "
            f"{first.date.isoformat()} ({first.state}) i {first.source}:{first.place[0]}:{first.place[1]} "
            "— fullmäktige avgör en motion en gång: rätta datumet eller hänvisa till rätt motion",
        )
        for step in final[1:]
        if step.date != first.date
    ]
