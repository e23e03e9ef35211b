"""Finding and loading a municipality's profile: its file merged over the default, typed and checked.

A profile is ``<kommun>/profil.yaml`` in the first folder of the templates search path that
has it (drafter.profile.searchpath). It overrides only what differs from ``_default/profil.yaml``
(the bundled one, with the user's ``_default/profil.yaml`` files merged over it); a key the
default does not have is a typo, reported with its place and the key that was probably meant.
The merged profile is then validated against the typed model (drafter.profile.model), and each
problem is located in the file that says the value.

Layers, the most specific last (each overrides what it names and nothing else): the bundled
default, the town's profile, the town's settings for a document kind (``dokumenttyper:``),
the town's variants a case names (``varianter:``), and a case's own texts. The layers of one
case are applied by :meth:`Profile.for_case`.
"""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path, PurePath
from typing import Any

from pydantic import ValidationError

from drafter.case.source import Loaded, load_file
from drafter.errors import CaseError, Problem
from drafter.profile.model import Settings, choices, section_places
from drafter.profile.searchpath import DEFAULT, PROFILE_FILE, SearchPath, as_search_path
from drafter.text.placeholders import allowed_names, names

# Keys of a town's profile that hold layers over the rest of it.
KIND_LAYERS = "dokumenttyper"
VARIANTS = "varianter"
# The key of the profile's phrasings.
WORDING = "formuleringar"


@dataclass(frozen=True)
class Profile:
    name: str  # the folder name, as a case's "kommun" says it
    folder: Path
    settings: Settings  # merged with the default profile, typed
    data: dict[str, Any]  # the same, as written (Swedish keys): what templates see as 'profil'
    kinds: dict[str, Any] = field(default_factory=dict)  # the town's layer per document kind
    variants: dict[str, Any] = field(default_factory=dict)  # the town's named variants
    source: Loaded | None = None  # the town's file, to locate what its layers say
    search: SearchPath | None = None  # where it was found: its default layers and house styles

    def for_case(self, kind: str, variants: list[str] | None = None, own: Any = None,
                 where: Loaded | None = None, own_path: tuple = ()) -> Profile:
        """The profile one case is written with: the town's layer for its kind, then the
        variants it names, then its own texts (``own``, at ``own_path`` in the case file
        ``where``). Raises :class:`CaseError` with what a layer gets wrong, located."""
        layers: list[tuple[Any, Loaded | None, tuple]] = []
        if kind in self.kinds:
            layers.append((self.kinds[kind], self.source, (KIND_LAYERS, kind)))
        for i, name in enumerate(variants or []):
            if name not in self.variants:
                known = sorted(self.variants)
                guess = difflib.get_close_matches(name, known, n=1)
                hint = f" — menade du '{guess[0]}'?" if guess else f" — finns: {', '.join(known) or 'inga'}"
                message = f"kommunen {self.name} har ingen variant '{name}'{hint}"
                at = where.problem(("variant", i) if ("variant", i) in where.values else ("variant",), message, True) if where else None
                raise CaseError([at or Problem(str(self.folder / PROFILE_FILE), 1, 1, message)])
            layers.append((self.variants[name], self.source, (VARIANTS, name)))
        if own:
            layers.append((own, where, own_path))
            if where is not None:  # the case's own texts may name only what drafter fills
                problems_own = _unknown_placeholders(own, (), [where], own_path)
                if problems_own:
                    raise CaseError(problems_own)
        if not layers:
            return self
        data, problems = self.data, []
        for overlay, loaded, prefix in layers:
            data = _merge(data, overlay, loaded, prefix, problems)
        settings = _typed(data, lambda path: _at_layer(path, layers), problems)
        if problems:
            # What the case itself writes is named as the case's, not the profile's.
            ours = where.source if where is not None else None
            raise CaseError([replace(p, message=p.message.replace(" i profilen", " (med profilens nycklar)"))
                             if p.file == ours else p for p in problems])
        return replace(self, settings=settings, data=data, kinds={}, variants={})

    @property
    def style(self) -> Path:
        """The house style .docx: the profile's own, or the first default's that has it."""
        own = self.folder / self.settings.style
        if own.is_file() or self.search is None:
            return own
        return self.search.default_file(self.settings.style) or own

    def files(self) -> list[Path]:
        """The profile files this profile is made of, most specific first: the town's, then the defaults'."""
        defaults = self.search.default_profiles() if self.search is not None else []
        own = self.folder / PROFILE_FILE
        return defaults if self.name == DEFAULT else [own, *defaults]


def available(templates: Any) -> list[str]:
    """The municipalities of every folder of the search path."""
    return as_search_path(templates).available()


def profile_file(templates: Any, name: str, where: Problem | None = None) -> Path:
    """The profile file of municipality ``name``; ``where`` locates the case's 'kommun' field
    in the error when there is no such profile."""
    search = as_search_path(templates)
    bad = name.startswith((".", "_")) or "/" in name or "\\" in name or "\0" in name
    folder = None if bad else _town(search, name)
    if folder is None:
        known = search.available()
        guess = difflib.get_close_matches(name, known, n=1)
        hint = f" — menade du '{guess[0]}'?" if guess else f" — finns: {', '.join(known) or 'inga'}"
        place = where or Problem(str(search.layers[0].folder), 1, 1, "")
        shown = name if len(name) <= 60 else name[:59] + "…"
        raise CaseError([Problem(place.file, place.line, place.column, f"kommunprofilen '{shown}' finns inte i {search}{hint}")])
    return folder / PROFILE_FILE


def _town(search: SearchPath, name: str) -> Path | None:
    try:
        return search.town(name)
    except (OSError, ValueError):  # a name the system cannot take (too long…)
        return None


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


def load_default(templates: Any) -> Profile:
    """The default profile alone, as the templates see it when no municipality is chosen."""
    return load_profile(templates, DEFAULT)


def load_profile(templates: Any, name: str, where: Problem | None = None) -> Profile:
    """Load a profile merged over the default. ``where`` locates the case's 'kommun' field.

    A process reads a profile once while its files are unchanged (same modification time and
    size): the rules and the rendering of a case both ask for it."""
    search = as_search_path(templates)
    folder = search.default_folders()[0] if name == DEFAULT else profile_file(search, name, where).parent
    try:
        files = [*search.default_profiles(), *([] if name == DEFAULT else [folder / PROFILE_FILE])]
        stamp = tuple((info.st_mtime_ns, info.st_size) for info in (path.stat() for path in files))
    except OSError:  # reading it says what is wrong
        return _load(search, name, folder)
    return _loaded(search, os.getcwd(), name, folder, stamp)


@lru_cache(maxsize=32)
def _loaded(search: SearchPath, cwd: str, name: str, folder: Path, stamp: tuple) -> Profile:
    # ``cwd`` and ``stamp`` are only part of the key: a relative search path, a changed file.
    return _load(search, name, folder)


def _load(search: SearchPath, name: str, folder: Path) -> Profile:
    problems: list[Problem] = []
    defaults = [load_file(path) for path in search.default_profiles()]  # most specific first
    default_data = defaults[-1].data
    for layer in reversed(defaults[:-1]):  # a user's _default/profil.yaml says only what differs
        default_data = _merge(default_data, layer.data, layer, (), problems)
    if name == DEFAULT:
        own = defaults[0]
        written: Any = {}
    else:
        own = load_file(folder / PROFILE_FILE)
        written = dict(own.data) if isinstance(own.data, dict) else own.data
    files = defaults if name == DEFAULT else [own, *defaults]
    kinds = written.pop(KIND_LAYERS, None) or {} if isinstance(written, dict) else {}
    variants = written.pop(VARIANTS, None) or {} if isinstance(written, dict) else {}
    merged = _merge(default_data, written, own, (), problems)
    settings = _typed(merged, lambda path: (_saying(files, path), path), problems)
    for key, layers in ((KIND_LAYERS, kinds), (VARIANTS, variants)):
        if not isinstance(layers, dict):
            problems.append(own.problem((key,), f"'{key}' ska innehålla fält på formen 'namn: inställningar'", True))
            continue
        for layer, overlay in layers.items():  # each layer is checked now, not when a case first uses it
            prefix = (key, layer)
            data = _merge(merged, overlay, own, prefix, problems)
            _typed(data, lambda path, prefix=prefix: (own, prefix + path) if prefix + path in own.values else (_saying(defaults, path), path), problems)
            problems += _unknown_placeholders(overlay, (), [own], prefix)
    if key_problem := _unknown_kinds(kinds, own):
        problems.append(key_problem)
    problems += _unknown_placeholders(merged, (), files)
    if settings is not None and not problems:
        at = _saying(files, ("stil",))
        place = Path(at.source).parent
        if _outside(settings.style, place):
            raise CaseError([at.problem(
                ("stil",),
                f"husstilen '{settings.style}' ska ligga i profilens egen mapp ({place}) — skriv bara filens namn, "
                "t.ex. 'stil: husstil.docx'",
                at_value=True,
            )])
        profile = Profile(name, folder, settings, merged, kinds if isinstance(kinds, dict) else {},
                          variants if isinstance(variants, dict) else {}, own, search)
        if _is_file(profile.style):
            return profile
        places = [str(folder)] + [str(f) for f in search.default_folders() if f != folder]
        problems.append(
            at.problem(("stil",), f"husstilen '{settings.style}' finns varken i {', '.join(places[:-1])} eller i {places[-1]}",
                       at_value=True)
        )
    raise CaseError(sorted(set(problems)))


def _saying(files: list[Loaded], path: tuple) -> Loaded:
    """The most specific of ``files`` that says the value at ``path`` (the bundled default if none does).
    A field missing from a setting only a file gives (a town's 'logotyp' without 'fil') is in the
    most specific file that says an enclosing key."""
    for depth in range(len(path), 0, -1):
        found = next((f for f in files if path[:depth] in f.values or path[:depth] in f.keys), None)
        if found is not None:
            return found
    return files[-1]


def _typed(data: dict[str, Any], where: Any, problems: list[Problem]) -> Settings | None:
    """The merged data as typed settings; what the model refuses is added to ``problems``,
    each located by ``where(path) -> (loaded file, path in it)``."""
    try:
        return Settings.model_validate(data)
    except ValidationError as error:
        problems += [_located(e, *where(tuple(e["loc"]))) for e in error.errors(include_url=False)]
        return None


def _at_layer(path: tuple, layers: list[tuple[Any, Loaded | None, tuple]]) -> tuple[Loaded, tuple]:
    """The file and place of the most specific layer that says the value at ``path``."""
    for _, loaded, prefix in reversed(layers):
        if loaded is not None and prefix + path in loaded.values:
            return loaded, prefix + path
    _, loaded, prefix = layers[-1]
    return loaded, prefix + path


def _unknown_kinds(kinds: Any, own: Loaded) -> Problem | None:
    from drafter.case.model import DocumentKind
    import typing

    known = typing.get_args(DocumentKind)
    for kind in kinds if isinstance(kinds, dict) else ():
        if kind not in known:
            guess = difflib.get_close_matches(kind, known, n=1)
            hint = f" — menade du '{guess[0]}'?" if guess else f" — finns: {', '.join(known)}"
            return own.problem((KIND_LAYERS, kind), f"okänd dokumenttyp '{kind}'{hint}")
    return None


def _unknown_placeholders(value: Any, path: tuple, files: list[Loaded], prefix: tuple = ()) -> list[Problem]:
    """Every {namn} in every text of the profile must be a name drafter fills: a typo is an
    error at its line, never a "{mottgare}" printed in a memo. ``prefix`` is where a layer's
    settings are in the file (the first of ``files``)."""
    if isinstance(value, dict):
        return [p for key, item in value.items() for p in _unknown_placeholders(item, path + (key,), files, prefix)]
    if isinstance(value, list):
        return [p for i, item in enumerate(value) for p in _unknown_placeholders(item, path + (i,), files, prefix)]
    if not isinstance(value, str):
        return []
    allowed = allowed_names(path)
    unknown = [name for name in names(value) if name not in allowed]
    if not unknown:
        return []
    loaded = files[0] if prefix else _saying(files, path)
    guess = difflib.get_close_matches(unknown[0], allowed, n=1)
    hint = f" — menade du {{{guess[0]}}}?" if guess else f" — kända namn: {', '.join('{' + n + '}' for n in allowed)}"
    return [loaded.problem(prefix + path, f"okänt namn {{{unknown[0]}}} i profilens text{hint}", at_value=True)]


_LIMITS = {"greater_than": "större än", "greater_than_equal": "minst", "less_than": "mindre än",
           "less_than_equal": "högst"}


def _located(error: dict[str, Any], loaded: Loaded, path: tuple) -> Problem:
    """A problem the typed model found, in Swedish, at ``path`` in the file that says the value."""
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
    elif kind in ("float_parsing", "float_type", "int_parsing", "int_type", "int_from_float"):
        message = f"'{key}' ska vara ett tal, t.ex. 3 eller 2,5 (inte '{given}')"
    elif kind in _LIMITS:
        limit = next(iter((error.get("ctx") or {}).values()), "")
        limit = f"{limit:g}".replace(".", ",") if isinstance(limit, (int, float)) else limit
        message = f"'{key}' ska vara {_LIMITS[kind]} {limit} (inte '{given}')"
    elif kind == "string_too_short":
        message = f"'{key}' får inte vara tom"
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
    by a value of the same kind (text by text, list by list). A phrasing that is a list of
    forms (the first whose values exist) may be given as one text: one form."""
    if isinstance(base, list) and isinstance(override, str) and WORDING in path:
        override = [override]
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
