"""Municipality profiles: names, labels, section titles, wording and house style.

A profile is ``templates/<kommun>/profil.yaml``. It overrides only what differs from
``templates/_default/profil.yaml``; a key the default does not have is a typo, reported
with its place and the key that was probably meant.
"""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from typing import get_args

from drafter import data
from drafter.errors import CaseError, Problem
from drafter.case.source import Loaded, load_file
from drafter.case.model import SectionName

DEFAULT = "_default"
PROFILE_FILE = "profil.yaml"

# Settings with a fixed set of values: a misspelt value must not fall back silently.
CHOICES = {
    "beslutsform": ("numrerad", "stycken", "att-satser"),
    "underskrifter": ("bredvid", "under"),
    "sändlista": ("rad", "rubrik"),
}
# What a profile's section order may name: the template's sections, and "avsnitt" for the
# case's own sections.
SECTIONS = (*get_args(SectionName), "avsnitt")


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
    settings: dict[str, Any]  # merged with the default profile

    @property
    def style(self) -> Path:
        """The house style .docx: the profile's own, or the default's."""
        own = self.folder / self.settings["stil"]
        return own if own.is_file() else self.folder.parent / DEFAULT / self.settings["stil"]


def available(root: Path) -> list[str]:
    return sorted(p.name for p in root.iterdir() if (p / PROFILE_FILE).is_file() and p.name != DEFAULT)


def profile_file(root: Path, name: str, where: Problem | None = None) -> Path:
    """The profile file of municipality ``name``; ``where`` locates the case's 'kommun' field
    in the error when there is no such profile."""
    path = root / name / PROFILE_FILE
    if name.startswith((".", "_")) or "/" in name or "\\" in name or not path.is_file():
        known = available(root)
        guess = difflib.get_close_matches(name, known, n=1)
        hint = f" — menade du '{guess[0]}'?" if guess else f" — finns: {', '.join(known) or 'inga'}"
        place = where or Problem(str(root), 1, 1, "")
        raise CaseError([Problem(place.file, place.line, place.column, f"kommunprofilen '{name}' finns inte i {root}{hint}")])
    return path


def load_profile(root: Path, name: str, where: Problem | None = None) -> Profile:
    """Load a profile merged over the default. ``where`` locates the case's 'kommun' field."""
    folder = profile_file(root, name, where).parent
    default = load_file(root / DEFAULT / PROFILE_FILE)
    own = load_file(folder / PROFILE_FILE) if name != DEFAULT else default
    problems: list[Problem] = []
    settings = _merge(default.data, own.data, own, (), problems) if own is not default else default.data
    problems += _check(settings, own, default)
    profile = Profile(name, folder, settings)
    if not problems and not profile.style.is_file():
        where = own if ("stil",) in own.values else default
        problems.append(
            where.problem(("stil",), f"husstilen '{settings['stil']}' finns varken i {folder} eller i {root / DEFAULT}", at_value=True)
        )
    if problems:
        raise CaseError(problems)
    return profile


def _check(settings: dict[str, Any], own: Loaded, default: Loaded) -> list[Problem]:
    """Values a profile may only choose among, located in the file that says them."""

    def problem(path: tuple, message: str) -> Problem:
        loaded = own if path in own.values else default
        return loaded.problem(path, message, at_value=True)

    problems = []
    for key, allowed in CHOICES.items():
        value = settings.get(key)
        if value not in allowed:
            guess = difflib.get_close_matches(str(value), allowed, n=1)
            hint = f" — menade du '{guess[0]}'?" if guess else ""
            problems.append(problem((key,), f"'{key}' ska vara en av: {', '.join(allowed)} (inte '{value}'){hint}"))
    for kind, sections in settings.get("avsnitt", {}).items():
        for i, section in enumerate(sections if isinstance(sections, list) else []):
            if section not in SECTIONS:
                guess = difflib.get_close_matches(str(section), SECTIONS, n=1)
                hint = f" — menade du '{guess[0]}'?" if guess else f" — finns: {', '.join(SECTIONS)}"
                problems.append(problem(("avsnitt", kind, i), f"okänt avsnitt '{section}'{hint}"))
    return problems


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
