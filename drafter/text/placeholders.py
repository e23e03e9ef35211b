"""Profile texts with {namn} placeholders: filling them from a case's values.

A profile writes its letterhead lines and phrasings as text with ``{namn}`` where a value of
the case goes ("Dnr: {diarienummer}"). ``{sida}`` and ``{sidor}`` are not placeholders but
the page fields of the Markdown dialect, and stay as they are.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from drafter.text.markdown import FIELDS

PLACEHOLDER = re.compile(r"\{([^{}\s]+)\}")


def names(text: str) -> list[str]:
    """The placeholder names a text uses, in order, without the page fields."""
    return [name for name in PLACEHOLDER.findall(text) if name not in FIELDS]


def fill(text: str, values: Mapping[str, Any], extra: Mapping[str, Any] | None = None) -> str:
    """``text`` with each {namn} replaced by its value; empty when a value it names is missing,
    so that "Telefon: {telefon}" is left out for a case without a phone.

    An unknown name is an error rather than text in the memo.
    """
    values = {**values, **(extra or {})}
    missing = False

    def replace(match: re.Match[str]) -> str:
        nonlocal missing
        name = match.group(1)
        if name in FIELDS:
            return match.group(0)
        if name not in values:
            raise ValueError(f"okänt namn {{{name}}} i profilens text '{text}' — kända namn: {', '.join(sorted(values))}")
        value = values[name]
        if value is None or value == "":
            missing = True
            return ""
        return str(value)

    result = PLACEHOLDER.sub(replace, str(text))
    return "" if missing else result


def first_filled(texts: Iterable[str], values: Mapping[str, Any], extra: Mapping[str, Any] | None = None) -> str:
    """The first of ``texts`` whose values all exist, filled; empty if none."""
    return next((filled for filled in (fill(t, values, extra) for t in texts) if filled), "")
