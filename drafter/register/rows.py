"""The register as rows: one per motion, with its one-year date, days left and expected decision; as a table, CSV or JSON."""

from __future__ import annotations

import csv
import datetime
import io
import json
from collections.abc import Callable
from dataclasses import dataclass

from drafter.register.collect import FINISHED, Motion, Register
from drafter.register.legaltime import days_between, one_year_after

# The columns of the table and the CSV, in order.
COLUMNS = (
    "diarienummer", "rubrik", "motionärer", "väckt", "paragraf", "ettårsdag", "läge", "handläggare",
    "dagar-kvar", "beräknat-beslut",
)


@dataclass(frozen=True)
class Row:
    """One motion in the register, on the day ``as_of``."""

    number: str
    title: str
    authors: tuple[tuple[str, str], ...]
    raised: datetime.date | None
    paragraph: int | None
    deadline: datetime.date | None  # the one-year date (kommunallagen 5 kap. 35 §)
    state: str
    officer: str | None
    days_left: int | None  # negative: overdue; None: the council has finished with it
    expected: datetime.date | None
    municipality: str
    files: tuple[str, ...]

    @property
    def finished(self) -> bool:
        return self.state in FINISHED

    def authors_text(self) -> str:
        return ", ".join(f"{name} ({party})" for name, party in self.authors)


def expected_decision(motion: Motion, as_of: datetime.date, meetings: list[datetime.date]) -> datetime.date | None:
    """When the council is expected to decide: the case's planned date, else the last meeting of
    the council on or before the one-year date (from ``as_of`` on), else the next meeting at all."""
    planned = motion.fact("planerat-beslut")
    if planned is not None:
        return planned
    raised = motion.fact("väckt")
    ahead = sorted(m for m in meetings if m >= as_of)
    if raised is not None:
        in_time = [m for m in ahead if m <= one_year_after(raised)]
        if in_time:
            return in_time[-1]
    return ahead[0] if ahead else None


def last_meeting_in_time(deadline: datetime.date, after: datetime.date, meetings: list[datetime.date]) -> datetime.date | None:
    """The last meeting of the council from ``after`` up to ``deadline``, if the profile lists one."""
    in_time = [m for m in meetings if after <= m <= deadline]
    return max(in_time) if in_time else None


def rows(register: Register, as_of: datetime.date, meetings: Callable[[str], list[datetime.date]]) -> list[Row]:
    """Every motion in the register as it stood on ``as_of``, the oldest first (a motion raised
    later is not in it yet)."""
    result = []
    for motion in register.motions.values():
        raised = motion.fact("väckt")
        if raised is not None and raised > as_of:
            continue
        deadline = one_year_after(raised) if raised else None
        state = motion.state(as_of)
        finished = state in FINISHED
        result.append(
            Row(
                number=motion.number,
                title=motion.fact("rubrik") or "",
                authors=motion.fact("motionärer") or (),
                raised=raised,
                paragraph=motion.fact("väckt-paragraf"),
                deadline=deadline,
                state=state,
                officer=motion.officer(),
                days_left=None if finished or deadline is None else days_between(as_of, deadline),
                expected=None if finished else expected_decision(motion, as_of, meetings(motion.municipality)),
                municipality=motion.municipality,
                files=tuple(str(f) for f in motion.files),
            )
        )
    return sorted(result, key=lambda r: (r.raised or datetime.date.max, r.number))


def _date(day: datetime.date | None) -> str:
    return day.isoformat() if day else ""


def _days(row: Row) -> str:
    if row.days_left is None:
        return ""
    return str(row.days_left) if row.days_left >= 0 else f"{-row.days_left} dagar sen"


def _cells(row: Row) -> list[str]:
    return [
        row.number, row.title, row.authors_text(), _date(row.raised), str(row.paragraph or ""), _date(row.deadline),
        row.state, row.officer or "", "" if row.days_left is None else str(row.days_left), _date(row.expected),
    ]


def as_csv(found: list[Row]) -> str:
    """Semicolon-separated, as Swedish spreadsheets read it; 'dagar-kvar' negative when overdue."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in found:
        writer.writerow(_cells(row))
    return out.getvalue()


def as_json(found: list[Row], as_of: datetime.date) -> str:
    motions = [
        {
            "diarienummer": r.number,
            "rubrik": r.title,
            "motionärer": [{"namn": n, "parti": p} for n, p in r.authors],
            "väckt": {"datum": _date(r.raised) or None, "paragraf": r.paragraph},
            "ettårsdag": _date(r.deadline) or None,
            "läge": r.state,
            "handläggare": r.officer,
            "dagar-kvar": r.days_left,
            "försenad": r.days_left is not None and r.days_left < 0,
            "beräknat-beslut": _date(r.expected) or None,
            "filer": list(r.files),
        }
        for r in found
    ]
    return json.dumps({"datum": as_of.isoformat(), "motioner": motions}, ensure_ascii=False, indent=2) + "\n"


_HEADINGS = ("Dnr", "Motion", "Motionärer", "Väckt", "Ett år", "Läge", "Handläggare", "Dagar kvar", "Beräknat beslut")


def _short(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def as_table(found: list[Row], as_of: datetime.date) -> str:
    """A plain table for the terminal, and a line that sums it up."""
    lines = [
        [
            r.number, _short(r.title, 38), _short(r.authors_text(), 30),
            _date(r.raised) + (f" § {r.paragraph}" if r.paragraph else ""), _date(r.deadline), r.state,
            r.officer or "", _days(r), _date(r.expected),
        ]
        for r in found
    ]
    widths = [max(len(h), *(len(line[i]) for line in lines)) if lines else len(h) for i, h in enumerate(_HEADINGS)]
    text = [
        "  ".join(cell.ljust(w) for cell, w in zip(cells, widths)).rstrip()
        for cells in [list(_HEADINGS), ["-" * w for w in widths], *lines]
    ]
    open_ = [r for r in found if not r.finished]
    late = [r for r in open_ if r.days_left is not None and r.days_left < 0]
    text.append("")
    text.append(
        f"{len(found)} motion(er) den {as_of.isoformat()}: {len(open_)} inte färdigbehandlade, {len(late)} efter ettårsdagen."
    )
    return "\n".join(text) + "\n"
