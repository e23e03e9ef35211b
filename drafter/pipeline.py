"""The one way from a case file to a draft: load → rules → view model → template → Markdown → .docx.

Every command goes through here: ``validate`` and ``preview`` stop before the file is
written, ``render`` writes it, ``drafter check`` compares the Markdown with the approved text.
So every command runs the same rules and refuses the same cases. An officer who wants to see a
draft before every field is filled asks for an unfinished one: the rules' errors that do not
stop a document from being made are then shown as warnings, and the draft says "UTKAST – ej
färdigt" in its header.
"""

from __future__ import annotations

import datetime
import os
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from jinja2.sandbox import SandboxedEnvironment

from drafter.case.model import Case
from drafter.case.reading import CaseFile, read_case
from drafter.case.source import Loaded, load_file
from drafter.errors import CaseError, Problem, TemplateError
from drafter.profile.case_layer import case_profile, unshown
from drafter.profile.loading import PROFILE_FILE, Profile, load_profile, profile_file
from drafter.profile.model import Settings
from drafter.profile.searchpath import SearchPath, as_search_path
from drafter.profile.logo import LogoImage, load_logo
from drafter.text import environment as templating
from drafter.text import view
from drafter.text.markdown import plain_text
from drafter.text.placeholders import MissingValue


def build_models() -> None:
    """Build the case's and the profile's validators now instead of when first used: a pool's
    forked workers then share them rather than each building its own."""
    Case.model_rebuild()
    Settings.model_rebuild()


@dataclass(frozen=True)
class Draft:
    """A checked case with its profile, the Markdown its template produced, and its title."""

    source: Path
    case: Case
    profile: Profile
    markdown: str
    title: str  # as plain text, for the document's properties
    warnings: tuple[Problem, ...] = ()
    unfinished: bool = False
    logo: LogoImage | None = None  # the town's, checked when the case was rendered
    suffix: str = ""  # added to the case file's name: "-protokollsutdrag" for the extract of its decision


@dataclass(frozen=True)
class Checked:
    """A case file that the model accepted, with what its rules found."""

    case: Case
    loaded: Loaded
    errors: tuple[Problem, ...]  # all deferrable: the others raise
    warnings: tuple[Problem, ...]
    file: CaseFile


def read(path: str | Path, templates: SearchPath | str | Path | tuple | None = None) -> CaseFile:
    """A case file read with every rule run on it (those that read the town's profile find it in
    ``templates``); raises :class:`CaseError` when the file cannot be a case at all (errors no
    unfinished draft can defer)."""
    cf = read_case(path, as_search_path(templates))
    fatal = cf.fatal()
    if fatal or cf.case is None or cf.loaded is None:
        raise CaseError(fatal or [Problem(str(path), 1, 1, "filen kan inte läsas som ett ärende")])
    return cf


def load_case(path: str | Path, templates: SearchPath | str | Path | tuple | None = None) -> tuple[Case, Loaded]:
    """A case file read and validated against the model; raises :class:`CaseError` if it cannot be."""
    cf = read(path, templates)
    assert cf.case is not None and cf.loaded is not None
    return cf.case, cf.loaded


def check(path: str | Path, templates: SearchPath | str | Path | tuple | None = None) -> Checked:
    """Load a case file and run every rule on it. Raises :class:`CaseError` when the file cannot
    be read as a case at all; what the rules find comes back as errors and warnings (the
    errors an unfinished draft may defer)."""
    cf = read(path, templates)
    assert cf.case is not None and cf.loaded is not None
    return Checked(cf.case, cf.loaded, tuple(sorted(cf.stopping())), tuple(cf.warnings()), cf)


def draft(path: str | Path, templates: SearchPath | str | Path | tuple | None = None, *, unfinished: bool = False) -> Draft:
    """The Markdown of a case file. Raises :class:`CaseError` with every problem that stops it:
    the rules' errors too, unless ``unfinished``, when the deferrable ones become warnings."""
    search = as_search_path(templates)
    checked = check(path, search)
    if checked.errors and not unfinished:
        raise CaseError([*checked.errors, *checked.warnings])  # the warnings too: a registrar fixes everything at once
    warnings = tuple(checked.file.warnings(unfinished))
    return render_case(checked.case, checked.loaded, Path(path), search, warnings, unfinished)


def render_case(
    case: Case, loaded: Loaded, path: Path, root: SearchPath | Path, warnings: tuple[Problem, ...] = (), unfinished: bool = False,
    texts: dict | None = None, environment: type[templating.TemplateEnvironment] = templating.TemplateEnvironment,
) -> Draft:
    """Render a checked case with its kind's template for its municipality (``texts``: profile
    texts of its own, over the profile's; ``environment``: the class of the templates' environment)."""
    profile, env = prepare(root, case.municipality, loaded.problem(("kommun",), "", at_value=True), environment)
    profile = case_profile(profile, case, loaded)  # the variants and own texts the case chooses
    logo = load_logo(profile)
    if texts is not None:  # the extract's own texts (drafter.text.extract), over the case's
        profile = profile.for_case(case.kind, own=texts)
    else:  # what the case wrote that its memo's section order leaves out (the extract shows less on purpose)
        warnings = (*warnings, *unshown(profile, case, loaded))
    try:
        variables = view.build(case, profile, unfinished=unfinished, source=path)
        markdown = templating.render(env, case.kind, variables, str(path))
    except MissingValue as missing:  # a profile text that is shown names a value the case lacks
        raise CaseError([_in_profile(profile, missing.path, f"{missing} (i {path})")]) from None
    except ValueError as error:  # a profile text names a value that does not exist
        where = profile.folder / PROFILE_FILE
        raise TemplateError([Problem(str(where), 1, 1, f"{error} (när {path} renderades)")]) from None
    return Draft(path, case, profile, markdown, plain_text(variables["dokumentrubrik"]), warnings, unfinished, logo)


def drafts(path: str | Path, templates: SearchPath | str | Path | tuple | None = None, *, unfinished: bool = False) -> list[Draft]:
    """Every document of a case file: its memo and, when it records a decision ('beslutat'),
    the protokollsutdrag of that decision, rendered from the same case."""
    d = draft(path, templates, unfinished=unfinished)
    return [d, *decision_drafts(d, as_search_path(templates))]


def decision_drafts(d: Draft, root: SearchPath | Path) -> list[Draft]:
    """The protokollsutdrag of the decision ``d``'s case records, if it records one."""
    if d.case.decided is None:
        return []
    from drafter.case.source import load_file
    from drafter.text.extract import EXTRACT_SUFFIX, extract_case, extract_texts

    extract = extract_case(d.case, d.profile, view.build(d.case, d.profile, source=d.source)["dokumentrubrik"])
    e = render_case(extract, load_file(d.source), d.source, root, (), d.unfinished, extract_texts(d.case, d.profile))
    return [replace(e, suffix=EXTRACT_SUFFIX)]


def _in_profile(profile: Profile, path: tuple, message: str) -> Problem:
    """A problem at the profile text ``path``: in the town's file if it says it, else the default's."""
    files = [load_file(f) for f in profile.files()]
    return next((f for f in files if path in f.values), files[-1]).problem(path, message, at_value=True)


def prepare(
    root: SearchPath | Path, name: str, where: Problem | None = None,
    environment: type[templating.TemplateEnvironment] = templating.TemplateEnvironment,
) -> tuple[Profile, SandboxedEnvironment]:
    """A municipality's profile and template environment (of the class ``environment``).

    Both are built once per process and reused: compiling the templates is most of the
    time a memo takes. The environment reloads a template whose file changed, and a
    changed profile file gives a new key, so an edit is always seen.
    """
    search = as_search_path(root)
    own = profile_file(search, name, where)
    stamp = tuple(p.stat().st_mtime_ns for p in (*search.default_profiles(), own))
    return _prepared(search, os.getcwd(), name, stamp, environment)


@lru_cache(maxsize=32)
def _prepared(
    root: SearchPath, cwd: str, name: str, stamp: tuple[int, ...], environment: type[templating.TemplateEnvironment],
) -> tuple[Profile, SandboxedEnvironment]:
    # cwd is part of the key because ``root`` may be relative.
    profile = load_profile(root, name)
    return profile, templating.environment(root, profile, environment)


def build_docx(d: Draft) -> bytes:
    """The Word document for a draft: its parts serialised once, sealed with the fingerprint, one zip."""
    from drafter.docx import package
    from drafter.docx.writer import DocumentProperties, Picture, document_parts

    created = datetime.datetime.combine(d.case.date, datetime.time(), tzinfo=datetime.timezone.utc)
    properties = DocumentProperties(
        title=d.title,
        author=d.case.case_officer.name if d.case.case_officer else (d.case.body or ""),
        subject=", ".join(filter(None, (d.profile.settings.kind_word[d.case.kind].capitalize(), d.case.case_number))),
        keywords=d.case.case_number or "",
        language="sv-SE",
        created=created,
        custom={package.FINGERPRINT: package.PLACEHOLDER},  # package.seal() puts the fingerprint here
    )
    logo = Picture(d.logo.data, d.logo.width_cm, d.logo.alt) if d.logo else None
    parts = document_parts(d.markdown, style=d.profile.style, properties=properties, logo=logo)
    return package.write(package.seal(parts))


def document(path: str | Path, templates: SearchPath | str | Path | tuple | None = None, *, unfinished: bool = False) -> tuple[bytes, Draft]:
    """The Word document of a case file, and the draft it was made from."""
    d = draft(path, templates, unfinished=unfinished)
    return build_docx(d), d
