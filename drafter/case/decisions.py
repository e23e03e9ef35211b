"""The parts of a case that decide and approve: decision points (a text, or a text with a list) and approvals."""

from __future__ import annotations

import datetime
from typing import Annotated

from pydantic import BeforeValidator, Field

from drafter.case.parts import Line, Model, Text


class Approval(Model):
    """Who approved the memo, instead of or beside signatures."""

    name: Line = Field(alias="namn", title="Godkänt av", description="Den som godkänt skrivelsen.", examples=["Anders Neuman"])
    title: Line | None = Field(None, alias="titel", title="Titel", description="Dennes befattning.", examples=["Kommundirektör"])
    date: datetime.date | None = Field(
        None, alias="datum", title="Datum", description="När skrivelsen godkändes, ÅÅÅÅ-MM-DD.", examples=["2024-01-14"]
    )


def _one_or_more(value: object) -> object:
    return [value] if isinstance(value, dict) else value


# One approval as a mapping (the earlier form), or several as a list: "Godkänt av" twice.
Approvals = Annotated[list[Approval], BeforeValidator(_one_or_more, json_schema_input_type=Approval | list[Approval])]


class PointWithList(Model):
    """A decision point that holds a bullet list: its text, then the list's items."""

    text: Text = Field(alias="text", title="Punkten", description="Texten före listan, som den skrivs.",
                       examples=["Kommunstyrelsen beslutar att anta följande riktlinjer:"])
    items: list[Text] = Field(alias="lista", title="Lista", description="En rad per punkt i listan.", min_length=1,
                              examples=[["riktlinje för tjänsteresor,", "riktlinje för representation."]])


# A decision point: a text, or a text with a bullet list under it.
DecisionItem = Text | PointWithList
