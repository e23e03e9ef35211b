"""drafter render: a Word draft for each case file, written into the output folder."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from drafter.case.files import case_files
from drafter.cli.main import (
    BUG, cases_argument, command, is_terminal, loaded, reports_errors, show_warnings, templates_option,
    unfinished_option,
)
from drafter.cli.opening import open_all, open_option
from drafter.errors import DrafterError, Problem


@command()
@cases_argument
@click.option(
    "-o",
    "--utdata",
    "outdir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("output"),
    show_default=True,
    help="Mappen som utkasten skrivs till.",
)
@templates_option
@click.option(
    "--force",
    is_flag=True,
    help="Skriv över ett utkast även om det har ändrats (t.ex. i Word) efter att drafter skrev det.",
)
@click.option(
    "-j",
    "--jobb",
    "jobs",
    type=click.IntRange(min=1),
    default=None,
    metavar="N",
    help="Rendera N ärenden samtidigt (standard: antalet processorkärnor).",
)
@unfinished_option
@click.option(
    "--pdf",
    "pdf",
    is_flag=True,
    help="Gör också en tillgänglig PDF (taggad PDF/A-2) bredvid varje utkast och kontrollera "
    "båda filernas tillgänglighet. Kräver LibreOffice.",
)
@open_option("varje utkast som skrevs (PDF:en med --pdf)")
@reports_errors
def render(
    ärenden: tuple[Path, ...], outdir: Path, templates: tuple[Path, ...], force: bool, jobs: int | None, ofärdigt: bool,
    pdf: bool, öppna: bool,
) -> None:
    """Skriv ett Word-utkast (.docx) för varje ärendefil och visa dess sökväg.

    ÄRENDEN är ärendefiler eller mappar med ärendefiler (.yaml). Många ärenden renderas
    samtidigt; ett ärende som inte går att rendera hindrar inte de andra, och alla fel
    visas till sist. Ett ärende som validate inte godtar renderas inte, om du inte ber om
    ett ofärdigt utkast (--ofärdigt).

    \b
    Exempel:
      drafter render cases/arboga-integration.yaml
      drafter render cases/ -o utkast/
      drafter render cases/ -j 4
      drafter render --ofärdigt cases/motion-om-cykelvagar.yaml
      drafter render --pdf cases/ -o utkast/
      drafter render --öppna cases/arboga-integration.yaml
    """
    from drafter import pipeline  # noqa: F401  (imported before loaded(): the workers a batch forks have it)
    from drafter.batch import distinct, render_into
    from drafter.profile.searchpath import search_path

    loaded()

    search = search_path(templates)  # a folder named that is not a templates folder stops here, once

    paths = distinct(case_files(ärenden))
    problems: list[Problem] = []
    warnings: list[Problem] = []
    internal: list[tuple[Path, str]] = []
    written: list[Path] = []
    made: list[Path] = []  # the drafts and the protokollsutdrag of decisions the cases record
    show_bar = len(paths) > 1 and is_terminal(sys.stderr)
    with click.progressbar(
        length=len(paths), label="Renderar", file=sys.stderr if show_bar else _Silent(),
        show_pos=True, show_eta=False,
    ) as bar:
        for result in render_into(paths, outdir, search, force=force, jobs=jobs, unfinished=ofärdigt):
            bar.update(1)
            warnings.extend(result.warnings)
            if result.internal is not None:
                internal.append((result.source, result.internal))
            problems.extend(result.problems)
            if result.target is not None:
                written.append(result.target)
                made.extend([result.target, *result.also])
                if not show_bar:
                    for target in (result.target, *result.also):
                        click.echo(str(target))
    if show_bar:
        for target in made:
            click.echo(str(target))
    opened = made
    if pdf and made:
        from drafter.pdf.publish import publish

        published = publish([(target, target.with_suffix(".pdf")) for target in made])
        for made in published.pdfs:
            click.echo(str(made))
        problems.extend(published.problems)
        warnings.extend(published.warnings)
        opened = published.pdfs
    if öppna:
        warnings.extend(open_all(opened))
    show_warnings(warnings)
    failed = len(paths) - len(written)
    if failed:
        click.echo(f"{len(written)} av {len(paths)} utkast skrevs; {failed} ärende(n) misslyckades:", err=True)
    if internal:
        for problem in sorted(problems):
            click.echo(str(problem), err=True)
        for source, text in internal:
            detail = text if os.environ.get("DRAFTER_DEBUG") else text.splitlines()[0]
            click.echo(f"{source}: internt fel i drafter: {detail}", err=True)
        click.echo(BUG, err=True)
        sys.exit(3)
    if problems:
        raise DrafterError(problems)


class _Silent:
    """A stream for a progress bar that is not shown."""

    def write(self, text: str) -> None:
        pass

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False
