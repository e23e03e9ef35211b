"""Validate loaded data against a model and report every problem at its place, in Swedish.

Pydantic checks the types; the messages come from drafter.case.messages. A date must be
written ÅÅÅÅ-MM-DD (pydantic would read "0" as 1970-01-01). Follow-ups of a problem already
reported (a field "missing" because its name was misspelt, values under a refused YAML
construct) are left out.
"""

from __future__ import annotations

from typing import TypeVar

from pydantic import BaseModel, ValidationError

from drafter.case.fields import fields_in
from drafter.case.messages import ISO_DATE, date_message, field_name, problems
from drafter.case.source import KeyPath, Loaded
from drafter.errors import CaseError, Problem

M = TypeVar("M", bound=BaseModel)

MAX_PROBLEMS = 50  # per file


def model_problems(loaded: Loaded, model: type[M]) -> tuple[M | None, list[Problem]]:
    """The model built from the loaded data, or None, and the type problems found."""
    found: list[Problem] = []
    date_paths: set[KeyPath] = set()
    for path, kinds, value in fields_in(model, loaded.data):
        if "date" in kinds and isinstance(value, str) and not ISO_DATE.fullmatch(value.strip()):
            # pydantic would read "0" as 1970-01-01 and "1700000000" as a timestamp.
            date_paths.add(path)
            if not loaded.is_doubtful(path):
                found.append(loaded.problem(path, date_message(field_name(path), value), at_value=True))
    try:
        result = model.model_validate(loaded.data)
    except ValidationError as error:
        # A model-wide rule (what a kind needs) is a rule of its own, reported at its fields.
        errors = [e for e in error.errors(include_url=False) if not (e["loc"] == () and e["type"] == "value_error")]
        found.extend(problems(loaded, model, errors, skip=date_paths))
        return None, found
    return (None if found else result), found


def validate(loaded: Loaded, model: type[M]) -> M:
    """The model built from the loaded data; raises :class:`CaseError` with the loader's
    problems, the model's, and (for a case) those of the rules that read the data."""
    result, found = model_problems(loaded, model)
    found = list(loaded.problems) + found
    from drafter.case.model import Case

    if model is Case:
        from drafter.case.rules import data_rules

        for rule in data_rules():
            found.extend(rule.problems(loaded))
    if found:
        raise CaseError(at_most(MAX_PROBLEMS, unique(found)))
    assert result is not None
    return result


def unique(found: list[Problem]) -> list[Problem]:
    return list(dict.fromkeys(found))


def at_most(limit: int, found: list[Problem]) -> list[Problem]:
    """The first ``limit`` problems in the file, and a note of how many more there are:
    a file that is not a case at all would otherwise bury the terminal."""
    if len(found) <= limit:
        return found
    first = sorted(found)[:limit]
    last = first[-1]
    more = len(found) - limit
    # "…" sorts after every message at the same place, so the note stays last.
    return first + [Problem(last.file, last.line, last.column, f"… och {more} fel till, som inte visas — rätta felen ovan och kör igen")]
