"""The parts of a case: the kinds of text it holds and the models of its nested fields.

Keys are Swedish (what a registrar calls things) through aliases; identifiers are English.
"""

from __future__ import annotations


import datetime
import re
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
def _paragraph(value: object) -> object:
    """A paragraph number (87), or a number with the year as some minutes write it ("52/2019")."""
    text = str(value).strip() if isinstance(value, (int, str)) and not isinstance(value, bool) else None
    if text is not None and re.fullmatch(r"[1-9][0-9]*", text):
        return int(text)
    if text is not None and re.fullmatch(r"[1-9][0-9]*/[0-9]{2,4}", text):
        return text
    raise ValueError(f"ska vara ett heltal större än 0, eller nummer/år som '52/2019' (inte '{value}')")


# A paragraph (§) number, or as some minutes write it with the year: "52/2019".
Paragraph = Annotated[
    int | str,
    BeforeValidator(_paragraph, json_schema_input_type=Annotated[int, Field(gt=0)] | Annotated[str, Field(pattern=r"^[1-9][0-9]*(/[0-9]{2,4})?$")]),
]

Stance = Literal["bifall", "avslag", "besvarad", "delvis", "utan-ställningstagande"]
DocumentKind = Literal[
    "svar-på-motion",
    "yttrande-över-motion",
    "svar-på-revisionsrapport",
    "protokollsutdrag",
    "tjänsteskrivelse",
    "redovisning-av-motioner",
]
# The sections of a document that the templates know, by the names profiles order them by.
SectionName = Literal[
    "förslag",
    "beslut",
    "sammanfattning",
    "historik",
    "motioner",
    "remissvar",
    "rekommendationer",
    "redogörelse",
    "beslutsunderlag",
    "bilagor",
    "underskrifter",
    "godkännande",
    "sändlista",
]


class Model(BaseModel):
    # defer_build: a part is built into Case's validator when Case is first used, not into a
    # validator of its own at import (one validator instead of dozens: a cold command is faster)
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=False, defer_build=True)

    @model_validator(mode="before")
    @classmethod
    def _empty_is_absent(cls, data: object) -> object:
        """An optional field written empty ("" or only spaces) is as if it were not written."""
        if not isinstance(data, dict):
            return data
        optional = _optional(cls)
        return {k: v for k, v in data.items() if not (k in optional and isinstance(v, str) and not v.strip())}


# The optional fields' keys of each model, found once per model's ``model_fields`` (every
# part of every case is validated through ``_empty_is_absent``).
_optional_keys: dict[type, tuple[dict, frozenset]] = {}


def _optional(model: type[BaseModel]) -> frozenset:
    fields = model.model_fields
    if (found := _optional_keys.get(model)) is None or found[0] is not fields:
        found = _optional_keys[model] = (fields, frozenset(f.alias for f in fields.values() if not f.is_required()))
    return found[1]


def no_items() -> list:
    """The default of a list field. Not ``list`` itself: pydantic reads a default factory's
    signature, and a builtin's is parsed by the tokenize module, whose first use compiles a large
    regular expression (~3 ms of a cold command)."""
    return []


def no_entries() -> dict:
    """The default of a mapping field (see :func:`no_items`)."""
    return {}


class Person(Model):
    name: Line = Field(alias="namn", title="Namn", description="För- och efternamn.", examples=["Anna Andersson"])
    title: Line | None = Field(
        None, alias="titel", title="Titel", description="Befattningen, som den skrivs under namnet.", examples=["Utredare"]
    )


class CaseOfficer(Person):
    email: Line | None = Field(
        None, alias="epost", title="E-post", description="Handläggarens e-postadress.", examples=["anna.andersson@exempel.se"]
    )
    phone: Line | None = Field(
        None, alias="telefon", title="Telefon", description="Skrivs som text.", examples=["0589-870 00"]
    )
    mobile: Line | None = Field(
        None, alias="mobil", title="Mobil", description="Skrivs som text; {mobil} i profilens brevhuvud.", examples=["070-123 45 67"]
    )
    fax: Line | None = Field(
        None, alias="fax", title="Fax", description="Skrivs som text; {fax} i profilens brevhuvud.", examples=["0589-870 01"]
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
    concerns: Line | None = Field(
        None,
        alias="avser",
        title="Avser",
        description="Vad att-satsen gäller, för profilens form 'i den del som avser …' (formuleringar.delvis).",
        examples=["laddplatser vid kommunens verksamheter"],
    )
    reference: Line | None = Field(
        None,
        alias="hänvisning",
        title="Hänvisning för just denna att-sats",
        description="Det beslutet om att-satsen hänvisar till ('med hänvisning till …').",
        examples=["riktlinjen för tjänsteresor"],
    )


def _proposal_from_text(value: object) -> object:
    return {"text": value} if isinstance(value, str) else value


class Motion(Model):
    title: Line = Field(
        alias="rubrik",
        title="Motionens rubrik",
        description="Som motionären skrev den; den står i dokumentets rubrik.",
        examples=["Utveckla integrationsarbetet"],
    )
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
        None,
        alias="väckt",
        title="Väckt",
        description="Kommunfullmäktiges sammanträde där motionen väcktes.",
        examples=[{"datum": "2023-05-25", "paragraf": 87}],
    )
    authors: list[Author] = Field(
        alias="motionärer",
        title="Motionärer",
        description="Den eller de som skrev motionen, med parti.",
        examples=[[{"namn": "Ann-Sofi Ivarsson", "parti": "C"}]],
        min_length=1,
    )
    case_number: Line | None = Field(
        None,
        alias="diarienummer",
        title="Motionens diarienummer",
        description="När det skiljer sig från ärendets, t.ex. i en nämnds yttrande. Håller ihop motionens ärendefiler i registret.",
        examples=["KS 2023/00412"],
    )
    planned: datetime.date | None = Field(
        None,
        alias="planerat-beslut",
        title="Planerat beslut",
        description="När kommunfullmäktige väntas besluta om motionen, ÅÅÅÅ-MM-DD (för redovisningen av motioner).",
        examples=["2025-09-22"],
    )
    proposals: list[Annotated[Proposal, BeforeValidator(_proposal_from_text)]] = Field(
        alias="att-satser",
        title="Att-satser",
        description="Motionens förslag som de skrevs, en per rad. För 'delvis': ange text och ställningstagande.",
        examples=[["att en handlingsplan tas fram", "att arbetet följs upp"]],
        min_length=1,
    )


EventKind = Literal["beslut", "anmäldes", "remitterades", "tjänsteskrivelse"]


class Event(Model):
    """A step in the history of the case: most often a body decided something at a meeting;
    also a motion announced, a case referred, a memo dated (each in the profile's words)."""

    kind: EventKind = Field(
        "beslut",
        alias="händelse",
        title="Händelse",
        description=(
            "beslut (standard): organet beslutade att …; anmäldes: motionen anmäldes i organet; remitterades: "
            "organet remitterade ärendet till 'till'; tjänsteskrivelse: organets tjänsteskrivelse daterad …. "
            "Orden står i profilens 'formuleringar.historik'."
        ),
        examples=["remitterades"],
    )

    body: Line = Field(
        alias="organ", title="Organ", description="Organet som beslutade.", examples=["Kommunstyrelsens arbetsutskott"]
    )
    date: datetime.date = Field(alias="datum", title="Datum", description="Sammanträdets datum, ÅÅÅÅ-MM-DD.", examples=["2023-08-16"])
    paragraph: Paragraph | None = Field(
        None, alias="paragraf", title="Paragraf (§)", description="Paragrafens nummer, utan §.", examples=[134]
    )
    decision: Text | None = Field(
        None,
        alias="beslut",
        title="Beslut",
        description="Vad organet beslutade, som en att-sats utan 'att'. Krävs för händelsen 'beslut'.",
        examples=["remittera motionen till utbildningsnämnden"],
    )
    to: Line | None = Field(
        None,
        alias="till",
        title="Till",
        description="Händelsen 'remitterades': organet som ärendet remitterades till.",
        examples=["Socialnämnden"],
    )

    @model_validator(mode="after")
    def _needs(self) -> Event:
        if self.kind == "beslut" and self.decision is None:
            raise ValueError("en händelse 'beslut' behöver fältet 'beslut' (vad organet beslutade)")
        if self.kind == "remitterades" and self.to is None:
            raise ValueError("händelsen 'remitterades' behöver fältet 'till' (organet som ärendet remitterades till)")
        return self


class Attachment(Model):
    title: Line = Field(alias="titel", title="Titel", description="Handlingens namn.", examples=["Tjänsteskrivelse"])
    date: datetime.date | None = Field(
        None, alias="datum", title="Datum", description="Handlingens datum, ÅÅÅÅ-MM-DD.", examples=["2017-05-31"]
    )
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
    answer: Markdown = Field(
        alias="svar",
        title="Svar",
        description="Markdown. Svaret på just denna rekommendation.",
        examples=["Förvaltningen har infört en årlig uppföljning."],
    )


class AuditReport(Model):
    title: Line = Field(
        alias="rubrik",
        title="Rapportens rubrik",
        description="Som revisorerna skrev den; den står i dokumentets rubrik.",
        examples=["Granskning av integrationsarbetet"],
    )
    auditors: Line | None = Field(
        None,
        alias="från",
        title="Från",
        description="Vem som lämnat rapporten. Utan värde: profilens ord för revisorerna.",
        examples=["Kommunens förtroendevalda revisorer"],
    )
    date: datetime.date | None = Field(
        None, alias="datum", title="Rapportens datum", description="ÅÅÅÅ-MM-DD.", examples=["2024-03-20"]
    )
    answer_by: datetime.date | None = Field(
        None,
        alias="svar-senast",
        title="Svar senast",
        description="När revisorerna vill ha svar, ÅÅÅÅ-MM-DD.",
        examples=["2024-06-15"],
    )
    recommendations: list[Recommendation] = Field(
        alias="rekommendationer",
        title="Rekommendationer",
        description="Var och en följs av sitt svar.",
        examples=[[{"rekommendation": "Säkerställ att planen följs upp.", "svar": "Planen följs upp varje år."}]],
        min_length=1,
    )


class Section(Model):
    """A section the case adds: a heading and Markdown, placed among the profile's sections."""

    heading: Line = Field(
        alias="rubrik", title="Rubrik", description="Avsnittets rubrik.", examples=["Ekonomiska konsekvenser"]
    )
    text: Markdown | None = Field(
        None,
        alias="text",
        title="Text",
        description="Markdown: stycken, underrubriker, listor, *kursiv*, **fet**. Utan text: bara rubriken.",
        examples=["Förslaget ryms inom befintlig budget."],
    )
    after: SectionName | None = Field(
        None,
        alias="efter",
        title="Efter avsnittet",
        description=(
            "Placera avsnittet efter detta avsnitt. Utan 'efter' och 'före', eller om det avsnittet inte finns "
            "i dokumentet, hamnar det där profilen har 'avsnitt'."
        ),
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
