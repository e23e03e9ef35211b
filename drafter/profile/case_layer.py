"""The profile one case is written with, and what that profile makes the case need.

The layers (the town's settings for the kind, the variants the case names, the case's own
texts) are applied by :meth:`Profile.for_case`; here the case says which. What a case needs
can depend on its profile: a town that prints no addressee line needs no 'mottagare', and a
decision phrasing set to "" must leave the memo with some decision. What the case writes for a
section its profile's order leaves out is a warning, never text lost in silence. Each problem is
located at its line in the case.
"""

from __future__ import annotations

from drafter.case.model import Case
from drafter.case.source import Loaded
from drafter.errors import CaseError, Problem
from drafter.profile.loading import Profile
from drafter.text.placeholders import names

# The case's fields a section of the profile's order ('avsnitt') shows, by section.
_SECTION_FIELDS = {
    "förslag": ("ställningstagande", "beslutspunkter", "egna-beslut"),
    "beslut": ("beslutspunkter",),
    "sammanfattning": ("sammanfattning",),
    "historik": ("historik",),
    "remissvar": ("remiss", "remiss-inledning", "remiss-avslutning"),
    "rekommendationer": ("revisionsrapport",),
    "redogörelse": ("redogörelse",),
    "beslutsunderlag": ("beslutsunderlag",),
    "bilagor": ("bilagor",),
    "underskrifter": ("underskrifter",),
    "godkännande": ("godkännande",),
    "sändlista": ("skickas-till",),
}

# Kinds whose decision comes from the stance on a motion, and the phrasings they use for it.
_STANCE_WORDING = {
    "svar-på-motion": ("motionen", "att-satsen"),
    "yttrande-över-motion": ("nämnden-om-motionen", "nämnden-om-att-satsen"),
}


def case_profile(profile: Profile, case: Case, loaded: Loaded) -> Profile:
    """``profile`` with the layers ``case`` chooses; raises :class:`CaseError`, located in the
    case file, when a layer is wrong or the case lacks what its profile shows."""
    chosen = profile.for_case(case.kind, case.variants, case.profile_layer() or None, loaded)
    problems = [*_addressee(chosen, case, loaded), *_empty_decision(chosen, case, loaded)]
    if problems:
        raise CaseError(problems)
    return chosen


def _addressee(profile: Profile, case: Case, loaded: Loaded) -> list[Problem]:
    """A profile that prints the addressee line needs the case's 'mottagare' (a protokollsutdrag has no such line)."""
    if case.kind == "protokollsutdrag" or case.recipient is not None:
        return []
    if "mottagare" not in names(profile.settings.addressee_line):
        return []
    message = (
        f"dokumenttypen '{case.kind}' behöver fältet 'mottagare': kommunprofilen {profile.name} skriver den "
        f"över rubriken (mottagarrad: \"{profile.settings.addressee_line}\")"
    )
    where = ("mottagare",) if ("mottagare",) in loaded.keys else ("dokument",)  # written empty, or not at all
    return [loaded.problem(where, message, at_value=True)]


def _empty_decision(profile: Profile, case: Case, loaded: Loaded) -> list[Problem]:
    """A memo whose decision phrasings are all "" and that has no points of its own would propose nothing."""
    wording = profile.data["formuleringar"]
    if case.kind == "svar-på-revisionsrapport" and not case.extra_points and not str(wording["revisionssvaret"]).strip():
        message = "beslutet blir tomt: formuleringen 'formuleringar.revisionssvaret' är \"\" och ärendet har inga egna beslutspunkter ('beslutspunkter')"
        return [loaded.problem(("revisionsrapport",), message)]
    keys = _STANCE_WORDING.get(case.kind)
    if keys is None or case.stance is None or case.motion is None or case.extra_points:
        return []
    on_motion, on_proposal = wording[keys[0]], wording[keys[1]]
    if case.stance == "delvis":
        texts = [on_proposal.get(p.stance or "", "") for p in case.motion.proposals]
        phrasing = f"formuleringar.{keys[1]}"
    else:
        texts = [on_motion.get(case.stance, "")]
        phrasing = f"formuleringar.{keys[0]}.{case.stance}"
    if case.kind == "yttrande-över-motion":
        texts.append(wording["yttrandet"])
    if any(str(t).strip() for t in texts):
        return []
    message = f"beslutet blir tomt: formuleringen '{phrasing}' är \"\" och ärendet har inga egna beslutspunkter ('beslutspunkter')"
    return [loaded.problem(("ställningstagande",), message, at_value=True)]


def unshown(profile: Profile, case: Case, loaded: Loaded) -> list[Problem]:
    """Warnings for what the case writes that no section of its profile's order shows."""
    order = profile.data["avsnitt"].get(case.kind)
    minutes = case.kind == "protokollsutdrag"
    data = loaded.data if isinstance(loaded.data, dict) else {}
    found = []
    for section, keys in _SECTION_FIELDS.items():
        if order is None or section in order or section == ("förslag" if minutes else "beslut"):
            continue
        for key in keys:
            value = data.get(key)
            if value is None or value == [] or (isinstance(value, str) and not value.strip()):
                continue
            message = (
                f"'{key}' skrivs inte ut: kommunprofilen {profile.name} har inte avsnittet '{section}' i "
                f"ordningen för {case.kind} ('avsnitt') — lägg till det där, eller välj en variant som har det"
            )
            found.append(loaded.problem((key,), message).as_warning())
    return found
