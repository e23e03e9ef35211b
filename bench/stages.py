"""Where a warm memo's time goes: cProfile over renders of the samples, grouped by stage and by library."""

from __future__ import annotations

import cProfile
import pstats
import re
from collections import defaultdict
from pathlib import Path

# (stage, file suffix, function): cumulative time of that function. The first group does not
# overlap (each is called from the pipeline, not from another); "of which" rows overlap.
STAGES = [
    ("load YAML (strict loader)", "drafter/case/source.py", "load_file"),
    ("validate (pydantic model)", "drafter/case/validation.py", "model_problems"),
    ("rules", "drafter/case/reading.py", "read_case"),  # minus load and validate: see profile()
    ("view model", "drafter/text/view.py", "build"),
    ("Jinja render", "drafter/text/environment.py", "render"),
    ("title (Markdown → plain)", "drafter/text/markdown.py", "plain_text"),
    ("writer (parse + parts)", "drafter/docx/writer.py", "document_parts"),
    ("fingerprint + one zip", "drafter/pipeline.py", "build_docx"),  # minus the writer: see profile()
]
OF_WHICH = [
    ("Markdown parse, all calls", "markdown_it/main.py", "parse"),
    ("opening stil.docx", "drafter/docx/writer.py", "house_style"),
    ("writing the zip", "drafter/docx/package.py", "write"),
    ("logging calls", "logging/__init__.py", "debug"),
]
TOTAL = ("drafter/pipeline.py", "document")

# Self time grouped by where the code lives.
LIBRARIES = [
    (r"/drafter/case/", "drafter.case (load, validate, rules)"),
    (r"/drafter/text/", "drafter.text (view, Jinja env, Markdown)"),
    (r"/drafter/docx/", "drafter.docx (writer, oxml)"),
    (r"/drafter/", "drafter (other)"),
    (r"/markdown_it/|/mdit_py_plugins/", "markdown-it"),
    (r"/jinja2/|^<template>", "Jinja2 (incl. compiled templates)"),
    (r"/docx/", "python-docx"),
    (r"/yaml/", "PyYAML"),
    (r"/pydantic", "pydantic"),
    (r"/zipfile|zlib|/lzma|compress", "zip / zlib"),
    (r"/logging/", "logging"),
    (r"lxml|etree", "lxml"),
    (r"^~$", "built-ins (C: lxml, re, str…)"),
]


def _library(filename: str) -> str:
    for pattern, name in LIBRARIES:
        if re.search(pattern, filename):
            return name
    return "other (stdlib…)"


def profile(render, cases: list[Path], renders: int) -> dict:
    """Profile ``renders`` calls of ``render(case)`` over ``cases`` (after one warm round)."""
    for case in cases:
        render(case)
    profiler = cProfile.Profile()
    profiler.enable()
    for i in range(renders):
        render(cases[i % len(cases)])
    profiler.disable()
    stats = pstats.Stats(profiler).stats

    def cumulative(suffix: str, function: str) -> float | None:
        found = [v[3] for (file, _, name), v in stats.items() if file.endswith(suffix) and name == function]
        return max(found) if found else None

    total = cumulative(*TOTAL) or sum(v[2] for v in stats.values())
    stages = {name: cumulative(suffix, fn) for name, suffix, fn in STAGES}
    if stages["rules"] is not None:  # read_case = load + validate + the rules
        stages["rules"] -= (stages["load YAML (strict loader)"] or 0.0) + (stages["validate (pydantic model)"] or 0.0)
    if stages["fingerprint + one zip"] is not None:  # build_docx = the writer + seal + zip
        stages["fingerprint + one zip"] -= stages["writer (parse + parts)"] or 0.0
    stages["other"] = total - sum(v for v in stages.values() if v)
    of_which = {name: cumulative(suffix, fn) for name, suffix, fn in OF_WHICH}
    libraries: dict[str, float] = defaultdict(float)
    for (file, _, _), v in stats.items():
        libraries[_library(file)] += v[2]
    parses = sum(v[1] for (file, _, name), v in stats.items() if file.endswith("markdown_it/main.py") and name == "parse")
    return {"renders": renders, "total": total, "stages": stages, "of_which": of_which,
            "libraries": dict(sorted(libraries.items(), key=lambda kv: -kv[1])), "parses_per_memo": parses / renders}


def table(result: dict) -> list[str]:
    n, total = result["renders"], result["total"]
    per = lambda s: f"{s / n * 1000:7.2f} ms  {s / total:5.1%}" if s is not None else f"{'—':>10}"  # noqa: E731
    lines = [f"Where a warm memo's time goes (cProfile, {n} renders of the samples; {total / n * 1000:.1f} ms a memo "
             "under the profiler, which inflates small calls)",
             "  by stage (pipeline.document)"]
    lines += [f"    {name:<34} {per(s)}" for name, s in result["stages"].items()]
    lines.append("  of which (overlapping the stages above)")
    lines += [f"    {name:<34} {per(s)}" for name, s in result["of_which"].items()]
    lines.append(f"    Markdown parses per memo: {result['parses_per_memo']:.1f}")
    lines.append("  self time by library")
    lines += [f"    {name:<34} {per(s)}" for name, s in result["libraries"].items() if s / total >= 0.005]
    return lines
