"""The case parts of a motion's way through the council: the decision as recorded, and the half-yearly report."""

from __future__ import annotations

import datetime

from pydantic import Field, model_validator

from drafter.case.parts import Line, Model, Paragraph, Text, no_items


class Decided(Model):
    """What a body decided on the case: from it the protokollsutdrag is rendered."""

    body: Line = Field(alias="organ", title="Organ", description="Organet som beslutade.", examples=["Kommunfullmäktige"])
    date: datetime.date = Field(alias="datum", title="Datum", description="Sammanträdets datum, ÅÅÅÅ-MM-DD.", examples=["2024-03-25"])
    paragraph: Paragraph = Field(alias="paragraf", title="Paragraf (§)", description="Paragrafens nummer, utan §.", examples=[34])
    as_proposed: bool = Field(
        False,
        alias="enligt-förslaget",
        title="Enligt förslaget",
        description="true: organet beslutade som skrivelsen föreslog. Annars: ange organets egna 'beslutspunkter'.",
        examples=[True],
    )
    points: list[Text] = Field(
        default_factory=no_items,
        alias="beslutspunkter",
        title="Beslutspunkter",
        description="Organets eget beslut, punkt för punkt, när det inte beslutade enligt förslaget.",
        examples=[["Motionen bifalls."]],
    )
    reservations: list[Text] = Field(
        default_factory=no_items,
        alias="reservationer",
        title="Reservationer",
        description="En rad per reservation, som den ska stå i protokollet.",
        examples=[["Lars Ek (SD) reserverar sig mot beslutet."]],
    )

    @model_validator(mode="after")
    def _one_way(self) -> Decided:
        if self.as_proposed and self.points:
            raise ValueError("ange antingen 'enligt-förslaget: true' eller egna 'beslutspunkter', inte båda")
        if not self.as_proposed and not self.points:
            raise ValueError("ange 'enligt-förslaget: true' eller organets egna 'beslutspunkter'")
        return self


class MotionReport(Model):
    """The half-yearly report of motions not yet answered: where the register is, and the period."""

    folder: Line = Field(
        alias="mapp",
        title="Motionsregistret",
        description="Mappen med motionernas ärendefiler, från ärendefilens egen mapp ('.' är samma mapp).",
        examples=["motionsregister"],
    )
    start: datetime.date = Field(alias="från", title="Periodens början", description="ÅÅÅÅ-MM-DD.", examples=["2025-01-01"])
    end: datetime.date = Field(
        alias="till",
        title="Periodens slut",
        description="ÅÅÅÅ-MM-DD. Motionerna som inte är beslutade denna dag redovisas.",
        examples=["2025-06-30"],
    )
    write_off: list[Line] = Field(
        default_factory=no_items,
        alias="avskrivs",
        title="Motioner som föreslås avskrivas",
        description="Diarienumren för motioner som kommunfullmäktige föreslås avskriva.",
        examples=[["KS 2023/00412"]],
    )

    @model_validator(mode="after")
    def _in_order(self) -> MotionReport:
        if self.end < self.start:
            raise ValueError(f"periodens slut {self.end.isoformat()} ligger före dess början {self.start.isoformat()}")
        return self
