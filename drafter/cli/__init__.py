"""The command line. ``drafter.cli.main`` is the entry point; each command is a module here."""

import gc

# Importing the libraries a command needs makes some hundred thousand objects that live as long
# as the process: with the default threshold the collector walks them ~140 times (~15 % of a
# cold 'drafter render'). It waits until the command has loaded them (drafter.cli.main.loaded).
gc.set_threshold(100_000)

from drafter.cli.main import main  # noqa: E402
from drafter.cli import check, compare, convert, motions, new, preview, render, schema, validate  # noqa: E402, F401  (they register themselves)

__all__ = ["main"]
