"""drafter validate: check case files, their rules included, without writing anything."""

from __future__ import annotations

from pathlib import Path

import click

from drafter.case.files import case_files
from drafter.cli.main import cases_argument, command, loaded, reports_errors, show_warnings, templates_option
from drafter.errors import DrafterError, Problem


@command()
@cases_argument
@templates_option
@reports_errors
def validate(ärenden: tuple[Path, ...], templates: tuple[Path, ...]) -> None:
    """Kontrollera ärendefiler utan att skriva något.

    Varje fel visas som FIL:RAD:KOLUMN: meddelande. Också ärendets regler prövas, t.ex. att en
    motion ska besvaras inom ett år (kommunallagen 5 kap. 35 §); det som kan vara rätt men bör
    ses över visas som en varning.

    \b
    Exempel:
      drafter validate cases/arboga-integration.yaml
      drafter validate cases/
    """
    from drafter.pipeline import document
    from drafter.profile.searchpath import search_path

    loaded()

    search = search_path(templates)
    problems: list[Problem] = []
    warnings: list[Problem] = []
    paths = case_files(ärenden)
    for path in paths:
        # The whole pipeline but the writing of the file: valid means that render would succeed.
        try:
            _, d = document(path, search)
            warnings.extend(d.warnings)
        except DrafterError as error:
            problems.extend(error.problems)
    show_warnings(warnings)
    if problems:
        raise DrafterError(problems)
    click.echo(f"{len(paths)} ärendefil(er) är giltiga.")
