"""drafter schema: the JSON Schema of a case file, for editors."""

from __future__ import annotations

import click

from drafter.cli.main import command, reports_errors


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
