"""Validate loaded data against a model and report every problem at its place, in Swedish.

All of a file's problems come out together: those the loader could read past, the model's,
and the checks of Markdown fields. Follow-ups of a problem already reported (a field
"missing" because its name was misspelt, values under a refused YAML construct) are left out.
"""

from __future__ import annotations

import datetime
import difflib
import re
import typing
import unicodedata
from collections.abc import Iterator
from typing import Any, TypeVar

from pydantic import AfterValidator, BaseModel, ValidationError
from pydantic.fields import FieldInfo

from drafter.case.markdown_rules import content_problems, fence_problems, footnote_problems
from drafter.errors import CaseError, Problem
from drafter.case.source import Loaded, KeyPath
from drafter.case.model import Case, MarkdownText, case_rules

M = TypeVar("M", bound=BaseModel)

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
MAX_PROBLEMS = 50  # per file


def validate(loaded: Loaded, model: type[M]) -> M:
    found: list[Problem] = list(loaded.problems)
    date_paths: set[KeyPath] = set()
    markdown_paths: list[KeyPath] = []
    for path, kinds, value in fields_in(model, loaded.data):
        if "date" in kinds and isinstance(value, str) and not _ISO_DATE.fullmatch(value.strip()):
            # pydantic would read "0" as 1970-01-01 and "1700000000" as a timestamp.
            date_paths.add(path)
            if not loaded.is_doubtful(path):
                found.append(loaded.problem(path, _date_message(_field_name(path), value), at_value=True))
        if "markdown" in kinds and isinstance(value, str):
            markdown_paths.append(path)
    result = None
    rules = case_rules(loaded.data) if model is Case else []
    found.extend(loaded.problem(path, message, at_value=path[:1] == ("dokument",)) for path, message in rules)
    try:
        result = model.model_validate(loaded.data)
    except ValidationError as error:
        # The model's cross-field rule repeats case_rules, reported above at their fields.
        errors = [e for e in error.errors(include_url=False) if not (e["loc"] == () and e["type"] == "value_error")]
        found.extend(problems(loaded, model, errors, skip=date_paths))
    found.extend(footnote_problems(loaded, markdown_paths))
    found.extend(fence_problems(loaded, markdown_paths))
    found.extend(content_problems(loaded, markdown_paths))
    if found:
        raise CaseError(_at_most(MAX_PROBLEMS, _unique(found)))
    assert result is not None
    return result


def _unique(found: list[Problem]) -> list[Problem]:
    return list(dict.fromkeys(found))


def _at_most(limit: int, found: list[Problem]) -> list[Problem]:
    """The first ``limit`` problems in the file, and a note of how many more there are:
    a file that is not a case at all would otherwise bury the terminal."""
    if len(found) <= limit:
        return found
    first = sorted(found)[:limit]
    last = first[-1]
    more = len(found) - limit
    # "…" sorts after every message at the same place, so the note stays last.
    return first + [Problem(last.file, last.line, last.column, f"… och {more} fel till, som inte visas — rätta felen ovan och kör igen")]


# --- walking a model and its data together -------------------------------------------------------


def fields_in(model: type[BaseModel], data: Any, path: KeyPath = ()) -> Iterator[tuple[KeyPath, set[str], Any]]:
    """Every value in ``data`` that a field of ``model`` describes, with what kind of value
    the field declares ('date', 'markdown'), walking nested models and lists."""
    if not isinstance(data, dict):
        return
    for name, info in model.model_fields.items():
        key = info.alias or name
        if key in data:
            yield from _field_values(info.annotation, info.metadata + [info], data[key], path + (key,))


def _field_values(annotation: Any, metadata: list, value: Any, path: KeyPath) -> Iterator[tuple[KeyPath, set[str], Any]]:
    kinds: set[str] = set()
    models: list[type[BaseModel]] = []
    items: list[tuple[Any, list]] = []
    for base, meta in _members(annotation, metadata):
        if base is datetime.date:
            kinds.add("date")
        elif base is str and _is_markdown(meta):
            kinds.add("markdown")
        elif isinstance(base, type) and issubclass(base, BaseModel):
            models.append(base)
        elif typing.get_origin(base) in (list, tuple) and typing.get_args(base):
            items.append((typing.get_args(base)[0], []))
    yield path, kinds, value
    if isinstance(value, dict):
        for nested in models:
            yield from fields_in(nested, value, path)
    if isinstance(value, list):
        for item_annotation, item_meta in items:
            for i, item in enumerate(value):
                yield from _field_values(item_annotation, item_meta, item, path + (i,))


def _members(annotation: Any, metadata: list) -> Iterator[tuple[Any, list]]:
    """The types a field accepts (union members, ``Annotated`` unwrapped) with their metadata."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        base, *extra = typing.get_args(annotation)
        yield from _members(base, metadata + list(extra))
    elif origin is typing.Union or type(annotation).__name__ == "UnionType":
        for member in typing.get_args(annotation):
            yield from _members(member, metadata)
    else:
        yield annotation, metadata


def _is_markdown(metadata: list) -> bool:
    for item in metadata:
        if isinstance(item, AfterValidator) and item.func is MarkdownText:
            return True
        extra = item.json_schema_extra if isinstance(item, FieldInfo) else None
        if isinstance(extra, dict) and extra.get("contentMediaType") == "text/markdown":
            return True
    return False


# --- the model's errors -----------------------------------------------------------------------------


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


def _field_name(path: tuple) -> str:
    names = [p for p in path if isinstance(p, str)]
    return names[-1] if names else "filen"


def allowed_keys(model: type[BaseModel], path: tuple) -> list[str]:
    """The keys a user may write at ``path`` (a mapping), found by walking the model."""
    current: Any = model
    for part in path:
        if isinstance(part, int):
            continue
        field = next((f for name, f in current.model_fields.items() if (f.alias or name) == part), None)
        if field is None:
            return []
        current = _model_in(field.annotation)
        if current is None:
            return []
    return [f.alias or name for name, f in current.model_fields.items()]


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _model_in(arg)
        if found is not None:
            return found
    return None


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
    here = f"'{_field_name(parent)}'" if _field_name(parent) != "filen" else "filens översta nivå"
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


def _date_message(name: str, given: Any) -> str:
    if isinstance(given, str) and _ISO_DATE.fullmatch(given.strip()):
        return f"datumet i '{name}' finns inte ('{_shown(given)}') — kontrollera månad och dag"
    return f"'{name}' ska vara ett datum på formen ÅÅÅÅ-MM-DD, t.ex. 2024-01-15 (inte '{_shown(given)}')"


def _message(item: dict, path: tuple) -> str:
    kind = item["type"]
    name = _field_name(path)
    given = item.get("input")
    ctx = item.get("ctx") or {}
    if kind == "missing":
        return f"fältet '{name}' saknas"
    if given is None and (kind.endswith("_type") or kind.endswith("_parsing")):
        return f"'{name}' är tomt — fyll i ett värde"
    if kind.startswith("date"):
        return _date_message(name, given)
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
