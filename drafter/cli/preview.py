"""drafter preview: the documents a case gives (its memo, and its decision's extract), as plain text to read or as Markdown."""

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
    Ett ärende som har ett beslut ('beslutat') visar också protokollsutdraget, under en
    egen rubrikrad med dokumentets namn.

    \b
    Exempel:
      drafter preview cases/arboga-integration.yaml
      drafter preview --markdown cases/arboga-integration.yaml
    """
    from drafter.output import output_path
    from drafter.pipeline import drafts
    from drafter.text.plaintext import readable

    documents = drafts(ärende, templates, unfinished=ofärdigt)
    for i, d in enumerate(documents):
        if len(documents) > 1:  # the memo and the extract of its decision: each under its name
            kind = d.profile.settings.kind_word[d.case.kind].capitalize()
            name = output_path(ärende, Path(), f"{d.suffix}.docx").name
            click.echo(("\n" if i else "") + f"{_RULE}\n{kind}: {name}\n{_RULE}\n")
        click.echo(d.markdown if markdown else readable(d.markdown), nl=False)
    show_warnings(list(documents[0].warnings))


# The line above and below each document's name when a case gives more than one.
_RULE = "=" * 72
