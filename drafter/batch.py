"""Rendering many case files into an output folder: in worker processes, results in input order.

``render_file`` is the unit of work (module level, so that a process pool can pickle it): it
turns one case file into .docx bytes or the problems that stopped it, and never raises.
``render_into`` writes the good drafts, in order, while the others are still rendering, and
refuses a draft whose name another case in the batch already took.
"""

from __future__ import annotations

import os
import traceback
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from drafter.errors import DrafterError, Problem
from drafter.profile.searchpath import SearchPath


@dataclass(frozen=True)
class Rendered:
    """One case file's result: the document (and where it was written), or the located
    problems, or a bug's traceback; and the warnings either way."""

    source: Path
    data: bytes | None = None
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    internal: str | None = None  # "TypeError: …" and its traceback: a bug in drafter
    target: Path | None = None  # where the draft was written
    extra: tuple[tuple[str, bytes], ...] = ()  # the case's other documents: (name suffix, bytes)
    also: tuple[Path, ...] = ()  # where those were written

    @property
    def ok(self) -> bool:
        return self.data is not None


def render_file(source: str, templates: SearchPath | None, unfinished: bool = False) -> Rendered:
    """Load, check, render and build one case file (in a worker process or in this one)."""
    from drafter.pipeline import build_docx, decision_drafts, document
    from drafter.profile.searchpath import as_search_path

    path = Path(source)
    try:
        data, d = document(path, templates, unfinished=unfinished)
        extra = tuple((e.suffix, build_docx(e)) for e in decision_drafts(d, as_search_path(templates)))
        return Rendered(path, data=data, warnings=list(d.warnings), extra=extra)
    except DrafterError as error:
        return Rendered(path, problems=list(error.problems))
    except Exception as error:  # a bug: report it with the others instead of stopping the batch
        return Rendered(path, internal=f"{type(error).__name__}: {error}\n{traceback.format_exc()}")


def distinct(sources: list[Path]) -> list[Path]:
    """``sources`` without repeats: a file named twice (a/x.yaml a/x.yaml, or ./a/x.yaml, or a
    link to it) is one case, rendered once, not a collision with itself."""
    seen: set[object] = set()
    result = []
    for source in sources:
        try:
            info = os.stat(source)
            key: object = (info.st_dev, info.st_ino)
        except OSError:
            key = os.path.abspath(source)  # the loader reports a missing file, once
        if key not in seen:
            seen.add(key)
            result.append(source)
    return result


def default_jobs() -> int:
    return os.cpu_count() or 1


def render_many(sources: list[Path], templates: SearchPath | None, jobs: int | None = None, unfinished: bool = False) -> Iterator[Rendered]:
    """Render every case file, yielding the results in the order of ``sources``.

    With more than one file and more than one job, the files are rendered by a pool of
    ``jobs`` processes; otherwise here, one after the other.
    """
    jobs = max(1, jobs or default_jobs())
    names = [str(s) for s in sources]
    root = templates
    if jobs == 1 or len(names) <= 1:
        for name in names:
            yield render_file(name, root, unfinished)
        return
    # Import the pipeline (~0.25 s) once, here: forked workers then start with it loaded.
    from drafter import pipeline
    from drafter.docx import writer  # noqa: F401
    from concurrent.futures import ProcessPoolExecutor  # only here: a single case needs no pool (~30 ms)

    pipeline.build_models()

    with ProcessPoolExecutor(max_workers=min(jobs, len(names))) as pool:
        try:
            yield from pool.map(render_file, names, [root] * len(names), [unfinished] * len(names))
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise


def render_into(
    sources: list[Path], outdir: Path, templates: SearchPath | None, *, force: bool = False, jobs: int | None = None,
    unfinished: bool = False,
) -> Iterator[Rendered]:
    """Render every case file and write each good draft into ``outdir`` as soon as it is ready.

    A result with a ``target`` was written; two case files whose drafts would have one name
    (a/x.yaml and b/X.yml, the same file on Windows and macOS) are refused, the second with a
    problem naming the first."""
    from drafter.output import output_path, write_draft

    claimed: dict[str, Path] = {}  # draft name as Windows and macOS compare names -> its case
    for result in render_many(sources, templates, jobs, unfinished):
        if not result.ok:
            yield result
            continue
        targets = [output_path(result.source, outdir)]
        targets += [output_path(result.source, outdir, f"{suffix}.docx") for suffix, _ in result.extra]
        names = [unicodedata.normalize("NFC", str(target)).casefold() for target in targets]
        taken = [(name, target) for name, target in zip(names, targets) if name in claimed]
        if taken:
            name, target = taken[0]
            collision = Problem(str(result.source), 1, 1, f"ger samma utkast som {claimed[name]} ({target}) — byt namn på en av dem")
            yield replace(result, data=None, problems=[collision])
            continue
        claimed.update((name, result.source) for name in names)
        try:
            for target, data in zip(targets, [result.data, *(data for _, data in result.extra)]):
                write_draft(target, data, force)
        except DrafterError as error:
            yield replace(result, data=None, problems=list(error.problems))
            continue
        yield replace(result, target=targets[0], also=tuple(targets[1:]))
