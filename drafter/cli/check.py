"""drafter check: the templates and sample cases under CI."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from drafter.cli.main import command, loaded, reports_errors, templates_option


@command()
@click.argument("sökvägar", nargs=-1, type=click.Path(exists=True, path_type=Path))
@templates_option
@click.option("--update", is_flag=True, help="Godkänn de nya texterna: visa skillnaden och skriv dem till .md-filerna.")
@click.option(
    "--format",
    "format_",
    type=click.Choice(["text", "github", "junit"]),
    default="text",
    show_default=True,
    help="text för en människa, github för anteckningar i GitHub Actions, junit för JUnit-XML.",
)
@click.option(
    "--junit-fil",
    "junit_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Skriv (också) en JUnit-rapport till filen.",
)
@click.option("--strikt", is_flag=True, help="Räkna varningar som fel.")
@click.option(
    "--utan-täckning",
    "without_coverage",
    is_flag=True,
    help="Visa inte mallar, dokumenttyper och profiler som inget ärende använder: för en mapp som bara prövar "
    "en del av dem, t.ex. motionsregister/.",
)
@click.option(
    "-j",
    "--jobb",
    "jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Hur många ärenden som kontrolleras samtidigt, i egna processer (standard: en per 20 ärenden, högst antalet kärnor).",
)
@reports_errors
def check(
    sökvägar: tuple[Path, ...], templates: tuple[Path, ...], update: bool, format_: str, junit_file: Path | None, strikt: bool,
    without_coverage: bool, jobs: int | None,
) -> None:
    """Kontrollera mallar och provärenden, som CI gör.

    Varje provärende valideras, renderas och jämförs med den godkända texten bredvid det
    (cases/NAMN.md), och Word-filen kontrolleras mot OOXML-schemat. Mallarna läses och söks
    igenom efter namn som inte finns. Mallar, dokumenttyper och kommunprofiler som inget
    provärende använder visas (i mallmapparna som --mallar anger, eller i mallarna som följer
    med drafter). SÖKVÄGAR är ärendefiler, mappar med ärendefiler och en mallmapp med
    _default/ (standard: cases/ här).

    \b
    Exempel:
      drafter check
      drafter check --update
      drafter check --format github
      drafter check --junit-fil rapport.xml
      drafter check -j 1
      drafter check motionsregister/ --utan-täckning
    """
    from drafter.ci import reports
    from drafter.ci import runner as checking
    from drafter.profile.searchpath import search_path

    loaded()
    cases, root = checking.split_paths(sökvägar)
    if not sökvägar or (root is not None and not cases and len(sökvägar) == 1):
        if Path("cases").is_dir():
            cases = checking.split_paths([Path("cases")])[0]
        elif not sökvägar:
            raise click.UsageError("hittar ingen mapp cases/ här — ange ärendefiler eller mappar")
    search = search_path([*templates, *([root] if root is not None else [])])
    # Coverage is a question about a whole folder of sample cases, not about a file picked out.
    coverage = all(path.is_dir() for path in sökvägar) and not without_coverage
    report = checking.run(cases, search, update=update, coverage=coverage, jobs=jobs or checking.default_jobs(len(cases)))
    if junit_file is not None:
        junit_file.parent.mkdir(parents=True, exist_ok=True)
        junit_file.write_text(reports.junit_xml(report, strikt), encoding="utf-8")
    if format_ == "junit" and junit_file is None:
        click.echo(reports.junit_xml(report, strikt), nl=False)
    elif format_ == "github":
        click.echo(reports.format_github(report, strikt), nl=False)
    elif format_ == "junit":
        click.echo(reports.summary(report, strikt))
    else:
        click.echo(reports.format_text(report, strikt), nl=False)
    if report.failed(strikt):
        sys.exit(1)
