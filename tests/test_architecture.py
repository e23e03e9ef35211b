"""The house rules a newcomer relies on (docs/arkitektur.md): small modules with one stated job,
raw OOXML in one layer, no reaching into another module's private names, readable templates."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "drafter"
MODULES = sorted(p for p in PACKAGE.rglob("*.py"))
MAX_LINES = 400


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_a_module_is_small_and_says_its_job(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert len(text.splitlines()) <= MAX_LINES, f"{path.name}: split it by job"
    if text.strip():
        docstring = ast.get_docstring(ast.parse(text))
        assert docstring and docstring.splitlines()[0].strip(), f"{path.name}: first docstring line says its job"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_module_imports_another_modules_private_names(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("drafter"):
            private = [a.name for a in node.names if a.name.startswith("_") and not a.name.startswith("__")]
            assert not private, f"{path.name} imports {private} from {node.module}"


def test_raw_ooxml_lives_in_the_oxml_layer_only() -> None:
    raw = re.compile(r"""["'](?:w|wp|a|r|pic|cp|dc|dcterms):[A-Za-z]+["']|<w:[a-zA-Z]""")
    offenders = []
    for path in MODULES:
        rel = path.relative_to(PACKAGE).as_posix()
        if rel.startswith(("docx/oxml/", "ci/")):  # ci/ validates parts against the schemas
            continue
        if rel == "accessibility/pdf.py":  # reads the PDF's XMP metadata (dc:title), not OOXML
            continue
        if raw.search(path.read_text(encoding="utf-8")):
            offenders.append(rel)
    assert not offenders


TEMPLATES = sorted((PACKAGE / "data" / "templates").rglob("*.j2"))


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_templates_are_readable_text_not_programs(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    for construct in ("namespace(", "caller(", "{% if false", "{%- if false", "loop.revindex"):
        assert construct not in text, f"{path.name} uses {construct}"
