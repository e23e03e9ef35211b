"""Rules about the people who sign: a memo's approver is someone other than its signers."""

from __future__ import annotations

from collections.abc import Iterator

from drafter.case.model import Case
from drafter.case.source import Loaded
from drafter.errors import Problem


def _same_person(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def approver_also_signs(loaded: Loaded, case: Case) -> Iterator[Problem]:
    """"Godkänt av" records that someone besides the signers has approved the memo: the same
    name twice is usually a copy-paste slip, so it is shown as a warning at the approver."""
    for n, approval in enumerate(case.approvals):
        # 'godkännande' is one mapping or a list of them
        at = ("godkännande", n, "namn") if ("godkännande", n, "namn") in loaded.values else ("godkännande", "namn")
        for i, person in enumerate(case.signatures):
            if _same_person(person.name, approval.name):
                yield loaded.problem(
                    at,
                    f"{approval.name} står både under 'godkännande' och bland 'underskrifter' "
                    f"(nummer {i + 1}) — den som godkänner är oftast en annan än den som skriver under; "
                    "ta bort godkännandet eller ange rätt person",
                    at_value=True,
                )
                break
