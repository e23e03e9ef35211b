"""The command line. ``drafter.cli.main`` is the entry point; each command is a module here."""

import atexit
import gc

# Importing the libraries a command needs makes some hundred thousand objects that live as long
# as the process: with the default threshold the collector walks them ~140 times (~15 % of a
# cold 'drafter render'). It waits until the command has loaded them (drafter.cli.main.loaded).
gc.set_threshold(100_000)
# At exit the interpreter's last collection would walk every object the command made (~4 ms of
# a cold 'drafter render') to free what the system takes back anyway. The command's files are
# closed by then (written with 'with'), so nothing waits for that collection.
atexit.register(gc.freeze)

from drafter.cli.main import main  # noqa: E402
from drafter.cli import check, compare, convert, motions, new, preview, render, schema, validate  # noqa: E402, F401  (they register themselves)

__all__ = ["main"]
