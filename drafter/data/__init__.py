"""Files drafter ships with: the bundled templates and profiles, and the JSON Schemas.

They are package data, found through importlib.resources wherever drafter is installed (a
checkout, a venv, ``pip install --user``, pipx). A regular installation unpacks them on disk,
which Jinja's file loader and python-docx need.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def _path(*parts: str) -> Path:
    return Path(str(files(__name__).joinpath(*parts)))


def templates() -> Path:
    """The bundled templates folder: ``_default/`` and one folder per municipality."""
    return _path("templates")


def schema_file(name: str) -> Path:
    """A bundled JSON Schema, e.g. ``arende.schema.json``."""
    return _path("schema", name)
