"""The report of ``drafter check`` as text for a person, GitHub Actions annotations, or JUnit XML."""

from __future__ import annotations

from xml.etree import ElementTree

from drafter.ci.outcomes import Outcome, Report

_SEVERITY_WORD = {"error": "fel", "warning": "varning"}


def format_text(report: Report, strict: bool = False) -> str:
    out: list[str] = []
    for outcome in report.outcomes:
        if not (outcome.findings or outcome.note):
            continue
        for finding in outcome.findings:
            word = "fel" if strict else _SEVERITY_WORD[finding.severity]
            p = finding.problem
            out.append(f"{p.file}:{p.line}:{p.column}: {word}: {p.message}")
        if outcome.note:
            out.append(outcome.note)
        if outcome.detail:
            out.append(outcome.detail.rstrip("\n"))
        out.append("")
    out.append(summary(report, strict))
    return "\n".join(out) + "\n"


def summary(report: Report, strict: bool = False) -> str:
    errors, warnings = report.errors(strict), (0 if strict else report.warnings())
    failed = sum(1 for o in report.outcomes if o.failed or (strict and o.warned))
    status = "MISSLYCKADES" if errors else "OK"
    parts = [
        f"drafter check {status}: {len(report.outcomes)} kontroller av {report.cases} ärende(n), "
        f"{report.templates} mall(ar), {report.kinds} dokumenttyp(er) och {report.profiles} profil(er)",
        f"{failed} misslyckade, {errors} fel, {warnings} varning(ar)",
    ]
    if report.updated:
        parts.append(f"{len(report.updated)} godkänd(a) text(er) skrivna")
    return " — ".join(parts) + f" ({report.seconds:.1f} s)"


def _gh_escape(text: str, property_: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def format_github(report: Report, strict: bool = False) -> str:
    """GitHub Actions workflow commands: an annotation on the file and line of every finding."""
    out: list[str] = []
    for outcome in report.outcomes:
        for finding in outcome.findings:
            p = finding.problem
            level = "error" if strict else finding.severity
            message = p.message + (f"\n\n{outcome.detail}" if outcome.detail and finding is outcome.findings[0] else "")
            title = f"drafter check: {outcome.name}"
            out.append(
                f"::{level} file={_gh_escape(p.file, True)},line={p.line},col={p.column},"
                f"title={_gh_escape(title, True)}::{_gh_escape(message)}"
            )
        if outcome.note:
            out.append(f"::notice title={_gh_escape('drafter check', True)}::{_gh_escape(outcome.note)}")
    out.append(summary(report, strict))
    return "\n".join(out) + "\n"


def junit_xml(report: Report, strict: bool = False) -> str:
    """JUnit XML: one test suite per kind of subject, one test case per subject and check."""
    suites = ElementTree.Element("testsuites", name="drafter check")
    by_suite: dict[str, list[Outcome]] = {}
    for outcome in report.outcomes:
        by_suite.setdefault(outcome.suite, []).append(outcome)
    total = failures = skipped_total = 0
    for name, outcomes in by_suite.items():
        failed = sum(1 for o in outcomes if o.failed or (strict and o.warned))
        skipped = sum(1 for o in outcomes if o.skipped)
        suite = ElementTree.SubElement(
            suites, "testsuite", name=name, tests=str(len(outcomes)), failures=str(failed),
            errors="0", skipped=str(skipped), time="0",
        )
        for outcome in outcomes:
            case = ElementTree.SubElement(
                suite, "testcase", classname=f"{name}.{outcome.subject}", name=outcome.name, time="0",
            )
            first = outcome.findings[0].problem if outcome.findings else None
            if first is not None:
                case.set("file", first.file)
                case.set("line", str(first.line))
            if outcome.skipped:
                ElementTree.SubElement(case, "skipped", message=outcome.skipped)
            elif outcome.failed or (strict and outcome.warned):
                errors = [f.problem for f in outcome.findings if f.severity == "error" or strict]
                failure = ElementTree.SubElement(case, "failure", message=errors[0].message, type="drafter")
                failure.text = "\n".join(str(p) for p in errors) + (f"\n\n{outcome.detail}" if outcome.detail else "")
            out_text = [f"varning: {p}" for p in outcome.problems("warning")] if not strict else []
            if outcome.note:
                out_text.append(outcome.note)
            if out_text:
                ElementTree.SubElement(case, "system-out").text = "\n".join(out_text)
        total += len(outcomes)
        failures += failed
        skipped_total += skipped
    suites.set("tests", str(total))
    suites.set("failures", str(failures))
    suites.set("errors", "0")
    suites.set("skipped", str(skipped_total))
    suites.set("time", f"{report.seconds:.3f}")
    ElementTree.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ElementTree.tostring(suites, encoding="unicode") + "\n"
