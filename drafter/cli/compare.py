"""drafter compare: how alike a draft and a real memo's text are."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from drafter.cli.main import command, reports_errors


@command()
@click.argument("docx", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("text", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--minst",
    type=click.FloatRange(0, 1),
    metavar="TAL",
    default=None,
    help="Avsluta med slutkod 1 om likheten är lägre än detta (0–1).",
)
@reports_errors
def compare(docx: Path, text: Path, minst: float | None) -> None:
    """Jämför ett Word-dokument med en referenstext, t.ex. texten ur en riktig skrivelses PDF.

    Visar orden som skiljer, om rubrikerna kommer i samma ordning, och sist likheten
    (0–1): andelen ord som stämmer, i ordning, efter att radbrytningar, sidnummer,
    fotnotsmarkeringar och Markdown-tecken har tagits bort. Se drafter/compare.py.
    Mycket långa texter (fler än 16 miljoner ordpar, t.ex. 4 000 × 4 000 ord) jämförs
    utan hänsyn till ordföljden (vilka ord som finns och hur många gånger), och
    skillnaderna listas då inte — så tar jämförelsen aldrig minuter.

    \b
    Exempel:
      drafter compare output/arboga-integration.docx referens.txt
      drafter compare utkast.docx referens.txt --minst 0.98
    """
    from drafter.compare import compare as measure

    result = measure(docx, text)
    click.echo(result.report())
    if minst is not None and result.similarity < minst:
        sys.exit(1)
