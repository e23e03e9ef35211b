"""drafter preview: the memo a case gives, as plain text to read (or as Markdown)."""

from __future__ import annotations

from pathlib import Path

import click

from drafter.cli.main import command, reports_errors, show_warnings, templates_option, unfinished_option


@command()
@click.argument("ärende", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@templates_option
@unfinished_option
@click.option("--markdown", is_flag=True, help="Visa Markdown-texten som mallen skapar, med all markering.")
@reports_errors
def preview(ärende: Path, templates: tuple[Path, ...], ofärdigt: bool, markdown: bool) -> None:
    """Visa skrivelsen för ett ärende som läsbar text, utan att skriva någon fil.

    Rubriker, beslutspunkter, listor och fotnoter visas som i skrivelsen; med --markdown
    visas i stället texten som mallen skapar, med Markdown och ':::'-delar. Ett ärende som
    validate inte godtar visas inte, om du inte ber om ett ofärdigt utkast (--ofärdigt).

    \b
    Exempel:
      drafter preview cases/arboga-integration.yaml
      drafter preview --markdown cases/arboga-integration.yaml
    """
    from drafter.pipeline import draft

    d = draft(ärende, templates, unfinished=ofärdigt)
    if markdown:
        click.echo(d.markdown, nl=False)
    else:
        from drafter.text.plaintext import readable

        click.echo(readable(d.markdown), nl=False)
    show_warnings(list(d.warnings))
