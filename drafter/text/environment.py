"""The Jinja2 environment: where a kind's templates are found, the filters, and rendering to Markdown.

Templates run sandboxed with undefined names as errors, over the variables the view model
computes (drafter.text.view). A failure is reported at the template's file and line.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from drafter.case.model import MarkdownText
from drafter.errors import Problem, TemplateError
from drafter.profile.loading import DEFAULT, Profile
from drafter.text.markdown import shift_headings
from drafter.text.placeholders import MissingValue, fill
from drafter.text.swedish import iso_date, lower_first, name_list, ordinal, person, text_date
from drafter.text.view import with_label


def markdown_field(text: str, level: int = 3) -> MarkdownText:
    """A Markdown field placed in a section: its headings become level ``level`` and below."""
    return MarkdownText(shift_headings(str(text), level))


def labelled(text: str, label: str, level: int = 3) -> MarkdownText:
    """A Markdown field after a label in italics ("*Kommentar:* …")."""
    return MarkdownText(with_label(str(text), label, level))


FILTERS = {
    "fyll": fill,
    "datum": iso_date,
    "textdatum": text_date,
    "namnlista": name_list,
    "person": person,
    "ordningstal": ordinal,
    "liten_början": lower_first,
    "markdown": markdown_field,
    "med_ledtext": labelled,
}


def environment(root: Path, profile: Profile) -> SandboxedEnvironment:
    """Templates are looked up in the profile's folder first, then in the default's.

    ``_default/x.md.j2`` always names the default's copy, so a profile can extend the
    default template and override single blocks.
    """
    search = [root / profile.name, root / DEFAULT, root] if profile.name != DEFAULT else [root / DEFAULT, root]
    env = SandboxedEnvironment(
        loader=jinja2.FileSystemLoader([str(p) for p in search], encoding="utf-8"),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
    )
    env.filters.update(FILTERS)
    return env


def template_name(kind: str) -> str:
    return f"{kind}.md.j2"


def render(env: SandboxedEnvironment, kind: str, variables: dict[str, Any], case_file: str) -> str:
    """Render a kind's template to Markdown; a failure names the template file and line."""
    try:
        text = env.get_template(template_name(kind)).render(variables)
    except jinja2.TemplateSyntaxError as error:
        raise TemplateError([_template_problem(error.filename or error.name, error.lineno, f"mallfel: {error.message}", case_file)]) from None
    except jinja2.TemplateNotFound as error:
        raise TemplateError([Problem(case_file, 1, 1, f"mallen '{error.name}' finns inte för dokumenttypen '{kind}'")]) from None
    except MissingValue:
        raise  # a profile text, not the template, is at fault: the pipeline locates it in the profile
    except (jinja2.UndefinedError, jinja2.exceptions.SecurityError, TypeError, ValueError, KeyError, IndexError, AttributeError) as error:
        filename, line = _template_frame(error)
        raise TemplateError([_template_problem(filename, line, f"mallfel: {_undefined_message(error)}", case_file)]) from None
    # Blank lines left by template logic carry no meaning in Markdown; fold them for a readable preview.
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def _template_problem(filename: str | None, line: int | None, message: str, case_file: str) -> Problem:
    return Problem(filename or "<mall>", line or 1, 1, f"{message} (när {case_file} renderades)")


def _template_frame(error: BaseException) -> tuple[str | None, int | None]:
    """The innermost template frame of a traceback. Jinja rewrites the traceback of a
    failed render so that template frames carry the template's file name and line."""
    found: tuple[str | None, int | None] = (None, None)
    tb = error.__traceback__
    while tb is not None:
        if "__jinja_exception__" in tb.tb_frame.f_globals:
            found = (tb.tb_frame.f_code.co_filename, tb.tb_lineno)
        tb = tb.tb_next
    return found


def _undefined_message(error: BaseException) -> str:
    text = str(error)
    match = re.match(r"'(.+?)' is undefined", text)
    if match:
        return f"'{match.group(1)}' är inte definierad"
    match = re.match(r"'.+?' has no attribute '(.+?)'", text) or re.match(r"'.+?' object has no attribute '(.+?)'", text)
    if match:
        return f"fältet '{match.group(1)}' finns inte"
    return text
