"""The JSON Schema of a case file, generated from the model, for editors (VS Code's YAML extension).

The model is the single source of truth: titles, descriptions and examples come from its
``Field(...)`` declarations. This module only adapts pydantic's output to what the loader
produces and what an editor shows:

- the loader keeps every scalar as text, and an editor's YAML 1.2 parser reads ``87`` as a
  number but ``2024-01-15`` as text: a date is a string with format and pattern, an integer
  is an integer or a string of digits;
- a list item that may be a plain text instead of a mapping (an att-sats, an attachment) is
  "text or mapping" — the model turns the text into the mapping before validating;
- the model's class names and docstrings are for programmers (English): they are dropped,
  the Swedish title of the field that uses a class is what the editor shows;
- an optional text may be written "" (the model reads it as not written), so its only lower
  bound is that a kind needing it gets it not empty;
- a case's own 'formuleringar', 'rubriker' and 'etiketter' have the profile's keys, written out
  from the profile's schema (drafter.profile.schema), each with the default profile's text;
- it is a draft-07 schema, which editors support: definitions under ``definitions``, and a
  ``$ref`` with a title beside it wrapped in ``allOf`` (draft 7 ignores a ``$ref``'s siblings);
- what a document kind needs besides the required fields (a motion for 'svar-på-motion'), and
  the fields only some kinds use, are stated as if/then from the model's ``KIND_REQUIRES`` and
  ``KIND_ONLY``; a test holds the schema and the model's validator to the same answers.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from drafter import data
from drafter.case import model
from drafter.case.choices import ProfileChoices
from drafter.case.model import Case

# Draft 7: what the YAML extension of VS Code (yaml-language-server) supports; it warns that
# 2020-12 is "not yet fully supported". The schema uses nothing newer.
SCHEMA_DIALECT = "http://json-schema.org/draft-07/schema#"
SCHEMA_ID = "urn:drafter:schema:arende"
SCHEMA_FILE = "arende.schema.json"



def kind_requires() -> dict[str, tuple[str, ...]]:
    """Fields a document kind needs beyond those every case has (the model's validator checks them)."""
    return dict(getattr(model, "KIND_REQUIRES", {}))


def kind_only() -> dict[str, tuple[str, ...]]:
    """Fields that only some document kinds use, and those kinds."""
    return dict(getattr(model, "KIND_ONLY", {}))

TITLE = "Ärendefil för drafter"
DESCRIPTION = (
    "Ett ärende som drafter gör en tjänsteskrivelse av: dokumenttyp, kommunprofil, "
    "diarienummer, handläggare, motionen och förvaltningens redogörelse. "
    "Skriv datum som ÅÅÅÅ-MM-DD. Kontrollera filen med 'drafter validate'."
)
DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
# An optional field written "" (or only spaces): as if it were not written.
EMPTY_TEXT = {"type": "string", "pattern": r"^\s*$"}


class _CaseSchema(GenerateJsonSchema):
    def date_schema(self, schema: core_schema.DateSchema) -> JsonSchemaValue:
        return {"type": "string", "format": "date", "pattern": DATE_PATTERN}

    def int_schema(self, schema: core_schema.IntSchema) -> JsonSchemaValue:
        # 87 in an editor, "87" from drafter's loader: both are what the model accepts.
        value = super().int_schema(schema)
        positive = schema.get("gt") == 0 or schema.get("ge") == 1
        value["type"] = ["integer", "string"]
        value["pattern"] = "^[1-9][0-9]*$" if positive else "^-?[0-9]+$"
        return value

    def nullable_schema(self, schema: core_schema.NullableSchema) -> JsonSchemaValue:
        # An optional text written "" is as if it were not written (drafter.case.parts.Model):
        # the editor accepts it too. A kind that needs the field says "not empty" (case_schema).
        value = super().nullable_schema(schema)
        branches = value.get("anyOf", [])
        for branch in branches:
            if branch.get("type") == "string" and branch.get("minLength") == 1:
                del branch["minLength"]
        texts = [b for b in branches if b.get("type") == "string" or "string" in (b.get("type") or ())]
        if texts and not any(b.get("type") == "string" and not {"pattern", "minLength", "enum", "const", "format"} & set(b) for b in texts):
            branches.insert(len(branches) - 1, dict(EMPTY_TEXT))
        return value

    def function_before_schema(self, schema: core_schema.BeforeValidatorFunctionSchema) -> JsonSchemaValue:
        # In this model a before-validator in front of a mapping accepts a text as its shorthand.
        inner = schema["schema"]
        if "json_schema_input_schema" not in schema and inner.get("type") in ("model", "definition-ref"):
            return {"anyOf": [{"type": "string", "minLength": 1}, self.generate_inner(inner)]}
        return super().function_before_schema(schema)


def case_schema() -> dict[str, Any]:
    """The JSON Schema of a case file, as ``drafter schema`` prints it."""
    generated = Case.model_json_schema(
        by_alias=True, schema_generator=_CaseSchema, ref_template="#/definitions/{model}"
    )
    generated = _wrap_refs(generated)
    # The fields that choose the profile's texts come last: a case's own fields first.
    properties = generated["properties"]
    chosen = [key for key, field in ProfileChoices.model_fields.items() for key in (field.alias,)]
    generated["properties"] = {**{k: v for k, v in properties.items() if k not in chosen}, **{k: properties[k] for k in chosen}}
    for key in OWN_TEXTS:  # the case's own texts: the profile's keys, not an open mapping
        own = generated["properties"][key]
        own["anyOf"] = [_profile_keys(key), {"type": "null"}]
    if "$defs" in generated:
        generated["definitions"] = generated.pop("$defs")
    for definition in generated.get("definitions", {}).values():
        definition.pop("title", None)
        definition.pop("description", None)
    generated.pop("title", None)
    generated.pop("description", None)
    schema: dict[str, Any] = {
        "$schema": SCHEMA_DIALECT,
        "$id": SCHEMA_ID,
        "title": TITLE,
        "description": DESCRIPTION,
        **generated,
    }
    rules = []
    for kind in _kinds(schema):
        then: dict[str, Any] = {}
        needed = kind_requires().get(kind, ())
        if needed:
            then["required"] = list(needed)
        constraints: dict[str, Any] = {}
        for key in needed:  # present, and not empty ("" or only spaces is empty)
            empty_list = resolve(schema, schema["properties"][key]).get("type") == "array"
            constraints[key] = {"minItems": 1} if empty_list else {"not": {"type": "null"}, "pattern": r"\S"}
        for key, kinds in kind_only().items():
            if kind not in kinds:  # only empty, if at all
                constraints[key] = {
                    "description": f"Används inte av dokumenttypen '{kind}', bara av: {', '.join(kinds)}.",
                    "anyOf": [{"type": "null"}, {"type": "array", "maxItems": 0}, dict(EMPTY_TEXT)],
                }
        if constraints:
            then["properties"] = constraints
        if then:
            rules.append({"if": {"properties": {"dokument": {"const": kind}}, "required": ["dokument"]}, "then": then})
    if rules:
        schema["allOf"] = rules
    return schema


# The fields with which a case writes the profile's texts for itself (drafter.case.choices).
OWN_TEXTS = ("formuleringar", "rubriker", "etiketter")


def _profile_keys(key: str) -> dict[str, Any]:
    """The schema of the case's own ``key`` (e.g. 'rubriker'): the profile's keys under it, from
    the profile's schema, each with the default profile's text as its example."""
    from drafter.case.source import load_file
    from drafter.profile.schema import profile_schema

    profile = profile_schema()
    default = load_file(data.templates() / "_default" / "profil.yaml").data
    return _inline(profile["$defs"]["Inställningar"]["properties"][key], profile, default[key], key)


def _inline(node: dict[str, Any], profile: dict[str, Any], default: Any, path: str) -> dict[str, Any]:
    """``node`` of the profile's schema with its references written out (a case's schema has its
    own definitions) and a title, description and example on every key."""
    if "$ref" in node:
        node = {**profile["$defs"][node["$ref"].rsplit("/", 1)[-1]], **{k: v for k, v in node.items() if k != "$ref"}}
    if "properties" not in node:
        return {k: v for k, v in node.items() if k not in ("title", "description")}
    defaults = default if isinstance(default, dict) else {}
    keys = {}
    for name, child in node["properties"].items():
        keys[name] = {
            **_inline(child, profile, defaults.get(name), f"{path}.{name}"),
            "title": name,
            "description": f"Som '{path}.{name}' i kommunprofilen, bara för detta ärende.",
            "examples": [defaults.get(name, "")],
        }
    return {"type": "object", "properties": keys, "additionalProperties": False}


def _wrap_refs(node: Any) -> Any:
    """``{"$ref": R, "title": T}`` → ``{"allOf": [{"$ref": R}], "title": T}``, everywhere."""
    if isinstance(node, list):
        return [_wrap_refs(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _wrap_refs(value) for key, value in node.items()}
    if "$ref" in node and len(node) > 1:
        rest = {key: value for key, value in node.items() if key != "$ref"}
        return {"allOf": [{"$ref": node["$ref"]}], **rest}
    return node


def _kinds(schema: dict[str, Any]) -> list[str]:
    return list(resolve(schema, schema["properties"]["dokument"]).get("enum", []))


def schema_text() -> str:
    """The schema as JSON text, the same bytes every time (the file in schema/ is this text)."""
    return json.dumps(case_schema(), ensure_ascii=False, indent=2) + "\n"


def properties(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    """The properties of ``node`` (a mapping's schema), following $ref."""
    return resolve(schema, node).get("properties", {})


def resolve(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    """``node`` itself, or the definition it refers to; the non-null branch of an optional."""
    if "$ref" in node:
        name = node["$ref"].rsplit("/", 1)[-1]
        return {**schema["definitions"][name], **{k: v for k, v in node.items() if k != "$ref"}}
    wrapped = node.get("allOf")
    if wrapped and len(wrapped) == 1 and "$ref" in wrapped[0]:
        return resolve(schema, {**{k: v for k, v in node.items() if k != "allOf"}, **wrapped[0]})
    branches = node.get("anyOf")
    if branches:
        real = [b for b in branches if b.get("type") != "null" and b != EMPTY_TEXT]
        mapping = [b for b in real if "$ref" in b or b.get("type") == "object"]
        if len(real) == 1 or mapping:
            chosen = mapping[0] if mapping else real[0]
            return resolve(schema, {**{k: v for k, v in node.items() if k != "anyOf"}, **chosen})
    return node


def documentation_gaps() -> list[str]:
    """Fields whose schema lacks a title, a description or examples (as dotted key paths)."""
    schema = case_schema()
    gaps: list[str] = []

    def visit(node: dict[str, Any], prefix: str, seen: tuple[str, ...]) -> None:
        for key, prop in properties(schema, node).items():
            path = f"{prefix}{key}"
            missing = [what for what in ("title", "description", "examples") if not prop.get(what)]
            if missing:
                gaps.append(f"{path}: {', '.join(missing)}")
            inner = resolve(schema, prop)
            if inner.get("type") == "array":
                inner = resolve(schema, inner.get("items", {}))
                if "anyOf" in inner:  # text or mapping
                    inner = next((resolve(schema, b) for b in inner["anyOf"] if "$ref" in b), inner)
            ref = json.dumps(prop.get("allOf") or prop.get("$ref") or inner.get("$ref") or "")
            if inner.get("properties") and ref not in seen:
                visit(inner, path + ".", seen + (ref,))

    visit(schema, "", ())
    return gaps


# --- where the schema file is, for the "yaml-language-server: $schema=" line ----------------


def installed_schema() -> Path:
    """The case-file schema installed with drafter (package data)."""
    return data.schema_file(SCHEMA_FILE)


def schema_reference(case_file: Path) -> str:
    """What a case file's ``$schema=`` line says: a relative path when the case file lies in the
    checkout drafter runs from (so that the line works for everyone who clones it), else the
    installed file's absolute path."""
    schema = installed_schema().resolve()
    checkout = schema.parents[3]  # <checkout>/drafter/data/schema/arende.schema.json
    folder = case_file.resolve().parent
    if (checkout / "pyproject.toml").is_file() and folder.is_relative_to(checkout):
        return Path(os.path.relpath(schema, folder)).as_posix()
    return schema.as_posix()
