"""The ``xfnlp`` command group. Each command lives in its own module of this package.

A command parses its options, calls one public library function and formats the result.
Library errors (``XfnlpError``) become one ``Error: …`` line and exit code 1, never a traceback.
"""

from __future__ import annotations

import importlib

import click

from .. import __version__

# Modules of this package that each define `command` (a click.Command). Imported at start-up:
# they import only click at module level, the library is imported inside each command.
COMMANDS = ("seg", "tag", "train", "evaluate", "extract", "redact", "reply", "report", "check")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="xfnlp")
def main() -> None:
    """xfnlp: tag petition letters, draft notices and write the year's report."""


for _name in COMMANDS:
    main.add_command(importlib.import_module(f"{__name__}.{_name}").command)
