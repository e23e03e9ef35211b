"""Rendering a case through the CLI in a test, and reading the .docx's text as a reader sees it."""

from __future__ import annotations

from pathlib import Path

import docx
from click.testing import CliRunner

from drafter.cli import main


def document_texts(container) -> list[str]:
    """Paragraph texts in reading order, into tables (the closing block may stand in a layout table)."""
    texts: list[str] = []
    for block in container.iter_inner_content():
        if isinstance(block, docx.table.Table):
            for row in block.rows:
                for cell in dict.fromkeys(row.cells):  # a merged cell once
                    texts += document_texts(cell)
        else:
            texts.append(block.text)
    return texts


def render(root: Path, tmp_path: Path, case: str) -> tuple[int, str, list[str]]:
    """Render ``case`` with the templates ``root`` (``--mallar``): exit code, output, and the .docx's
    paragraphs (body in reading order, then headers and footers)."""
    path = tmp_path / "ärende.yaml"
    path.write_text(case, encoding="utf-8")
    out = tmp_path / "ut"
    result = CliRunner().invoke(main, ["render", "--mallar", str(root), str(path), "-o", str(out)])
    files = list(out.glob("*.docx")) if out.is_dir() else []
    if result.exit_code != 0 or not files:
        return result.exit_code, result.output, []
    document = docx.Document(str(files[0]))
    texts = document_texts(document)
    for section in document.sections:
        for part in (section.first_page_header, section.header, section.first_page_footer, section.footer):
            texts += [p.text for p in part.paragraphs]
            texts += [p.text for t in part.tables for row in t.rows for c in row.cells for p in c.paragraphs]
    return result.exit_code, result.output, texts
