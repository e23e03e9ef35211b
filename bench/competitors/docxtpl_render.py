"""Render one case with docxtpl, as a docxtpl user would: read the YAML, build a context, fill a Word template.

    python bench/competitors/docxtpl_render.py cases/x.yaml out.docx [--template=T.docx]

The template defaults to ``bench/results/docxtpl/<case name>.docx``, which ``bench/run.py``
(or ``python bench/competitors/docxtpl_template.py``) makes from drafter's house style.

This file imports nothing from drafter: it is the competitor. The context is generic:

- every scalar of the case is a variable named by its path (``motion.att-satser[0].text`` →
  ``motion_att_satser_0_text``); a date is there as ISO (``…``) and as Swedish text (``…_text``);
- every multi-line text (Markdown) is a list of blocks ``{h, bullet, number, text}`` for a loop
  in the template, split by a few regular expressions (what a docxtpl user writes by hand);
  ``**bold**`` and ``*italic*`` become a ``RichText``; a footnote is put in parentheses where it
  is referred to (docxtpl has no API for footnotes).
"""

from __future__ import annotations

import datetime
import io
import re
import sys
import unicodedata
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE.parent / "results" / "docxtpl"
MONTHS = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september",
          "oktober", "november", "december"]
_ITEM = re.compile(r"^(?:([-*+])|(\d+)[.)])\s+(.*)$")
_NOTE_DEF = re.compile(r"^\[\^([^\]]+)\]:[ \t]*(.*)$", re.M)
_NOTE_REF = re.compile(r"\[\^([^\]]+)\]")
_INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def variable(path: tuple) -> str:
    """A Jinja name for a path in the case: ASCII letters, digits and underscores."""
    text = "_".join(str(p) for p in path)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"\W+", "_", text).strip("_").lower()


def leaves(value, path: tuple = ()):
    """(path, value) for every scalar in the case."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from leaves(item, (*path, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from leaves(item, (*path, i))
    elif value is not None and not isinstance(value, bool):
        yield path, value


def swedish_date(value: datetime.date) -> str:
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def is_markdown(value) -> bool:
    return isinstance(value, str) and "\n" in value.strip()


def rich(text: str):
    """Inline Markdown (bold, italic, links, escapes) as a RichText."""
    from docxtpl import RichText

    text = _ESCAPE.sub(r"\1", _LINK.sub(r"\1", text))
    out = RichText()
    for part in _INLINE.split(text):
        if part.startswith("**") and part.endswith("**") and len(part) > 4:
            out.add(part[2:-2], bold=True)
        elif part.startswith("*") and part.endswith("*") and len(part) > 2:
            out.add(part[1:-1], italic=True)
        elif part:
            out.add(part)
    return out


def split_blocks(markdown: str) -> list[dict]:
    """A Markdown text as blocks: headings (h = level), bullet and numbered items, paragraphs.
    Text stays a string here; :func:`blocks` makes it rich."""
    notes = dict(_NOTE_DEF.findall(markdown))
    markdown = _NOTE_DEF.sub("", markdown)
    markdown = _NOTE_REF.sub(lambda m: f" ({notes.get(m.group(1), '')})", markdown)
    out: list[dict] = []
    current = None
    for line in markdown.splitlines():
        stripped = line.strip()
        item = _ITEM.match(stripped)
        if not stripped:
            current = None
        elif stripped.startswith("#"):
            level = len(stripped) - len(stripped.lstrip("#"))
            out.append({"h": level, "bullet": False, "number": False, "text": stripped[level:].strip()})
            current = None
        elif item:
            current = {"h": 0, "bullet": bool(item.group(1)), "number": not item.group(1), "text": item.group(3)}
            out.append(current)
        elif current is not None:
            current["text"] += " " + stripped  # a continuation line
        else:
            current = {"h": 0, "bullet": False, "number": False, "text": stripped}
            out.append(current)
    return out


def blocks(markdown: str) -> list[dict]:
    return [{**b, "text": b["text"] if b["h"] else rich(b["text"])} for b in split_blocks(markdown)]


def context(case: dict) -> dict:
    """Every value of the case under its variable name; Markdown texts as blocks."""
    out: dict = {}
    for path, value in leaves(case):
        name = variable(path)
        if is_markdown(value):
            out[name] = blocks(value)
        elif isinstance(value, datetime.date):
            out[name] = value.isoformat()
            out[name + "_text"] = swedish_date(value)
        else:
            out[name] = str(value).strip()
    return out


def render(case_file: str | Path, template: str | Path | None = None) -> bytes:
    """The whole docxtpl job for one case: load, context, fill, save; the .docx bytes."""
    from docxtpl import DocxTemplate

    case_file = Path(case_file)
    template = Path(template) if template else TEMPLATES / (case_file.stem + ".docx")
    case = yaml.safe_load(case_file.read_text(encoding="utf-8"))
    doc = DocxTemplate(str(template))
    doc.render(context(case), autoescape=True)  # without autoescape a '&' or '<' breaks the XML
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--template=")]
    template = next((a.split("=", 1)[1] for a in argv if a.startswith("--template=")), None)
    if len(args) != 2:
        print(__doc__.splitlines()[2].strip(), file=sys.stderr)
        return 2
    Path(args[1]).write_bytes(render(args[0], template))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
