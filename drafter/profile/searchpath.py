"""The templates search path: the user's folders (``--mallar``, $DRAFTER_MALLAR) layered over the bundled ones.

Every profile, template and house style is found here and nowhere else. A layer is either a
templates folder (town folders side by side, perhaps a ``_default/``) or one town's own
folder (it holds ``profil.yaml`` itself; the town is named by the folder). The layers are
searched in the order given, the bundled templates last, and the first layer that has a
thing wins:

- a town is taken whole from the first layer that has ``<town>/profil.yaml``: its profile,
  its templates and its house style;
- ``_default`` is layered file by file: a ``.j2`` template or a house style from the first
  ``_default/`` that has it, and every ``_default/profil.yaml`` merged over the bundled one
  (so a user's default profile says only what differs).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from drafter import data
from drafter.errors import CaseError, Problem

DEFAULT = "_default"
PROFILE_FILE = "profil.yaml"
ENVIRONMENT = "DRAFTER_MALLAR"


@dataclass(frozen=True)
class Layer:
    """One folder of the search path: a templates folder, or (``town`` set) one town's folder."""

    folder: Path
    town: str | None = None

    def town_folder(self, name: str) -> Path | None:
        """The folder of town ``name`` in this layer, if it has one with a profile."""
        if self.town is not None:
            return self.folder if name == self.town else None
        folder = self.folder / name
        return folder if _is_file(folder / PROFILE_FILE) else None

    def default_folder(self) -> Path | None:
        folder = self.folder / DEFAULT
        return folder if self.town is None and folder.is_dir() else None

    def towns(self) -> list[str]:
        if self.town is not None:
            return [self.town]
        return sorted(p.name for p in self.folder.iterdir()
                      if not p.name.startswith((".", "_")) and _is_file(p / PROFILE_FILE))

    def templates(self) -> list[tuple[Path, str]]:
        """Every template file of this layer, with the name Jinja knows it by."""
        if self.town is not None:
            return [(p, f"{self.town}/{p.relative_to(self.folder).as_posix()}") for p in sorted(self.folder.rglob("*.j2"))]
        return [(p, p.relative_to(self.folder).as_posix()) for p in sorted(self.folder.rglob("*.j2"))]


@dataclass(frozen=True)
class SearchPath:
    """The layers, most specific first, the bundled templates last; ``own`` of them are the user's."""

    layers: tuple[Layer, ...]
    own: int = 0

    def __str__(self) -> str:
        return ", ".join(str(layer.folder) for layer in self.layers)

    @property
    def bundled(self) -> Path:
        return self.layers[-1].folder

    def town(self, name: str) -> Path | None:
        """The folder of town ``name``: in the first layer that has it."""
        return next((folder for layer in self.layers if (folder := layer.town_folder(name)) is not None), None)

    def default_folders(self) -> list[Path]:
        """Every ``_default/`` folder, most specific first: the bundled one last."""
        return [folder for layer in self.layers if (folder := layer.default_folder()) is not None]

    def default_profiles(self) -> list[Path]:
        """Every ``_default/profil.yaml``, most specific first: the bundled one last."""
        return [folder / PROFILE_FILE for folder in self.default_folders() if _is_file(folder / PROFILE_FILE)]

    def available(self) -> list[str]:
        """The towns of every layer."""
        return sorted({name for layer in self.layers for name in layer.towns()})

    def default_file(self, name: str) -> Path | None:
        """A file of ``_default`` (e.g. the house style): from the first ``_default/`` that has it."""
        return next((folder / name for folder in self.default_folders() if _is_file(folder / name)), None)

    def loader_folders(self, town: Path | None) -> list[Path]:
        """Where Jinja looks, in order: the town's folder, every ``_default/``, and the templates
        folders themselves (so that ``_default/x.md.j2`` names the first default copy)."""
        roots = [layer.folder for layer in self.layers if layer.town is None]
        return [*([town] if town is not None else []), *self.default_folders(), *roots]

    def checked_layers(self) -> tuple[Layer, ...]:
        """The layers ``drafter check`` lints and reports coverage for: the user's, or the bundled
        ones when the user named none."""
        return self.layers[: self.own] if self.own else self.layers

    def templates(self) -> list[tuple[Path, str]]:
        """The template files of the checked layers, with the names Jinja knows them by."""
        return [item for layer in self.checked_layers() for item in layer.templates()]


def search_path(given: Sequence[str | Path] | str | Path | None = None) -> SearchPath:
    """The search path of ``--mallar`` folders (``given``, in order), then those in $DRAFTER_MALLAR
    (separated by os.pathsep), then the bundled templates. A named folder that is not a
    templates folder or a town's folder is a located error, never passed over."""
    if isinstance(given, (str, Path)):
        given = [given]
    layers: list[Layer] = []
    for folder, origin in [*((g, "--mallar") for g in given or ()), *((g, ENVIRONMENT) for g in _from_environment())]:
        layer = _layer(Path(folder), origin)
        if not any(_same(layer.folder, known.folder) for known in layers):
            layers.append(layer)
    own = len(layers)
    bundled = Layer(_bundled())  # always last, even where the user named it too
    layers = [layer for layer in layers if not _same(layer.folder, bundled.folder)] + [bundled]
    return SearchPath(tuple(layers), own)


@lru_cache(maxsize=1)
def _bundled() -> Path:
    # Where drafter is installed does not change while it runs; finding it costs a memo 10 µs.
    return data.templates()


def as_search_path(templates: SearchPath | str | Path | Iterable[str | Path] | None) -> SearchPath:
    """``templates`` as a search path: a search path as it is, anything else as ``--mallar`` would give it."""
    if isinstance(templates, SearchPath):
        return templates
    if templates is None or isinstance(templates, (str, Path)):
        return search_path(templates)
    return search_path(list(templates))


def _from_environment() -> list[str]:
    return [part for part in os.environ.get(ENVIRONMENT, "").split(os.pathsep) if part.strip()]


def _layer(folder: Path, origin: str) -> Layer:
    """The layer a named folder is: one town's folder (it holds profil.yaml) or a templates
    folder (it holds _default/ or town folders with profil.yaml)."""
    where = f" (angiven med {origin})"
    if not folder.is_dir():
        what = "är ingen mapp" if folder.exists() else "finns inte"
        raise CaseError([Problem(str(folder), 1, 1, f"ingen mallmapp: {folder} {what}{where}")])
    if _is_file(folder / PROFILE_FILE):
        return Layer(folder, folder.resolve().name)
    layer = Layer(folder)
    if layer.default_folder() is None and not layer.towns():
        raise CaseError([Problem(str(folder), 1, 1,
                                 f"ingen mallmapp: {folder} har varken {PROFILE_FILE}, {DEFAULT}/ eller någon kommunmapp "
                                 f"med {PROFILE_FILE} (t.ex. {folder / 'kommunnamn' / PROFILE_FILE}){where}")])
    return layer


def _same(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except (OSError, RuntimeError):
        return a == b


def _is_file(path: Path) -> bool:
    """Whether ``path`` is a file; a name the system cannot take (too long…) is not one."""
    try:
        return path.is_file()
    except (OSError, ValueError):
        return False
