"""Rules of what each document kind needs: the fields it requires, and the fields that go together.

They read the data as a case file writes it (Swedish keys), so they can be checked, and
located, even when other fields of the file are invalid. The case model holds to the same
rules (so no template sees a case without what its kind needs); here they get their places.
"""

from __future__ import annotations

from collections.abc import Iterator

from drafter.case.model import KIND_REQUIRES
from drafter.case.source import Loaded
from drafter.errors import Problem


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
        if not _empty(data.get(key)):
            continue
        if key in data:  # written, but empty: said at its value
            found.append(((key,), f"'{key}' är tomt — fyll i ett värde"))
        else:
            found.append((("dokument",), f"dokumenttypen '{kind}' behöver fältet '{key}'"))
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


def kind_needs(loaded: Loaded, case: object = None) -> Iterator[Problem]:
    """The rule: each broken requirement at its field (a missing field at the kind)."""
    data = loaded.data if isinstance(loaded.data, dict) else {}
    needed = KIND_REQUIRES.get(str(data.get("dokument")), ())
    for path, message in case_rules(data):
        # A missing field at the kind's value, a field written empty at its own.
        yield loaded.problem(path, message, at_value=path[:1] == ("dokument",) or (len(path) == 1 and path[0] in needed))
