"""``drafter new``: a new case file with a Swedish comment over every field.

The file is written from the JSON Schema (which is generated from the model), so the comments,
the examples and the set of fields follow the model. Fields the document kind needs are written
out, with ``FYLL I`` where a value is to be filled in; optional fields are commented out with an
example value (remove the ``# `` to use one); fields the kind does not use are left out.
The first line points the YAML extension of VS Code at the schema, for completion and checking.
"""

from __future__ import annotations

import datetime
import json
import textwrap
from pathlib import Path
from typing import Any

import yaml

from drafter.case.rules import PLACEHOLDER
from drafter.case.schema import case_schema, kind_only, kind_requires, resolve
from drafter.errors import DrafterError, Problem

WIDTH = 96


def scaffold(
    kind: str,
    municipality: str | None,
    schema_ref: str,
    answers: dict[str, str] | None = None,
    today: datetime.date | None = None,
) -> str:
    """The text of a new case file of ``kind``. ``answers`` holds values by dotted key path
    (``diarienummer``, ``motion.rubrik``, ``handläggare.namn``)."""
    schema = case_schema()
    values: dict[str, Any] = {
        "dokument": kind,
        "kommun": municipality or PLACEHOLDER,
        "datum": (today or datetime.date.today()).isoformat(),
        **{k: v for k, v in (answers or {}).items() if v},
    }
    needed = set(kind_requires().get(kind, ()))
    if kind != "protokollsutdrag":
        needed.add("mottagare")  # most profiles print it above the title (mottagarrad)
    left_out = {key for key, kinds in kind_only().items() if kind not in kinds}
    lines = [
        f"# yaml-language-server: $schema={schema_ref}",
        "#",
        f"# Ärendefil för drafter: {kind}.",
        f"# Fyll i varje {PLACEHOLDER}. Rader som börjar med '# ' och ett fältnamn är valfria fält: ta bort",
        "# '# ' framför dem för att använda dem (i VS Code: markera raderna och tryck Ctrl+K Ctrl+U).",
        "# Kontrollera filen med 'drafter validate FIL' och se texten med 'drafter preview FIL'.",
        "",
    ]
    writer = _Writer(schema, values)
    top_required = set(schema.get("required", ())) | needed
    for key, prop in schema["properties"].items():
        if key in left_out:
            continue
        writer.field(key, prop, key, indent=0, required=key in top_required)
        writer.out.append("")
    lines += writer.out
    return "\n".join(lines).rstrip("\n") + "\n"


class _Writer:
    def __init__(self, schema: dict[str, Any], values: dict[str, Any]):
        self.schema = schema
        self.values = values
        self.out: list[str] = []

    def comment(self, prop: dict[str, Any], indent: int, required: bool, node: dict[str, Any]) -> None:
        """The field's title, description and choices, as comment lines above it."""
        title = prop.get("title") or ""
        words = [f"{title}{'' if required else ' (valfritt)'}."]
        if prop.get("description"):
            words.append(prop["description"])
        choices = _choices(node)
        if choices:
            words.append("Ett av: " + ", ".join(choices) + ".")
        elif required and prop.get("examples") and _is_scalar(node):
            words.append(f"T.ex. {_example_text(prop['examples'][0])}.")
        pad = " " * indent
        for line in textwrap.wrap(" ".join(words), WIDTH - indent - 2, break_on_hyphens=False):
            self.out.append(f"{pad}# {line}")

    def field(self, key: str, prop: dict[str, Any], path: str, indent: int, required: bool, first_prefix: str = "") -> None:
        node = resolve(self.schema, prop)
        self.comment(prop, indent - len(first_prefix), required, node)
        if required:
            self.out += self.value_lines(key, prop, node, path, indent, first_prefix)
        else:
            example = _example(prop, node, self.schema)
            block = self.value_lines(key, prop, node, path, indent, first_prefix, example=example)
            pad = " " * indent
            self.out += [f"{pad}# {line[indent:]}" if line.startswith(pad) else f"# {line}" for line in block]

    def value_lines(
        self, key: str, prop: dict[str, Any], node: dict[str, Any], path: str, indent: int,
        first_prefix: str = "", example: Any = None,
    ) -> list[str]:
        """``key: value`` lines at ``indent``; the first line may start with '- ' (a list item)."""
        pad = " " * indent
        head = pad[: indent - len(first_prefix)] + first_prefix if first_prefix else pad
        if example is not None:
            lines = _emit(key, example, indent)
            return [head + lines[0][indent:], *lines[1:]]
        if node.get("type") == "object" and node.get("properties"):
            lines = [f"{head}{key}:"]
            saved, self.out = self.out, []
            required = set(node.get("required", ()))
            for sub, sub_prop in node["properties"].items():
                self.field(sub, sub_prop, f"{path}.{sub}", indent + 2, sub in required)
            lines += self.out
            self.out = saved
            return lines
        if node.get("type") == "array":
            raw_items = node.get("items", {})
            mapping = None if _text_or_mapping(raw_items) else _mapping_branch(self.schema, resolve(self.schema, raw_items))
            lines = [f"{head}{key}:"]
            if mapping is not None:
                saved, self.out = self.out, []
                required = set(mapping.get("required", ()))
                first = True
                for sub, sub_prop in mapping["properties"].items():
                    if sub not in required:
                        continue
                    self.field(sub, sub_prop, f"{path}.{sub}", indent + 4, True, first_prefix="- " if first else "")
                    first = False
                lines += self.out
                self.out = saved
            else:
                lines.append(f"{pad}  - {_scalar(self.values.get(path, PLACEHOLDER))}")
            return lines
        value = self.values.get(path, PLACEHOLDER)
        if node.get("contentMediaType") == "text/markdown":
            body = textwrap.indent(str(value), pad + "  ")
            return [f"{head}{key}: |", body]
        return [f"{head}{key}: {_scalar(value)}"]


def _mapping_branch(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any] | None:
    if node.get("properties"):
        return node
    for branch in node.get("anyOf", ()):
        resolved = resolve(schema, branch)
        if resolved.get("properties"):
            return resolved
    return None


def _text_or_mapping(node: dict[str, Any]) -> bool:
    """An item written as a text, or as a mapping for more detail (an att-sats, an attachment)."""
    return any(branch.get("type") == "string" for branch in node.get("anyOf", ()))


def _is_scalar(node: dict[str, Any]) -> bool:
    return node.get("type") not in ("object", "array")


def _choices(node: dict[str, Any]) -> list[str]:
    if "enum" in node:
        return [str(v) for v in node["enum"]]
    if "const" in node:
        return [str(node["const"])]
    return []


def _example(prop: dict[str, Any], node: dict[str, Any], schema: dict[str, Any]) -> Any:
    """A value to show commented out: the field's example, or one built from its parts'."""
    if prop.get("examples"):
        return prop["examples"][0]
    if node.get("examples"):
        return node["examples"][0]
    choices = _choices(node)
    if choices:
        return choices[0]
    if node.get("type") == "array":
        raw_items = node.get("items", {})
        items = resolve(schema, raw_items)
        mapping = _mapping_branch(schema, items)
        if mapping is not None and not _text_or_mapping(raw_items):
            return [_example({}, mapping, schema)]
        if mapping is not None:  # text or mapping: the mapping's first field is the text
            first = next(iter(mapping["properties"].values()))
            return [_example(first, resolve(schema, first), schema)]
        return [_example({}, items, schema)]
    if node.get("type") == "object" and node.get("properties"):
        required = set(node.get("required", ()))
        result = {}
        for key, sub in node["properties"].items():
            if key in required or sub.get("examples"):
                result[key] = _example(sub, resolve(schema, sub), schema)
        return result
    if node.get("format") == "date":
        return "2024-01-15"
    if "integer" in (node.get("type") or ()):
        return 1
    return "…"


def _example_text(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _emit(key: str, value: Any, indent: int) -> list[str]:
    """``key: value`` as block YAML lines, lists indented under their key."""
    pad = " " * indent
    if isinstance(value, dict):
        lines = [f"{pad}{key}:"]
        for sub, item in value.items():
            lines += _emit(sub, item, indent + 2)
        return lines
    if isinstance(value, list):
        lines = [f"{pad}{key}:"]
        for item in value:
            if isinstance(item, dict) and item:
                block = [line for sub, v in item.items() for line in _emit(sub, v, indent + 4)]
                lines += [f"{pad}  - {block[0][indent + 4:]}", *block[1:]]
            else:
                lines.append(f"{pad}  - {_scalar(item)}")
        return lines
    if isinstance(value, str) and "\n" in value:
        return [f"{pad}{key}: |", *textwrap.indent(value.rstrip("\n"), pad + "  ").splitlines()]
    return [f"{pad}{key}: {_scalar(value)}"]


def _scalar(value: Any) -> str:
    """A value as a plain YAML scalar when it reads back as the same text, else quoted."""
    if isinstance(value, bool):
        return "true" if value else "false"  # the only booleans a case file knows
    if isinstance(value, (int, float)):
        return str(value)
    text = str(value)
    try:
        plain_ok = yaml.safe_load(f"k: {text}") == {"k": text} and text.strip() == text and "#" not in text
    except yaml.YAMLError:
        plain_ok = False
    if plain_ok or _is_date(text):
        return text
    return json.dumps(text, ensure_ascii=False)


def _is_date(text: str) -> bool:
    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        return False
    return len(text) == 10


def refuse_existing(path: Path) -> None:
    """A new case file is never written over an existing file: a :class:`DrafterError` at it."""
    if path.exists():
        raise _exists(path)


def write_new(path: Path, text: str) -> None:
    """Create ``path`` (and its folder), never over an existing file (see :func:`refuse_existing`)."""
    refuse_existing(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with open(path, "x", encoding="utf-8", newline="\n") as file:
            file.write(text)
    except FileExistsError:  # made between the check and the write
        raise _exists(path) from None


def _exists(path: Path) -> DrafterError:
    return DrafterError([Problem(str(path), 1, 1, "filen finns redan och skrivs inte över — välj ett annat namn")])
