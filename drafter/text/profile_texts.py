"""The profile as a template sees it: read-only, each text filled with the case's values when read.

Every text of a profile may name the case's values ("Förslag till beslut i {mottagare}"), so
every text is filled the same way, wherever a template or the view model reads it. A text that
is read and names a value the case lacks is an error (:class:`MissingValue`), never a heading cut
short; a text that is not read needs nothing. Being read-only, the profile of one case cannot
be changed by a template and leak into the next case of the batch.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from drafter.text.placeholders import MissingValue, fill_required

# Texts filled elsewhere, line by line or with names of their own (drafter.text.view): these are
# handed over as written.
AS_WRITTEN = {
    ("sidhuvud-och-sidfot",),
    ("sidnummer",),
    ("dokumentrubrik",),
    ("mottagarrad",),
    ("formuleringar", "upprättat"),
    ("formuleringar", "motionen-lämnades"),
    ("formuleringar", "remitterad"),
    ("formuleringar", "inget-svar"),
    ("formuleringar", "handling"),
    ("formuleringar", "historik"),
    ("formuleringar", "delvis"),
    ("formuleringar", "remissvaret"),
    ("formuleringar", "remissrubrik"),
    ("formuleringar", "redovisningen"),
}
_PREFIX_LENGTHS = sorted({len(prefix) for prefix in AS_WRITTEN})


class ProfileTexts(Mapping):
    """A read-only view of profile data whose texts are filled from ``values`` on access."""

    def __init__(self, data: Mapping[str, Any], values: Mapping[str, Any], path: tuple[str, ...] = ()):
        self._data = data
        self._values = values
        self._path = path

    def __getitem__(self, key: str) -> Any:
        return self._wrap(self._data[key], self._path + (key,))

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def _wrap(self, value: Any, path: tuple) -> Any:
        if isinstance(value, str):  # asked first: most values are texts (a Mapping check is slow)
            if _as_written(path):
                return value
            try:
                return fill_required(value, self._values)
            except MissingValue as missing:
                missing.path = path  # where the text is in the profile, to locate the message
                raise
        if isinstance(value, Mapping):
            return ProfileTexts(value, self._values, path)
        if isinstance(value, (list, tuple)):
            return tuple(self._wrap(item, path) for item in value)
        return value


def _as_written(path: tuple) -> bool:
    return any(path[:length] in AS_WRITTEN for length in _PREFIX_LENGTHS)
