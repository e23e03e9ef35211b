"""The model's type errors as Swedish messages, each at its place in the file.

Pydantic says what is wrong with a value in English and at a location of its own making;
this module turns each error into a message a registrar can act on, at the key or value
as written, and explains an unknown key by the key that was probably meant.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from typing import Any

from pydantic import BaseModel

from drafter.case.fields import allowed_keys
from drafter.case.source import KeyPath, Loaded
from drafter.errors import Problem

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

def problems(
    loaded: Loaded, model: type[BaseModel], errors: list[dict[str, Any]], skip: set[KeyPath] = frozenset()
) -> list[Problem]:
    """Pydantic's errors (``ValidationError.errors()``) as located Swedish problems."""
    found: list[Problem] = []
    seen: set[tuple] = set()
    items = [(item, _clean(item["loc"], loaded.data, item["type"] == "missing")) for item in errors]
    # An unknown key that was meant as another one explains that one's "missing" error.
    explained: set[KeyPath] = set()
    unknown: dict[KeyPath, tuple[str, KeyPath | None]] = {}
    for item, path in items:
        if item["type"] == "extra_forbidden":
            message, meant = _unknown_key(loaded, model, path)
            unknown[path] = (message, meant)
            if meant is not None:
                explained.add(meant)
    for item, path in items:
        if path in skip or loaded.is_doubtful(path):
            continue
        kind = item["type"]
        if kind == "missing" and path in explained:
            continue
        if kind == "extra_forbidden":
            message = unknown[path][0]
        else:
            message = _message(item, path)
        key = (path, message)
        if key not in seen:
            seen.add(key)
            at_value = kind not in ("missing", "extra_forbidden")
            found.append(loaded.problem(path, message, at_value))
    return found


def _clean(loc: tuple, data: Any, missing: bool = False) -> tuple:
    """The part of a pydantic location a user wrote in the file (keys and list positions).

    Pydantic adds the names of validators and union members ("function-after[…]",
    "constrained-str", …) to a location; keeping only what exists in the data, step by
    step, drops them whatever they look like, and keeps keys such as "0[" that look like them.
    """
    kept: list = []
    current = data
    for i, part in enumerate(loc):
        if isinstance(current, dict) and part in current:
            current = current[part]
        elif isinstance(current, list) and isinstance(part, int) and not isinstance(part, bool) and 0 <= part < len(current):
            current = current[part]
        elif missing and isinstance(current, dict) and isinstance(part, str) and i == len(loc) - 1:
            pass  # the missing field's own name
        else:
            continue
        kept.append(part)
    return tuple(kept)


def field_name(path: tuple) -> str:
    names = [p for p in path if isinstance(p, str)]
    return names[-1] if names else "filen"


_INVISIBLE = re.compile(r"[\s\u00ad\u200b-\u200f\u2060\ufeff]")


def visible(text: str) -> str:
    """Text for a message, with characters one cannot see named (a pasted hard space…)."""
    return "".join(
        f"<U+{ord(ch):04X}>" if (ch != " " and _INVISIBLE.fullmatch(ch)) or not ch.isprintable() else ch
        for ch in str(text)
    )


def _unknown_key(loaded: Loaded, model: type[BaseModel], path: KeyPath) -> tuple[str, KeyPath | None]:
    """The message for a key the model does not know, and the key that was probably meant
    (whose "missing" error this one explains), or None."""
    if not path:
        return "okänt fält", None
    name = str(path[-1])
    parent = path[:-1]
    known = allowed_keys(model, parent)
    here = f"'{field_name(parent)}'" if field_name(parent) != "filen" else "filens översta nivå"
    cleaned = unicodedata.normalize("NFC", _INVISIBLE.sub("", name))
    if cleaned != name and cleaned in known:
        return (
            f"fältnamnet '{visible(name)}' innehåller osynliga tecken (t.ex. ett hårt mellanslag från Word) — "
            f"skriv om det som '{cleaned}'",
            parent + (cleaned,),
        )
    # Indented too little: the key belongs to a field written just above.
    data = _data_at(loaded.data, parent)
    if isinstance(data, dict):
        line = loaded.position(path)[0]
        above = [
            key
            for key in known
            if key in data
            and loaded.position(parent + (key,))[0] < line
            and name in allowed_keys(model, parent + (key,))
        ]
        if above:
            owner = max(above, key=lambda key: loaded.position(parent + (key,))[0])
            return f"fältet '{visible(name)}' hör inte hit — ska raden vara indragen under '{owner}'?", None
    # Indented too much: the key belongs to an enclosing level.
    for depth in range(len(parent) - 1, -1, -1):
        outer = parent[:depth]
        if isinstance(parent[depth], str) and name in allowed_keys(model, outer):
            return (
                f"fältet '{visible(name)}' hör inte till {here} — ska raden stå längre till vänster, "
                f"i samma kolumn som '{parent[depth]}'?",
                outer + (name,),
            )
    by_lower = {k.lower(): k for k in known}
    guess = difflib.get_close_matches(name.lower(), list(by_lower), n=1, cutoff=0.6)
    if guess:
        meant = by_lower[guess[0]]
        return f"okänt fält '{visible(name)}' — menade du '{meant}'?", parent + (meant,)
    listing = f" — tillåtna fält här: {', '.join(known)}" if known else ""
    return f"okänt fält '{visible(name)}'{listing}", None


def _data_at(data: Any, path: KeyPath) -> Any:
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _shown(value: Any, limit: int = 40) -> str:
    text = visible(value if not isinstance(value, bool) else str(value).lower())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def date_message(name: str, given: Any) -> str:
    if isinstance(given, str) and ISO_DATE.fullmatch(given.strip()):
        return f"datumet i '{name}' finns inte ('{_shown(given)}') — kontrollera månad och dag"
    return f"'{name}' ska vara ett datum på formen ÅÅÅÅ-MM-DD, t.ex. 2024-01-15 (inte '{_shown(given)}')"


def _message(item: dict, path: tuple) -> str:
    kind = item["type"]
    name = field_name(path)
    given = item.get("input")
    ctx = item.get("ctx") or {}
    if kind == "missing":
        return f"fältet '{name}' saknas"
    if given is None and (kind.endswith("_type") or kind.endswith("_parsing")):
        return f"'{name}' är tomt — fyll i ett värde"
    if kind.startswith("date"):
        return date_message(name, given)
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return f"'{name}' ska vara ett heltal (inte '{_shown(given)}')"
    if kind == "greater_than":
        return f"'{name}' ska vara större än {ctx.get('gt')}"
    if kind == "literal_error":
        expected = ctx.get("expected", "").replace("'", "").replace(" or ", ", ")
        options = [o.strip() for o in expected.split(",") if o.strip()]
        if isinstance(given, (list, dict)):
            return f"'{name}' ska vara ett av orden {', '.join(options)} — inte en lista eller flera fält"
        guess = difflib.get_close_matches(str(given).lower(), options, n=1, cutoff=0.5)
        hint = f" — menade du '{guess[0]}'?" if guess else ""
        return f"'{name}' ska vara en av: {', '.join(options)} (inte '{_shown(given)}'){hint}"
    if kind in ("string_type", "string_sub_type"):
        if isinstance(given, bool):
            return f"'{name}' ska vara text — skriv \"{str(given).lower()}\" inom citattecken om det är text som avses"
        return f"'{name}' ska vara text, inte en lista eller flera fält"
    if kind == "string_too_short":
        return f"'{name}' får inte vara tomt"
    if kind in ("list_type", "tuple_type"):
        return f"'{name}' ska vara en lista (rader som börjar med '- ')"
    if kind == "too_short":
        return f"'{name}' ska ha minst {ctx.get('min_length', 1)} punkt(er)"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"'{name}' ska innehålla fält på formen 'namn: värde' (på indragna rader)"
    if kind == "value_error":
        error = str(ctx.get("error", item.get("msg")))
        return f"'{name}' {error}" if path and re.match(r"(ska|får|måste|behöver) ", error) else error
    if kind in ("bool_type", "bool_parsing"):
        return f"'{name}' ska vara true eller false"
    # A kind of error not worded above: pydantic's own text is English, so it is not shown.
    return f"'{name}' har ett ogiltigt värde ('{_shown(given)}') — se fältets beskrivning i 'drafter schema'"
