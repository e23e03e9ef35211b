"""The floor under a cold `drafter render`: import the libraries a render needs, and nothing of drafter.

    python bench/library_floor.py

It imports what drafter's render path imports (pydantic, python-docx, Jinja2's sandbox, markdown-it
with its plugins, PyYAML, Click, Babel with its Swedish data, lxml), builds one pydantic model and
formats one Swedish date. A whole `drafter render` cannot start faster than this; bench/run.py times
it beside drafter and the docxtpl script, so that the cold CLI ratio can be read against it.
"""

import datetime
import gc

gc.set_threshold(100_000)  # as drafter's command line does while it imports

import babel.dates  # noqa: E402
import click  # noqa: E402, F401
import docx  # noqa: E402, F401
import jinja2.sandbox  # noqa: E402, F401
import lxml.etree  # noqa: E402, F401
import markdown_it  # noqa: E402, F401
import mdit_py_plugins.container  # noqa: E402, F401
import mdit_py_plugins.footnote  # noqa: E402, F401
import pydantic  # noqa: E402
import yaml  # noqa: E402, F401


class One(pydantic.BaseModel):
    name: str
    date: datetime.date


One(name="x", date=datetime.date(2026, 12, 1))
babel.dates.format_date(datetime.date(2026, 12, 1), "d MMMM y", locale="sv_SE")
