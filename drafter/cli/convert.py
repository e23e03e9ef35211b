"""drafter konvertera: tagged PDF/A-2 of given Word files (drafts finished in Word), checked."""

from __future__ import annotations

import copy
from pathlib import Path

import click

from drafter.cli.main import command, main, reports_errors, show_warnings
from drafter.cli.opening import open_all, open_option
from drafter.errors import DrafterError, Problem


@command(name="konvertera")
@click.argument("filer", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "-o",
    "--utdata",
    "outdir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Mappen som PDF:erna skrivs till (standard: bredvid varje Word-fil).",
)
@open_option("varje PDF som skrevs")
@reports_errors
def konvertera(filer: tuple[Path, ...], outdir: Path | None, öppna: bool) -> None:
    """Gör en tillgänglig PDF (taggad PDF/A-2) av varje Word-fil och visa dess sökväg.

    FILER är Word-filer (.docx), till exempel utkast som gjorts färdiga i Word. PDF:en får
    Word-filens namn och hamnar bredvid den, eller i mappen som -o anger. Alla filer görs
    om i ett anrop till LibreOffice. Båda filernas tillgänglighet kontrolleras (EN 301 549,
    WCAG 2.1) och varje brist visas med sin plats.

    \b
    Exempel:
      drafter konvertera utkast/arboga-integration.docx
      drafter konvertera utkast/*.docx -o publicera/
    """
    from drafter.pdf.convert import pdf_path
    from drafter.pdf.publish import publish

    problems: list[Problem] = []
    jobs = []
    for path in filer:
        if path.suffix.lower() != ".docx":
            problems.append(Problem(str(path), 1, 1, "är ingen Word-fil (.docx) — bara .docx-filer kan konverteras"))
        else:
            jobs.append((path, pdf_path(path, outdir)))
    published = publish(jobs)
    for made in published.pdfs:
        click.echo(str(made))
    warnings = list(published.warnings)
    if öppna:
        warnings.extend(open_all(published.pdfs))
    show_warnings(warnings)
    problems.extend(published.problems)
    if problems:
        raise DrafterError(problems)


# The English name, for scripts written in English; not shown in the help.
_alias = copy.copy(konvertera)
_alias.hidden = True
main.add_command(_alias, name="convert")
