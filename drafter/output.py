"""Writing drafts: safe names inside the output folder, atomic replacement."""

from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from pathlib import Path


def output_path(case_file: Path, outdir: Path, suffix: str = ".docx") -> Path:
    """The draft's path: the case file's own name, cleaned, always directly in ``outdir``."""
    stem = unicodedata.normalize("NFC", Path(case_file).stem)
    stem = re.sub(r"[^\w.-]+", "-", stem).strip(".-") or "utkast"
    return outdir / f"{stem}{suffix}"


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file beside ``path``, then rename: readers see the old file or
    the new one, never half of one, and a failed render leaves nothing behind."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
