"""What ``drafter check`` finds: one ``Outcome`` per check of a subject, gathered in a ``Report``."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from drafter.case.rules import Finding
from drafter.errors import Problem

SUITE_CASES = "ärenden"
SUITE_TEMPLATES = "mallar"
SUITE_KINDS = "dokumenttyper"
SUITE_PROFILES = "profiler"


@dataclass
class Outcome:
    """One check of one subject: a test case in JUnit terms."""

    suite: str
    subject: str  # a case file, a template file, a kind or a profile
    name: str  # the check
    findings: list[Finding] = field(default_factory=list)
    detail: str = ""  # a diff, shown under the findings
    skipped: str = ""  # why the check did not run
    note: str = ""  # what it did besides checking ("godkänd text uppdaterad")

    @property
    def failed(self) -> bool:
        return any(f.severity == "error" for f in self.findings)

    @property
    def warned(self) -> bool:
        return any(f.severity == "warning" for f in self.findings)

    def problems(self, severity: str) -> list[Problem]:
        return [f.problem for f in self.findings if f.severity == severity]


@dataclass
class Report:
    outcomes: list[Outcome]
    cases: int = 0
    templates: int = 0
    kinds: int = 0
    profiles: int = 0
    seconds: float = 0.0
    updated: list[Path] = field(default_factory=list)

    def errors(self, strict: bool = False) -> int:
        return sum(1 for o in self.outcomes for f in o.findings if f.severity == "error" or strict)

    def warnings(self) -> int:
        return sum(1 for o in self.outcomes for f in o.findings if f.severity == "warning")

    def failed(self, strict: bool = False) -> bool:
        return self.errors(strict) > 0
