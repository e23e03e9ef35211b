"""Reading a case file: the one entry point that loads it, types it and runs every rule on it.

``read_case`` never raises for a bad file: what it finds comes back located, each problem
marked with whether an unfinished draft (``--ofärdigt``) may defer it. ``validate``,
``render``, ``preview`` and ``check`` all read a case this way, so they refuse the same cases.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from drafter.case.model import Case
from drafter.case.rules import case_rules, data_rules
from drafter.case.source import Loaded, load_file
from drafter.case.validation import MAX_PROBLEMS, at_most, model_problems, unique
from drafter.errors import CaseError, Problem


@dataclass(frozen=True)
class Found:
    """A problem, and whether an unfinished draft may show it as a warning instead."""

    problem: Problem
    deferrable: bool = False
    rule: str = ""  # the name of the rule that found it; "" for the YAML and the model


@dataclass(frozen=True)
class CaseFile:
    """A case file as read: its loaded source (None if it could not be read as YAML), the
    validated case (None if the model refused it) and every problem found in it."""

    path: Path
    loaded: Loaded | None
    case: Case | None
    found: tuple[Found, ...] = field(default=())

    def stopping(self, unfinished: bool = False) -> list[Problem]:
        """The errors that stop a command (the deferrable ones only when not ``unfinished``)."""
        errors = [f.problem for f in self.found if f.problem.severity != "warning" and not (unfinished and f.deferrable)]
        return at_most(MAX_PROBLEMS, unique(errors))

    def warnings(self, unfinished: bool = False) -> list[Problem]:
        """The warnings shown beside the work (and the deferred errors, when ``unfinished``)."""
        shown = [
            f.problem.as_warning()
            for f in self.found
            if f.problem.severity == "warning" or (unfinished and f.deferrable)
        ]
        return sorted(unique(shown))

    def fatal(self) -> list[Problem]:
        """The errors no unfinished draft can defer: the file is not a case the model accepts."""
        return self.stopping(unfinished=True)


def read_case(path: str | Path, templates: Any = None) -> CaseFile:
    """Load a case file, validate it against the model and run every rule on it (``templates``:
    the search path the command was given, for the rules that read the town's profile)."""
    path = Path(path)
    try:
        loaded = load_file(path, partial=True)
    except CaseError as error:  # not readable as YAML at all
        return CaseFile(path, None, None, tuple(Found(p) for p in error.problems))
    found = [Found(p) for p in loaded.problems]
    case, problems = model_problems(loaded, Case)
    found += [Found(p) for p in problems]
    for rule in data_rules():
        found += [Found(p, rule.deferrable, rule.name) for p in rule.problems(loaded)]
    if case is not None and not loaded.problems:
        for rule in case_rules():
            found += [Found(p, rule.deferrable, rule.name) for p in rule.problems(loaded, case, templates)]
    else:
        case = None
    return CaseFile(path, loaded, case, tuple(found))
