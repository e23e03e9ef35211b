"""Validate loaded data against a model and report every problem at its place, in Swedish."""

from __future__ import annotations

import difflib
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from .errors import CaseError, Problem
from .loading import Loaded

M = TypeVar("M", bound=BaseModel)


def validate(loaded: Loaded, model: type[M]) -> M:
    try:
        return model.model_validate(loaded.data)
    except ValidationError as error:
        raise CaseError(problems(loaded, model, error)) from None


def problems(loaded: Loaded, model: type[BaseModel], error: ValidationError) -> list[Problem]:
    found: list[Problem] = []
    seen: set[tuple] = set()
    for item in error.errors(include_url=False):
        path = _clean(item["loc"])
        message = _message(item, path, model)
        key = (path, message)
        if key not in seen:
            seen.add(key)
            at_value = item["type"] not in ("missing", "extra_forbidden")
            found.append(loaded.problem(path, message, at_value))
    return found


def _clean(loc: tuple) -> tuple:
    # Pydantic adds the names of validators and union members to a location: keep only
    # what a user wrote in the file (keys and list positions).
    return tuple(
        part
        for part in loc
        if isinstance(part, int) or not (part.startswith(("function-", "union[", "literal[")) or "[" in part)
    )


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


def _message(item: dict, path: tuple, model: type[BaseModel]) -> str:
    kind = item["type"]
    name = _field_name(path)
    given = item.get("input")
    ctx = item.get("ctx") or {}
    if kind == "missing":
        return f"fältet '{name}' saknas"
    if kind == "extra_forbidden":
        known = allowed_keys(model, path[:-1])
        guess = difflib.get_close_matches(str(name), known, n=1, cutoff=0.6)
        hint = f" — menade du '{guess[0]}'?" if guess else (f" — tillåtna fält här: {', '.join(known)}" if known else "")
        return f"okänt fält '{name}'{hint}"
    if kind.startswith("date"):
        return f"'{name}' ska vara ett datum på formen ÅÅÅÅ-MM-DD, t.ex. 2024-01-15 (inte '{given}')"
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return f"'{name}' ska vara ett heltal (inte '{given}')"
    if kind == "greater_than":
        return f"'{name}' ska vara större än {ctx.get('gt')}"
    if kind == "literal_error":
        expected = ctx.get("expected", "").replace("'", "").replace(" or ", ", ")
        options = [o.strip() for o in expected.split(",") if o.strip()]
        guess = difflib.get_close_matches(str(given), options, n=1, cutoff=0.5)
        hint = f" — menade du '{guess[0]}'?" if guess else ""
        return f"'{name}' ska vara en av: {', '.join(options)} (inte '{given}'){hint}"
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
        return str(ctx.get("error", item.get("msg")))
    if kind in ("bool_type", "bool_parsing"):
        return f"'{name}' ska vara true eller false"
    return f"'{name}' har ett ogiltigt värde ({item.get('msg')})"
