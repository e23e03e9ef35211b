"""The command line. ``drafter.cli.main`` is the entry point; each command is a module here."""

import gc

# Importing the libraries makes some hundred thousand objects that live as long as the process:
# with the default threshold the collector walks them over and over (~15 % of a cold
# 'drafter render'). Collecting after every 100 000 new objects instead of every 700 keeps a
# batch's memory bounded all the same.
gc.set_threshold(100_000)

from drafter.cli.main import main  # noqa: E402
from drafter.cli import check, compare, convert, motions, new, preview, render, schema, validate  # noqa: E402, F401  (they register themselves)

__all__ = ["main"]
