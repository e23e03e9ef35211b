"""The JSON Schema of a town's profil.yaml, made from the typed profile model, for editors.

A town's file says only what differs from the default profile, so no key is required here; the
allowed values, titles and descriptions come from drafter.profile.model. The layers
('dokumenttyper', 'varianter') hold the same settings again.
"""

from __future__ import annotations

import json
import typing
from typing import Any

from drafter.profile.model import Settings

SCHEMA_ID = "https://drafter.invalid/profil.schema.json"  # drafter's own name, never fetched


def profile_schema() -> dict[str, Any]:
    settings = _optional(Settings.model_json_schema(by_alias=True, mode="validation"))
    definitions = settings.pop("$defs", {})
    definitions["Inställningar"] = {k: v for k, v in settings.items() if k not in ("$schema", "$id")}
    layer = {"$ref": "#/$defs/Inställningar"}
    from drafter.case.model import DocumentKind

    kinds = typing.get_args(DocumentKind)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Kommunprofil för drafter (profil.yaml)",
        "properties": {
            **settings["properties"],
            "dokumenttyper": {
                "title": "Inställningar per dokumenttyp",
                "type": "object",
                "propertyNames": {"enum": list(kinds)},
                "additionalProperties": layer,
            },
            "varianter": {
                "title": "Namngivna varianter som ett ärende väljer med 'variant:'",
                "type": "object",
                "additionalProperties": layer,
            },
        },
        "additionalProperties": False,
        "$defs": definitions,
    }


def _optional(node: Any) -> Any:
    """The schema with nothing required and no extra keys allowed anywhere."""
    if isinstance(node, dict):
        node = {k: _optional(v) for k, v in node.items() if k != "required"}
    elif isinstance(node, list):
        node = [_optional(v) for v in node]
    return node


def schema_text() -> str:
    return json.dumps(profile_schema(), ensure_ascii=False, indent=2) + "\n"
