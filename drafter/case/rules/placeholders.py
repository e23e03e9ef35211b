"""The rule that nothing ``drafter new`` left to be filled in is still there."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from drafter.case.source import KeyPath, Loaded
from drafter.errors import Problem

# The text ``drafter new`` writes where a value is to be filled in.
PLACEHOLDER = "FYLL I"


def placeholders_filled(loaded: Loaded, case: object = None) -> Iterator[Problem]:
    """Every value that ``drafter new`` left as a placeholder has been filled in."""
    for path, value in _strings(loaded.data, ()):
        if PLACEHOLDER in value:
            yield loaded.problem(path, f"'{PLACEHOLDER}' står kvar — fyll i värdet", at_value=True)


def _strings(data: Any, path: KeyPath) -> Iterator[tuple[KeyPath, str]]:
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _strings(value, path + (key,))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _strings(value, path + (i,))
