"""Rendering many case files: in worker processes, results in the order of the input.

``render_file`` is the unit of work (module level, so that a process pool can pickle it): it
turns one case file into .docx bytes or the problems that stopped it, and never raises. The
caller writes the good drafts, in order, while the others are still rendering.
"""

from __future__ import annotations

import os
import traceback
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from drafter.errors import DrafterError, Problem


@dataclass(frozen=True)
class Rendered:
    """One case file's result: the document, or the located problems, or a bug's traceback."""

    source: Path
    data: bytes | None = None
    problems: list[Problem] = field(default_factory=list)
    internal: str | None = None  # "TypeError: …" and its traceback: a bug in drafter

    @property
    def ok(self) -> bool:
        return self.data is not None


def render_file(source: str, templates: str | None) -> Rendered:
    """Load, validate, render and build one case file (in a worker process or in this one)."""
    from drafter.pipeline import build_docx, draft

    path = Path(source)
    try:
        return Rendered(path, data=build_docx(draft(path, templates)))
    except DrafterError as error:
        return Rendered(path, problems=list(error.problems))
    except Exception as error:  # a bug: report it with the others instead of stopping the batch
        return Rendered(path, internal=f"{type(error).__name__}: {error}\n{traceback.format_exc()}")


def default_jobs() -> int:
    return os.cpu_count() or 1


def render_many(sources: list[Path], templates: Path | None, jobs: int | None = None) -> Iterator[Rendered]:
    """Render every case file, yielding the results in the order of ``sources``.

    With more than one file and more than one job, the files are rendered by a pool of
    ``jobs`` processes; otherwise here, one after the other.
    """
    jobs = max(1, jobs or default_jobs())
    names = [str(s) for s in sources]
    root = str(templates) if templates is not None else None
    if jobs == 1 or len(names) <= 1:
        for name in names:
            yield render_file(name, root)
        return
    # Import the pipeline (~0.25 s) once, here: forked workers then start with it loaded.
    from drafter import pipeline  # noqa: F401
    from drafter.docx import writer  # noqa: F401

    with ProcessPoolExecutor(max_workers=min(jobs, len(names))) as pool:
        try:
            yield from pool.map(render_file, names, [root] * len(names))
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise
