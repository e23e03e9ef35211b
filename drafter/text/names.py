"""The names the view model gives every template besides the case's own values and ``profil``.

Declared as models so that the template linter of ``drafter check`` knows what each name holds,
and so that a newcomer can read, in one place, what a template has to work with.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from drafter.case.model import Event, Referral


class _Model(BaseModel):
    # Built when first used (the template linter, tests): a rendering only reads the declarations.
    model_config = ConfigDict(frozen=True, populate_by_name=True, defer_build=True)


class PagePart(_Model):
    """A header or footer with something to show: its columns' lines, joined by hard breaks."""

    name: str = Field(alias="namn")
    left: str = Field(alias="vänster")
    right: str = Field(alias="höger")
    signature_fields: list[str] = Field(alias="signaturfält")


class DecisionPoint(_Model):
    number: int = Field(alias="nummer")
    text: str = Field(alias="text")  # with the ending the decision form gives
    items: list[str] = Field(default_factory=list, alias="lista")  # a bullet list under the point


class Level(_Model):
    heading: str = Field(alias="rubrik")
    points: list[DecisionPoint] = Field(alias="punkter")


class Proposal(_Model):
    heading: str = Field(alias="rubrik")
    preamble: str = Field(alias="ingress")
    levels: list[Level] = Field(alias="nivåer")


class Decision(_Model):
    heading: str = Field(alias="rubrik")
    preamble: str = Field(alias="ingress")  # empty when the decision has two levels
    levels: list[Level] = Field(alias="nivåer")  # the board's own decisions and its proposal to the council, or one level
    points: list[DecisionPoint] = Field(alias="punkter")  # every level's points, for a template that shows one list


class SectionRef(_Model):
    """A section in the document's order: a block of the templates, or the case's own ("eget")."""

    name: str = Field(alias="namn")
    heading: str | None = Field(None, alias="rubrik")
    text: str | None = Field(None, alias="text")


class EventView(Event):
    text: str = Field(alias="text")  # the event as a sentence, in the profile's words


class ReferralView(Referral):
    when: str = Field(alias="när")  # "den 18 oktober 2017, § 68,"
    no_answer: str = Field(alias="inget_svar")
    sentence: str = Field(alias="mening")  # "X har den …, § …, beslutat att …." in the profile's words
    heading: str = Field(alias="rubrik")  # "Socialnämndens yttrande", or "" where the profile has none


class MotionRow(_Model):
    """A motion in a report of motions not yet answered: its table row, as text."""

    motion: str = Field(alias="motion")
    raised: str = Field(alias="väckt")
    deadline: str = Field(alias="ettårsdag")
    state: str = Field(alias="läge")
    expected: str = Field(alias="beräknat")


class MotionList(_Model):
    """The list of a report of motions: its opening, its table and the write-offs it proposes."""

    opening: str = Field(alias="inledning")
    none_left: str = Field(alias="inga")
    columns: list[str] = Field(alias="kolumner")
    motions: list[MotionRow] = Field(alias="motioner")
    write_off: list[str] = Field(alias="avskrivs")


class Computed(_Model):
    """The names the view model gives every template, beside the case's own values and ``profil``."""

    placeholders: dict[str, Any] = Field(alias="värden")
    pages: list[PagePart] = Field(alias="sidor")
    title: str = Field(alias="dokumentrubrik")
    addressee_line: str = Field(alias="mottagarrad")
    sections: list[SectionRef] = Field(alias="avsnitten")
    proposal: Proposal | None = Field(alias="förslag")
    decision: Decision | None = Field(alias="beslut")
    authors: str | None = Field(alias="motionärer")
    prepared: str = Field(alias="upprättat")
    motion_opening: str = Field(alias="motionen_lämnades")
    proposals_lead: str = Field(alias="motionärerna_föreslår")
    events: list[EventView] = Field(alias="händelser")
    referrals: list[ReferralView] = Field(alias="remiss")
    referred: str = Field(alias="remitterad")
    basis: list[str] = Field(alias="underlag")
    attachments: list[str] = Field(alias="bilagelista")
    auditors: str = Field(alias="revisorerna")
    recommendation_count: str = Field(alias="antal_rekommendationer")
    motion_list: MotionList | None = Field(alias="motionslista")
