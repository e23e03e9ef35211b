"""The case model: what a case file may hold, validated and typed.

Keys are Swedish (what a registrar calls things) through aliases; identifiers are English.
This model is the single source of truth: the JSON Schema for editors is generated from it.
"""

from __future__ import annotations

import datetime
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)


class MarkdownText(str):
    """Text a case declares as Markdown: it enters the template unescaped and is parsed."""


def _single_line(value: str) -> str:
    if "\n" in value:
        raise ValueError("ska vara en enda rad")
    return value


# A one-line text (names, titles, labels). Surrounding white space is removed.
Line = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1), AfterValidator(_single_line)
]
# Free text that may span lines but is not Markdown.
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
# Markdown: subheadings, lists, emphasis, footnotes.
Markdown = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1),
    AfterValidator(MarkdownText),
    Field(json_schema_extra={"contentMediaType": "text/markdown"}),
]
Paragraph = Annotated[int, Field(gt=0)]

Stance = Literal["bifall", "avslag", "besvarad", "delvis", "utan-ställningstagande"]
DocumentKind = Literal[
    "svar-på-motion",
    "yttrande-över-motion",
    "svar-på-revisionsrapport",
    "protokollsutdrag",
    "tjänsteskrivelse",
]
# The sections of a document that the templates know, by the names profiles order them by.
SectionName = Literal[
    "förslag",
    "beslut",
    "sammanfattning",
    "historik",
    "remissvar",
    "rekommendationer",
    "redogörelse",
    "beslutsunderlag",
    "bilagor",
    "underskrifter",
    "godkännande",
    "sändlista",
]

# What each document kind needs besides the fields every case has (keys as written in a case file).
KIND_REQUIRES: dict[str, tuple[str, ...]] = {
    "svar-på-motion": ("mottagare", "motion", "ställningstagande", "redogörelse"),
    "yttrande-över-motion": ("mottagare", "motion", "ställningstagande", "redogörelse"),
    "svar-på-revisionsrapport": ("mottagare", "revisionsrapport"),
    "tjänsteskrivelse": ("mottagare", "rubrik", "beslutspunkter", "redogörelse"),
    "protokollsutdrag": ("organ", "paragraf", "rubrik", "beslutspunkter"),
}
# Fields that only some document kinds use; in any other kind they would be silently left out.
KIND_ONLY: dict[str, tuple[str, ...]] = {
    "motion": ("svar-på-motion", "yttrande-över-motion"),
    "ställningstagande": ("svar-på-motion", "yttrande-över-motion"),
    "hänvisning": ("svar-på-motion", "yttrande-över-motion"),
    "revisionsrapport": ("svar-på-revisionsrapport",),
    "organ": ("protokollsutdrag",),
    "paragraf": ("protokollsutdrag",),
    "mottagare": ("svar-på-motion", "yttrande-över-motion", "svar-på-revisionsrapport", "tjänsteskrivelse"),
    "egna-beslut": ("svar-på-motion", "tjänsteskrivelse"),
    "beslutas-av": ("svar-på-motion", "tjänsteskrivelse"),
}


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=False)


class Person(Model):
    name: Line = Field(alias="namn", title="Namn", examples=["Anna Andersson"])
    title: Line | None = Field(None, alias="titel", title="Titel", examples=["Utredare"])


class CaseOfficer(Person):
    email: Line | None = Field(
        None, alias="epost", title="E-post", examples=["anna.andersson@exempel.se"]
    )
    phone: Line | None = Field(
        None, alias="telefon", title="Telefon", description="Skrivs som text.", examples=["0589-870 00"]
    )


class Author(Model):
    name: Line = Field(alias="namn", title="Namn", examples=["Ann-Sofi Ivarsson"])
    party: Line = Field(
        alias="parti",
        title="Parti",
        description="Partiets förkortning, t.ex. S, M, SD, C, V, KD, L, MP, eller '-' för en politisk vilde.",
        examples=["C"],
    )


class Meeting(Model):
    """A decision at a meeting: date and paragraph (§)."""

    date: datetime.date = Field(alias="datum", title="Datum", description="ÅÅÅÅ-MM-DD.", examples=["2023-05-25"])
    paragraph: Paragraph | None = Field(
        None, alias="paragraf", title="Paragraf (§)", description="Paragrafens nummer, utan §.", examples=[87]
    )


class Proposal(Model):
    """One att-sats of the motion, and for a partly approved motion the stance on it."""

    text: Text = Field(alias="text", title="Att-satsen", description="Som motionen skrev den.")
    stance: Stance | None = Field(
        None, alias="ställningstagande", title="Ställningstagande för just denna att-sats"
    )


def _proposal_from_text(value: object) -> object:
    return {"text": value} if isinstance(value, str) else value


class Motion(Model):
    title: Line = Field(alias="rubrik", title="Motionens rubrik", examples=["Utveckla integrationsarbetet"])
    subject: Line | None = Field(
        None,
        alias="ämne",
        title="Motionens ämne i löptext",
        description=(
            "Vad motionen gäller, som det skrivs efter 'motion om' eller 'motion angående' i löptext. "
            "Utan ämne skrivs 'motionen'."
        ),
        examples=["att utveckla integrationsarbetet i Arboga kommun"],
    )
    raised: Meeting | None = Field(
        None, alias="väckt", title="Väckt", description="Kommunfullmäktiges sammanträde där motionen väcktes."
    )
    authors: list[Author] = Field(alias="motionärer", title="Motionärer", min_length=1)
    proposals: list[Annotated[Proposal, BeforeValidator(_proposal_from_text)]] = Field(
        alias="att-satser",
        title="Att-satser",
        description="Motionens förslag som de skrevs, en per rad. För 'delvis': ange text och ställningstagande.",
        min_length=1,
    )


class Event(Model):
    """A step in the history of the case: a body decided something at a meeting."""

    body: Line = Field(alias="organ", title="Organ", examples=["Kommunstyrelsens arbetsutskott"])
    date: datetime.date = Field(alias="datum", title="Datum")
    paragraph: Paragraph | None = Field(None, alias="paragraf", title="Paragraf (§)")
    decision: Text = Field(
        alias="beslut",
        title="Beslut",
        description="Vad organet beslutade, som en att-sats utan 'att'.",
        examples=["remittera motionen till utbildningsnämnden"],
    )


class Referral(Model):
    """A body the case was referred to for comment (remiss), and its answer if it gave one."""

    body: Line = Field(alias="organ", title="Remissinstans", examples=["Utbildningsnämnden"])
    date: datetime.date | None = Field(None, alias="datum", title="Datum för svaret", description="ÅÅÅÅ-MM-DD.")
    paragraph: Paragraph | None = Field(None, alias="paragraf", title="Paragraf (§)", examples=[68])
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
    )
    comment: Markdown | None = Field(
        None,
        alias="kommentar",
        title="Förvaltningens kommentar",
        description="Markdown. Skrivs efter svaret som 'Kommentar: …'.",
    )


class Attachment(Model):
    title: Line = Field(alias="titel", title="Titel", examples=["Tjänsteskrivelse"])
    date: datetime.date | None = Field(None, alias="datum", title="Datum", description="ÅÅÅÅ-MM-DD.")
    by: Line | None = Field(
        None, alias="från", title="Från", description="Vem som upprättat handlingen.", examples=["kommunstyrelseförvaltningen"]
    )


def _attachment_from_text(value: object) -> object:
    return {"titel": value} if isinstance(value, str) else value


AttachmentItem = Annotated[Attachment, BeforeValidator(_attachment_from_text)]


class Recommendation(Model):
    text: Text = Field(
        alias="rekommendation",
        title="Rekommendation",
        description="Revisorernas rekommendation, som rapporten skrev den.",
        examples=["Säkerställ att det finns en samlad plan för integrationsarbetet."],
    )
    answer: Markdown = Field(alias="svar", title="Svar", description="Markdown. Svaret på just denna rekommendation.")


class AuditReport(Model):
    title: Line = Field(alias="rubrik", title="Rapportens rubrik", examples=["Granskning av integrationsarbetet"])
    auditors: Line | None = Field(
        None,
        alias="från",
        title="Från",
        description="Vem som lämnat rapporten. Utan värde: profilens ord för revisorerna.",
        examples=["Kommunens förtroendevalda revisorer"],
    )
    date: datetime.date | None = Field(None, alias="datum", title="Rapportens datum", description="ÅÅÅÅ-MM-DD.")
    answer_by: datetime.date | None = Field(
        None, alias="svar-senast", title="Svar senast", description="När revisorerna vill ha svar, ÅÅÅÅ-MM-DD."
    )
    recommendations: list[Recommendation] = Field(
        alias="rekommendationer", title="Rekommendationer", description="Var och en följs av sitt svar.", min_length=1
    )


class Section(Model):
    """A section the case adds: a heading and Markdown, placed among the profile's sections."""

    heading: Line = Field(alias="rubrik", title="Rubrik", examples=["Ekonomiska konsekvenser"])
    text: Markdown = Field(alias="text", title="Text", description="Markdown.")
    after: SectionName | None = Field(
        None,
        alias="efter",
        title="Efter avsnittet",
        description="Placera avsnittet efter detta avsnitt. Utan 'efter' och 'före' hamnar det där profilen har 'avsnitt'.",
        examples=["redogörelse"],
    )
    before: SectionName | None = Field(
        None, alias="före", title="Före avsnittet", description="Placera avsnittet före detta avsnitt.", examples=["beslutsunderlag"]
    )

    @model_validator(mode="after")
    def _one_place(self) -> Section:
        if self.after and self.before:
            raise ValueError("ange antingen 'efter' eller 'före', inte båda")
        return self


class Approval(Model):
    """Who approved the memo, instead of or beside signatures."""

    name: Line = Field(alias="namn", title="Godkänt av", examples=["Anders Neuman"])
    title: Line | None = Field(None, alias="titel", title="Titel", examples=["Kommundirektör"])
    date: datetime.date | None = Field(None, alias="datum", title="Datum", description="ÅÅÅÅ-MM-DD.")


class Case(Model):
    """A case file: one memo."""

    kind: DocumentKind = Field(alias="dokument", title="Dokumenttyp")
    municipality: Line = Field(
        alias="kommun",
        title="Kommunprofil",
        description="Mappen under templates/ med kommunens profil.",
        examples=["exempel"],
    )
    case_number: Line = Field(
        alias="diarienummer", title="Diarienummer", description="Skrivs som text.", examples=["KS 2023/123"]
    )
    date: datetime.date = Field(
        alias="datum", title="Datum", description="ÅÅÅÅ-MM-DD. För ett protokollsutdrag: sammanträdets datum."
    )
    department: Line = Field(alias="förvaltning", title="Förvaltning", examples=["Kommunstyrelseförvaltningen"])
    case_officer: CaseOfficer = Field(alias="handläggare", title="Handläggare")
    recipient: Line | None = Field(
        None, alias="mottagare", title="Mottagare", description="Organet som skrivelsen går till.", examples=["Kommunstyrelsen"]
    )
    body: Line | None = Field(
        None,
        alias="organ",
        title="Organ",
        description="Protokollsutdrag: organet vars protokoll utdraget är ur.",
        examples=["Kommunfullmäktige"],
    )
    paragraph: Paragraph | None = Field(
        None, alias="paragraf", title="Paragraf (§)", description="Protokollsutdrag: paragrafens nummer, utan §.", examples=[105]
    )
    title: Line | None = Field(
        None, alias="rubrik", title="Rubrik", description="Ersätter den rubrik som annars skapas."
    )
    title_line: Line | None = Field(
        None,
        alias="rubrikrad",
        title="Rad under rubriken",
        description="En lång rubrik kan delas: rubriken överst och resten på en egen rad under den.",
        examples=["Maria B Nilsson (S), Simon Waern (S) och Laila Freiholtz (S)"],
    )
    motion: Motion | None = Field(None, alias="motion", title="Motionen")
    audit_report: AuditReport | None = Field(None, alias="revisionsrapport", title="Revisionsrapporten")
    history: list[Event] = Field(default_factory=list, alias="historik", title="Ärendets gång")
    referrals: list[Referral] = Field(
        default_factory=list,
        alias="remiss",
        title="Remiss",
        description="Organen som ärendet remitterats till, med deras svar och förvaltningens kommentar.",
    )
    summary: Markdown | None = Field(
        None, alias="sammanfattning", title="Sammanfattning", description="Markdown. Ersätter den sammanfattning som annars skapas."
    )
    account: Markdown | None = Field(
        None,
        alias="redogörelse",
        title="Förvaltningens redogörelse",
        description="Markdown: stycken, underrubriker (##), punktlistor, numrerade listor, *kursiv*, **fet**, fotnoter ([^1]).",
    )
    sections: list[Section] = Field(
        default_factory=list,
        alias="avsnitt",
        title="Egna avsnitt",
        description="Avsnitt som ärendet lägger till, t.ex. Ekonomiska konsekvenser eller Barnperspektiv.",
    )
    stance: Stance | None = Field(None, alias="ställningstagande", title="Ställningstagande")
    reference: Line | None = Field(
        None,
        alias="hänvisning",
        title="Hänvisning",
        description="Det beslutet hänvisar till, t.ex. 'förvaltningens redogörelse'.",
    )
    decided_by: Literal["kommunfullmäktige", "kommunstyrelsen", "nämnden"] = Field(
        "kommunfullmäktige",
        alias="beslutas-av",
        title="Beslutas av",
        description=(
            "kommunfullmäktige: kommunstyrelsen föreslår fullmäktige; kommunstyrelsen: styrelsen beslutar själv; "
            "nämnden: mottagaren, en nämnd, beslutar själv."
        ),
    )
    extra_points: list[Text] = Field(
        default_factory=list,
        alias="beslutspunkter",
        title="Fler beslutspunkter",
        description="Egna beslutspunkter, t.ex. 'Kommunstyrelsen får i uppdrag att …'. Ett protokollsutdrag har bara dessa.",
    )
    own_decisions: list[Text] = Field(
        default_factory=list,
        alias="egna-beslut",
        title="Kommunstyrelsens egna beslut",
        description=(
            "Beslut som kommunstyrelsen fattar själv, vid sidan av förslaget till kommunfullmäktige. "
            "Förslaget får då två nivåer, var och en med sin rubrik."
        ),
    )
    signatures: list[Person] = Field(default_factory=list, alias="underskrifter", title="Underskrifter")
    approval: Approval | None = Field(None, alias="godkännande", title="Godkännande")
    basis: list[AttachmentItem] = Field(
        default_factory=list, alias="beslutsunderlag", title="Beslutsunderlag"
    )
    attachments: list[AttachmentItem] = Field(default_factory=list, alias="bilagor", title="Bilagor")
    distribution: list[Line] = Field(
        default_factory=list, alias="skickas-till", title="Skickas till", examples=[["Motionären", "Akten"]]
    )

    @model_validator(mode="after")
    def _kind_needs(self) -> Case:
        given = {type(self).model_fields[name].alias for name in self.model_fields_set}
        for key in KIND_REQUIRES[self.kind]:
            name = _FIELD_BY_ALIAS[key]
            if getattr(self, name) in (None, []):
                raise ValueError(f"dokumenttypen '{self.kind}' behöver fältet '{key}'")
        for key, kinds in KIND_ONLY.items():
            if key in given and self.kind not in kinds and getattr(self, _FIELD_BY_ALIAS[key]) not in (None, []):
                raise ValueError(
                    f"fältet '{key}' används inte av dokumenttypen '{self.kind}', bara av: {', '.join(kinds)}"
                )
        if self.own_decisions and self.decided_by != "kommunfullmäktige":
            raise ValueError("'egna-beslut' hör till ett förslag till kommunfullmäktige ('beslutas-av: kommunfullmäktige')")
        if self.stance == "delvis" and self.motion is not None:
            missing = [i + 1 for i, p in enumerate(self.motion.proposals) if p.stance is None]
            if missing:
                raise ValueError(
                    "med 'ställningstagande: delvis' behöver varje att-sats ett eget ställningstagande "
                    f"(saknas för att-sats {', '.join(map(str, missing))})"
                )
        return self


_FIELD_BY_ALIAS = {field.alias: name for name, field in Case.model_fields.items()}
