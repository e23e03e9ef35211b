"""``drafter check``: the templates under CI.

For every sample case: validate it, run the domain rules, render it with its kind and profile,
compare the Markdown with the approved copy beside it (``cases/<name>.md``), build the Word
file and validate every part against the OOXML schemas. For every template: parse it, and
look for names and fields that do not exist, statically. Then report every template, document
kind and profile that no sample case exercised.

Each check is one ``Outcome`` (one test case in a JUnit report). A finding is an error or a
warning; any error makes the run fail. ``update=True`` approves new renderings instead of
failing on them.
"""

from __future__ import annotations

import difflib
import os
import re
import time
import typing
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import jinja2
from jinja2 import nodes
from pydantic import BaseModel

from drafter.text import environment as templating
from drafter.text import view
from drafter.case.files import CASE_SUFFIXES, in_folder
from drafter.case.rules import Finding, check_case
from drafter.errors import DrafterError, Problem
from drafter.case.source import load_file
from drafter.case.model import Case
from drafter.text.view import Computed
from drafter.profile.loading import DEFAULT, PROFILE_FILE, Profile, available, load_default

APPROVED_SUFFIX = ".md"

SUITE_CASES = "ärenden"
SUITE_TEMPLATES = "mallar"
SUITE_KINDS = "dokumenttyper"
SUITE_PROFILES = "profiler"


@dataclass
class Outcome:
    """One check of one subject: a test case in JUnit terms."""

    suite: str
    subject: str  # a case file, a template file, a kind or a profile
    name: str  # the check
    findings: list[Finding] = field(default_factory=list)
    detail: str = ""  # a diff, shown under the findings
    skipped: str = ""  # why the check did not run
    note: str = ""  # what it did besides checking ("godkänd text uppdaterad")

    @property
    def failed(self) -> bool:
        return any(f.severity == "error" for f in self.findings)

    @property
    def warned(self) -> bool:
        return any(f.severity == "warning" for f in self.findings)

    def problems(self, severity: str) -> list[Problem]:
        return [f.problem for f in self.findings if f.severity == severity]


@dataclass
class Report:
    outcomes: list[Outcome]
    cases: int = 0
    templates: int = 0
    kinds: int = 0
    profiles: int = 0
    seconds: float = 0.0
    updated: list[Path] = field(default_factory=list)

    def errors(self, strict: bool = False) -> int:
        return sum(1 for o in self.outcomes for f in o.findings if f.severity == "error" or strict)

    def warnings(self) -> int:
        return sum(1 for o in self.outcomes for f in o.findings if f.severity == "warning")

    def failed(self, strict: bool = False) -> bool:
        return self.errors(strict) > 0


# --- what to check ---------------------------------------------------------------------------


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


def approved_path(case_file: Path) -> Path:
    return case_file.with_suffix(APPROVED_SUFFIX)


def default_profile(root: Path) -> Profile:
    return load_default(root)


def _norm(path: str | Path) -> str:
    return os.path.normpath(str(path))


# --- the run -----------------------------------------------------------------------------------


def run(case_files: list[Path], root: Path, *, update: bool = False, coverage: bool = True) -> Report:
    """Check ``case_files`` against the templates in ``root``. ``coverage`` also reports the
    templates, kinds and profiles none of them uses: meaningful for a whole folder of sample
    cases, not for a few files picked out of it."""
    started = time.perf_counter()
    outcomes: list[Outcome] = []
    templates = sorted(root.rglob("*.j2"))
    profiles = available(root)
    known_kinds = kinds()

    base: Profile | None = None
    try:
        base = default_profile(root)
    except DrafterError as error:  # a broken default profile: every render will say so too
        outcomes.append(Outcome(SUITE_PROFILES, DEFAULT, "läsning", [Finding(p) for p in error.problems]))

    shared = stored_names(templates, root)
    for template in templates:
        outcomes.extend(check_template(template, root, base, shared))

    loaded_templates: set[str] = set()
    used_kinds: set[str] = set()
    used_profiles: set[str] = set()
    updated: list[Path] = []
    for case_file in case_files:
        case_outcomes, case = check_one_case(case_file, root, update, loaded_templates, updated)
        outcomes.extend(case_outcomes)
        if case is not None:
            used_kinds.add(case.kind)
            used_profiles.add(case.municipality)

    outcomes.extend(orphaned_approved(case_files))

    if not coverage:
        return Report(outcomes, len(case_files), len(templates), len(known_kinds), len(profiles),
                      time.perf_counter() - started, updated)
    hint = "lägg till ett provärende som använder den, så att CI prövar den"
    for template in templates:
        used = _norm(template) in loaded_templates
        outcomes.append(
            Outcome(SUITE_TEMPLATES, str(template), "täckning",
                    [] if used else [Finding(Problem(str(template), 1, 1, f"mallen används inte av något provärende — {hint}"))])
        )
    for kind in known_kinds:
        outcomes.append(
            Outcome(SUITE_KINDS, kind, "täckning",
                    [] if kind in used_kinds else [Finding(Problem(str(root), 1, 1, f"dokumenttypen '{kind}' prövas inte av något provärende — {hint}"))])
        )
    for profile in profiles:
        place = root / profile / PROFILE_FILE
        outcomes.append(
            Outcome(SUITE_PROFILES, profile, "täckning",
                    [] if profile in used_profiles else [Finding(Problem(str(place), 1, 1, f"kommunprofilen '{profile}' prövas inte av något provärende — {hint}"))])
        )
    return Report(outcomes, len(case_files), len(templates), len(known_kinds), len(profiles),
                  time.perf_counter() - started, updated)


# --- one case ----------------------------------------------------------------------------------


def check_one_case(
    case_file: Path, root: Path, update: bool, loaded_templates: set[str], updated: list[Path]
) -> tuple[list[Outcome], Case | None]:
    from drafter.pipeline import load_case, render_case

    subject = str(case_file)

    def outcome(name: str, **kwargs: Any) -> Outcome:
        return Outcome(SUITE_CASES, subject, name, **kwargs)

    later = ["rendering", "godkänd text", "word-fil"]
    try:
        case, loaded = load_case(case_file)
    except DrafterError as error:
        skipped = [outcome(n, skipped="ärendefilen är inte giltig") for n in later]
        return [outcome("validering", findings=[Finding(p) for p in error.problems]), *skipped], None

    outcomes = [outcome("validering")]
    for rule, findings in check_case(case, loaded):
        outcomes.append(outcome(f"domänregel: {rule.name}", findings=findings))

    try:
        with _recording_loads(loaded_templates):
            d = render_case(case, loaded, case_file, root)
    except DrafterError as error:
        outcomes.append(outcome("rendering", findings=[Finding(p) for p in error.problems]))
        outcomes += [outcome(n, skipped="renderingen misslyckades") for n in later[1:]]
        return outcomes, case
    outcomes.append(outcome("rendering"))
    approved = compare_approved(case_file, case, d.profile, root, d.markdown, update, updated)
    outcomes.append(approved)
    # The writer locates its problems in the Markdown: that is the approved copy when it matches.
    markdown_file = str(approved_path(case_file)) if not approved.failed else None
    outcomes.append(check_docx(d, subject, markdown_file))
    return outcomes, case


@contextmanager
def _recording_loads(names: set[str]) -> Iterator[None]:
    """Record the file of every template Jinja loads (including from its cache) while rendering."""
    original = jinja2.Environment._load_template

    def load(self: jinja2.Environment, name: str, globals: Any) -> jinja2.Template:
        template = original(self, name, globals)
        if template.filename:
            names.add(_norm(template.filename))
        return template

    jinja2.Environment._load_template = load  # type: ignore[method-assign]
    try:
        yield
    finally:
        jinja2.Environment._load_template = original  # type: ignore[method-assign]


def check_docx(d: Any, subject: str, markdown_file: str | None) -> Outcome:
    from drafter.ci.xsd import validate_docx
    from drafter.pipeline import build_docx

    try:
        data = build_docx(d)
    except DrafterError as error:
        return Outcome(SUITE_CASES, subject, "word-fil", [Finding(_in_markdown(p, subject, markdown_file)) for p in error.problems])
    findings = [Finding(Problem(subject, 1, 1, f"Word-filen följer inte OOXML-schemat: {m}")) for m in validate_docx(data)]
    return Outcome(SUITE_CASES, subject, "word-fil", findings)


def _in_markdown(problem: Problem, subject: str, markdown_file: str | None) -> Problem:
    """A problem the writer found at '<markdown>:LINE': at that line of the approved copy when it
    is the same text, else at the case with the line of the rendered text named."""
    if not problem.file.startswith("<"):
        return problem
    if markdown_file is not None:
        return Problem(markdown_file, problem.line, problem.column, f"{problem.message} (när {subject} renderades)")
    return Problem(subject, 1, 1, f"rad {problem.line} i den renderade texten: {problem.message}")


# --- approved renderings -------------------------------------------------------------------------


def compare_approved(
    case_file: Path, case: Case, profile: Profile, root: Path, markdown: str, update: bool, updated: list[Path]
) -> Outcome:
    approved_file = approved_path(case_file)
    outcome = Outcome(SUITE_CASES, str(case_file), "godkänd text")
    if not approved_file.is_file():
        if update:
            outcome.detail = _diff("", markdown, approved_file)
            _write(approved_file, markdown)
            updated.append(approved_file)
            outcome.note = f"godkänd text skapad: {approved_file}"
        else:
            outcome.findings.append(
                Finding(Problem(str(case_file), 1, 1,
                                f"godkänd text saknas ({approved_file}) — granska texten med 'drafter preview {case_file}' "
                                "och godkänn den med 'drafter check --update'"))
            )
        return outcome
    approved = approved_file.read_text(encoding="utf-8").replace("\r\n", "\n")
    if approved == markdown:
        return outcome
    outcome.detail = _diff(approved, markdown, approved_file)
    if update:
        _write(approved_file, markdown)
        updated.append(approved_file)
        outcome.note = f"godkänd text uppdaterad: {approved_file}"
        return outcome
    old_lines, new_lines = approved.splitlines(), markdown.splitlines()
    changes = [op for op in difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False).get_opcodes() if op[0] != "equal"]
    first_line = changes[0][1] + 1 if changes else 1
    outcome.findings.append(
        Finding(Problem(str(approved_file), min(first_line, max(len(old_lines), 1)), 1,
                        f"den renderade texten skiljer sig från den godkända (för {case_file}) — "
                        "är ändringen avsiktlig, godkänn den med 'drafter check --update'"))
    )
    origins = attribute_lines(case, profile, root, markdown)
    if origins is not None:
        for filename, line, message in _changed_origins(changes, origins, old_lines, new_lines):
            outcome.findings.append(Finding(Problem(filename, line, 1, f"{message} (när {case_file} renderades)")))
    return outcome


def orphaned_approved(case_files: list[Path]) -> list[Outcome]:
    """Approved copies left behind by a case file that was renamed or removed (a warning)."""
    folders = sorted({p.parent for p in case_files})
    outcomes = []
    for folder in folders:
        for approved in sorted(folder.glob(f"*{APPROVED_SUFFIX}")):
            if approved.stem.lower().startswith("readme"):
                continue
            if not any(approved.with_suffix(s).is_file() for s in CASE_SUFFIXES):
                outcomes.append(Outcome(SUITE_CASES, str(approved), "godkänd text utan ärende", [Finding(
                    Problem(str(approved), 1, 1, "godkänd text utan ärendefil bredvid — ta bort den om ärendet har tagits bort eller bytt namn"),
                    "warning",
                )]))
    return outcomes


def _write(path: Path, text: str) -> None:
    with open(path, "w", encoding="utf-8", newline="\n") as file:
        file.write(text)


def _diff(old: str, new: str, approved_file: Path) -> str:
    lines = difflib.unified_diff(
        old.splitlines(keepends=True), new.splitlines(keepends=True),
        fromfile=f"{approved_file} (godkänd)", tofile=f"{approved_file} (renderad nu)",
    )
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


def _changed_origins(
    changes: list[tuple], origins: list[list[tuple[str, int]]], old_lines: list[str], new_lines: list[str]
) -> list[tuple[str, int, str]]:
    """The template lines behind each change, with a message: the lines that wrote the changed
    text, or for text that went missing, the nearest line that wrote text beside the gap."""
    found: dict[tuple[str, int], str] = {}
    for _tag, i1, i2, j1, j2 in changes:
        written = [(row, o) for row in range(j1, j2) for o in origins[row]] if j2 <= len(origins) else []
        for row, origin in written:
            found.setdefault(origin, f"mallraden ger text som skiljer sig från den godkända: '{new_lines[row].strip()[:80]}'")
        if written:
            continue
        missing = next((line.strip() for line in old_lines[i1:i2] if line.strip()), "")
        if not missing:
            continue
        before = next((origins[r] for r in range(min(j1, len(origins)) - 1, -1, -1) if origins[r]), [])
        after = next((origins[r] for r in range(j2, len(origins)) if origins[r]), [])
        for origin in (before[-1:] or after[:1]):
            found.setdefault(origin, f"text som den godkända har saknas efter det mallraden ger: '{missing[:80]}'")
    return [(f, line, message) for (f, line), message in found.items()]


# Characters from a private-use plane mark where each piece of output came from; they cannot
# come from a case file in practice, and they never reach a document.
_OPEN, _CLOSE = "\U000f0000", "\U000f0001"
_MARK = re.compile(f"{_OPEN}([0-9]+){_CLOSE}")


def attribute_lines(case: Case, profile: Profile, root: Path, markdown: str) -> list[list[tuple[str, int]]] | None:
    """For each line of ``markdown``, the template lines (file, line) that wrote it.

    The templates are rendered once more with every output piece prefixed by a marker naming
    its template line; the markers are then read and removed. Output captured into a value
    (macros, call blocks, set blocks) is not marked: the line that places the value is named.
    If the marked rendering does not give the very same text (a template that inspects the
    output of a block), there is no answer.
    """
    origins: list[tuple[str, int]] = []
    env = templating.environment(root, profile)
    plain_parse = env._parse

    def marked_parse(source: str, name: str | None, filename: str | None) -> nodes.Template:
        tree = plain_parse(source, name, filename)
        for output in _stream_outputs(tree):
            pieces: list[nodes.Expr] = []
            for child in output.nodes:
                if isinstance(child, nodes.TemplateData):
                    line = child.lineno
                    for part in child.data.splitlines(keepends=True):
                        pieces += [_marker(origins, filename, line), nodes.TemplateData(part, lineno=line)]
                        line += part.count("\n")
                else:
                    pieces += [_marker(origins, filename, child.lineno), child]
            output.nodes = pieces
        return tree

    env._parse = marked_parse  # type: ignore[method-assign]
    try:
        marked = env.get_template(templating.template_name(case.kind)).render(view.build(case, profile))
    except Exception:
        return None
    lines: list[list[tuple[str, int]]] = []
    plain_lines: list[str] = []
    current: tuple[str, int] | None = None
    for raw in marked.split("\n"):
        seen: list[tuple[str, int]] = []
        text = []
        position = 0
        for match in _MARK.finditer(raw):
            if raw[position:match.start()].strip() and current and current not in seen:
                seen.append(current)
            text.append(raw[position:match.start()])
            current = origins[int(match.group(1))]
            position = match.end()
        if raw[position:].strip() and current and current not in seen:
            seen.append(current)
        text.append(raw[position:])
        lines.append(seen)
        plain_lines.append("".join(text))
    # The same folding as templating.render: blank lines carry no meaning.
    kept = [(line, seen) for line, seen in zip(plain_lines, lines)]
    plain = "\n".join(plain_lines)
    if re.sub(r"\n{3,}", "\n\n", plain).strip() + "\n" != markdown:
        return None
    result = [seen for line, seen in kept if line.strip()]
    if len(result) != sum(1 for line in markdown.splitlines() if line.strip()):
        return None
    # Map back onto every line of the final text, blank lines included.
    out: list[list[tuple[str, int]]] = []
    nonblank = iter(result)
    for line in markdown.splitlines():
        out.append(next(nonblank) if line.strip() else [])
    return out


# Output inside these goes into a value the template may test ({% if text %}), not to the
# document: it is left unmarked, and counts as written by the line that places the value.
_CAPTURED = (nodes.Macro, nodes.CallBlock, nodes.AssignBlock, nodes.FilterBlock)


def _stream_outputs(node: nodes.Node) -> Iterator[nodes.Output]:
    for child in node.iter_child_nodes():
        if isinstance(child, _CAPTURED):
            continue
        if isinstance(child, nodes.Output):
            yield child
        yield from _stream_outputs(child)


def _marker(origins: list[tuple[str, int]], filename: str | None, line: int) -> nodes.TemplateData:
    origins.append((_norm(filename or "<mall>"), line))
    return nodes.TemplateData(f"{_OPEN}{len(origins) - 1}{_CLOSE}", lineno=line)


# --- templates, statically ---------------------------------------------------------------------------


def stored_names(templates: list[Path], root: Path) -> set[str]:
    """Every name some template assigns, imports or defines as a macro.

    A template sees the top-level names of the templates it extends, includes or imports
    (with context); rather than follow those links, a name any template stores counts as known.
    """
    env = jinja2.Environment()
    names: set[str] = set()
    for template in templates:
        try:
            names |= _stored(env.parse(template.read_text(encoding="utf-8")))
        except (jinja2.TemplateSyntaxError, UnicodeDecodeError, OSError):
            continue  # reported by check_template
    return names


def _stored(tree: nodes.Template) -> set[str]:
    stored = {n.name for n in tree.find_all(nodes.Name) if n.ctx in ("store", "param")}
    stored |= {n.target for n in tree.find_all(nodes.Import)}
    stored |= {name if isinstance(name, str) else name[1] for n in tree.find_all(nodes.FromImport) for name in n.names}
    stored |= {n.name for n in tree.find_all(nodes.Macro)}
    return stored


def check_template(template: Path, root: Path, base: Profile | None, shared: set[str] = frozenset()) -> list[Outcome]:
    """Syntax, and names and fields that do not exist: what Jinja can tell without rendering."""
    subject = str(template)
    syntax = Outcome(SUITE_TEMPLATES, subject, "syntax")
    names = Outcome(SUITE_TEMPLATES, subject, "odefinierade namn")
    profile = base
    env = templating.environment(root, profile)
    try:
        source = template.read_text(encoding="utf-8")
        name = template.relative_to(root).as_posix()
        tree = env.parse(source, name, subject)
        env.compile(tree, name, subject)  # unknown filters and tests are found when compiling
    except UnicodeDecodeError:
        syntax.findings.append(Finding(Problem(subject, 1, 1, "mallen är inte sparad som UTF-8")))
    except jinja2.TemplateSyntaxError as error:
        syntax.findings.append(Finding(Problem(subject, error.lineno or 1, 1, f"mallfel: {_syntax_message(error)}")))
    if syntax.findings:
        names.skipped = "mallen kan inte läsas"
        return [syntax, names]
    names.findings = [
        Finding(p)
        for p in undefined_names(tree, subject, base.data if base else None, set(env.globals) | shared, root / DEFAULT / PROFILE_FILE)
    ]
    return [syntax, names]


def _syntax_message(error: jinja2.TemplateSyntaxError) -> str:
    text = error.message or str(error)
    match = re.search(r"The innermost block that needs to be closed is '(\w+)'", text)
    if text.startswith("Unexpected end of template") and match:
        return f"mallen tar slut innan '{{% {match.group(1)} %}}' har stängts — saknas '{{% end{match.group(1)} %}}'?"
    match = re.match(r"Encountered unknown tag '(\w+)'", text)
    if match:
        return f"okänd tagg '{{% {match.group(1)} %}}' (stavfel, eller en tagg som stängs utan att ha öppnats?)"
    match = re.match(r"No (filter|test) named '(.+?)'", text)
    if match:
        what = "filtret" if match.group(1) == "filter" else "testet"
        known = sorted(templating.FILTERS) if match.group(1) == "filter" else []
        guess = difflib.get_close_matches(match.group(2), known, n=1)
        return f"{what} '{match.group(2)}' finns inte" + (f" — menade du '{guess[0]}'?" if guess else "")
    return text


# What a template's variables hold, as far as is known statically.
Shape = tuple  # ("model", cls) | ("list", Shape|None) | ("data", value)
_DICT_METHODS = set(dir(dict))
_IGNORED_NAMES = {"self", "loop", "caller", "varargs", "kwargs", "super"}


def context_shapes(settings: dict | None) -> dict[str, Shape | None]:
    """The names a template may use: the case's fields under their Swedish keys, and ``profil``."""
    shapes = {alias: _shape(annotation) for alias, annotation in _fields(Case).items()}
    shapes.update({alias: _shape(annotation) for alias, annotation in _fields(Computed).items()})
    shapes["profil"] = ("data", settings) if settings is not None else None
    return shapes


def _fields(model: type[BaseModel]) -> dict[str, Any]:
    return {(f.alias or n).replace("-", "_"): f.annotation for n, f in model.model_fields.items()}


def _shape(annotation: Any) -> Shape | None:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _shape(typing.get_args(annotation)[0])
    if origin in (list, tuple):
        args = typing.get_args(annotation)
        return ("list", _shape(args[0]) if args else None)
    if origin in (typing.Union, getattr(__import__("types"), "UnionType", None)):
        real = [a for a in typing.get_args(annotation) if a is not type(None)]
        return _shape(real[0]) if len(real) == 1 else None
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return ("model", annotation)
    return None


def undefined_names(
    tree: nodes.Template, filename: str, settings: dict | None, globals_: set[str], profile_file: Path | None = None
) -> list[Problem]:
    """Top-level names that the context does not have, and fields of the case or the profile
    that do not exist (``motion.rubrk``, ``profil.rubriker.forslag``), with their lines."""
    shapes = context_shapes(settings)
    known = set(shapes) | globals_ | _IGNORED_NAMES
    problems: dict[tuple[int, str], Problem] = {}
    guarded = {n.node.name for n in tree.find_all(nodes.Test) if n.name in ("defined", "undefined") and isinstance(n.node, nodes.Name)}

    def report(line: int, message: str) -> None:
        problems.setdefault((line, message), Problem(filename, line, 1, message))

    # Jinja's own analysis (meta.find_undeclared_variables) takes every name a block uses from an
    # enclosing frame (an import, a loop variable of a scoped block) as undeclared, although
    # the block finds it at run time. Here a name is known if the template stores it anywhere.
    stored = _stored(tree)
    for name_node in tree.find_all(nodes.Name):
        name = name_node.name
        if name_node.ctx != "load" or name in known or name in stored or name in guarded:
            continue
        guess = difflib.get_close_matches(name, sorted(shapes), n=1)
        hint = f" — menade du '{guess[0]}'?" if guess else ""
        report(name_node.lineno, f"'{name}' är inte definierad: ärendet har inget sådant fält{hint}")

    def infer(node: nodes.Node, scope: dict[str, Shape | None]) -> Shape | None:
        if isinstance(node, nodes.Name):
            return scope.get(node.name)
        if isinstance(node, (nodes.Getattr, nodes.Getitem)):
            owner = infer(node.node, scope)
            if isinstance(node, nodes.Getattr):
                key: Any = node.attr
            elif isinstance(node.arg, nodes.Const):
                key = node.arg.value
            else:
                return owner[1] if owner and owner[0] == "list" else None
            return _member(owner, key, node, report, profile_file)
        return None

    def visit(node: nodes.Node, scope: dict[str, Shape | None]) -> None:
        if isinstance(node, nodes.For):
            visit(node.iter, scope)
            inner = dict(scope)
            iterated = infer(node.iter, scope)
            for target in node.target.find_all(nodes.Name) if not isinstance(node.target, nodes.Name) else [node.target]:
                inner[target.name] = None
            if isinstance(node.target, nodes.Name) and iterated and iterated[0] == "list":
                inner[node.target.name] = iterated[1]
            for child in [*node.body, *node.else_]:
                visit(child, inner)
            if node.test is not None:
                visit(node.test, inner)
            return
        if isinstance(node, (nodes.Assign, nodes.AssignBlock)):
            value = infer(node.node, scope) if isinstance(node, nodes.Assign) else None
            for target in [node.target] if isinstance(node.target, nodes.Name) else node.target.find_all(nodes.Name):
                scope[target.name] = value if isinstance(node.target, nodes.Name) else None
        if isinstance(node, (nodes.Macro, nodes.CallBlock, nodes.With)):
            scope = dict(scope)
            for target in node.find_all(nodes.Name):
                if target.ctx in ("store", "param"):
                    scope[target.name] = None
        if isinstance(node, (nodes.Getattr, nodes.Getitem)):
            infer(node, scope)
        for child in node.iter_child_nodes():
            visit(child, scope)

    visit(tree, dict(shapes))
    return sorted(problems.values())


def _member(
    owner: Shape | None, key: Any, node: nodes.Node, report: Callable[[int, str], None], profile_file: Path | None
) -> Shape | None:
    if owner is None or not isinstance(key, str):
        return None
    kind, value = owner
    if kind == "model":
        fields = _fields(value)
        if key in fields:
            return _shape(fields[key])
        if key not in _DICT_METHODS:
            guess = difflib.get_close_matches(key, sorted(fields), n=1)
            hint = f" — menade du '{guess[0]}'?" if guess else f" — fälten är: {', '.join(sorted(fields))}"
            report(node.lineno, f"fältet '{key}' finns inte{hint}")
        return None
    if kind == "data" and isinstance(value, dict):
        if key in value:
            return ("data", value[key])
        if key not in _DICT_METHODS:
            guess = difflib.get_close_matches(key, sorted(value), n=1)
            hint = f" — menade du '{guess[0]}'?" if guess else ""
            where = f" (se {profile_file})" if profile_file else ""
            report(node.lineno, f"profilen har inget fält '{key}' här{where}{hint}")
        return None
    return None


# --- reports ---------------------------------------------------------------------------------------


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
