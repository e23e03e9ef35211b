"""The Jinja2 environment: where a kind's templates are found, the filters, and rendering to Markdown.

Templates run sandboxed with undefined names as errors, over the variables the view model
computes (drafter.text.view). A failure is reported at the template's file and line. The
sandbox also bounds a template's work, so that a slip (``range(10**9)``, ``"x" * 10**10``, a
macro that calls itself) is a located error instead of a hang or a crash.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Any

import jinja2
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment, SandboxedEnvironment

from drafter.case.model import MarkdownText
from drafter.errors import Problem, TemplateError
from drafter.profile.loading import Profile
from drafter.profile.searchpath import DEFAULT, SearchPath, as_search_path
from drafter.text.markdown import shift_headings
from drafter.text.placeholders import MissingValue, fill
from drafter.text.swedish import iso_date, lower_first, name_list, ordinal, person, text_date
from drafter.text.view import with_label


def markdown_field(text: str, level: int = 3) -> MarkdownText:
    """A Markdown field placed in a section: its headings become level ``level`` and below."""
    return MarkdownText(shift_headings(str(text), level))


def labelled(text: str, label: str, level: int = 3) -> MarkdownText:
    """A Markdown field after a label in italics ("*Kommentar:* …")."""
    return MarkdownText(with_label(str(text), label, level))


FILTERS = {
    "fyll": fill,
    "datum": iso_date,
    "textdatum": text_date,
    "namnlista": name_list,
    "person": person,
    "ordningstal": ordinal,
    "liten_början": lower_first,
    "markdown": markdown_field,
    "med_ledtext": labelled,
}


BUNDLED = "drafter"  # the prefix of the bundled templates' names

# How much work one rendering may do. A memo is a few pages; these are far beyond any real one.
MAX_RANGE = 100_000  # items in one range()
MAX_STEPS = 1_000_000  # range() items over one rendering: nested loops multiply
MAX_SEQUENCE = 10_000_000  # characters or items one *, + or padding may make
MAX_POWER_BITS = 100_000  # size of a number a ** may make
MAX_OUTPUT = 10_000_000  # characters of Markdown

_steps: ContextVar[list[int] | None] = ContextVar("drafter_template_steps", default=None)
_PADDING = frozenset({"center", "ljust", "rjust", "zfill"})


def _too_much(what: str) -> SecurityError:
    return SecurityError(f"mallen gör för mycket arbete: {what} (en slinga eller upprepning utan slut?)")


def bounded_range(*args: int) -> range:
    """``range`` for templates: at most MAX_RANGE items, and MAX_STEPS over a whole rendering."""
    items = range(*args)
    if len(items) > MAX_RANGE:
        raise _too_much(f"range() med {len(items)} steg, högst {MAX_RANGE} går")
    steps = _steps.get()
    if steps is not None:
        steps[0] += len(items)
        if steps[0] > MAX_STEPS:
            raise _too_much(f"slingorna går mer än {MAX_STEPS} varv sammanlagt")
    return items


def _size(value: Any) -> int | None:
    return len(value) if isinstance(value, (str, list, tuple)) else None


class TemplateEnvironment(ImmutableSandboxedEnvironment):
    """The sandbox with a template's work bounded: range lengths, the size of what ``*``, ``+``
    and ``**`` make, and string padding. Output size and recursion are bounded in :func:`render`."""

    intercepted_binops = frozenset({"*", "+", "**"})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.globals["range"] = bounded_range

    def call_binop(self, context: jinja2.runtime.Context, operator_: str, left: Any, right: Any) -> Any:
        if operator_ == "*":
            for sequence, times in ((left, right), (right, left)):
                if _size(sequence) is not None and isinstance(times, int) and _size(sequence) * times > MAX_SEQUENCE:
                    raise _too_much(f"upprepningen ger {_size(sequence) * times} tecken eller element, högst {MAX_SEQUENCE} går")
        elif operator_ == "+":
            if _size(left) is not None and _size(right) is not None and _size(left) + _size(right) > MAX_SEQUENCE:
                raise _too_much(f"sammanfogningen ger över {MAX_SEQUENCE} tecken eller element")
        elif operator_ == "**":
            if (isinstance(left, int) and isinstance(right, int) and abs(left) > 1 and right > 0
                    and right * abs(left).bit_length() > MAX_POWER_BITS):
                raise _too_much(f"talet {left} ** {right} blir för stort")
        return super().call_binop(context, operator_, left, right)

    def call(__self, __context: jinja2.runtime.Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        if (getattr(__obj, "__name__", None) in _PADDING and isinstance(getattr(__obj, "__self__", None), str)
                and args and isinstance(args[0], int) and args[0] > MAX_SEQUENCE):
            raise _too_much(f"{__obj.__name__}({args[0]}) ger för lång text, högst {MAX_SEQUENCE} tecken går")
        return super().call(__context, __obj, *args, **kwargs)


class RecordingEnvironment(TemplateEnvironment):
    """The templates' environment, recording the file of every template a rendering uses (for
    drafter check's coverage). ``get_template`` and ``select_template`` are what extends, include
    and import call at run time; the templates compile to the very same code."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.loaded: set[str] = set()  # files of the templates used since ``loaded`` was last emptied

    def get_template(self, *args: Any, **kwargs: Any) -> jinja2.Template:
        return self._record(super().get_template(*args, **kwargs))

    def select_template(self, *args: Any, **kwargs: Any) -> jinja2.Template:
        return self._record(super().select_template(*args, **kwargs))

    def _record(self, template: jinja2.Template) -> jinja2.Template:
        if template.filename:
            self.loaded.add(os.path.normpath(template.filename))
        return template


class _QuietBytecodeCache(jinja2.FileSystemBytecodeCache):
    """A cache that cannot be written (a read-only home, a full disk) only costs speed."""

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


def bytecode_cache(cls: type) -> jinja2.BytecodeCache | None:
    """Compiled templates kept between runs, so a cold ``drafter render`` skips compiling them.

    Jinja checks each entry against the template's source, so an edited template is always
    compiled anew. Only :class:`TemplateEnvironment` and :class:`RecordingEnvironment` use it:
    the code a template compiles to depends on the environment class (its sandbox hooks, a
    tracing ``compile``), and the cache key does not. ``DRAFTER_CACHE=0`` turns it off.
    """
    if cls not in (TemplateEnvironment, RecordingEnvironment) or os.environ.get("DRAFTER_CACHE") == "0":
        return None
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    folder = base / "drafter" / f"mallar-{jinja2.__version__}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return _QuietBytecodeCache(str(folder))


def environment(root: SearchPath | Path, profile: Profile, cls: type[TemplateEnvironment] = TemplateEnvironment) -> TemplateEnvironment:
    """Templates are looked up in the profile's folder first, then in every ``_default/`` of the
    search path (drafter.profile.searchpath), the user's before the bundled one.

    ``_default/x.md.j2`` names the first default copy, so a profile can extend the default
    template and override single blocks; ``drafter/_default/x.md.j2`` names the bundled copy, so
    that a user's own ``_default/x.md.j2`` can do the same. ``cls`` is the environment class: a subclass may
    watch the rendering (drafter check does).
    """
    search = as_search_path(root)
    folders = search.loader_folders(profile.folder if profile.name != DEFAULT else None)
    env = cls(
        loader=jinja2.ChoiceLoader([
            jinja2.FileSystemLoader([str(p) for p in folders], encoding="utf-8"),
            # "drafter/_default/x.md.j2" is the bundled copy: a user's _default/x.md.j2 may extend it
            jinja2.PrefixLoader({BUNDLED: jinja2.FileSystemLoader(str(search.bundled), encoding="utf-8")}),
        ]),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
        bytecode_cache=bytecode_cache(cls),
    )
    env.filters.update(FILTERS)
    return env


@contextmanager
def bounded_work() -> Iterator[None]:
    """Count the range() steps of one rendering against MAX_STEPS."""
    token = _steps.set([0])
    try:
        yield
    finally:
        _steps.reset(token)


def generate(template: jinja2.Template, variables: dict[str, Any]) -> str:
    """``template.render(variables)`` with the output bounded: past MAX_OUTPUT characters the
    rendering stops with an error raised where the template was writing."""
    pieces: list[str] = []
    size = 0
    stream = template.generate(variables)
    for piece in stream:
        size += len(piece)
        if size > MAX_OUTPUT:
            stream.throw(_too_much(f"texten blir längre än {MAX_OUTPUT} tecken"))
        pieces.append(piece)
    return "".join(pieces)


def template_name(kind: str) -> str:
    return f"{kind}.md.j2"


def render(env: SandboxedEnvironment, kind: str, variables: dict[str, Any], case_file: str) -> str:
    """Render a kind's template to Markdown; a failure names the template file and line."""
    try:
        with bounded_work():
            text = generate(env.get_template(template_name(kind)), variables)
    except jinja2.TemplateSyntaxError as error:
        raise TemplateError([_template_problem(error.filename or error.name, error.lineno, f"mallfel: {error.message}", case_file)]) from None
    except jinja2.TemplateNotFound as error:
        raise TemplateError([Problem(case_file, 1, 1, f"mallen '{error.name}' finns inte för dokumenttypen '{kind}'")]) from None
    except MissingValue:
        raise  # a profile text, not the template, is at fault: the pipeline locates it in the profile
    except RecursionError as error:
        filename, line = _template_frame(error)
        message = "mallfel: mallen anropar sig själv utan slut (ett makro eller en slinga som anropar sig själv?)"
        raise TemplateError([_template_problem(filename, line, message, case_file)]) from None
    except MemoryError as error:
        filename, line = _template_frame(error)
        raise TemplateError([_template_problem(filename, line, "mallfel: mallen behöver för mycket minne", case_file)]) from None
    except (jinja2.UndefinedError, SecurityError, TypeError, ValueError, KeyError, IndexError, AttributeError,
            ArithmeticError) as error:
        filename, line = _template_frame(error)
        raise TemplateError([_template_problem(filename, line, f"mallfel: {_undefined_message(error)}", case_file)]) from None
    # Blank lines left by template logic carry no meaning in Markdown; fold them for a readable preview.
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def _template_problem(filename: str | None, line: int | None, message: str, case_file: str) -> Problem:
    return Problem(filename or "<mall>", line or 1, 1, f"{message} (när {case_file} renderades)")


def _template_frame(error: BaseException) -> tuple[str | None, int | None]:
    """The innermost template frame of a traceback. Jinja rewrites the traceback of a
    failed render so that template frames carry the template's file name and line."""
    found: tuple[str | None, int | None] = (None, None)
    tb = error.__traceback__
    while tb is not None:
        if "__jinja_exception__" in tb.tb_frame.f_globals:
            found = (tb.tb_frame.f_code.co_filename, tb.tb_lineno)
        tb = tb.tb_next
    return found


def _undefined_message(error: BaseException) -> str:
    text = str(error)
    match = re.match(r"'(.+?)' is undefined", text)
    if match:
        return f"'{match.group(1)}' är inte definierad"
    match = re.match(r"'.+?' has no attribute '(.+?)'", text) or re.match(r"'.+?' object has no attribute '(.+?)'", text)
    if match:
        return f"fältet '{match.group(1)}' finns inte"
    return text
