"""Make a docxtpl template for a sample case, in drafter's house style, with the same text.

A docxtpl user draws one Word file per document; here it is made from what drafter would
write for the sample, so that both tools produce the same words in the same house style
(``stil.docx`` of the case's municipality: its styles, letterhead, header and footer):

1. drafter's Markdown for the case (``pipeline.draft(path).markdown``) is taken;
2. every multi-line text of the case (Markdown: the account, answers, summaries) is found in it
   and replaced by a loop over the blocks ``docxtpl_render.blocks`` makes of it, one template
   paragraph per block kind (heading, bullet, numbered item, paragraph);
3. every other value of the case that occurs verbatim in a line becomes ``{{ variable }}``;
4. drafter's own writer turns this templated Markdown into the .docx, from the house style.

What drafter decides from the case (which decision sentence, how many list items, which
sections) is therefore frozen in the template: a real docxtpl set-up would do it in Jinja
or Python, at some cost to docxtpl, so this favours docxtpl slightly.

    python bench/competitors/docxtpl_template.py [case.yaml ...]   # into bench/results/docxtpl/
"""

from __future__ import annotations

import dataclasses
import re
import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
import docxtpl_render as tpl  # noqa: E402

_FENCE = re.compile(r"^\s*:{3,}")


def _norm(line: str) -> str:
    return line.strip().lstrip(">").strip().lstrip("#").strip()


def _loop(name: str, levels: dict[int, int]) -> list[str]:
    """Template lines: a loop over the blocks of one Markdown text."""
    lines = [f"{{%p for b in {name} %}}", ""]
    keyword = "if"
    for level, out_level in sorted(levels.items()):
        lines += [f"{{%p {keyword} b.h == {level} %}}", "", "#" * out_level + " {{ b.text }}", ""]
        keyword = "elif"
    for test, prefix in (("b.bullet", "- "), ("b.number", "1. ")):
        lines += [f"{{%p {keyword} {test} %}}", "", prefix + "{{r b.text }}", ""]
        keyword = "elif"
    lines += ["{%p else %}", "", "{{r b.text }}", "", "{%p endif %}", "", "{%p endfor %}", ""]
    return [""] + lines


def _find(lines: list[str], text: str) -> tuple[int, int, str] | None:
    """Where the non-empty lines of ``text`` occur, in order and adjacent, in ``lines``, and
    what the template put before its first line (``*Svar:* ``) on the same line."""
    want = [_norm(line) for line in text.splitlines() if line.strip()]
    have = [(i, _norm(line)) for i, line in enumerate(lines) if line.strip()]
    for start in range(len(have) - len(want) + 1):
        if have[start][1].endswith(want[0]) and all(have[start + k][1] == want[k] for k in range(1, len(want))):
            first = lines[have[start][0]].strip()
            prefix = first[:len(first) - len(want[0])] if first.endswith(want[0]) else ""
            return have[start][0], have[start + len(want) - 1][0], prefix
    return None


def templated_markdown(case_file: Path, markdown: str) -> tuple[str, dict]:
    """drafter's Markdown for the case with the case's values replaced by Jinja."""
    case = yaml.safe_load(case_file.read_text(encoding="utf-8"))
    lines = markdown.split("\n")
    protected = [False] * len(lines)
    regions = []
    stats = {"loops": 0, "static texts": 0, "variables": 0}
    for path, value in tpl.leaves(case):
        if not tpl.is_markdown(value):
            continue
        found = _find(lines, value)
        if found is None:
            stats["static texts"] += 1
            continue
        start, end, prefix = found
        levels = {}
        for b in tpl.split_blocks(value):
            if b["h"] and b["h"] not in levels:
                at = next(i for i in range(start, end + 1) if _norm(lines[i]) == b["text"].strip())
                levels[b["h"]] = len(lines[at].strip()) - len(lines[at].strip().lstrip("#"))
        regions.append((start, end, tpl.variable(path), levels, prefix))
    for start, end, name, levels, prefix in sorted(regions, reverse=True):
        if any(protected[start:end + 1]):
            continue
        loop = ([prefix] if prefix else []) + _loop(name, levels)
        lines[start:end + 1] = loop
        protected[start:end + 1] = [True] * len(loop)
        stats["loops"] += 1

    values: dict[str, str] = {}
    for path, value in tpl.leaves(case):
        if tpl.is_markdown(value):
            continue
        name = tpl.variable(path)
        if hasattr(value, "isoformat"):
            values.setdefault(tpl.swedish_date(value), name + "_text")
            value = value.isoformat()
        text = str(value).strip()
        if len(text) >= 2:
            values.setdefault(text, name)
    pattern = re.compile(r"(?<!\w)(" + "|".join(re.escape(v) for v in sorted(values, key=len, reverse=True))
                         + r")(?!\w)")

    def substitute(match: re.Match) -> str:
        stats["variables"] += 1
        return "{{ " + values[match.group(1)] + " }}"

    for i, line in enumerate(lines):
        if not protected[i] and not _FENCE.match(line):
            lines[i] = pattern.sub(substitute, line)
    return "\n".join(lines), stats


def build(case_file: Path, folder: Path = tpl.TEMPLATES) -> tuple[Path, dict]:
    """Write the docxtpl template for one case; return its path and what was templated."""
    from drafter import pipeline

    d = pipeline.draft(case_file)
    markdown, stats = templated_markdown(Path(case_file), d.markdown)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / (Path(case_file).stem + ".docx")
    target.write_bytes(pipeline.build_docx(dataclasses.replace(d, markdown=markdown)))
    (folder / (Path(case_file).stem + ".md")).write_text(markdown, encoding="utf-8")
    return target, stats


if __name__ == "__main__":
    root = Path(__file__).resolve().parents[2]
    for case in [Path(a) for a in sys.argv[1:]] or sorted((root / "cases").glob("*.yaml")):
        print(*build(case))
