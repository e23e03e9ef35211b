"""Walking a pydantic model and its data together: which values are dates, which are Markdown."""

from __future__ import annotations

import datetime
import typing
from collections.abc import Iterator
from typing import Any

from pydantic import AfterValidator, BaseModel
from pydantic.fields import FieldInfo

from drafter.case.model import MarkdownText
from drafter.case.source import KeyPath


def fields_in(model: type[BaseModel], data: Any, path: KeyPath = ()) -> list[tuple[KeyPath, frozenset[str], Any]]:
    """Every value in ``data`` that a field of ``model`` describes, with what kind of value
    the field declares ('date', 'markdown'), walking nested models and lists (in the data's order)."""
    found: list[tuple[KeyPath, frozenset[str], Any]] = []
    _model_values(model, data, path, found)
    return found


def markdown_fields(model: type[BaseModel], data: Any) -> list[KeyPath]:
    """The paths of the Markdown texts in ``data``."""
    return [path for path, kinds, value in fields_in(model, data) if "markdown" in kinds and isinstance(value, str)]


# Collected into one list rather than yielded: a value four levels deep would pass through
# four generators (the walk runs twice per case file).
def _model_values(model: type[BaseModel], data: Any, path: KeyPath, found: list) -> None:
    if not isinstance(data, dict):
        return
    for key, plan in _fields_of(model):
        if key in data:
            _field_values(plan, data[key], path + (key,), found)


def _field_values(plan: _Plan, value: Any, path: KeyPath, found: list) -> None:
    kinds, models, items = plan
    found.append((path, kinds, value))
    if isinstance(value, dict):
        for nested in models:
            _model_values(nested, value, path, found)
    if isinstance(value, list):
        for item_plan in items:
            for i, item in enumerate(value):
                _field_values(item_plan, item, path + (i,), found)


# What each field of a model declares, worked out once per model: every case file walks the
# same fields (typing introspection, then the per-field lookups, were a visible share of a memo).
# Kept with the model's ``model_fields`` it was made from, so a rebuilt model is planned anew.
_Plan = tuple[frozenset[str], tuple[type[BaseModel], ...], tuple[Any, ...]]
_models: dict[type[BaseModel], tuple[dict, tuple[tuple[str, _Plan], ...]]] = {}


def _fields_of(model: type[BaseModel]) -> tuple[tuple[str, _Plan], ...]:
    fields = model.model_fields
    found = _models.get(model)
    if found is not None and found[0] is fields:
        return found[1]
    planned = tuple((info.alias or name, _plan(info.annotation, info.metadata + [info])) for name, info in fields.items())
    _models[model] = (fields, planned)
    return planned


def _plan(annotation: Any, metadata: list) -> _Plan:
    kinds: set[str] = set()
    models: list[type[BaseModel]] = []
    items: list[_Plan] = []
    for base, meta in _members(annotation, metadata):
        if base is datetime.date:
            kinds.add("date")
        elif base is str and _is_markdown(meta):
            kinds.add("markdown")
        elif isinstance(base, type) and issubclass(base, BaseModel):
            models.append(base)
        elif typing.get_origin(base) in (list, tuple) and typing.get_args(base):
            items.append(_plan(typing.get_args(base)[0], []))
    return frozenset(kinds), tuple(models), tuple(items)


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
