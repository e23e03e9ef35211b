"""The half-yearly report of motions not yet answered: its list of motions and what it proposes, from the register."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

from drafter.case.model import Case
from drafter.case.source import load_file
from drafter.errors import CaseError, Problem
from drafter.text.markdown import escape
from drafter.text.swedish import iso_date, text_date

if TYPE_CHECKING:
    from drafter.register.rows import Row

_NUMBER_WORDS = ["en", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio", "tio", "elva", "tolv"]


def _count(n: int) -> str:
    word = _NUMBER_WORDS[n - 1] if 0 < n <= len(_NUMBER_WORDS) else str(n)
    return f"{word} {'motion' if n == 1 else 'motioner'}"


def _cell(text: str) -> str:
    return escape(text).replace("|", "\\|")


def _located(source: Path | None, path: tuple, message: str) -> Problem:
    if source is None:
        return Problem("<ärende>", 1, 1, message)
    return load_file(source).problem(path, message, at_value=True)


# A report's list, read once per view model (its proposal and its table both need it).
_LISTS: WeakKeyDictionary[Any, dict[str, Any]] = WeakKeyDictionary()


def motion_list(view: Any) -> dict[str, Any] | None:
    """The list of a report of motions for the view model ``view`` (drafter.text.view); None for other kinds."""
    case = view.case
    if case.report is None:
        return None
    if view not in _LISTS:
        wording = view.profile["formuleringar"]["redovisningen"]
        _LISTS[view] = motion_report(case, view.settings, wording, view.fill, view.source)
    return _LISTS[view]


def report_proposal(view: Any) -> tuple[list[str], str, str]:
    """What a report of motions proposes: that it be placed on file, and each write-off."""
    wording = view.profile["formuleringar"]
    write_off = (motion_list(view) or {"avskrivs": []})["avskrivs"]
    return [wording["redovisningen"]["förslag"], *write_off], wording["ingress"][view.values["beslutas_av"]], "förslag"


def register_folder(case: Case, source: Path | None) -> Path:
    """The register a report reads: its 'mapp', from the case file's own folder."""
    assert case.report is not None
    base = source.parent if source is not None else Path.cwd()
    return base / case.report.folder


def motion_report(case: Case, settings: Any, wording: Any, fill: Callable[..., str], source: Path | None) -> dict[str, Any]:
    """The motions not finished at the end of the report's period, as table rows, the opening
    text, and a decision point for each motion proposed to be written off.

    The report reads the register as it is; problems in other files of the register are the
    register's (``drafter motioner`` shows them): only a write-off naming a motion the register
    does not have stops the report."""
    from drafter.register.collect import read_register  # the register only for a report: other cases start faster
    from drafter.register.rows import rows

    report = case.report
    assert report is not None
    folder = register_folder(case, source)
    if not folder.is_dir():
        raise CaseError([_located(source, ("redovisning", "mapp"), f"mappen '{report.folder}' finns inte ({folder})")])
    register = read_register(folder)
    found = rows(register, report.end, lambda municipality: list(settings.meetings))
    listed = [
        r for r in found
        if r.municipality == case.municipality and not r.finished and r.raised is not None and r.raised <= report.end
    ]
    by_number = {r.number: r for r in found}
    missing = [
        _located(source, ("redovisning", "avskrivs", i), f"motionen '{number}' finns inte i registret ({folder})")
        for i, number in enumerate(report.write_off)
        if number not in by_number
    ]
    if missing:
        raise CaseError(missing)
    period = {"från": text_date(report.start), "till": text_date(report.end), "antal": _count(len(listed))}
    return {
        "inledning": fill(wording["inledning"], **period),
        "inga": fill(wording["inga-motioner"], **period),
        "kolumner": [_cell(c) for c in wording["kolumner"]],
        "motioner": [_row(r) for r in listed],
        "avskrivs": [
            fill(wording["avskrivs"], motion=escape(by_number[n].title), diarienummer=escape(n)) for n in report.write_off
        ],
    }


def _row(row: Row) -> dict[str, str]:
    motion = f"{row.title} – {row.authors_text()} ({row.number})"
    raised = iso_date(row.raised) + (f", § {row.paragraph}" if row.paragraph else "") if row.raised else ""
    return {
        "motion": _cell(motion),
        "väckt": _cell(raised),
        "ettårsdag": iso_date(row.deadline) if row.deadline else "",
        "läge": _cell(row.state + (" (efter ettårsdagen)" if row.days_left is not None and row.days_left < 0 else "")),
        "beräknat": iso_date(row.expected) if row.expected else "",
    }
