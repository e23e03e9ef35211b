"""drafter schema: the JSON Schema of a case file or of a town profile, for editors."""

from __future__ import annotations

import click

from drafter.cli.main import command, reports_errors


@command()
@click.option("--profil", "profile", is_flag=True, help="Schemat för en kommunprofil (profil.yaml) i stället.")
@reports_errors
def schema(profile: bool) -> None:
    """Skriv ut JSON-schemat för en ärendefil eller (--profil) en kommunprofil.

    Schemat skapas ur drafters modell. Redigerare som VS Code använder det för att
    föreslå fält och visa fel medan du skriver (se docs/vscode.md).

    \b
    Exempel:
      drafter schema > arende.schema.json
      drafter schema --profil > profil.schema.json
    """
    if profile:
        from drafter.profile.schema import schema_text
    else:
        from drafter.case.schema import schema_text

    click.echo(schema_text(), nl=False)
