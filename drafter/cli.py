"""The command line: parses arguments, calls the library, turns errors into messages and exit codes.

Exit codes: 0 all went well · 1 an invalid case, profile or template · 2 wrong usage ·
3 an internal error in drafter (a bug: please report it).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable
from functools import wraps
from pathlib import Path

import click

from . import __version__, cli_sv
from .errors import DrafterError

cli_sv.install()

EXIT_CODES = """\b
Slutkoder:
  0  allt gick bra
  1  ogiltig ärendefil, profil eller mall (meddelanden på stderr)
  2  fel användning av kommandot
  3  internt fel i drafter"""

CASE_SUFFIXES = (".yaml", ".yml")


def case_files(paths: Iterable[Path]) -> list[Path]:
    """Case files named directly, and every .yaml/.yml file in the folders named (sorted)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.suffix in CASE_SUFFIXES and p.is_file()))
        else:
            found.append(path)
    return found


def reports_errors(command: Callable) -> Callable:
    """Print drafter's located problems on stderr instead of a traceback, with the exit code."""

    @wraps(command)
    def run(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except DrafterError as error:
            for problem in error.problems:
                click.echo(str(problem), err=True)
            sys.exit(error.exit_code)
        except (click.exceptions.Exit, click.ClickException, KeyboardInterrupt, SystemExit):
            raise
        except Exception as error:  # a bug in drafter: say so plainly, traceback on request
            if os.environ.get("DRAFTER_DEBUG"):
                raise
            click.echo(
                f"internt fel i drafter: {type(error).__name__}: {error}\n"
                "Det här är ett fel i programmet, inte i din fil. Kör igen med DRAFTER_DEBUG=1 "
                "och skicka utskriften till den som förvaltar drafter.",
                err=True,
            )
            sys.exit(3)

    return run


templates_option = click.option(
    "--mallar",
    "templates",
    type=click.Path(file_okay=False, path_type=Path),
    help="Mappen med mallar och kommunprofiler (standard: ./templates).",
)
cases_argument = click.argument(
    "ärenden", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path)
)


@click.group(
    context_settings={"help_option_names": ["-h", "--help"]},
    epilog=EXIT_CODES,
    options_metavar="[FLAGGOR]",
    subcommand_metavar="KOMMANDO [ARGUMENT]...",
)
@click.version_option(__version__, "--version", prog_name="drafter")
def main() -> None:
    """drafter gör Word-utkast till tjänsteskrivelser från ärendefiler i YAML.

    \b
    Exempel:
      drafter render cases/arboga-integration.yaml
      drafter validate cases/
      drafter preview cases/arboga-integration.yaml
    """


def command(**settings):
    """A drafter subcommand: Swedish metavars and the exit codes under its help."""
    return main.command(options_metavar="[FLAGGOR]", epilog=EXIT_CODES, **settings)


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
@reports_errors
def render(ärenden: tuple[Path, ...], outdir: Path, templates: Path | None, force: bool) -> None:
    """Skriv ett Word-utkast (.docx) för varje ärendefil och visa dess sökväg.

    ÄRENDEN är ärendefiler eller mappar med ärendefiler (.yaml).

    \b
    Exempel:
      drafter render cases/arboga-integration.yaml
      drafter render cases/ -o utkast/
    """
    from .output import output_path, write_draft
    from .pipeline import build_docx, draft

    problems = []
    for path in case_files(ärenden):
        try:
            d = draft(path, templates)
            data = build_docx(d)
            target = output_path(path, outdir)
            write_draft(target, data, force)
            click.echo(str(target))
        except DrafterError as error:
            problems.extend(error.problems)
    if problems:
        raise DrafterError(problems)


@command()
@cases_argument
@templates_option
@reports_errors
def validate(ärenden: tuple[Path, ...], templates: Path | None) -> None:
    """Kontrollera ärendefiler utan att skriva något.

    Varje fel visas som FIL:RAD:KOLUMN: meddelande.

    \b
    Exempel:
      drafter validate cases/arboga-integration.yaml
      drafter validate cases/
    """
    from .pipeline import build_docx, draft

    problems = []
    paths = case_files(ärenden)
    for path in paths:
        try:
            build_docx(draft(path, templates))
        except DrafterError as error:
            problems.extend(error.problems)
    if problems:
        raise DrafterError(problems)
    click.echo(f"{len(paths)} ärendefil(er) är giltiga.")


@command()
@click.argument("ärende", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@templates_option
@reports_errors
def preview(ärende: Path, templates: Path | None) -> None:
    """Visa texten som mallen skapar för ett ärende (Markdown), utan att skriva någon fil.

    \b
    Exempel:
      drafter preview cases/arboga-integration.yaml
    """
    from .pipeline import draft

    click.echo(draft(ärende, templates).markdown, nl=False)


if __name__ == "__main__":
    main()
