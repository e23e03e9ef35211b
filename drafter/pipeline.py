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
from drafter.errors import Problem
from drafter.case.source import Loaded, load_file
from drafter.case.model import Case
from drafter.profile.loading import DEFAULT, PROFILE_FILE, Profile, load_profile, profile_file, templates_root
from drafter.case.validation import validate


@dataclass(frozen=True)
class Draft:
    """A validated case with its profile and the Markdown its template produced."""

    source: Path
    case: Case
    profile: Profile
    markdown: str

    @property
    def title(self) -> str:
        """The document title: the first level-1 heading of the Markdown, as plain text."""
        from drafter.text.markdown import parse

        tokens = parse(self.markdown)
        for i, token in enumerate(tokens):
            if token.type == "heading_open" and token.tag == "h1":
                return "".join(c.content for c in tokens[i + 1].children or [] if c.type in ("text", "code_inline"))
        return ""


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
    markdown = templating.render(env, case.kind, templating.context(case, profile), str(path))
    return Draft(path, case, profile, markdown)


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
