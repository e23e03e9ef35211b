"""The command line. ``drafter.cli.main`` is the entry point; each command is a module here."""

from drafter.cli.main import main
from drafter.cli import check, compare, convert, motions, new, preview, render, schema, validate  # noqa: F401  (they register themselves)

__all__ = ["main"]
