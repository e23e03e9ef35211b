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
    ValidationInfo,
    field_validator,
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
    proposals: list[Annotated[Proposal, BeforeValidator(_proposal_from_text)]] = Field(
        alias="att-satser",
        title="Att-satser",
        description="Motionens förslag som de skrevs, en per rad. För 'delvis': ange text och ställningstagande.",
        examples=[["att en handlingsplan tas fram", "att arbetet följs upp"]],
        min_length=1,
    )


class Event(Model):
    """A step in the history of the case: a body decided something at a meeting."""

    body: Line = Field(
        alias="organ", title="Organ", description="Organet som beslutade.", examples=["Kommunstyrelsens arbetsutskott"]
    )
    date: datetime.date = Field(alias="datum", title="Datum", description="Sammanträdets datum, ÅÅÅÅ-MM-DD.", examples=["2023-08-16"])
    paragraph: Paragraph | None = Field(
        None, alias="paragraf", title="Paragraf (§)", description="Paragrafens nummer, utan §.", examples=[134]
    )
    decision: Text = Field(
        alias="beslut",
        title="Beslut",
        description="Vad organet beslutade, som en att-sats utan 'att'.",
        examples=["remittera motionen till utbildningsnämnden"],
    )


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
    text: Markdown = Field(
        alias="text",
        title="Text",
        description="Markdown: stycken, underrubriker, listor, *kursiv*, **fet**.",
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


class Approval(Model):
    """Who approved the memo, instead of or beside signatures."""

    name: Line = Field(alias="namn", title="Godkänt av", description="Den som godkänt skrivelsen.", examples=["Anders Neuman"])
    title: Line | None = Field(None, alias="titel", title="Titel", description="Dennes befattning.", examples=["Kommundirektör"])
    date: datetime.date | None = Field(
        None, alias="datum", title="Datum", description="När skrivelsen godkändes, ÅÅÅÅ-MM-DD.", examples=["2024-01-14"]
    )


class Case(Model):
    """A case file: one memo."""

    kind: DocumentKind = Field(
        alias="dokument",
        title="Dokumenttyp",
        description="Vilket slags dokument: mallen och vad ärendet behöver hänger på den.",
        examples=["svar-på-motion"],
    )
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
        alias="datum",
        title="Datum",
        description="ÅÅÅÅ-MM-DD. För ett protokollsutdrag: sammanträdets datum.",
        examples=["2024-01-15"],
    )
    department: Line = Field(
        alias="förvaltning",
        title="Förvaltning",
        description="Förvaltningen som skriver skrivelsen.",
        examples=["Kommunstyrelseförvaltningen"],
    )
    case_officer: CaseOfficer = Field(
        alias="handläggare",
        title="Handläggare",
        description="Den som skrivit skrivelsen, med kontaktuppgifter till brevhuvudet.",
        examples=[{"namn": "Joel Boudin", "titel": "Utredare", "epost": "joel.boudin@arboga.se"}],
    )
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
        None,
        alias="rubrik",
        title="Rubrik",
        description="Ersätter den rubrik som annars skapas. Krävs för tjänsteskrivelse och protokollsutdrag.",
        examples=["Program för social hållbarhet 2025–2030"],
    )
    title_line: Line | None = Field(
        None,
        alias="rubrikrad",
        title="Rad under rubriken",
        description="En lång rubrik kan delas: rubriken överst och resten på en egen rad under den.",
        examples=["Maria B Nilsson (S), Simon Waern (S) och Laila Freiholtz (S)"],
    )
    motion: Motion | None = Field(
        None,
        alias="motion",
        title="Motionen",
        description="Motionen som besvaras: rubrik, motionärer och att-satser.",
        examples=[
            {
                "rubrik": "Utveckla integrationsarbetet",
                "motionärer": [{"namn": "Ann-Sofi Ivarsson", "parti": "C"}],
                "att-satser": ["att en handlingsplan tas fram"],
            }
        ],
    )
    audit_report: AuditReport | None = Field(
        None,
        alias="revisionsrapport",
        title="Revisionsrapporten",
        description="Rapporten som besvaras: rubrik och rekommendationer, var och en med sitt svar.",
        examples=[
            {
                "rubrik": "Granskning av integrationsarbetet",
                "rekommendationer": [{"rekommendation": "Ta fram en plan.", "svar": "En plan tas fram under 2025."}],
            }
        ],
    )
    history: list[Event] = Field(
        default_factory=list,
        alias="historik",
        title="Ärendets gång",
        description="Besluten i ärendet hittills, det äldsta först.",
        examples=[[{"organ": "Kommunstyrelsens arbetsutskott", "datum": "2023-08-16", "paragraf": 134, "beslut": "remittera motionen till utbildningsnämnden"}]],
    )
    referrals: list[Referral] = Field(
        default_factory=list,
        alias="remiss",
        title="Remiss",
        description="Organen som ärendet remitterats till, med deras svar och förvaltningens kommentar.",
        examples=[[{"organ": "Utbildningsnämnden", "datum": "2017-10-18", "paragraf": 68, "beslut": "tillstyrka motionen"}]],
    )
    summary: Markdown | None = Field(
        None,
        alias="sammanfattning",
        title="Sammanfattning",
        description="Markdown. Ersätter den sammanfattning som annars skapas.",
        examples=["Motionären föreslår att en handlingsplan tas fram."],
    )
    account: Markdown | None = Field(
        None,
        alias="redogörelse",
        title="Förvaltningens redogörelse",
        description="Markdown: stycken, underrubriker (##), punktlistor, numrerade listor, *kursiv*, **fet**, fotnoter ([^1]).",
        examples=["Integration är ett viktigt område.\n\n## Förslag till handlingsplan\n\nEn plan ska kopplas till ett program."],
    )
    sections: list[Section] = Field(
        default_factory=list,
        alias="avsnitt",
        title="Egna avsnitt",
        description="Avsnitt som ärendet lägger till, t.ex. Ekonomiska konsekvenser eller Barnperspektiv.",
        examples=[[{"rubrik": "Barnperspektiv", "text": "Barn har tillfrågats genom ungdomsrådet.", "efter": "redogörelse"}]],
    )
    stance: Stance | None = Field(
        None,
        alias="ställningstagande",
        title="Ställningstagande",
        description="Förslaget om motionen; 'delvis' tar ställning till varje att-sats för sig.",
        examples=["besvarad"],
    )
    reference: Line | None = Field(
        None,
        alias="hänvisning",
        title="Hänvisning",
        description="Det beslutet hänvisar till, t.ex. 'förvaltningens redogörelse'.",
        examples=["förvaltningens redogörelse"],
    )
    decided_by: Literal["kommunfullmäktige", "kommunstyrelsen", "nämnden"] = Field(
        "kommunfullmäktige",
        alias="beslutas-av",
        title="Beslutas av",
        description=(
            "kommunfullmäktige: kommunstyrelsen föreslår fullmäktige; kommunstyrelsen: styrelsen beslutar själv; "
            "nämnden: mottagaren, en nämnd, beslutar själv."
        ),
        examples=["kommunfullmäktige"],
    )
    extra_points: list[Text] = Field(
        default_factory=list,
        alias="beslutspunkter",
        title="Fler beslutspunkter",
        description="Egna beslutspunkter, t.ex. 'Kommunstyrelsen får i uppdrag att …'. Ett protokollsutdrag har bara dessa.",
        examples=[["Kommunstyrelsen får i uppdrag att ta fram en handlingsplan."]],
    )
    own_decisions: list[Text] = Field(
        default_factory=list,
        alias="egna-beslut",
        title="Kommunstyrelsens egna beslut",
        description=(
            "Beslut som kommunstyrelsen fattar själv, vid sidan av förslaget till kommunfullmäktige. "
            "Förslaget får då två nivåer, var och en med sin rubrik."
        ),
        examples=[["Kommunledningskontorets yttrande antas som kommunstyrelsens yttrande."]],
    )
    signatures: list[Person] = Field(
        default_factory=list,
        alias="underskrifter",
        title="Underskrifter",
        description="Namn över titel, oftast en chef och handläggaren.",
        examples=[[{"namn": "Anders Neuman", "titel": "Kommundirektör"}, {"namn": "Joel Boudin", "titel": "Utredare"}]],
    )
    approval: Approval | None = Field(
        None,
        alias="godkännande",
        title="Godkännande",
        description="'Godkänt av', titel och datum, i stället för eller bredvid underskrifterna.",
        examples=[{"namn": "Anders Neuman", "titel": "Kommundirektör", "datum": "2024-01-14"}],
    )
    basis: list[AttachmentItem] = Field(
        default_factory=list,
        alias="beslutsunderlag",
        title="Beslutsunderlag",
        description="Handlingarna som beslutet grundas på, den här skrivelsen först.",
        examples=[[{"titel": "Tjänsteskrivelse", "datum": "2024-01-15"}, "Motion om integrationsarbetet"]],
    )
    attachments: list[AttachmentItem] = Field(
        default_factory=list,
        alias="bilagor",
        title="Bilagor",
        description="Handlingar som följer med skrivelsen.",
        examples=[["Förslag till program för social hållbarhet"]],
    )
    distribution: list[Line] = Field(
        default_factory=list,
        alias="skickas-till",
        title="Skickas till",
        description="Vilka beslutet skickas till.",
        examples=[["Motionären", "Akten"]],
    )

    @field_validator(
        "recipient", "body", "paragraph", "motion", "audit_report", "stance", "reference", "decided_by", "own_decisions"
    )
    @classmethod
    def _used_by_kind(cls, value: object, info: ValidationInfo) -> object:
        """A field only some kinds use is an error in any other kind, reported at the field."""
        kind = info.data.get("kind")
        key = cls.model_fields[info.field_name].alias
        kinds = KIND_ONLY[key]
        if kind is not None and kind not in kinds and value not in (None, []):
            raise ValueError(f"fältet '{key}' används inte av dokumenttypen '{kind}', bara av: {', '.join(kinds)}")
        return value

    @model_validator(mode="after")
    def _kind_needs(self) -> Case:
        broken = case_rules(self.model_dump(by_alias=True))
        if broken:
            raise ValueError("; ".join(message for _, message in broken))
        return self


def _empty(value: object) -> bool:
    return value is None or value == [] or (isinstance(value, str) and not value.strip())


def case_rules(data: object) -> list[tuple[tuple[str | int, ...], str]]:
    """The rules that tie a case's fields together, as (path, message) pairs.

    They read the data as a case file writes it (Swedish keys), so they can be checked,
    and located, even when other fields of the file are invalid.
    """
    kind = data.get("dokument") if isinstance(data, dict) else None
    if not isinstance(kind, str) or kind not in KIND_REQUIRES:
        return []  # the kind itself is reported as invalid
    found = []
    for key in KIND_REQUIRES[kind]:
        if _empty(data.get(key)):
            where = (key,) if key in data else ("dokument",)
            found.append((where, f"dokumenttypen '{kind}' behöver fältet '{key}'"))
    decided_by = data.get("beslutas-av", "kommunfullmäktige")
    if not _empty(data.get("egna-beslut")) and isinstance(decided_by, str) and decided_by != "kommunfullmäktige":
        found.append((("egna-beslut",), "'egna-beslut' hör till ett förslag till kommunfullmäktige ('beslutas-av: kommunfullmäktige')"))
    motion = data.get("motion")
    proposals = motion.get("att-satser") if isinstance(motion, dict) else None
    if data.get("ställningstagande") == "delvis" and isinstance(proposals, list):
        for i, proposal in enumerate(proposals):
            if not isinstance(proposal, dict) or _empty(proposal.get("ställningstagande")):
                found.append(
                    (
                        ("motion", "att-satser", i),
                        "med 'ställningstagande: delvis' behöver varje att-sats ett eget ställningstagande — "
                        "skriv den som 'text: …' och 'ställningstagande: …'",
                    )
                )
    return found


_FIELD_BY_ALIAS = {field.alias: name for name, field in Case.model_fields.items()}
