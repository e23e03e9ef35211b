"""The case's say over its town's profile: the variants it chooses and the texts it writes itself.

A town's profile has one wording per stance and one heading per section; real memos vary from
case to case. A case may name the profile's variants (``variant:``) and write any phrasing,
heading or label for itself alone (``formuleringar:``, ``rubriker:``, ``etiketter:``, with the
profile's keys). The most specific wins: the case's own text, the variant it names, the town's
settings for its kind, the town's profile, the bundled default. The profile checks them
(drafter.profile.case_layer), each problem at its line in the case.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BeforeValidator, Field

from drafter.case.parts import Line, Model, no_entries, no_items

# The case keys that are layers over the profile's keys of the same name.
PROFILE_KEYS = ("formuleringar", "rubriker", "etiketter")


def _as_list(value: object) -> object:
    return [value] if isinstance(value, str) else value


class ProfileChoices(Model):
    """The fields of a case that choose or override its profile's texts."""

    variants: Annotated[list[Line], BeforeValidator(_as_list)] = Field(
        default_factory=no_items,
        alias="variant",
        title="Variant",
        description="En eller flera av kommunprofilens varianter ('varianter:'), t.ex. 'kort' eller [kort, utan-hänvisning].",
        examples=["kort"],
    )
    wording: dict[str, Any] | None = Field(
        None,
        alias="formuleringar",
        title="Egna formuleringar",
        description="Profilens formuleringar som bara detta ärende skriver på sitt sätt, med profilens nycklar.",
        examples=[{"motionen": {"besvarad": "Kommunfullmäktige anser motionen besvarad"}}],
    )
    headings: dict[str, Any] | None = Field(
        None,
        alias="rubriker",
        title="Egna rubriker",
        description="Profilens rubriker som bara detta ärende skriver på sitt sätt, med profilens nycklar.",
        examples=[{"remissvar": "Nämndernas bedömning"}],
    )
    labels: dict[str, Any] | None = Field(
        None,
        alias="etiketter",
        title="Egna ledtexter",
        description="Profilens ledtexter som bara detta ärende skriver på sitt sätt, med profilens nycklar.",
        examples=[{"kommentar": "Förvaltningens kommentar:"}],
    )

    letterhead: dict[Line, Line] = Field(
        default_factory=no_entries,
        alias="brevhuvud",
        title="Fler fält i brevhuvudet",
        description="Fält med ledtext, t.ex. Diariekod: 3.1.2. De står där profilens brevhuvud har {brevhuvud}, ett per rad.",
        examples=[{"Diariekod": "3.1.2"}],
    )

    def profile_layer(self) -> dict[str, Any]:
        """What the case writes over its profile, under the profile's keys."""
        own = {"formuleringar": self.wording, "rubriker": self.headings, "etiketter": self.labels}
        return {key: value for key, value in own.items() if value is not None}
