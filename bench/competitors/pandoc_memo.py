"""The same memo done with pandoc: drafter's Markdown converted by ``pandoc -t docx``.

pandoc gets the text drafter's template produced (``drafter.pipeline.draft(path).markdown``),
adapted to pandoc's dialect:

- ``::: Stilnamn`` (a paragraph style in the house style) becomes ``::: {custom-style="Stilnamn"}``;
- layout containers (letterhead, header, footer, columns) become plain divs ``::: {.kolumn .höger}``:
  pandoc cannot put text from the document into Word's header or footer, so that text stays in the body;
- the page fields ``{sida}({sidor})`` are dropped: pandoc's Markdown has no page fields.

pandoc runs as a subprocess per memo, as a user runs it.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

LAYOUT = {"förstasidhuvud", "sidhuvud", "förstasidfot", "sidfot", "kolumner", "kolumn"}


def executable() -> str | None:
    return shutil.which("pandoc")


def version() -> str | None:
    exe = executable()
    if not exe:
        return None
    return subprocess.run([exe, "--version"], capture_output=True, text=True).stdout.splitlines()[0]


def _fence(match: re.Match) -> str:
    colons, names = match.group(1), match.group(2).split()
    if names[0] in LAYOUT:
        return colons + " {" + " ".join("." + n for n in names) + "}"
    return colons + ' {custom-style="' + " ".join(names) + '"}'


def adapt(markdown: str) -> str:
    """drafter's Markdown dialect → pandoc's Markdown."""
    markdown = re.sub(r"\\\n\{sida\}\(\{sidor\}\)", "", markdown)  # "…\" + newline + "{sida}({sidor})"
    markdown = re.sub(r"\{sida\}\(\{sidor\}\)|\{sida\}|\{sidor\}", "", markdown)
    return re.sub(r"^(:{3,})[ \t]+(\S.*?)[ \t]*$", _fence, markdown, flags=re.M)


def command(output: Path, reference_doc: Path | None) -> list[str]:
    cmd = [executable() or "pandoc", "-f", "markdown", "-t", "docx", "-o", str(output)]
    if reference_doc is not None:
        cmd += ["--reference-doc", str(reference_doc)]
    return cmd


def convert(markdown: str, output: Path, reference_doc: Path | None) -> None:
    """One pandoc run: Markdown on stdin, .docx written to ``output``."""
    subprocess.run(command(output, reference_doc), input=markdown.encode("utf-8"), check=True)
