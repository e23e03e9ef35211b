"""``drafter check``: run every check over the templates and sample cases, and gather the outcomes.

For every sample case: validate it, run the domain rules, render it with its kind and profile,
compare the Markdown with the approved copy beside it (``cases/<name>.md``), build the Word
file and validate every part against the OOXML schemas. For every template: parse it, and
look for names, fields and values that do not exist, statically. Then report every template,
document kind and profile that no sample case exercised.

Each check is one ``Outcome`` (one test case in a JUnit report). A finding is an error or a
warning; any error makes the run fail. ``update=True`` approves new renderings instead of
failing on them. With ``jobs`` > 1 the cases are checked in a pool of processes, forked after
the templates are compiled; the outcomes keep the order of the cases.
"""

from __future__ import annotations

import os
import time
import typing
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import jinja2

from drafter import pipeline
from drafter.case.files import in_folder
from drafter.case.model import Case
from drafter.case.reading import CaseFile
from drafter.case.rules import RULES, Finding, Rule, check_case
from drafter.ci import attribution, lint, snapshots
from drafter.ci.outcomes import SUITE_CASES, SUITE_KINDS, SUITE_PROFILES, SUITE_TEMPLATES, Outcome, Report
from drafter.errors import DrafterError, Problem
from drafter.profile.loading import PROFILE_FILE, Profile, load_default
from drafter.profile.searchpath import DEFAULT, SearchPath, as_search_path
from drafter.text.environment import RecordingEnvironment

__all__ = ["Outcome", "Report", "is_templates_root", "kinds", "run", "split_paths"]


def is_templates_root(folder: Path) -> bool:
    return (folder / DEFAULT / PROFILE_FILE).is_file()


def split_paths(paths: Iterable[Path]) -> tuple[list[Path], Path | None]:
    """Case files (named, or in the folders named) and a templates folder (one with _default/)."""
    cases: list[Path] = []
    root: Path | None = None
    for path in paths:
        if path.is_dir() and is_templates_root(path):
            root = path
        elif path.is_dir():
            cases.extend(in_folder(path))
        else:
            cases.append(path)
    return cases, root


def kinds() -> tuple[str, ...]:
    """The document kinds the model knows: the Literal values of ``Case.kind``."""
    return typing.get_args(Case.model_fields["kind"].annotation)


# A worker costs a compile of every profile's templates and a load of the schemas: worth it
# only from about this many cases per worker.
CASES_PER_WORKER = 20


def default_jobs(cases: int) -> int:
    """How many processes check ``cases`` cases when the user does not say (-j)."""
    return max(1, min(os.cpu_count() or 1, cases // CASES_PER_WORKER))


# --- the run -----------------------------------------------------------------------------------


def run(case_files: list[Path], root: SearchPath | Path, *, update: bool = False, coverage: bool = True, jobs: int = 1) -> Report:
    """Check ``case_files`` against the templates of the search path ``root``. The templates of
    the user's folders are linted (of the bundled ones when the user named none); ``coverage``
    also reports those templates, kinds and profiles none of the cases uses: meaningful for a
    whole folder of sample cases, not for a few files picked out of it. ``jobs`` is how many
    processes check cases."""
    started = time.perf_counter()
    outcomes: list[Outcome] = []
    root = as_search_path(root)
    named = root.templates()
    templates = [path for path, _ in named]
    profiles = sorted({town for layer in root.checked_layers() for town in layer.towns()})
    known_kinds = kinds()

    base: Profile | None = None
    try:
        base = load_default(root)
    except DrafterError as error:  # a broken default profile: every render will say so too
        outcomes.append(Outcome(SUITE_PROFILES, DEFAULT, "läsning", [Finding(p) for p in error.problems]))

    # A template sees the names the templates it extends store: the bundled ones' too.
    shared = lint.stored_names([path for layer in root.layers for path, _ in layer.templates()])
    for template, name in named:
        outcomes.extend(lint.check_template(template, name, root, base, shared))

    checker = CaseChecker(root, update)
    results = checker.check_all(case_files, [DEFAULT, *profiles], jobs)
    loaded_templates: set[str] = set()
    used_kinds: set[str] = set()
    used_profiles: set[str] = set()
    updated: list[Path] = []
    for result in results:
        outcomes.extend(result.outcomes)
        loaded_templates |= result.loaded
        updated.extend(result.updated)
        if result.kind is not None:
            used_kinds.add(result.kind)
            used_profiles.add(result.municipality)

    outcomes.extend(snapshots.orphaned_approved(case_files))

    if coverage:
        outcomes.extend(uncovered(root, templates, known_kinds, profiles, loaded_templates, used_kinds, used_profiles))
    return Report(outcomes, len(case_files), len(templates), len(known_kinds), len(profiles),
                  time.perf_counter() - started, updated)


def uncovered(
    root: SearchPath, templates: list[Path], known_kinds: Iterable[str], profiles: list[str],
    loaded_templates: set[str], used_kinds: set[str], used_profiles: set[str],
) -> list[Outcome]:
    """One coverage outcome per template, kind and profile: a finding if no case used it."""
    hint = "lägg till ett provärende som använder den, så att CI prövar den"
    outcomes = []
    for template in templates:
        used = attribution.norm(template) in loaded_templates
        outcomes.append(
            Outcome(SUITE_TEMPLATES, str(template), "täckning",
                    [] if used else [Finding(Problem(str(template), 1, 1, f"mallen används inte av något provärende — {hint}"))])
        )
    # The kinds are a question for whoever keeps the kinds' templates: the bundled ones, or a user's _default/.
    keeps_kinds = root.own == 0 or any(layer.default_folder() is not None for layer in root.checked_layers())
    for kind in known_kinds if keeps_kinds else ():
        outcomes.append(
            Outcome(SUITE_KINDS, kind, "täckning",
                    [] if kind in used_kinds else [Finding(Problem(str(root.layers[0].folder), 1, 1, f"dokumenttypen '{kind}' prövas inte av något provärende — {hint}"))])
        )
    for profile in profiles:
        place = (root.town(profile) or root.layers[0].folder / profile) / PROFILE_FILE
        outcomes.append(
            Outcome(SUITE_PROFILES, profile, "täckning",
                    [] if profile in used_profiles else [Finding(Problem(str(place), 1, 1, f"kommunprofilen '{profile}' prövas inte av något provärende — {hint}"))])
        )
    return outcomes


# --- one case ----------------------------------------------------------------------------------


@dataclass
class CaseResult:
    """The outcomes of one case file, and what it used: for coverage."""

    outcomes: list[Outcome]
    kind: str | None = None
    municipality: str = ""
    loaded: set[str] = field(default_factory=set)
    updated: list[Path] = field(default_factory=list)


_forked: CaseChecker | None = None  # the checker a forked worker inherits


def _check_in_worker(case_file: Path) -> CaseResult:
    assert _forked is not None
    return _forked.check(case_file)


class CaseChecker:
    """Checks case files against one templates folder, through drafter.pipeline as render does."""

    def __init__(self, root: SearchPath, update: bool):
        self.root = root
        self.update = update
        self.traced: dict[str, attribution.TracedEnvironment] = {}

    def check_all(self, case_files: list[Path], profiles: list[str], jobs: int) -> list[CaseResult]:
        jobs = min(jobs, len(case_files))
        if jobs <= 1:
            return [self.check(case_file) for case_file in case_files]
        import multiprocessing

        if "fork" not in multiprocessing.get_all_start_methods():
            return [self.check(case_file) for case_file in case_files]
        from drafter.ci.xsd import load_schemas

        self.compile_templates(profiles)
        load_schemas()
        pipeline.build_models()
        global _forked
        _forked = self
        try:
            with multiprocessing.get_context("fork").Pool(jobs) as pool:
                return pool.map(_check_in_worker, case_files, chunksize=1)
        finally:
            _forked = None

    def compile_templates(self, profiles: list[str]) -> None:
        """Compile every profile's templates once, for the workers to share. (The traced
        environment is compiled only where a rendering differs from its approved text.)"""
        for name in profiles:
            try:
                _, env = pipeline.prepare(self.root, name, environment=RecordingEnvironment)
            except DrafterError:
                continue  # each case of the profile reports it
            for template in env.list_templates(filter_func=_own_template):
                try:
                    env.get_template(template)
                except jinja2.TemplateError:
                    continue  # the linter and the case's rendering report it

    def traced_environment(self, profile: Profile) -> attribution.TracedEnvironment:
        if profile.name not in self.traced:
            self.traced[profile.name] = attribution.traced_environment(self.root, profile)
        return self.traced[profile.name]

    def check(self, case_file: Path) -> CaseResult:
        subject = str(case_file)

        def outcome(name: str, **kwargs: Any) -> Outcome:
            return Outcome(SUITE_CASES, subject, name, **kwargs)

        later = ["rendering", "godkänd text", "word-fil"]
        try:
            read = pipeline.read(case_file, self.root)
        except DrafterError as error:
            skipped = [outcome(n, skipped="ärendefilen är inte giltig") for n in later]
            return CaseResult([outcome("validering", findings=[Finding(p) for p in error.problems]), *skipped])
        case, loaded = read.case, read.loaded
        assert case is not None and loaded is not None

        result = CaseResult([outcome("validering")], case.kind, case.municipality)
        # The rules pipeline.check runs, one outcome per rule. A case they fail is rendered all
        # the same, so that its template and its approved text are checked too.
        for rule, findings in rule_findings(read, self.root):
            result.outcomes.append(outcome(f"domänregel: {rule.name}", findings=findings))

        # One rendering, in an environment that records the templates it uses (for coverage).
        recorder = self.recorder(case.municipality)
        try:
            d = pipeline.render_case(case, loaded, case_file, self.root, environment=RecordingEnvironment)
        except DrafterError as error:
            result.outcomes.append(outcome("rendering", findings=[Finding(p) for p in error.problems]))
            result.outcomes += [outcome(n, skipped="renderingen misslyckades") for n in later[1:]]
            return result
        finally:
            result.loaded |= recorder.loaded if recorder is not None else set()
        # What the profile's order would leave out of the document (drafter.profile.case_layer.unshown).
        shown = [Finding(replace(p, severity="error"), "warning") for p in d.warnings]
        result.outcomes.append(outcome("rendering", findings=shown))
        approved = snapshots.compare_approved(case_file, d.markdown, self.update, result.updated, lambda: self.trace(d))
        result.outcomes.append(approved)
        # The writer locates its problems in the Markdown: that is the approved copy when it matches.
        markdown_file = str(snapshots.approved_path(case_file)) if not approved.failed else None
        result.outcomes.append(check_docx(d, subject, markdown_file))
        self.check_decision(case_file, d, result)
        return result

    def check_decision(self, case_file: Path, d: pipeline.Draft, result: CaseResult) -> None:
        """The protokollsutdrag of the decision the case records: its own approved text and Word file."""
        try:
            extracts = pipeline.decision_drafts(d, self.root)
        except DrafterError as error:
            name = "rendering (protokollsutdrag)"
            result.outcomes.append(Outcome(SUITE_CASES, str(case_file), name, [Finding(p) for p in error.problems]))
            return
        for e in extracts:
            approved = snapshots.compare_approved(case_file, e.markdown, self.update, result.updated, suffix=e.suffix)
            result.outcomes.append(approved)
            markdown_file = str(snapshots.approved_path(case_file, e.suffix)) if not approved.failed else None
            outcome = check_docx(e, str(case_file), markdown_file)
            outcome.name += f" ({e.suffix.strip('-')})"
            result.outcomes.append(outcome)

    def recorder(self, municipality: str) -> RecordingEnvironment | None:
        """The environment a case of ``municipality`` renders in, its record of templates emptied
        (None if there is no such profile: the rendering reports it)."""
        try:
            env = pipeline.prepare(self.root, municipality, environment=RecordingEnvironment)[1]
        except DrafterError:
            return None
        assert isinstance(env, RecordingEnvironment)
        env.loaded = set()
        return env

    def trace(self, d: pipeline.Draft) -> attribution.Origins | None:
        """Render once more, traced, for the template lines that wrote each line of the text:
        only when it differs from the approved one, to blame the change on them."""
        return attribution.trace(self.traced_environment(d.profile), d.case, d.profile, d.markdown, d.source)


def rule_findings(read: CaseFile, templates: SearchPath) -> list[tuple[Rule, list[Finding]]]:
    """What each rule found when the case file was read, rule by rule, as ``check_case`` gives it
    (an empty list: the rule passed), without running the rules again."""
    assert read.case is not None and read.loaded is not None
    if read.loaded.problems:  # reading ran only the rules on the data then
        return check_case(read.case, read.loaded, templates)
    return [
        (rule, [Finding(replace(f.problem, severity="error"), rule.severity) for f in read.found if f.rule == rule.name])
        for rule in RULES
    ]


def _own_template(name: str) -> bool:
    """A template name an environment resolves in its own search path: ``x.md.j2`` or ``_default/x.md.j2``."""
    return name.endswith(".j2") and ("/" not in name or name.startswith(f"{DEFAULT}/"))


def check_docx(d: pipeline.Draft, subject: str, markdown_file: str | None) -> Outcome:
    from drafter.ci.xsd import validate_docx

    try:
        data = pipeline.build_docx(d)
    except DrafterError as error:
        return Outcome(SUITE_CASES, subject, "word-fil", [Finding(_in_markdown(p, subject, markdown_file)) for p in error.problems])
    from drafter.accessibility import check_docx_accessibility

    findings = [Finding(Problem(subject, 1, 1, f"Word-filen följer inte OOXML-schemat: {m}")) for m in validate_docx(data)]
    # A draft is published after the meeting: the tillgänglighetskrav (EN 301 549) hold for it too.
    findings += [Finding(p) for p in check_docx_accessibility(data, subject)]
    return Outcome(SUITE_CASES, subject, "word-fil", findings)


def _in_markdown(problem: Problem, subject: str, markdown_file: str | None) -> Problem:
    """A problem the writer found at '<markdown>:LINE': at that line of the approved copy when it
    is the same text, else at the case with the line of the rendered text named."""
    if not problem.file.startswith("<"):
        return problem
    if markdown_file is not None:
        return Problem(markdown_file, problem.line, problem.column, f"{problem.message} (när {subject} renderades)")
    return Problem(subject, 1, 1, f"rad {problem.line} i den renderade texten: {problem.message}")
