"""Which files are case files: those named, and the .yaml/.yml files in the folders named."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

CASE_SUFFIXES = (".yaml", ".yml")


def is_case_file(path: Path) -> bool:
    # "Ärende.YAML" saved on Windows is a case file too.
    return path.suffix.lower() in CASE_SUFFIXES and path.is_file()


def in_folder(folder: Path) -> list[Path]:
    """Every case file below ``folder``, in a stable order."""
    return sorted(p for p in folder.rglob("*") if is_case_file(p))


def case_files(paths: Iterable[Path]) -> list[Path]:
    """Case files named directly, and every case file in the folders named."""
    found: list[Path] = []
    for path in paths:
        found.extend(in_folder(path) if path.is_dir() else [path])
    return found
