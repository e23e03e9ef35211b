"""The case model: what a case file may hold, validated and typed.

Keys are Swedish (what a registrar calls things) through aliases; identifiers are English.
This model is the single source of truth: the JSON Schema for editors is generated from it.
"""

from __future__ import annotations

import datetime
from typing import Literal

from pydantic import Field, ValidationInfo, field_validator, model_validator

from drafter.case.choices import ProfileChoices
from drafter.case.referrals import Referral
from drafter.case.decisions import Approval, Approvals, DecisionItem  # noqa: F401  (Approval: re-exported)
from drafter.case.parts import (  # noqa: F401  (re-exported: the model's vocabulary)
    AttachmentItem,
    AuditReport,
    CaseOfficer,
    DocumentKind,
    Event,
    Line,
    Markdown,
    MarkdownText,
    Model,
    Motion,
    Paragraph,
    Person,
    Section,
    SectionName,
    Stance,
    Text,
    no_items,
)
from drafter.case.council import Decided, MotionReport

# What each document kind needs besides the fields every case has (keys as written in a case file).
# Only what the document cannot exist without: 'mottagare' is needed where the profile prints the
# addressee line (drafter.profile.case_layer), a protokollsutdrag may be published without § or Dnr,
# and is the minutes' text, written by no förvaltning or handläggare.
_MEMO = ("diarienummer", "förvaltning", "handläggare")
KIND_REQUIRES: dict[str, tuple[str, ...]] = {
    "svar-på-motion": (*_MEMO, "motion", "ställningstagande", "redogörelse"),
    "yttrande-över-motion": (*_MEMO, "motion", "ställningstagande"),
    "svar-på-revisionsrapport": (*_MEMO, "revisionsrapport"),
    "tjänsteskrivelse": (*_MEMO, "rubrik", "beslutspunkter", "redogörelse"),
    "protokollsutdrag": ("organ", "rubrik", "beslutspunkter"),
    "redovisning-av-motioner": ("diarienummer", "redovisning"),
}
# Fields that only some document kinds use; in any other kind they would be silently left out.
KIND_ONLY: dict[str, tuple[str, ...]] = {
    "motion": ("svar-på-motion", "yttrande-över-motion", "protokollsutdrag"),
    "ställningstagande": ("svar-på-motion", "yttrande-över-motion"),
    "hänvisning": ("svar-på-motion", "yttrande-över-motion"),
    "revisionsrapport": ("svar-på-revisionsrapport",),
    "organ": ("protokollsutdrag",),
    "paragraf": ("protokollsutdrag",),
    "mottagare": ("svar-på-motion", "yttrande-över-motion", "svar-på-revisionsrapport", "tjänsteskrivelse", "redovisning-av-motioner"),
    "egna-beslut": ("svar-på-motion", "tjänsteskrivelse"),
    "beslutas-av": ("svar-på-motion", "tjänsteskrivelse"),
    "redovisning": ("redovisning-av-motioner",),
    "beslutat": ("svar-på-motion", "yttrande-över-motion", "svar-på-revisionsrapport", "tjänsteskrivelse", "redovisning-av-motioner"),
}


class Case(ProfileChoices):
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
    case_number: Line | None = Field(
        None, alias="diarienummer", title="Diarienummer", description="Skrivs som text.", examples=["KS 2023/123"]
    )
    date: datetime.date = Field(
        alias="datum",
        title="Datum",
        description="ÅÅÅÅ-MM-DD. För ett protokollsutdrag: sammanträdets datum.",
        examples=["2024-01-15"],
    )
    department: Line | None = Field(
        None,
        alias="förvaltning",
        title="Förvaltning",
        description="Förvaltningen som skriver skrivelsen. Behövs inte i ett protokollsutdrag.",
        examples=["Kommunstyrelseförvaltningen"],
    )
    case_officer: CaseOfficer | None = Field(
        None,
        alias="handläggare",
        title="Handläggare",
        description="Den som skrivit skrivelsen, med kontaktuppgifter till brevhuvudet. Behövs inte i ett protokollsutdrag.",
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
        default_factory=no_items,
        alias="historik",
        title="Ärendets gång",
        description="Besluten i ärendet hittills, det äldsta först.",
        examples=[[{"organ": "Kommunstyrelsens arbetsutskott", "datum": "2023-08-16", "paragraf": 134, "beslut": "remittera motionen till utbildningsnämnden"}]],
    )
    referrals: list[Referral] = Field(
        default_factory=no_items,
        alias="remiss",
        title="Remiss",
        description="Organen som ärendet remitterats till, med deras svar och förvaltningens kommentar.",
        examples=[[{"organ": "Utbildningsnämnden", "datum": "2017-10-18", "paragraf": 68, "beslut": "tillstyrka motionen"}]],
    )
    referrals_before: Markdown | None = Field(
        None,
        alias="remiss-inledning",
        title="Före remissvaren",
        description="Markdown. Fri text före remissvaren, t.ex. när svaren skulle vara inne.",
        examples=["Remisstiden gick ut den 31 mars 2024."],
    )
    referrals_after: Markdown | None = Field(
        None,
        alias="remiss-avslutning",
        title="Efter remissvaren",
        description="Markdown. Fri text efter remissvaren, t.ex. 'Alla som svarat anser …'.",
        examples=["Alla som svarat ställer sig bakom förslaget."],
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
        default_factory=no_items,
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
    extra_points: list[DecisionItem] = Field(
        default_factory=no_items,
        alias="beslutspunkter",
        title="Fler beslutspunkter",
        description="Egna beslutspunkter, t.ex. 'Kommunstyrelsen får i uppdrag att …'. Ett protokollsutdrag har bara dessa.",
        examples=[["Kommunstyrelsen får i uppdrag att ta fram en handlingsplan."]],
    )
    own_decisions: list[DecisionItem] = Field(
        default_factory=no_items,
        alias="egna-beslut",
        title="Kommunstyrelsens egna beslut",
        description=(
            "Beslut som kommunstyrelsen fattar själv, vid sidan av förslaget till kommunfullmäktige. "
            "Förslaget får då två nivåer, var och en med sin rubrik."
        ),
        examples=[["Kommunledningskontorets yttrande antas som kommunstyrelsens yttrande."]],
    )
    motion_reference: Line | None = Field(
        None,
        alias="avser-motion",
        title="Avser motionen",
        description="Diarienumret för motionen som ärendet gäller, när ärendet inte själv har 'motion' (t.ex. ett protokollsutdrag).",
        examples=["KS 2023/00412"],
    )
    decided: Decided | None = Field(
        None,
        alias="beslutat",
        title="Beslutat",
        description=(
            "Vad organet beslutade: organ, datum, paragraf och 'enligt-förslaget: true' eller egna beslutspunkter, "
            "och reservationer. Ur det görs protokollsutdraget, <ärende>-protokollsutdrag.docx."
        ),
        examples=[{"organ": "Kommunfullmäktige", "datum": "2024-03-25", "paragraf": 34, "enligt-förslaget": True}],
    )
    report: MotionReport | None = Field(
        None,
        alias="redovisning",
        title="Redovisning av motioner",
        description="Mappen med motionsregistret och perioden som redovisas.",
        examples=[{"mapp": "motionsregister", "från": "2025-01-01", "till": "2025-06-30"}],
    )
    signatures: list[Person] = Field(
        default_factory=no_items,
        alias="underskrifter",
        title="Underskrifter",
        description="Namn över titel, oftast en chef och handläggaren.",
        examples=[[{"namn": "Anders Neuman", "titel": "Kommundirektör"}, {"namn": "Joel Boudin", "titel": "Utredare"}]],
    )
    approvals: Approvals = Field(
        default_factory=no_items,
        alias="godkännande",
        title="Godkännande",
        description="'Godkänt av', titel och datum, i stället för eller bredvid underskrifterna. Flera: en lista.",
        examples=[{"namn": "Anders Neuman", "titel": "Kommundirektör", "datum": "2024-01-14"}],
    )
    basis: list[AttachmentItem] = Field(
        default_factory=no_items,
        alias="beslutsunderlag",
        title="Beslutsunderlag",
        description="Handlingarna som beslutet grundas på, den här skrivelsen först.",
        examples=[[{"titel": "Tjänsteskrivelse", "datum": "2024-01-15"}, "Motion om integrationsarbetet"]],
    )
    attachments: list[AttachmentItem] = Field(
        default_factory=no_items,
        alias="bilagor",
        title="Bilagor",
        description="Handlingar som följer med skrivelsen.",
        examples=[["Förslag till program för social hållbarhet"]],
    )
    distribution: list[Line] = Field(
        default_factory=no_items,
        alias="skickas-till",
        title="Skickas till",
        description="Vilka beslutet skickas till.",
        examples=[["Motionären", "Akten"]],
    )

    @field_validator(
        "recipient", "body", "paragraph", "motion", "audit_report", "stance", "reference", "decided_by", "own_decisions",
        "report", "decided",
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
        """What the kind needs is a rule (drafter.case.rules.kinds); the model holds to it too,
        so that no template ever sees a case without the fields its kind needs."""
        from drafter.case.rules.kinds import case_rules

        broken = case_rules(self.model_dump(by_alias=True))
        if broken:
            raise ValueError("; ".join(message for _, message in broken))
        return self
