"""The referrals of a case (remiss): the bodies asked for comment, their answers and the administration's comments."""

from __future__ import annotations

import datetime

from pydantic import Field

from drafter.case.parts import Line, Markdown, Model, Paragraph, Text, no_items


class Point(Model):
    """One point of a body's answer, and the administration's comment on it."""

    point: Markdown = Field(alias="synpunkt", title="Synpunkt", description="Markdown. Vad remissinstansen anser i denna del.")
    comment: Markdown | None = Field(None, alias="kommentar", title="Kommentar", description="Markdown. Förvaltningens kommentar till synpunkten.")


class Referral(Model):
    """A body the case was referred to for comment (remiss), and its answer if it gave one."""

    body: Line = Field(
        alias="organ",
        title="Remissinstans",
        description="Organet som ärendet remitterades till.",
        examples=["Utbildningsnämnden"],
    )
    date: datetime.date | None = Field(
        None, alias="datum", title="Datum för svaret", description="ÅÅÅÅ-MM-DD.", examples=["2017-10-18"]
    )
    paragraph: Paragraph | None = Field(
        None, alias="paragraf", title="Paragraf (§)", description="Paragrafen i remissinstansens protokoll, utan §.", examples=[68]
    )
    decision: Text | None = Field(
        None,
        alias="beslut",
        title="Beslut",
        description="Vad remissinstansen beslutade, som en att-sats utan 'att'.",
        examples=["tillstyrka motionen"],
    )
    view: Markdown | None = Field(
        None,
        alias="yttrande",
        title="Yttrande",
        description="Markdown. Remissinstansens synpunkter. Utan beslut och yttrande har instansen inte svarat.",
        examples=["Nämnden anser att kultur- och fritidsnämnden bör delta i arbetet."],
    )
    comment: Markdown | None = Field(
        None,
        alias="kommentar",
        title="Förvaltningens kommentar",
        description="Markdown. Skrivs efter svaret som 'Kommentar: …'.",
        examples=["Förslaget har kompletterats i den delen."],
    )
    points: list[Point] = Field(
        default_factory=no_items,
        alias="synpunkter",
        title="Synpunkter",
        description="Flera synpunkter från samma remissinstans, var och en med förvaltningens kommentar.",
        examples=[[{"synpunkt": "Planen bör omfatta äldreboendena.", "kommentar": "Planen har kompletterats."}]],
    )
