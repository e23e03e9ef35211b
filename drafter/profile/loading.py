"""Finding and loading a municipality's profile: its file merged over the default, typed and checked.

A profile is ``<templates>/<kommun>/profil.yaml``. It overrides only what differs from
``_default/profil.yaml``; a key the default does not have is a typo, reported with its place
and the key that was probably meant. The merged profile is then validated against the typed
model (drafter.profile.model), and each problem is located in the file that says the value.
"""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import Any

from pydantic import ValidationError

from drafter import data
from drafter.case.source import Loaded, load_file
from drafter.errors import CaseError, Problem
from drafter.profile.model import Settings, choices, section_places

DEFAULT = "_default"
PROFILE_FILE = "profil.yaml"


def templates_root(explicit: str | Path | None = None) -> Path:
    """Where the templates are: ``--mallar``, $DRAFTER_MALLAR, or the ones bundled with drafter.
    A folder that is named but is not a templates folder is an error, never passed over."""
    for given in (explicit, os.environ.get("DRAFTER_MALLAR")):
        if given:
            if not (Path(given) / DEFAULT / PROFILE_FILE).is_file():
                raise CaseError([Problem(str(given), 1, 1, f"ingen mallmapp: {DEFAULT}/{PROFILE_FILE} saknas i {given}")])
            return Path(given)
    return data.templates()


@dataclass(frozen=True)
class Profile:
    name: str  # the folder name, as a case's "kommun" says it
    folder: Path
    settings: Settings  # merged with the default profile, typed
    data: dict[str, Any]  # the same, as written (Swedish keys): what templates see as 'profil'

    @property
    def style(self) -> Path:
        """The house style .docx: the profile's own, or the default's."""
        own = self.folder / self.settings.style
        return own if own.is_file() else self.folder.parent / DEFAULT / self.settings.style


def available(root: Path) -> list[str]:
    return sorted(p.name for p in root.iterdir() if (p / PROFILE_FILE).is_file() and p.name != DEFAULT)


def profile_file(root: Path, name: str, where: Problem | None = None) -> Path:
    """The profile file of municipality ``name``; ``where`` locates the case's 'kommun' field
    in the error when there is no such profile."""
    path = root / name / PROFILE_FILE
    if name.startswith((".", "_")) or "/" in name or "\\" in name or "\0" in name or not _is_file(path):
        known = available(root)
        guess = difflib.get_close_matches(name, known, n=1)
        hint = f" — menade du '{guess[0]}'?" if guess else f" — finns: {', '.join(known) or 'inga'}"
        place = where or Problem(str(root), 1, 1, "")
        shown = name if len(name) <= 60 else name[:59] + "…"
        raise CaseError([Problem(place.file, place.line, place.column, f"kommunprofilen '{shown}' finns inte i {root}{hint}")])
    return path


def _is_file(path: Path) -> bool:
    """Whether ``path`` is a file; a name the system cannot take (too long…) is not one."""
    try:
        return path.is_file()
    except (OSError, ValueError):
        return False


def _outside(style: str, folder: Path) -> bool:
    """Whether the house style named in a profile lies outside the profile's own folder
    (an absolute path, '..', or a link out of it): a profile may only use its own files."""
    given = PurePath(style)
    if given.is_absolute() or given.drive or ".." in given.parts or "\\" in style:
        return True
    try:
        (folder / given).resolve().relative_to(folder.resolve())
    except (ValueError, OSError, RuntimeError):
        return True
    return False


def load_default(root: Path) -> Profile:
    """The default profile alone, as the templates see it when no municipality is chosen."""
    return load_profile(root, DEFAULT)


def load_profile(root: Path, name: str, where: Problem | None = None) -> Profile:
    """Load a profile merged over the default. ``where`` locates the case's 'kommun' field."""
    folder = root / DEFAULT if name == DEFAULT else profile_file(root, name, where).parent
    default = load_file(root / DEFAULT / PROFILE_FILE)
    own = load_file(folder / PROFILE_FILE) if name != DEFAULT else default
    problems: list[Problem] = []
    merged = _merge(default.data, own.data, own, (), problems) if own is not default else default.data
    settings = None
    try:
        settings = Settings.model_validate(merged)
    except ValidationError as error:
        problems += [_located(e, merged, own, default) for e in error.errors(include_url=False)]
    if settings is not None and not problems:
        at = own if ("stil",) in own.values else default
        place = folder if at is own else root / DEFAULT
        if _outside(settings.style, place):
            raise CaseError([at.problem(
                ("stil",),
                f"husstilen '{settings.style}' ska ligga i profilens egen mapp ({place}) — skriv bara filens namn, "
                "t.ex. 'stil: husstil.docx'",
                at_value=True,
            )])
        profile = Profile(name, folder, settings, merged)
        if _is_file(profile.style):
            return profile
        problems.append(
            at.problem(("stil",), f"husstilen '{settings.style}' finns varken i {folder} eller i {root / DEFAULT}", at_value=True)
        )
    raise CaseError(problems)


def _located(error: dict[str, Any], merged: dict[str, Any], own: Loaded, default: Loaded) -> Problem:
    """A problem the typed model found, in Swedish, in the file that says the value."""
    path = tuple(error["loc"])
    loaded = own if path in own.values or path in own.keys else default
    key = next((str(p) for p in reversed(path) if isinstance(p, str)), "profilen")
    given = error.get("input")
    kind = error["type"]
    if kind == "literal_error" and path[:1] == ("avsnitt",):
        allowed = section_places()
        guess = difflib.get_close_matches(str(given), allowed, n=1)
        hint = f" — menade du '{guess[0]}'?" if guess else f" — finns: {', '.join(allowed)}"
        message = f"okänt avsnitt '{given}'{hint}"
    elif kind == "literal_error":
        allowed = choices().get(key, ())
        guess = difflib.get_close_matches(str(given), allowed, n=1)
        hint = f" — menade du '{guess[0]}'?" if guess else ""
        message = f"'{key}' ska vara en av: {', '.join(allowed)} (inte '{given}'){hint}"
    elif kind == "missing":
        message = f"fältet '{key}' saknas i profilen"
    elif kind == "extra_forbidden":
        message = f"okänt fält '{key}' i profilen"
    elif kind in ("list_type", "tuple_type"):
        message = f"'{key}' ska vara en lista, t.ex. [a, b]"
    elif kind in ("dict_type", "model_type", "model_attributes_type"):
        message = f"'{key}' ska innehålla fält på formen 'namn: värde'"
    else:
        message = f"'{key}' ska vara en text"
    return loaded.problem(path, message, at_value=kind != "extra_forbidden")


def _merge(base: Any, override: Any, loaded: Loaded, path: tuple, problems: list[Problem]) -> Any:
    """Deep-merge ``override`` over ``base``: mappings key by key, anything else replaced
    by a value of the same kind (text by text, list by list)."""
    if isinstance(base, list) and not isinstance(override, list):
        problems.append(loaded.problem(path, f"'{path[-1]}' ska vara en lista, t.ex. [a, b]", True))
        return base
    if isinstance(base, str) and not isinstance(override, str):
        problems.append(loaded.problem(path, f"'{path[-1]}' ska vara en text", True))
        return base
    if not isinstance(base, dict):
        return override
    if not isinstance(override, dict):
        problems.append(loaded.problem(path, f"'{path[-1] if path else 'profilen'}' ska innehålla fält på formen 'namn: värde'", True))
        return base
    merged = dict(base)
    for key, value in override.items():
        if key not in base:
            guess = difflib.get_close_matches(key, list(base), n=1)
            hint = f" — menade du '{guess[0]}'?" if guess else ""
            problems.append(loaded.problem(path + (key,), f"okänt fält '{key}' i profilen{hint}"))
            continue
        merged[key] = _merge(base[key], value, loaded, path + (key,), problems)
    return merged
