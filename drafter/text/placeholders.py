"""Profile texts with {namn} placeholders: filling them from a case's values.

A profile writes its letterhead lines and phrasings as text with ``{namn}`` where a value of
the case goes ("Dnr: {diarienummer}"). ``{sida}`` and ``{sidor}`` are not placeholders but
the page fields of the Markdown dialect, and stay as they are.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from drafter.text.markdown import FIELDS

PLACEHOLDER = re.compile(r"\{([^{}\s]+)\}")

# The names every profile text may use: values of the case and of the profile itself.
NAMES = (
    "kommun", "adress", "förvaltning", "dokumenttyp", "datum", "diarienummer", "sidnummer",
    "handläggare", "titel", "telefon", "epost", "mottagare", "organ", "paragraf",
    "motion", "ämne", "ämne-eller-rubrik", "motionärer", "väckt", "väckt-paragraf", "rapport",
    "mobil", "fax", "brevhuvud",
)
# Texts that are filled once per item, with names of their own besides the common ones.
OWN_NAMES: dict[tuple[str, ...], tuple[str, ...]] = {
    ("formuleringar", "remitterad"): ("remissinstanser",),
    ("formuleringar", "handling"): ("titel", "datum", "från"),
    ("formuleringar", "delvis"): ("ordningstal", "avser", "om-motionen", "om-att-satsen"),
    ("formuleringar", "remissvaret"): ("organ-genitiv", "när", "beslut"),
    ("formuleringar", "remissrubrik"): ("organ-genitiv", "när", "beslut"),
    ("formuleringar", "historik"): ("organ-genitiv", "beslut", "till", "annan-dag"),
    ("formuleringar", "redovisningen"): ("från", "till", "antal"),
}


def allowed_names(path: tuple) -> tuple[str, ...]:
    """The names the profile text at ``path`` (its keys, as in the file) may use."""
    keys = tuple(k for k in path if isinstance(k, str))
    return NAMES + next((own for prefix, own in OWN_NAMES.items() if keys[: len(prefix)] == prefix), ())


class MissingValue(ValueError):
    """A profile text that must be shown names a value the case does not have."""

    def __init__(self, text: str, name: str):
        self.name = name
        self.path: tuple = ()  # the text's keys in the profile, when known
        super().__init__(f"profilens text '{text}' använder {{{name}}}, men ärendet har inget värde för '{name}'")


def names(text: str) -> list[str]:
    """The placeholder names a text uses, in order, without the page fields."""
    return [name for name in PLACEHOLDER.findall(text) if name not in FIELDS]


def fill(text: str, values: Mapping[str, Any], extra: Mapping[str, Any] | None = None) -> str:
    """``text`` with each {namn} replaced by its value; empty when a value it names is missing,
    so that "Telefon: {telefon}" is left out for a case without a phone.

    An unknown name is an error rather than text in the memo.
    """
    values = {**values, **(extra or {})}
    missing: list[str] = []
    result = _substitute(text, values, missing.append)
    return "" if missing else result


def fill_required(text: str, values: Mapping[str, Any]) -> str:
    """``text`` filled, for a text that must be shown (a heading, a decision point): a value it
    names that the case lacks is an error, never a silently shorter text."""

    def refuse(name: str) -> None:
        raise MissingValue(text, name)

    return _substitute(text, values, refuse)


def _substitute(text: str, values: Mapping[str, Any], on_missing: Callable[[str], None]) -> str:
    """Each {namn} of ``text`` replaced by its value (the page fields kept); a value that is
    None or empty is reported to ``on_missing`` and replaced by nothing. An unknown name is
    an error rather than text in the memo."""

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name in FIELDS:
            return match.group(0)
        if name not in values:
            raise ValueError(f"okänt namn {{{name}}} i profilens text '{text}' — kända namn: {', '.join(sorted(values))}")
        value = values[name]
        if value is None or value == "":
            on_missing(name)
            return ""
        return str(value)

    return PLACEHOLDER.sub(replace, str(text))


def first_filled(texts: Iterable[str], values: Mapping[str, Any], extra: Mapping[str, Any] | None = None) -> str:
    """The first of ``texts`` whose values all exist, filled; empty if none."""
    return next((filled for filled in (fill(t, values, extra) for t in texts) if filled), "")
