"""Problems a user can act on: each has a place (file, line, column) and a Swedish message."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One located problem. Lines and columns count from 1, as editors show them."""

    file: str
    line: int
    column: int
    message: str
    severity: str = "error"  # "error" stops the command, "warning" is shown beside its work

    def __str__(self) -> str:
        mark = "varning: " if self.severity == "warning" else ""
        return f"{self.file}:{self.line}:{self.column}: {mark}{self.message}"

    def as_warning(self) -> Problem:
        return replace(self, severity="warning")


class DrafterError(Exception):
    """Base of every error the CLI turns into a message instead of a traceback."""

    exit_code = 1

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class CaseError(DrafterError):
    """The case file is not readable or not valid."""


class TemplateError(DrafterError):
    """A template failed: names the template file and line, and the case it was rendering."""


class OutputError(DrafterError):
    """The draft could not be written (for example, it was edited after drafter wrote it)."""


def problem_at(file: str | Path, message: str, line: int = 1, column: int = 1) -> Problem:
    return Problem(str(file), line, column, message)
