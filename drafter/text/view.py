"""The view model: everything a template shows, computed in Python from a case and its profile.

Templates stay readable text: they place values and choose a layout, and nothing more. What is
logic lives here — which decision points a stance gives and how they are punctuated, the order
of the sections and where a case's own sections go, "A, B och C", the profile's texts with their
{namn} filled in, the letterhead lines, the title.

The case's own values enter escaped for Markdown (a name with '*' or a title beginning "2025. "
comes out literally); only the fields the model declares as Markdown pass through as written.
The profile's texts are Markdown as their writer wrote them (**fet** in a letterhead line).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from drafter.case.model import Case, MarkdownText
from drafter.profile.loading import Profile
from drafter.register.report import motion_list, report_proposal
from drafter.text.audit import auditors, recommendations_count
from drafter.text.swedish import authors, genitive, iso_date, lower_first, name_list, ordinal, text_date
from drafter.text.markdown import escape, literal_fields, shift_headings
from drafter.text.placeholders import fill, first_filled
from drafter.text.profile_texts import ProfileTexts

# What the first-page parts are called, and the ones a page after the first has.
PAGE_PARTS = ("förstasidhuvud", "sidhuvud", "förstasidfot", "sidfot")
_PART_FIELDS = {"förstasidhuvud": "first_header", "sidhuvud": "header", "förstasidfot": "first_footer", "sidfot": "footer"}
# The mark of a draft rendered before its case was finished (drafter render --ofärdigt).
UNFINISHED = "**UTKAST – ej färdigt**"
# A label can share the first paragraph of a text unless the text begins with a block
# (a list, a heading, a quote, a table): then the label stands alone above it.
_STARTS_A_BLOCK = "-*+#>|0123456789:"


def case_values(case: BaseModel) -> dict[str, Any]:
    """The case under its Swedish keys ('-' written as '_'): plain text escaped for Markdown,
    Markdown fields as written (with {sida} kept as text), everything else as it is."""
    return _value(case)


def _value(value: Any) -> Any:
    if isinstance(value, str):
        return MarkdownText(literal_fields(value)) if isinstance(value, MarkdownText) else escape(value)
    if isinstance(value, (list, tuple)):
        return [_value(v) for v in value]
    if value is not None and isinstance(value, BaseModel):
        return {key: _value(getattr(value, name)) for key, name in _keys(type(value))}
    return value


# Each model's (template key, field name) pairs, made once per model's ``model_fields``.
_model_keys: dict[type[BaseModel], tuple[dict, tuple[tuple[str, str], ...]]] = {}


def _keys(model: type[BaseModel]) -> tuple[tuple[str, str], ...]:
    fields = model.model_fields
    if (found := _model_keys.get(model)) is None or found[0] is not fields:
        found = _model_keys[model] = (fields, tuple(((f.alias or name).replace("-", "_"), name) for name, f in fields.items()))
    return found[1]


def with_label(text: str, label: str, level: int = 3) -> str:
    """A Markdown text after a label in italics ("*Kommentar:* …"), its headings at ``level``."""
    body = shift_headings(str(text), level)
    if text[:1] in _STARTS_A_BLOCK:
        return f"*{label}*\n\n{body}"
    return f"*{label}* {body}"


class View:
    """The template variables of one memo (see :func:`build`)."""

    def __init__(self, case: Case, profile: Profile, unfinished: bool = False, source: Path | None = None):
        self.unfinished = unfinished
        self.source = source  # the case file: a report of motions reads the register beside it
        self.case = case
        self.settings = profile.settings
        self.profile = profile.data
        self.values = case_values(case)
        self.kind = case.kind
        self.placeholders = self._placeholders()
        # From here on the profile's texts are read filled with the case's values.
        self.profile = ProfileTexts(profile.data, self.placeholders)

    # -- values the profile's texts may name ------------------------------------------------

    def _placeholders(self) -> dict[str, Any]:
        v, p, s = self.values, self.profile, self.settings
        motion, report = v["motion"], v["revisionsrapport"]
        raised = motion["väckt"] if motion else None
        officer = v["handläggare"] or dict.fromkeys(("namn", "titel", "telefon", "epost", "mobil", "fax"))
        return {
            "kommun": p["namn"],
            "adress": "\\\n".join(p["adress"]),
            "förvaltning": v["förvaltning"],
            "dokumenttyp": p["dokumenttyp"][self.kind],
            "datum": iso_date(v["datum"]),
            "diarienummer": v["diarienummer"],
            "sidnummer": p["sidnummer"],
            "handläggare": officer["namn"],
            "titel": officer["titel"],
            "telefon": officer["telefon"],
            "epost": officer["epost"],
            "mobil": officer["mobil"],
            "fax": officer["fax"],
            "brevhuvud": "\\\n".join(f"{escape(label)}: {escape(value)}" for label, value in self.case.letterhead.items()),
            "mottagare": v["mottagare"],
            "organ": v["organ"],
            "paragraf": v["paragraf"],
            "motion": motion["rubrik"] if motion else None,
            "ämne": motion["ämne"] if motion else None,
            "ämne-eller-rubrik": (motion["ämne"] or lower_first(motion["rubrik"])) if motion else None,
            "väckt": text_date(raised["datum"]) if raised else None,
            "väckt-paragraf": raised["paragraf"] if raised else None,
            "motionärer": authors(motion["motionärer"], s.authors.party, s.authors.et_al_after) if motion else None,
            "rapport": report["rubrik"] if report else None,
        }

    def fill(self, text: str, **extra: Any) -> str:
        return fill(text, self.placeholders, extra)

    # -- the page: headers, footers, title ---------------------------------------------------

    def page_parts(self) -> list[dict[str, Any]]:
        """The headers and footers that have anything to show, with their lines filled in.

        A protokollsutdrag has the minutes' headers and its signature fields at the foot of
        every page (on the first page only when the first page has parts of its own). An
        unfinished draft says so at the top of every page."""
        minutes = self.kind == "protokollsutdrag"
        pages = self.settings.pages.minutes if minutes else self.settings.pages.memo
        fields = list(pages.signature_fields) if minutes else []
        first_page_own = any(
            getattr(pages, _PART_FIELDS[name]).left or getattr(pages, _PART_FIELDS[name]).right
            for name in ("förstasidhuvud", "förstasidfot")
        )
        parts = []
        for name in PAGE_PARTS:
            columns = getattr(pages, _PART_FIELDS[name])
            left, right = self._lines(columns.left), self._lines(columns.right)
            # The first page shows the following pages' header unless it has parts of its own.
            if self.unfinished and (name == "sidhuvud" or (name == "förstasidhuvud" and first_page_own)):
                left = "\\\n".join(line for line in (UNFINISHED, left) if line)
            signatures = fields if name == "sidfot" or (name == "förstasidfot" and first_page_own) else []
            if left or right or signatures:
                parts.append({"namn": name, "vänster": left, "höger": right, "signaturfält": signatures})
        return parts

    def _lines(self, lines: list[str]) -> str:
        """Lines of a column, filled; a line naming a value the case lacks is left out."""
        return "\\\n".join(line for line in (self.fill(l) for l in lines) if line)

    def addressee_line(self) -> str:
        """The line above the title (most often the addressee); left out when its values are."""
        return self.fill(self.settings.addressee_line)

    def title(self) -> str:
        """The document's title: the case's own, or the profile's for its kind."""
        own = self.values["rubrik"]
        if own:
            return own
        by_kind = self.profile["dokumentrubrik"]
        return self.fill(by_kind[self.kind]) if self.kind in by_kind else ""

    # -- sections ----------------------------------------------------------------------------

    def sections(self) -> list[dict[str, Any]]:
        """The sections in the profile's order, with the case's own sections placed: before or
        after the section they name when it is in the document, else where the profile has
        "avsnitt" (or last, when the order has no such place)."""
        order = list(self.profile["avsnitt"][self.kind])
        own = self.values["avsnitt"]
        placed = [a for a in own if a["efter"] in order or a["före"] in order]
        free = [_own(a) for a in own if a not in placed]
        result: list[dict[str, Any]] = []
        for name in order:
            result += [_own(a) for a in own if a["före"] == name]
            result += free if name == "avsnitt" else [{"namn": name, "rubrik": None, "text": None}]
            result += [_own(a) for a in own if a["efter"] == name]
        if "avsnitt" not in order:
            result += free
        return result

    # -- the decision --------------------------------------------------------------------------

    def decision_points(self, points: list[str], numbers_from: int = 1) -> list[dict[str, Any]]:
        """Points in the profile's decision form, each a sentence ending where the form says:
        numbered and paragraph points end with ".", att-satser with ",", " och" and "."."""
        form = self.settings.decision_form
        points = [p for p in points if not isinstance(p, str) or p.strip()]  # a phrasing set to "" proposes nothing
        result = []
        for i, point in enumerate(points):
            items = [] if isinstance(point, str) else list(point["lista"])
            point = point if isinstance(point, str) else point["text"]
            text = point[:-1] if point.endswith(".") and not items else point
            if form == "att-satser":
                text = text if text.startswith("att ") else "att " + text[:1].lower() + text[1:]
                last = len(points) - 1 - i
                text += "" if items else "." if last == 0 else (" och" if last == 1 else ",")
            elif not items:  # a point with a list ends as its writer wrote it ("…följande:")
                text += "."
            result.append({"nummer": numbers_from + i, "text": text, "lista": items})
        return result

    def two_levels(self, own: list, points: list) -> list[dict[str, Any]]:
        """The board's own decisions and its proposal to the council, each under its heading."""
        first = self.decision_points(own)
        # A town may number the proposal to the council on from the board's own decisions.
        on_from = len(first) + 1 if self.settings.decision_numbering == "löpande" else 1
        headings = self.profile["rubriker"]
        return [
            {"rubrik": headings["egna-beslut"], "punkter": first},
            {"rubrik": headings["förslag-till-fullmäktige"], "punkter": self.decision_points(points, on_from)},
        ]

    def proposal(self) -> dict[str, Any] | None:
        """The decision proposal of a memo: its heading, the line before the points, and the
        points; with the case's own decisions of the board ('egna-beslut'), two levels, each
        under its heading and without the line before."""
        builder = _PROPOSALS.get(self.kind)
        if builder is None:
            return None
        points, preamble, heading = builder(self)
        points = points + self.values["beslutspunkter"]
        own = self.values.get("egna_beslut") or []
        headings = self.profile["rubriker"]
        if own:
            return {"rubrik": headings[heading], "ingress": "", "nivåer": self.two_levels(own, points)}
        return {
            "rubrik": headings[heading],
            "ingress": preamble,
            "nivåer": [{"rubrik": "", "punkter": self.decision_points(points)}],
        }

    def decision(self) -> dict[str, Any] | None:
        """The decision of a protokollsutdrag: the body decides, point by point; with the board's
        own decisions beside its proposal to the council (an extract of a memo with 'egna-beslut'),
        two levels under the memo's headings."""
        if self.kind != "protokollsutdrag":
            return None
        headings = self.profile["rubriker"]
        own = self.values.get("egna_beslut") or []
        points = self.values["beslutspunkter"]
        levels = self.two_levels(own, points) if own else [{"rubrik": "", "punkter": self.decision_points(points)}]
        preamble = "" if own else self.profile["formuleringar"]["ingress"]["protokoll"]
        return {"rubrik": headings["beslut"], "ingress": preamble, "nivåer": levels,
                "punkter": [p for level in levels for p in level["punkter"]]}

    def _motion_points(self, on_motion: dict[str, str], on_proposal: dict[str, str]) -> list[str]:
        """The stance on the motion as decision points: one for the whole motion, or with
        'delvis' one per att-sats ("Motionens andra att-sats avslås"). A reference ("med
        hänvisning till …") goes with a rejection or "anses besvarad", not with an approval."""
        stance = self.values["ställningstagande"]
        if stance == "delvis":
            forms = self.profile["formuleringar"]["delvis"]
            points = []
            for i, a in enumerate(self.values["motion"]["att_satser"], start=1):
                own = {"ordningstal": ordinal(i), "avser": a["avser"],
                       "om-motionen": on_motion[a["ställningstagande"]], "om-att-satsen": on_proposal[a["ställningstagande"]]}
                points.append(first_filled(forms, self.placeholders, own) + self._reference(a["ställningstagande"], a["hänvisning"]))
            return points
        return [on_motion[stance] + self._reference(stance)]

    def _reference(self, stance: str, own: str | None = None) -> str:
        """" med hänvisning till …": an att-sats's own reference always, the case's with a
        rejection or "anses besvarad"."""
        reference = own or (self.values["hänvisning"] if stance in ("avslag", "besvarad") else None)
        if reference:
            return f" {self.profile['formuleringar']['hänvisning']} {reference}"
        return ""

    # -- texts of the summary and the other sections -------------------------------------------

    def motion_opening(self) -> str:
        """The generated summary's first sentence, on who raised the motion and when."""
        return first_filled(self.profile["formuleringar"]["motionen-lämnades"], self.placeholders)

    def prepared(self) -> str:
        """The closing sentence of a generated summary ("… har upprättat ett förslag …")."""
        forms = self.profile["formuleringar"]["upprättat"].get(self.kind, [])
        return first_filled(forms, self.placeholders)

    def referrals(self) -> list[dict[str, Any]]:
        """The bodies the case was referred to, each with when it answered as running text
        ("den 18 oktober 2017, § 68,") and the sentence for a body that did not answer."""
        result = []
        for r in self.values["remiss"]:
            when = ""
            if r["datum"]:
                when = f"den {text_date(r['datum'])}" + (f", § {r['paragraf']}," if r["paragraf"] else "")
            wording = self.profile["formuleringar"]
            own = {"organ": r["organ"], "organ-genitiv": genitive(r["organ"]), "när": when or None,
                   "beslut": r["beslut"], "datum": text_date(r["datum"]) if r["datum"] else None, "paragraf": r["paragraf"]}
            no_answer = self.fill(wording["inget-svar"], organ=r["organ"])
            said = "beslut" if r["beslut"] else "yttrande" if r["yttrande"] else None
            sentence = first_filled(wording["remissvaret"][said], self.placeholders, own) if said else ""
            heading = self.fill(wording["remissrubrik"], **own) if wording["remissrubrik"] else ""
            result.append({**r, "när": when, "inget_svar": no_answer, "mening": sentence, "rubrik": heading})
        return result

    def events(self) -> list[dict[str, Any]]:
        """The case's history, each event with its sentence ('text') in the profile's first form
        for its kind whose values all exist ("X beslutade den 14 juni 2017, § 158, att …")."""
        forms = self.profile["formuleringar"]["historik"]
        motion = self.values["motion"]
        raised = motion["väckt"]["datum"] if motion and motion["väckt"] else None
        result = []
        for h in self.values["historik"]:
            own = {
                "organ": h["organ"],
                "organ-genitiv": genitive(h["organ"]),
                "datum": text_date(h["datum"]),
                "paragraf": h["paragraf"],
                "beslut": h["beslut"],
                "till": h["till"],
                "annan-dag": None if h["datum"] == raised else text_date(h["datum"]),
            }
            result.append({**h, "text": first_filled(forms.get(h["händelse"], ()), self.placeholders, own)})
        return result

    def referred(self) -> str:
        bodies = name_list(r["organ"] for r in self.values["remiss"])
        return self.fill(self.profile["formuleringar"]["remitterad"], remissinstanser=bodies)

    def documents(self, key: str) -> list[str]:
        """Decision basis or attachments, each in the profile's first form whose values exist."""
        forms = self.profile["formuleringar"]["handling"]
        return [
            first_filled(forms, self.placeholders, {"titel": d["titel"], "datum": iso_date(d["datum"]) if d["datum"] else None, "från": d["från"]})
            for d in self.values[key]
        ]


def _own(section: dict[str, Any]) -> dict[str, Any]:
    return {"namn": "eget", "rubrik": section["rubrik"], "text": section["text"]}


def _answer(view: View) -> tuple[list[str], str, str]:
    wording = view.profile["formuleringar"]
    points = view._motion_points(wording["motionen"], wording["att-satsen"])
    return points, wording["ingress"][view.values["beslutas_av"]], "förslag"


def _opinion(view: View) -> tuple[list[str], str, str]:
    wording = view.profile["formuleringar"]
    points = view._motion_points(wording["nämnden-om-motionen"], wording["nämnden-om-att-satsen"])
    return [wording["yttrandet"], *points], wording["ingress"]["nämnden"], "förslag-i-nämnden"


def _memo(view: View) -> tuple[list[str], str, str]:
    return [], view.profile["formuleringar"]["ingress"][view.values["beslutas_av"]], "förslag"


def _audit_answer(view: View) -> tuple[list[str], str, str]:
    wording = view.profile["formuleringar"]
    return [wording["revisionssvaret"]], wording["ingress"]["nämnden"], "förslag"


# What each kind proposes besides the case's own decision points: (points, preamble, heading).
_PROPOSALS: dict[str, Callable[[View], tuple[list[str], str, str]]] = {
    "svar-på-motion": _answer,
    "yttrande-över-motion": _opinion,
    "tjänsteskrivelse": _memo,
    "svar-på-revisionsrapport": _audit_answer,
    "redovisning-av-motioner": report_proposal,
}


def build(case: Case, profile: Profile, unfinished: bool = False, source: Path | None = None) -> dict[str, Any]:
    """The variables of a kind's template: the case's values under their Swedish keys (see
    :func:`case_values`), the profile as written (``profil``), and what is computed here
    (:class:`drafter.text.names.Computed`, which also tells the template linter what each name holds)."""
    view = View(case, profile, unfinished, source)
    computed = {
        "värden": view.placeholders,
        "sidor": view.page_parts(),
        "dokumentrubrik": view.title(),
        "mottagarrad": view.addressee_line(),
        "avsnitten": view.sections(),
        "förslag": view.proposal(),
        "beslut": view.decision(),
        "motionärer": view.placeholders["motionärer"],
        "upprättat": view.prepared(),
        "motionen_lämnades": view.motion_opening() if view.values["motion"] else "",
        "motionärerna_föreslår": view.profile["formuleringar"]["motionärerna-föreslår"],
        "händelser": view.events(),
        "remiss": view.referrals(),
        "remitterad": view.referred() if view.values["remiss"] else "",
        "underlag": view.documents("beslutsunderlag"),
        "bilagelista": view.documents("bilagor"),
        "revisorerna": auditors(view),
        "antal_rekommendationer": recommendations_count(view),
        "motionslista": motion_list(view),
    }
    return {**view.values, "profil": view.profile, **computed}
