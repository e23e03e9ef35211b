"""The stages in order: load → validate → template → Markdown → .docx.

Each function is one step, so the CLI, ``drafter check`` and the tests can stop anywhere.
"""

from __future__ import annotations

import datetime
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from jinja2.sandbox import SandboxedEnvironment

from drafter.text import environment as templating
from drafter.text import view
from drafter.text.markdown import plain_text
from drafter.errors import Problem, TemplateError
from drafter.case.source import Loaded, load_file
from drafter.case.model import Case
from drafter.profile.loading import DEFAULT, PROFILE_FILE, Profile, load_profile, profile_file, templates_root
from drafter.case.validation import validate


@dataclass(frozen=True)
class Draft:
    """A validated case with its profile, the Markdown its template produced, and its title."""

    source: Path
    case: Case
    profile: Profile
    markdown: str
    title: str  # as plain text, for the document's properties


def load_case(path: str | Path) -> tuple[Case, Loaded]:
    loaded = load_file(path, partial=True)  # validate() reports the loader's problems with its own
    return validate(loaded, Case), loaded


def draft(path: str | Path, templates: str | Path | None = None) -> Draft:
    """Load, validate and render a case file to Markdown."""
    case, loaded = load_case(path)
    return render_case(case, loaded, Path(path), templates_root(templates))


def render_case(case: Case, loaded: Loaded, path: Path, root: Path) -> Draft:
    """Render a validated case with its kind's template for its municipality."""
    profile, env = prepare(root, case.municipality, loaded.problem(("kommun",), "", at_value=True))
    try:
        variables = view.build(case, profile)
    except ValueError as error:  # a profile text names a value that does not exist
        where = profile.folder / PROFILE_FILE
        raise TemplateError([Problem(str(where), 1, 1, f"{error} (när {path} renderades)")]) from None
    markdown = templating.render(env, case.kind, variables, str(path))
    return Draft(path, case, profile, markdown, plain_text(variables["dokumentrubrik"]))


def prepare(root: Path, name: str, where: Problem | None = None) -> tuple[Profile, SandboxedEnvironment]:
    """A municipality's profile and template environment.

    Both are built once per process and reused: compiling the templates is most of the
    time a memo takes. The environment reloads a template whose file changed, and a
    changed profile file gives a new key, so an edit is always seen.
    """
    own = profile_file(root, name, where)
    stamp = tuple(p.stat().st_mtime_ns for p in (root / DEFAULT / PROFILE_FILE, own))
    return _prepared(root, os.getcwd(), name, stamp)


@lru_cache(maxsize=32)
def _prepared(root: Path, cwd: str, name: str, stamp: tuple[int, ...]) -> tuple[Profile, SandboxedEnvironment]:
    # cwd is part of the key because ``root`` may be relative.
    profile = load_profile(root, name)
    return profile, templating.environment(root, profile)


def build_docx(d: Draft) -> bytes:
    """The Word document for a draft."""
    from drafter.output import FINGERPRINT, PLACEHOLDER, stamp
    from drafter.docx.writer import DocumentProperties, write_document

    created = datetime.datetime.combine(d.case.date, datetime.time(), tzinfo=datetime.timezone.utc)
    properties = DocumentProperties(
        title=d.title,
        author=d.case.case_officer.name,
        subject=f"{d.profile.settings.kind_word[d.case.kind].capitalize()}, {d.case.case_number}",
        keywords=d.case.case_number,
        language="sv-SE",
        created=created,
        custom={FINGERPRINT: PLACEHOLDER},  # stamp() puts the fingerprint of the parts here
    )
    return stamp(write_document(d.markdown, style=d.profile.style, properties=properties))
