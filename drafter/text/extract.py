"""The protokollsutdrag of a decision a case records ('beslutat'): a case of kind protokollsutdrag made from it.

The decision is written once, in the case that proposed it; its extract is rendered from the
same case, with the same profile and templates as every protokollsutdrag. "Enligt förslaget"
takes the points the memo proposed, exactly as the memo words them, in the memo's two levels
when the board has decisions of its own beside its proposal to the council; otherwise the
body's own points. Reservations follow under their heading.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from drafter.case.decisions import PointWithList
from drafter.case.model import Case, MarkdownText, Section
from drafter.profile.loading import Profile
from drafter.text.markdown import escape
from drafter.text.view import View

# The document an extract gives: its name is the case's own, with this added.
EXTRACT_SUFFIX = "-protokollsutdrag"


def _as_point(point: dict[str, Any]) -> Any:
    """A point of the memo's proposal (Markdown, perhaps with a list) as a decision point of a case,
    kept as Markdown so that it is not escaped a second time."""
    if not point["lista"]:
        return MarkdownText(point["text"])
    return PointWithList.model_construct(text=MarkdownText(point["text"]), items=[MarkdownText(i) for i in point["lista"]])


def _proposed(case: Case, profile: Profile) -> tuple[list[Any], list[Any]]:
    """The board's own decisions and the proposal to the deciding body, as the memo words them.
    Read in the paragraph form, whose points end with "." that the extract's own form replaces."""
    plain = replace(profile, settings=profile.settings.model_copy(update={"decision_form": "stycken"}))
    proposal = View(case, plain).proposal()
    levels = [[_as_point(p) for p in level["punkter"]] for level in (proposal or {"nivåer": []})["nivåer"]]
    if len(levels) > 1:
        return levels[0], levels[-1]
    return [], levels[0] if levels else []


def decided_points(case: Case, profile: Profile) -> tuple[list[Any], list[Any]]:
    """The points the body decided, as Markdown, in two levels as the memo has them: the board's
    own decisions ('egna-beslut') and the rest (what it proposes to the council, or the body's
    own points); the first is empty when the decision has one level."""
    decided = case.decided
    assert decided is not None
    if not decided.as_proposed:
        return [], [MarkdownText(escape(p)) for p in decided.points]
    own, proposed = _proposed(case, profile)
    from drafter.register.collect import council_or_board

    # The council decides what the board proposed to it; the board decides its own points too.
    if council_or_board(decided.body) == "KF":
        return [], proposed
    return own, proposed


def _proposes_to_council(case: Case) -> bool:
    """The board decided, as proposed, what it proposes to the council (no decisions of its own)."""
    from drafter.register.collect import council_or_board

    decided = case.decided
    return (
        decided is not None and decided.as_proposed and council_or_board(decided.body) == "KS"
        and case.decided_by == "kommunfullmäktige" and not case.own_decisions
    )


def extract_texts(case: Case, profile: Profile) -> dict | None:
    """Profile texts of the extract's own: when the board proposed to the council, its minutes
    say so ("Kommunstyrelsen föreslår kommunfullmäktige besluta") instead of "… beslutar"."""
    if not _proposes_to_council(case):
        return None
    preamble = profile.data["formuleringar"]["ingress"]["kommunfullmäktige"]
    return {"formuleringar": {"ingress": {"protokoll": preamble}}}


def extract_case(case: Case, profile: Profile, title: str) -> Case:
    """The protokollsutdrag of ``case``'s decision. ``title`` is the memo's title as Markdown."""
    decided = case.decided
    assert decided is not None
    own, proposed = decided_points(case, profile)
    sections = []
    if decided.reservations:
        text = "\n\n".join(escape(r) for r in decided.reservations)
        heading = profile.settings.headings.reservations
        sections.append(Section.model_validate({"rubrik": heading, "text": text, "efter": "beslut"}))
    return case.model_copy(
        update={
            "kind": "protokollsutdrag",
            "body": decided.body,
            "date": decided.date,
            "paragraph": decided.paragraph,
            "title": MarkdownText(title),
            "title_line": None,
            "recipient": None,
            "extra_points": proposed,
            "own_decisions": own,  # the board's own decisions: the extract then has two levels
            "sections": sections,
            "decided": None,
            "stance": None,
            "summary": case.summary,
            "history": [],
            "referrals": [],
            "signatures": [],
            "approvals": [],
            "referrals_before": None,
            "referrals_after": None,
        }
    )
