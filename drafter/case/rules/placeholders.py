"""The rule that nothing ``drafter new`` left to be filled in is still there."""

from __future__ import annotations

from typing import Any

from drafter.case.source import KeyPath, Loaded
from drafter.errors import Problem

# The text ``drafter new`` writes where a value is to be filled in.
PLACEHOLDER = "FYLL I"


def placeholders_filled(loaded: Loaded, case: object = None) -> list[Problem]:
    """Every value that ``drafter new`` left as a placeholder has been filled in."""
    paths: list[KeyPath] = []
    _left_in(loaded.data, (), paths)
    return [loaded.problem(path, f"'{PLACEHOLDER}' står kvar — fyll i värdet", at_value=True) for path in paths]


def _left_in(data: Any, path: KeyPath, paths: list[KeyPath]) -> None:
    """Adds the path of every text in ``data`` that holds the placeholder, in the data's order."""
    if isinstance(data, str):
        if PLACEHOLDER in data:
            paths.append(path)
    elif isinstance(data, dict):
        for key, value in data.items():
            _left_in(value, path + (key,), paths)
    elif isinstance(data, list):
        for i, value in enumerate(data):
            _left_in(value, path + (i,), paths)
