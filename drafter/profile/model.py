"""The municipality profile as a typed model: what profil.yaml may hold, and the allowed values.

Keys are Swedish (as a profile writer writes them) through aliases; identifiers are English.
The settings with a fixed set of values are ``Literal`` types here and nowhere else: the
profile's error messages, its JSON Schema and the template linter all read them from this model.
"""

from __future__ import annotations

import typing
import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema

from drafter.case.model import DocumentKind, SectionName

DecisionForm = Literal["numrerad", "stycken", "att-satser"]
DecisionNumbering = Literal["per-nivå", "löpande"]
SignatureLayout = Literal["bredvid", "under"]
DistributionForm = Literal["rad", "rubrik"]
AuthorParty = Literal["var-och-en", "gemensamt"]
# What a profile's section order may name: the templates' sections, and "avsnitt" for the
# place of the case's own sections.
SectionPlace = Literal[SectionName, "avsnitt"]
# A phrasing with several forms, the first whose values all exist is used. A profile may write
# one form as a text (drafter.profile.loading wraps it in a list); the editor's schema says so.
Forms = typing.Annotated[
    list[str],
    WithJsonSchema({"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]}),
]


class Model(BaseModel):
    # defer_build: a part is built into Settings's validator when Settings is first used, not into a
    # validator of its own at import (one validator instead of dozens: a cold command is faster)
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=False, defer_build=True)


class Columns(Model):
    """A header or footer: a left and a right column, a line of text per item."""

    left: list[str] = Field(alias="vänster", title="Vänster spalt")
    right: list[str] = Field(alias="höger", title="Höger spalt")


class Pages(Model):
    """Headers and footers of the first page and of the following pages."""

    first_header: Columns = Field(alias="förstasidhuvud", title="Sidhuvud på första sidan")
    header: Columns = Field(alias="sidhuvud", title="Sidhuvud på följande sidor")
    first_footer: Columns = Field(alias="förstasidfot", title="Sidfot på första sidan")
    footer: Columns = Field(alias="sidfot", title="Sidfot på följande sidor")


class MinutesPages(Pages):
    signature_fields: list[str] = Field(
        alias="signaturfält", title="Signaturfält", description="Rutorna längst ned på varje sida av ett protokollsutdrag."
    )


class HeadersFooters(Model):
    memo: Pages = Field(alias="skrivelse", title="Tjänsteskrivelser")
    minutes: MinutesPages = Field(alias="protokoll", title="Protokollsutdrag")


class TitleByKind(Model):
    """The document title of the kinds that make one from the case."""

    motion_answer: str = Field(alias="svar-på-motion")
    motion_opinion: str = Field(alias="yttrande-över-motion")
    audit_answer: str = Field(alias="svar-på-revisionsrapport")
    motion_report: str = Field(alias="redovisning-av-motioner")


class Headings(Model):
    proposal: str = Field(alias="förslag")
    proposal_in_committee: str = Field(alias="förslag-i-nämnden")
    own_decisions: str = Field(alias="egna-beslut")
    proposal_to_council: str = Field(alias="förslag-till-fullmäktige")
    decision: str = Field(alias="beslut")
    summary: str = Field(alias="sammanfattning")
    history: str = Field(alias="historik")
    motions: str = Field(alias="motioner")
    referrals: str = Field(alias="remissvar")
    recommendations: str = Field(alias="rekommendationer")
    account: str = Field(alias="redogörelse")
    basis: str = Field(alias="beslutsunderlag")
    attachments: str = Field(alias="bilagor")
    distribution: str = Field(alias="sändlista")
    reservations: str = Field(alias="reservationer")


class Labels(Model):
    comment: str = Field(alias="kommentar")
    answer: str = Field(alias="svar")
    recommendation: str = Field(alias="rekommendation")
    approved_by: str = Field(alias="godkänt-av")
    title: str = Field(alias="titel")
    date: str = Field(alias="datum")


class Preambles(Model):
    """The line before the decision points, by who decides."""

    council: str = Field(alias="kommunfullmäktige")
    board: str = Field(alias="kommunstyrelsen")
    committee: str = Field(alias="nämnden")
    minutes: str = Field(alias="protokoll")


class ByStance(Model):
    approve: str = Field(alias="bifall")
    reject: str = Field(alias="avslag")
    answered: str = Field(alias="besvarad")
    no_position: str = Field(alias="utan-ställningstagande")


class PreparedByKind(Model):
    """The last sentence of a generated summary; the first whose values all exist is used."""

    motion_answer: Forms = Field(alias="svar-på-motion")
    motion_opinion: Forms = Field(alias="yttrande-över-motion")
    audit_answer: Forms = Field(alias="svar-på-revisionsrapport")


class MotionReportWording(Model):
    """The texts of the half-yearly report of motions not yet answered."""

    opening: str = Field(alias="inledning")
    none_left: str = Field(alias="inga-motioner")
    proposal: str = Field(alias="förslag")
    write_off: str = Field(alias="avskrivs")
    columns: list[str] = Field(alias="kolumner", min_length=5, max_length=5)


class HistoryForms(Model):
    """A sentence per event of a case's history, by its kind; the first form whose values all exist."""

    decision: Forms = Field(alias="beslut")
    announced: Forms = Field(alias="anmäldes")
    referred: Forms = Field(alias="remitterades")
    memo: Forms = Field(alias="tjänsteskrivelse")


class ReferralSentences(Model):
    """The first sentence of a body's answer: the first form whose values all exist."""

    decision: Forms = Field(alias="beslut")
    opinion: Forms = Field(alias="yttrande")


class Wording(Model):
    preamble: Preambles = Field(alias="ingress")
    on_motion: ByStance = Field(alias="motionen")
    on_proposal: ByStance = Field(alias="att-satsen")
    reference: str = Field(alias="hänvisning")
    prepared: PreparedByKind = Field(alias="upprättat")
    motion_opening: Forms = Field(alias="motionen-lämnades")
    proposals_lead: str = Field(alias="motionärerna-föreslår")
    referred: str = Field(alias="remitterad")
    no_answer: str = Field(alias="inget-svar")
    referral_answer: ReferralSentences = Field(alias="remissvaret")
    referral_heading: str = Field(alias="remissrubrik")
    document: Forms = Field(alias="handling")
    partly: Forms = Field(alias="delvis")
    history: HistoryForms = Field(alias="historik")
    opinion_adopted: str = Field(alias="yttrandet")
    committee_on_motion: ByStance = Field(alias="nämnden-om-motionen")
    committee_on_proposal: ByStance = Field(alias="nämnden-om-att-satsen")
    auditors: str = Field(alias="revisorerna")
    audit_answer_adopted: str = Field(alias="revisionssvaret")
    motion_report: MotionReportWording = Field(alias="redovisningen")


class AuthorForm(Model):
    """How the authors of a motion are written in titles and text."""

    party: AuthorParty = Field(alias="parti", title="Parti", description="var-och-en: \"A (S) och B (S)\"; gemensamt: \"A och B (S)\" när alla har samma parti.")
    et_al_after: int = Field(alias="m-fl-efter", ge=0, title="m.fl. efter", description="Fler motionärer än så skrivs \"A (S) m.fl.\"; 0 skriver alltid alla.")


def _decimal(value: object) -> object:
    """A number as a Swede writes it: "3,5" is 3.5."""
    return value.replace(",", ".", 1) if isinstance(value, str) else value


class Logo(Model):
    """The town's logo at the top of the first page's letterhead."""

    file: str = Field(alias="fil", title="Bildfil", min_length=1,
                      description="En PNG-bild i kommunens mapp, t.ex. logotyp.png.")
    width: Annotated[float, BeforeValidator(_decimal)] = Field(
        4.0, alias="bredd", gt=0, le=17, title="Bredd i cm", description="Bildens bredd i centimeter; höjden följer bilden.")
    alt: str | None = Field(None, alias="alt", min_length=1, title="Alternativtext",
                            description="Vad bilden visar, för skärmläsare; standard \"<kommun>s logotyp\".")


class Settings(Model):
    """A profile merged over the default profile: every setting has a value."""

    name: str = Field(alias="namn", title="Kommunens namn")
    address: list[str] = Field(alias="adress", title="Postadress")
    style: str = Field(alias="stil", title="Husstil")
    kind_word: dict[DocumentKind, str] = Field(alias="dokumenttyp", title="Ordet för dokumenttypen")
    page_number: str = Field(alias="sidnummer", title="Sidnumrering")
    pages: HeadersFooters = Field(alias="sidhuvud-och-sidfot", title="Sidhuvud och sidfot")
    title: TitleByKind = Field(alias="dokumentrubrik", title="Dokumentets rubrik")
    headings: Headings = Field(alias="rubriker", title="Avsnittens rubriker")
    sections: dict[DocumentKind, list[SectionPlace]] = Field(alias="avsnitt", title="Avsnittens ordning")
    decision_form: DecisionForm = Field(alias="beslutsform", title="Beslutspunkternas form")
    decision_numbering: DecisionNumbering = Field(
        alias="beslutsnumrering", title="Numreringen i två beslutsnivåer",
        description="per-nivå: varje nivå börjar om på 1; löpande: förslaget till fullmäktige fortsätter efter styrelsens egna beslut.")
    signatures: SignatureLayout = Field(alias="underskrifter", title="Underskrifternas placering")
    distribution: DistributionForm = Field(alias="sändlista", title="Sändlistans form")
    labels: Labels = Field(alias="etiketter", title="Ledtexter")
    addressee_line: str = Field(alias="mottagarrad", title="Mottagarraden", description="Raden över rubriken; \"\" skriver ingen.")
    authors: AuthorForm = Field(alias="motionärer", title="Motionärerna")
    wording: Wording = Field(alias="formuleringar", title="Formuleringar")
    logo: Logo | None = Field(None, alias="logotyp", title="Logotyp",
                              description="En bild överst i brevhuvudet på första sidan.")
    meetings: list[datetime.date] = Field(
        alias="sammanträden", title="Kommunfullmäktiges sammanträden", description="Datum, ÅÅÅÅ-MM-DD: för när en motion väntas beslutas."
    )
    motion_warning_days: int = Field(
        alias="motionsvarning-dagar", ge=0, title="Varning före ettårsdagen",
        description="Varna när färre dagar än så återstår till dagen då en motion ska vara beslutad.",
    )


def choices() -> dict[str, tuple[str, ...]]:
    """Settings with a fixed set of values, by the key a profile writes, and those values."""
    found = {}
    for field in Settings.model_fields.values():
        if typing.get_origin(field.annotation) is Literal:
            found[field.alias] = typing.get_args(field.annotation)
    return found


def section_places() -> tuple[str, ...]:
    """The names a profile's section order may use."""
    return typing.get_args(SectionPlace)
