"""drafter motioner: the register of motions in a folder of case files, as a table, CSV or JSON."""

from __future__ import annotations

import datetime
from functools import lru_cache
from pathlib import Path

import click

from drafter.cli.main import command, reports_errors, templates_option
from drafter.errors import DrafterError, Problem


def _day(ctx: click.Context, param: click.Parameter, value: str | None) -> datetime.date:
    if value is None:
        return datetime.date.today()
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"'{value}' är inget datum — skriv ÅÅÅÅ-MM-DD") from None


@command()
@click.argument("mapp", required=False, default=".", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--datum", callback=_day, metavar="ÅÅÅÅ-MM-DD", help="Dagen registret visar (standard: i dag).")
@click.option(
    "--format",
    "format_",
    type=click.Choice(["tabell", "csv", "json"]),
    default="tabell",
    show_default=True,
    help="tabell för terminalen, csv (semikolon) för kalkylblad, json för diariesystem.",
)
@click.option(
    "--rapport",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="FIL",
    help="Skriv en ny ärendefil för halvårsredovisningen till kommunfullmäktige (redovisning-av-motioner) i FIL, "
    "för det senaste hela halvåret före --datum, i stället för att visa registret.",
)
@templates_option
@reports_errors
def motioner(mapp: Path, datum: datetime.date, format_: str, rapport: Path | None, templates: tuple[Path, ...]) -> None:
    """Visa motionsregistret: varje motion i ärendefilerna i MAPP (och dess undermappar).

    En motion står en gång även när flera ärendefiler gäller den (nämndens yttrande,
    tjänsteskrivelsen, protokollsutdraget): de hålls ihop av motionens diarienummer
    ('motion: diarienummer:', ärendets 'diarienummer' eller 'avser-motion'). För varje motion
    visas rubrik, motionärer, när den väcktes, ettårsdagen (kommunallagen 5 kap. 35 §, räknad
    enligt lagen om beräkning av lagstadgad tid), läget, handläggaren, dagar kvar (negativt:
    försenad) och när den väntas beslutas ('planerat-beslut' eller profilens 'sammanträden').

    Med --rapport FIL skrivs i stället en ny ärendefil för halvårsredovisningen av motioner som
    inte beretts färdigt: mappen, perioden (det senaste hela halvåret före --datum) och kommunen
    är ifyllda, och motionerna efter ettårsdagen står i en kommentar. Fyll i resten och gör
    skrivelsen med 'drafter render FIL'.

    \b
    Exempel:
      drafter motioner motionsregister/
      drafter motioner motionsregister/ --datum 2025-06-30 --format csv > motioner.csv
      drafter motioner motionsregister/ --datum 2025-08-18 --rapport motionsregister/redovisning-2025-1.yaml
    """
    from drafter.register.collect import read_register
    from drafter.register.rows import as_csv, as_json, as_table, rows

    register = read_register(mapp)
    if register.problems:
        raise DrafterError(register.problems)
    if rapport is not None:
        _new_report(register, mapp, rapport, datum, templates)
        return
    found = rows(register, datum, _meetings(templates))
    if format_ == "csv":
        click.echo(as_csv(found), nl=False)
    elif format_ == "json":
        click.echo(as_json(found, datum), nl=False)
    else:
        click.echo(as_table(found, datum), nl=False)


def _new_report(register, mapp: Path, target: Path, day: datetime.date, templates: tuple[Path, ...]) -> None:
    from drafter.case.scaffold import write_new
    from drafter.case.schema import schema_reference
    from drafter.register.new_report import last_half_year, report_case
    from drafter.register.rows import rows

    if target.exists():
        raise DrafterError([Problem(str(target), 1, 1, "filen finns redan och skrivs inte över — välj ett annat namn")])
    found = rows(register, last_half_year(day)[1], _meetings(templates))
    text = report_case(register, found, mapp, target, day, schema_reference(target))
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        write_new(target, text)
    except FileExistsError:
        raise DrafterError([Problem(str(target), 1, 1, "filen finns redan och skrivs inte över — välj ett annat namn")]) from None
    click.echo(str(target))


def _meetings(templates: tuple[Path, ...]):
    from drafter.profile.loading import load_profile
    from drafter.profile.searchpath import as_search_path

    root = as_search_path(templates)

    @lru_cache(maxsize=None)
    def meetings(municipality: str) -> list[datetime.date]:
        try:
            return list(load_profile(root, municipality).settings.meetings)
        except DrafterError as error:
            raise DrafterError([Problem(p.file, p.line, p.column, p.message) for p in error.problems]) from None

    return meetings
