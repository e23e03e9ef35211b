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

Stance = Literal["bifall", "avslag", "besvarad", "delvis", "utan-ställningstagande"]
DocumentKind = Literal[
    "svar-på-motion",
    "yttrande-över-motion",
    "svar-på-revisionsrapport",
    "protokollsutdrag",
    "tjänsteskrivelse",
]


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
    paragraph: Annotated[int, Field(gt=0)] | None = Field(
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
    paragraph: Annotated[int, Field(gt=0)] | None = Field(None, alias="paragraf", title="Paragraf (§)")
    decision: Text = Field(
        alias="beslut",
        title="Beslut",
        description="Vad organet beslutade, som en att-sats utan 'att'.",
        examples=["remittera motionen till utbildningsnämnden"],
    )


class Attachment(Model):
    title: Line = Field(alias="titel", title="Titel")
    date: datetime.date | None = Field(None, alias="datum", title="Datum")


def _attachment_from_text(value: object) -> object:
    return {"titel": value} if isinstance(value, str) else value


AttachmentItem = Annotated[Attachment, BeforeValidator(_attachment_from_text)]


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
    date: datetime.date = Field(alias="datum", title="Datum", description="ÅÅÅÅ-MM-DD.")
    department: Line = Field(alias="förvaltning", title="Förvaltning", examples=["Kommunstyrelseförvaltningen"])
    case_officer: CaseOfficer = Field(alias="handläggare", title="Handläggare")
    recipient: Line = Field(alias="mottagare", title="Mottagare", examples=["Kommunstyrelsen"])
    title: Line | None = Field(
        None, alias="rubrik", title="Rubrik", description="Ersätter den rubrik som annars skapas."
    )
    motion: Motion | None = Field(None, alias="motion", title="Motionen")
    history: list[Event] = Field(default_factory=list, alias="historik", title="Ärendets gång")
    summary: Markdown | None = Field(
        None, alias="sammanfattning", title="Sammanfattning", description="Markdown. Ersätter den sammanfattning som annars skapas."
    )
    account: Markdown = Field(
        alias="redogörelse",
        title="Förvaltningens redogörelse",
        description="Markdown: stycken, underrubriker (##), punktlistor, numrerade listor, *kursiv*, **fet**, fotnoter ([^1]).",
    )
    stance: Stance | None = Field(None, alias="ställningstagande", title="Ställningstagande")
    reference: Line | None = Field(
        None,
        alias="hänvisning",
        title="Hänvisning",
        description="Det beslutet hänvisar till, t.ex. 'förvaltningens redogörelse'.",
    )
    decided_by: Literal["kommunstyrelsen", "kommunfullmäktige"] = Field(
        "kommunfullmäktige",
        alias="beslutas-av",
        title="Beslutas av",
        description="kommunfullmäktige: kommunstyrelsen föreslår fullmäktige; kommunstyrelsen: styrelsen beslutar själv.",
    )
    extra_points: list[Text] = Field(
        default_factory=list,
        alias="beslutspunkter",
        title="Fler beslutspunkter",
        description="Egna beslutspunkter, t.ex. 'Kommunstyrelsen får i uppdrag att …'.",
    )
    signatures: list[Person] = Field(default_factory=list, alias="underskrifter", title="Underskrifter")
    basis: list[AttachmentItem] = Field(
        default_factory=list, alias="beslutsunderlag", title="Beslutsunderlag"
    )
    attachments: list[AttachmentItem] = Field(default_factory=list, alias="bilagor", title="Bilagor")
    distribution: list[Line] = Field(
        default_factory=list, alias="skickas-till", title="Skickas till", examples=[["Motionären", "Akten"]]
    )

    @model_validator(mode="after")
    def _kind_needs(self) -> Case:
        if self.kind == "svar-på-motion":
            if self.motion is None:
                raise ValueError("dokumenttypen 'svar-på-motion' behöver fältet 'motion'")
            if self.stance is None:
                raise ValueError("dokumenttypen 'svar-på-motion' behöver fältet 'ställningstagande'")
        if self.stance == "delvis" and self.motion is not None:
            missing = [i + 1 for i, p in enumerate(self.motion.proposals) if p.stance is None]
            if missing:
                raise ValueError(
                    "med 'ställningstagande: delvis' behöver varje att-sats ett eget ställningstagande "
                    f"(saknas för att-sats {', '.join(map(str, missing))})"
                )
        return self
