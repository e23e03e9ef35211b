"""The static template linter of ``drafter check``: syntax, and names, fields and values that do not exist."""

from __future__ import annotations

import difflib
import re
import types
import typing
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import nodes
from pydantic import BaseModel

from drafter.case.model import Case
from drafter.case.rules import Finding
from drafter.ci.outcomes import SUITE_TEMPLATES, Outcome
from drafter.errors import Problem
from drafter.profile.loading import Profile
from drafter.profile.searchpath import SearchPath
from drafter.profile.model import choices
from drafter.text import environment as templating
from drafter.text.names import Computed



def stored_names(templates: list[Path]) -> set[str]:
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


def check_template(
    template: Path, name: str, root: SearchPath, base: Profile | None, shared: set[str] = frozenset()
) -> list[Outcome]:
    """Syntax, and names and fields that do not exist: what Jinja can tell without rendering.
    ``name`` is the template's name in the search path ``root``."""
    subject = str(template)
    syntax = Outcome(SUITE_TEMPLATES, subject, "syntax")
    names = Outcome(SUITE_TEMPLATES, subject, "odefinierade namn")
    if base is not None:
        env = templating.environment(root, base)
    else:  # a broken default profile (reported): the syntax can still be checked
        env = templating.TemplateEnvironment()
        env.filters.update(templating.FILTERS)
    try:
        source = template.read_text(encoding="utf-8")
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
        for p in undefined_names(tree, subject, base.data if base else None, set(env.globals) | shared, root.default_profiles()[0])
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
    if origin in (typing.Union, types.UnionType):
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
    for line, message in wrong_values(tree):
        report(line, message)
    return sorted(problems.values())


def wrong_values(tree: nodes.Template) -> list[tuple[int, str]]:
    """Comparisons of a profile setting with a value it cannot have (``profil.beslutsform ==
    "numerad"``): the allowed values are the profile model's (drafter.profile.model.choices)."""
    allowed = choices()
    found = []
    for compare in tree.find_all(nodes.Compare):
        for left, operand in zip([compare.expr, *(o.expr for o in compare.ops)], compare.ops):
            setting = _setting(left) or _setting(operand.expr)
            other = operand.expr if _setting(left) else left
            if setting not in allowed or operand.op not in ("eq", "ne", "in", "notin"):
                continue
            values = [other] if operand.op in ("eq", "ne") else getattr(other, "items", [])
            for value in values:
                if isinstance(value, nodes.Const) and isinstance(value.value, str) and value.value not in allowed[setting]:
                    guess = difflib.get_close_matches(value.value, allowed[setting], n=1)
                    hint = f" — menade du '{guess[0]}'?" if guess else ""
                    found.append((value.lineno, f"profil.{setting} kan inte vara '{value.value}': "
                                  f"tillåtna värden är {', '.join(allowed[setting])}{hint}"))
    return found


def _setting(node: nodes.Node) -> str | None:
    """``beslutsform`` for ``profil.beslutsform`` or ``profil["beslutsform"]``."""
    if isinstance(node, nodes.Getattr) and isinstance(node.node, nodes.Name) and node.node.name == "profil":
        return node.attr
    if (isinstance(node, nodes.Getitem) and isinstance(node.node, nodes.Name) and node.node.name == "profil"
            and isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str)):
        return node.arg.value
    return None


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
