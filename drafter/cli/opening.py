"""Opening written files in the program the user's system opens them with (--öppna)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from drafter.errors import Problem



def open_option(what: str):
    """The --öppna flag; ``what`` says which files it opens."""
    return click.option("--öppna", is_flag=True,
                        help=f"Öppna {what} i det program som datorn öppnar den med.")


def open_file(path: Path) -> None:
    """Open ``path`` in its default program without waiting for it: os.startfile on Windows,
    ``open`` on macOS, ``xdg-open`` elsewhere. Raises OSError when that is not possible."""
    if sys.platform.startswith("win"):
        os.startfile(str(path))  # type: ignore[attr-defined]  # only on Windows
        return
    import subprocess  # here: only --öppna needs it, and every command starts faster without it

    program = "open" if sys.platform == "darwin" else "xdg-open"
    subprocess.Popen([program, str(path)], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                     stderr=subprocess.DEVNULL, start_new_session=True)


def open_all(paths: list[Path]) -> list[Problem]:
    """Open each file; what could not be opened comes back as warnings (the files are written)."""
    warnings = []
    for path in paths:
        try:
            open_file(path)
        except OSError as error:
            reason = error.strerror or str(error)
            if isinstance(error, FileNotFoundError) and not sys.platform.startswith("win"):
                reason = "programmet som öppnar filer (xdg-open) saknas"
            warnings.append(Problem(str(path), 1, 1, f"kunde inte öppna filen: {reason}", "warning"))
    return warnings
