"""Jinja2 renders a document kind for a municipality profile into Markdown.

Templates run sandboxed with undefined names as errors. Case values enter the template
escaped for Markdown (see ``context``), so a name with '*' or a title beginning "2025. "
comes out literally; only fields the model declares as Markdown are passed through.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import jinja2
from babel.dates import format_date
from babel.lists import format_list
from jinja2.sandbox import SandboxedEnvironment
from pydantic import BaseModel

from drafter.errors import Problem, TemplateError
from drafter.text.markdown import FIELDS, escape, literal_fields, shift_headings
from drafter.case.model import MarkdownText
from drafter.profile.loading import DEFAULT, Profile

LOCALE = "sv_SE"
_ORDINALS = "första andra tredje fjärde femte sjätte sjunde åttonde nionde tionde elfte tolfte".split()


def iso_date(value: datetime.date) -> str:
    """2017-06-14: for headers, lists and tables."""
    return value.isoformat()


def text_date(value: datetime.date) -> str:
    """14 juni 2017: for running text (no leading zero, lower-case month)."""
    return format_date(value, "d MMMM y", locale=LOCALE)


def name_list(items: Iterable[Any]) -> str:
    """A, B och C."""
    items = [str(i) for i in items]
    return format_list(items, locale=LOCALE) if items else ""


def person(author: dict) -> str:
    """Namn (Parti)."""
    return f"{author['namn']} ({author['parti']})"


def ordinal(number: int) -> str:
    """1 → första, 2 → andra … (13 → 13:e)."""
    return _ORDINALS[number - 1] if 0 < number <= len(_ORDINALS) else f"{number}:e"


def lower_first(text: str) -> str:
    """Utveckla integrationsarbetet → utveckla integrationsarbetet."""
    return text[:1].lower() + text[1:]


def markdown_field(text: str, level: int = 3) -> MarkdownText:
    """A Markdown field placed in a section: its headings become level ``level`` and below."""
    return MarkdownText(shift_headings(str(text), level))


_PLACEHOLDER = re.compile(r"\{([^{}\s]+)\}")


def fill(text: str, values: dict[str, Any], extra: dict[str, Any] | None = None) -> str:
    """A profile's text with each {namn} replaced by its value; empty when a value it names
    is missing, so that "Telefon: {telefon}" is left out for a case without a phone.

    {sida} and {sidor} stay: they are the page fields. Any other unknown name is an error
    rather than text in the memo.
    """
    values = {**values, **(extra or {})}
    missing = False

    def replace(match: re.Match[str]) -> str:
        nonlocal missing
        name = match.group(1)
        if name in FIELDS:
            return match.group(0)
        if name not in values:
            raise ValueError(f"okänt namn {{{name}}} i profilens text '{text}' — kända namn: {', '.join(sorted(values))}")
        value = values[name]
        if value is None or value == "":
            missing = True
            return ""
        return str(value)

    result = _PLACEHOLDER.sub(replace, str(text))
    return "" if missing else result


FILTERS = {
    "fyll": fill,
    "datum": iso_date,
    "textdatum": text_date,
    "namnlista": name_list,
    "person": person,
    "ordningstal": ordinal,
    "liten_början": lower_first,
    "markdown": markdown_field,
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


def context(case: BaseModel, profile: Profile) -> dict[str, Any]:
    """The template's variables: the case under its Swedish keys ('-' written as '_'),
    plain text escaped for Markdown, Markdown fields as written, and ``profil``."""
    values = _value(case)
    values["profil"] = profile.data
    return values


def _value(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return {
            (field.alias or name).replace("-", "_"): _value(getattr(value, name))
            for name, field in type(value).model_fields.items()
        }
    if isinstance(value, MarkdownText):
        return MarkdownText(literal_fields(value))
    if isinstance(value, str):
        return escape(value)
    if isinstance(value, (list, tuple)):
        return [_value(v) for v in value]
    return value


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
