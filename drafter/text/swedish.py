"""Swedish writing conventions: dates in headers and in running text, lists of names, ordinals."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from babel import Locale
from babel.dates import format_date
from babel.lists import format_list

LOCALE = "sv_SE"
_ORDINALS = "första andra tredje fjärde femte sjätte sjunde åttonde nionde tionde elfte tolfte".split()


@lru_cache(maxsize=1)
def _locale() -> Locale:
    # Parsed once: given the name, babel parses it again on every date and list (half their time).
    return Locale.parse(LOCALE)


def iso_date(value: datetime.date) -> str:
    """2017-06-14: for headers, lists and tables."""
    return value.isoformat()


def text_date(value: datetime.date | None) -> str:
    """14 juni 2017: for running text (no leading zero, lower-case month). None gives today."""
    if value is not None and not isinstance(value, datetime.date):
        # Babel would stop at a bare assert (an internal error); a template error names the line.
        raise TypeError(f"textdatum behöver ett datum, inte {value!r}")
    return format_date(value, "d MMMM y", locale=_locale())


def name_list(items: Iterable[Any]) -> str:
    """A, B och C."""
    items = [str(i) for i in items]
    return format_list(items, locale=_locale()) if items else ""


def person(author: dict) -> str:
    """Namn (Parti)."""
    return f"{author['namn']} ({author['parti']})"


def authors(people: list[dict], party: str = "var-och-en", et_al_after: int = 0) -> str:
    """The authors of a motion as a town writes them: "A (S) och B (M)"; with a shared party
    "A och B (V)" when they all belong to one; with ``et_al_after`` N > 0, more than N authors
    become "A (S) m.fl."."""
    if not people:
        return ""
    if 0 < et_al_after < len(people):
        return f"{person(people[0])} m.fl."
    parties = {p["parti"] for p in people}
    if party == "gemensamt" and len(parties) == 1:
        return f"{name_list(p['namn'] for p in people)} ({parties.pop()})"
    return name_list(person(p) for p in people)


def ordinal(number: int) -> str:
    """1 → första, 2 → andra … (13 → 13:e)."""
    return _ORDINALS[number - 1] if 0 < number <= len(_ORDINALS) else f"{number}:e"


def lower_first(text: str) -> str:
    """Utveckla integrationsarbetet → utveckla integrationsarbetet."""
    return text[:1].lower() + text[1:]


def genitive(name: str) -> str:
    """Socialnämnden → Socialnämndens, Kommunens Bostads AB → Kommunens Bostads AB:s,
    Vård och omsorg → Vård och omsorgs; no extra s after s, x or z (Ekhus → Ekhus)."""
    name = name.rstrip()
    last = name.split()[-1] if name.split() else name
    if (len(last) > 1 and last.isupper()) or last[-1:].isdigit():
        return name + ":s"
    return name if name[-1:].lower() in "sxz" else name + "s"
