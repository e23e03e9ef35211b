"""drafter new: a new case file with a Swedish explanation over every field."""

from __future__ import annotations

from pathlib import Path

import click

from drafter.cli.main import command, interactive, reports_errors, templates_option


@command()
@click.argument("fil", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--dokument", "kind", metavar="TYP", help="Dokumenttypen, t.ex. svar-på-motion.")
@click.option("--kommun", "municipality", metavar="PROFIL", help="Kommunprofilen: en kommunmapp i mallarna (se --mallar).")
@templates_option
@reports_errors
def new(fil: Path, kind: str | None, municipality: str | None, templates: tuple[Path, ...]) -> None:
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
    from drafter.profile.searchpath import search_path
    from drafter.case.scaffold import refuse_existing, scaffold, write_new
    from drafter.case.schema import kind_requires, schema_reference

    known_kinds = kinds()
    root = search_path(templates)
    profiles = root.available()
    if kind is not None and kind not in known_kinds:
        raise click.BadParameter(f"'{kind}' är ingen dokumenttyp — välj en av: {', '.join(known_kinds)}", param_hint="'--dokument'")
    if municipality is not None and profiles and municipality not in profiles:
        raise click.BadParameter(f"'{municipality}' finns inte i {root} — välj en av: {', '.join(profiles)}", param_hint="'--kommun'")
    refuse_existing(fil)  # before asking anything
    answers: dict[str, str] = {}
    if kind is None and municipality is None and interactive():
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
    write_new(fil, text)
    click.echo(str(fil))
