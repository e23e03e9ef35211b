"""The computed texts of an answer to an audit report: how many recommendations, and who the auditors are."""

from __future__ import annotations

from typing import Any

_NUMBER_WORDS = ["en", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio", "tio", "elva", "tolv"]


def recommendations_count(view: Any) -> str:
    """"tre rekommendationer": how many recommendations an audit report gives, in words."""
    report = view.values["revisionsrapport"]
    if not report:
        return ""
    n = len(report["rekommendationer"])
    number = _NUMBER_WORDS[n - 1] if n <= len(_NUMBER_WORDS) else str(n)
    return f"{number} {'rekommendation' if n == 1 else 'rekommendationer'}"


def auditors(view: Any) -> str:
    """The auditors' name: the report's own 'från', or the profile's."""
    report = view.values["revisionsrapport"]
    return (report["från"] if report and report["från"] else None) or view.profile["formuleringar"]["revisorerna"]
