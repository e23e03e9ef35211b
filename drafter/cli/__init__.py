"""The command line: parses arguments, calls the library, turns errors into messages and exit codes.

Exit codes: 0 all went well · 1 an invalid case, profile or template · 2 wrong usage ·
3 an internal error in drafter (a bug: please report it).
"""

from __future__ import annotations

import os
import sys
import unicodedata
from collections.abc import Callable
from functools import wraps
from pathlib import Path

import click

from drafter import __version__

from drafter.cli import swedish as cli_sv
from drafter.case.files import case_files
from drafter.errors import DrafterError, Problem

cli_sv.install()

EXIT_CODES = """\b
Slutkoder:
  0  allt gick bra
  1  ogiltig ärendefil, profil eller mall, eller ett utkast som ändrats
     efter att drafter skrev det och därför inte skrivs över (se --force);
     varje fel på stderr som FIL:RAD:KOLUMN: meddelande
  2  fel användning av kommandot
  3  internt fel i drafter"""

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
@click.option(
    "-j",
    "--jobb",
    "jobs",
    type=click.IntRange(min=1),
    default=None,
    metavar="N",
    help="Rendera N ärenden samtidigt (standard: antalet processorkärnor).",
)
@reports_errors
def render(ärenden: tuple[Path, ...], outdir: Path, templates: Path | None, force: bool, jobs: int | None) -> None:
    """Skriv ett Word-utkast (.docx) för varje ärendefil och visa dess sökväg.

    ÄRENDEN är ärendefiler eller mappar med ärendefiler (.yaml). Många ärenden renderas
    samtidigt; ett ärende som inte går att rendera hindrar inte de andra, och alla fel
    visas till sist.

    \b
    Exempel:
      drafter render cases/arboga-integration.yaml
      drafter render cases/ -o utkast/
      drafter render cases/ -j 4
    """
    from drafter.batch import render_many
    from drafter.output import output_path, write_draft

    paths = case_files(ärenden)
    problems: list[Problem] = []
    internal: list[tuple[Path, str]] = []
    written: list[Path] = []
    claimed: dict[str, Path] = {}  # draft name as Windows and macOS compare names -> its case
    show_bar = len(paths) > 1 and _is_terminal(sys.stderr)
    with click.progressbar(
        length=len(paths), label="Renderar", file=sys.stderr if show_bar else _Silent(),
        show_pos=True, show_eta=False,
    ) as bar:
        for result in render_many(paths, templates, jobs):
            bar.update(1)
            if result.internal is not None:
                internal.append((result.source, result.internal))
                continue
            if not result.ok:
                problems.extend(result.problems)
                continue
            target = output_path(result.source, outdir)
            # Two case files with one draft name (a/x.yaml and b/X.yml) would overwrite each other.
            name = unicodedata.normalize("NFC", str(target)).casefold()
            if name in claimed:
                problems.append(Problem(str(result.source), 1, 1, f"ger samma utkast som {claimed[name]} ({target}) — byt namn på en av dem"))
                continue
            claimed[name] = result.source
            try:
                write_draft(target, result.data, force)
            except DrafterError as error:
                problems.extend(error.problems)
                continue
            written.append(target)
            if not show_bar:
                click.echo(str(target))
    if show_bar:
        for target in written:
            click.echo(str(target))
    failed = len(paths) - len(written)
    if failed:
        click.echo(f"{len(written)} av {len(paths)} utkast skrevs; {failed} ärende(n) misslyckades:", err=True)
    if internal:
        for problem in sorted(problems):
            click.echo(str(problem), err=True)
        for source, text in internal:
            detail = text if os.environ.get("DRAFTER_DEBUG") else text.splitlines()[0]
            click.echo(f"{source}: internt fel i drafter: {detail}", err=True)
        click.echo(
            "Det här är ett fel i programmet, inte i din fil. Kör igen med DRAFTER_DEBUG=1 "
            "och skicka utskriften till den som förvaltar drafter.",
            err=True,
        )
        sys.exit(3)
    if problems:
        raise DrafterError(problems)


def _is_terminal(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


class _Silent:
    """A stream for a progress bar that is not shown."""

    def write(self, text: str) -> None:
        pass

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False


@command()
@cases_argument
@templates_option
@reports_errors
def validate(ärenden: tuple[Path, ...], templates: Path | None) -> None:
    """Kontrollera ärendefiler utan att skriva något.

    Varje fel visas som FIL:RAD:KOLUMN: meddelande. Också ärendets regler prövas, t.ex. att en
    motion ska besvaras inom ett år (kommunallagen 5 kap. 35 §); det som kan vara rätt men bör
    ses över visas som en varning.

    \b
    Exempel:
      drafter validate cases/arboga-integration.yaml
      drafter validate cases/
    """
    from drafter.case.rules import check_case
    from drafter.pipeline import build_docx, load_case, render_case
    from drafter.profile.loading import templates_root

    problems: list[Problem] = []
    warnings: list[Problem] = []
    paths = case_files(ärenden)
    for path in paths:
        try:
            case, loaded = load_case(path)
            for _, findings in check_case(case, loaded):
                for finding in findings:
                    (warnings if finding.severity == "warning" else problems).append(finding.problem)
            build_docx(render_case(case, loaded, path, templates_root(templates)))
        except DrafterError as error:
            problems.extend(error.problems)
    for warning in sorted(warnings):
        click.echo(f"{warning.file}:{warning.line}:{warning.column}: varning: {warning.message}", err=True)
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
    from drafter.pipeline import draft

    click.echo(draft(ärende, templates).markdown, nl=False)


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
@reports_errors
def check(
    sökvägar: tuple[Path, ...], templates: Path | None, update: bool, format_: str, junit_file: Path | None, strikt: bool
) -> None:
    """Kontrollera mallar och provärenden, som CI gör.

    Varje provärende valideras, renderas och jämförs med den godkända texten bredvid det
    (cases/NAMN.md), och Word-filen kontrolleras mot OOXML-schemat. Mallarna läses och söks
    igenom efter namn som inte finns. Mallar, dokumenttyper och kommunprofiler som inget
    provärende använder visas. SÖKVÄGAR är ärendefiler, mappar med ärendefiler och en
    mallmapp (standard: cases/ och templates/ här).

    \b
    Exempel:
      drafter check
      drafter check --update
      drafter check --format github
      drafter check --junit-fil rapport.xml
    """
    from drafter.ci import runner as checking
    from drafter.profile.loading import templates_root

    cases, root = checking.split_paths(sökvägar)
    if not sökvägar or (root is not None and not cases and len(sökvägar) == 1):
        if Path("cases").is_dir():
            cases = checking.split_paths([Path("cases")])[0]
        elif not sökvägar:
            raise click.UsageError("hittar ingen mapp cases/ här — ange ärendefiler eller mappar")
    root = templates or root or templates_root(None)
    if not checking.is_templates_root(root):
        raise click.UsageError(f"{root} är ingen mallmapp (den saknar _default/profil.yaml)")
    # Coverage is a question about a whole folder of sample cases, not about a file picked out.
    coverage = all(path.is_dir() for path in sökvägar)
    report = checking.run(cases, root, update=update, coverage=coverage)
    if junit_file is not None:
        junit_file.parent.mkdir(parents=True, exist_ok=True)
        junit_file.write_text(checking.junit_xml(report, strikt), encoding="utf-8")
    if format_ == "junit" and junit_file is None:
        click.echo(checking.junit_xml(report, strikt), nl=False)
    elif format_ == "github":
        click.echo(checking.format_github(report, strikt), nl=False)
    elif format_ == "junit":
        click.echo(checking.summary(report, strikt))
    else:
        click.echo(checking.format_text(report, strikt), nl=False)
    if report.failed(strikt):
        sys.exit(1)


@command()
@reports_errors
def schema() -> None:
    """Skriv ut JSON-schemat för en ärendefil.

    Schemat skapas ur drafters modell. Redigerare som VS Code använder det för att
    föreslå fält och visa fel medan du skriver (se docs/vscode.md).

    \b
    Exempel:
      drafter schema > schema/arende.schema.json
    """
    from drafter.case.schema import schema_text

    click.echo(schema_text(), nl=False)


def _interactive() -> bool:
    """Whether a person is there to answer questions: stdin and stdout are a terminal."""
    return _is_terminal(sys.stdin) and _is_terminal(sys.stdout)


@command()
@click.argument("fil", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--dokument", "kind", metavar="TYP", help="Dokumenttypen, t.ex. svar-på-motion.")
@click.option("--kommun", "municipality", metavar="PROFIL", help="Kommunprofilen: en mapp under templates/.")
@templates_option
@reports_errors
def new(fil: Path, kind: str | None, municipality: str | None, templates: Path | None) -> None:
    """Skapa en ny ärendefil med en förklaring till varje fält.

    I en terminal frågar drafter efter det viktigaste (dokumenttyp, kommun, diarienummer,
    rubrik och handläggare); med --dokument eller --kommun, eller utan terminal, frågar
    den ingenting. Fyll sedan i varje FYLL I. En fil som redan finns skrivs aldrig över.

    \b
    Exempel:
      drafter new cases/motion-om-cykelvagar.yaml
      drafter new --dokument svar-på-motion --kommun arboga cases/ny.yaml
    """
    from drafter.ci.runner import kinds
    from drafter.profile.loading import available, templates_root
    from drafter.case.scaffold import scaffold, write_new
    from drafter.case.schema import kind_requires, schema_reference

    known_kinds = kinds()
    root = templates_root(templates)
    profiles = available(root) if root.is_dir() else []
    if kind is not None and kind not in known_kinds:
        raise click.BadParameter(f"'{kind}' är ingen dokumenttyp — välj en av: {', '.join(known_kinds)}", param_hint="'--dokument'")
    if municipality is not None and profiles and municipality not in profiles:
        raise click.BadParameter(f"'{municipality}' finns inte i {root} — välj en av: {', '.join(profiles)}", param_hint="'--kommun'")
    if fil.exists():
        raise DrafterError([Problem(str(fil), 1, 1, "filen finns redan och skrivs inte över — välj ett annat namn")])
    answers: dict[str, str] = {}
    if kind is None and municipality is None and _interactive():
        kind = click.prompt("Dokumenttyp", type=click.Choice(known_kinds), default="svar-på-motion")
        if profiles:
            municipality = click.prompt(
                "Kommun", type=click.Choice(profiles), default=profiles[0] if len(profiles) == 1 else None
            )
        answers["diarienummer"] = click.prompt("Diarienummer", default="", show_default=False).strip()
        # The title that matters: the motion's or the audit report's when the kind answers one.
        needed = kind_requires().get(kind, ())
        title_key, label = next(
            ((f"{part}.rubrik", text) for part, text in (("motion", "Motionens rubrik"), ("revisionsrapport", "Rapportens rubrik")) if part in needed),
            ("rubrik", "Rubrik"),
        )
        answers[title_key] = click.prompt(label, default="", show_default=False).strip()
        answers["handläggare.namn"] = click.prompt("Handläggarens namn", default="", show_default=False).strip()
    text = scaffold(kind or "svar-på-motion", municipality, schema_reference(fil), answers)
    fil.parent.mkdir(parents=True, exist_ok=True)
    try:
        write_new(fil, text)
    except FileExistsError:
        raise DrafterError([Problem(str(fil), 1, 1, "filen finns redan och skrivs inte över — välj ett annat namn")]) from None
    click.echo(str(fil))


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

