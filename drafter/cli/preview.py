"""drafter preview: the text a case's template gives, as Markdown."""

from __future__ import annotations

from pathlib import Path

import click

from drafter.cli.main import command, reports_errors, show_warnings, templates_option, unfinished_option


@command()
@click.argument("ärende", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@templates_option
@unfinished_option
@reports_errors
def preview(ärende: Path, templates: Path | None, ofärdigt: bool) -> None:
    """Visa texten som mallen skapar för ett ärende (Markdown), utan att skriva någon fil.

    Ett ärende som validate inte godtar visas inte, om du inte ber om ett ofärdigt utkast
    (--ofärdigt).

    \b
    Exempel:
      drafter preview cases/arboga-integration.yaml
    """
    from drafter.pipeline import draft

    d = draft(ärende, templates, unfinished=ofärdigt)
    click.echo(d.markdown, nl=False)
    show_warnings(list(d.warnings))
