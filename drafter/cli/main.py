"""What every command shares: the group, Swedish help, the error handler, common options.

Each command is a module of its own in drafter.cli and only parses arguments, calls the
library and prints. Exit codes live on the exceptions (drafter.errors); this handler prints
located problems and exits with the error's code. Exit codes: 0 all went well · 1 an invalid case, profile or template · 2 wrong usage ·
3 an internal error in drafter (a bug: please report it).
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path

import click

from drafter import __version__

from drafter.cli import swedish
from drafter.errors import DrafterError, Problem

swedish.install()

EXIT_CODES = """\b
Slutkoder:
  0  allt gick bra
  1  ogiltig ärendefil, profil eller mall, eller ett utkast som ändrats
     efter att drafter skrev det och därför inte skrivs över (se --force);
     varje fel på stderr som FIL:RAD:KOLUMN: meddelande
  2  fel användning av kommandot
  3  internt fel i drafter"""

BUG = (
    "Det här är ett fel i programmet, inte i din fil. Kör igen med DRAFTER_DEBUG=1 "
    "och skicka utskriften till den som förvaltar drafter."
)


def loaded() -> None:
    """Say that a command has imported what it works with. The objects made so far live as long
    as the process: the collector leaves them be from now on (also in the worker processes a
    batch forks) and runs at Python's usual pace again, so a batch's memory stays flat."""
    gc.freeze()
    gc.set_threshold(700)


def show_warnings(warnings: list[Problem]) -> None:
    """Warnings on stderr, each at its place, after the work they belong to."""
    for warning in sorted(warnings):
        click.echo(str(warning.as_warning()), err=True)


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
            click.echo(f"internt fel i drafter: {type(error).__name__}: {error}\n{BUG}", err=True)
            sys.exit(3)

    return run


def _templates_help() -> str:
    from drafter import data

    return (
        "En mapp med egna kommunprofiler och mallar, som läggs över mallarna som följer med drafter: "
        "en mallmapp med en mapp per kommun (och ev. _default/), eller en enda kommuns mapp med profil.yaml. "
        "Kan anges flera gånger; den först angivna mappen som har en fil gäller. Mapparna i "
        f"miljövariabeln DRAFTER_MALLAR (åtskilda med '{os.pathsep}') söks efter dem. "
        f"Standard: bara mallarna som följer med drafter ({data.templates()})."
    )


templates_option = click.option(
    "--mallar",
    "templates",
    multiple=True,
    metavar="MAPP",
    type=click.Path(path_type=Path),
    help=_templates_help(),
)
unfinished_option = click.option(
    "--ofärdigt",
    is_flag=True,
    help="Gör ett utkast fast ärendet inte är färdigt: felen visas som varningar och utkastet "
    "märks 'UTKAST – ej färdigt' i sidhuvudet. Fel som gör att inget dokument kan skapas stoppar ändå.",
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


def is_terminal(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def interactive() -> bool:
    """Whether a person is there to answer questions: stdin and stdout are a terminal."""
    return is_terminal(sys.stdin) and is_terminal(sys.stdout)
