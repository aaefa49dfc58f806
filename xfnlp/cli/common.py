"""What the commands share: turning library errors into one-line CLI errors, input options."""

from __future__ import annotations

import functools
import sys

import click


def library_errors(func):
    """Run a command body; an XfnlpError becomes ``Error: <one line>`` and exit code 1."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        from ..errors import XfnlpError

        try:
            return func(*args, **kwargs)
        except XfnlpError as exc:
            raise click.ClickException(str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
        except BrokenPipeError:  # `xfnlp tag … | head` must end quietly
            sys.stderr.close()
            raise SystemExit(0)

    return wrapper


def warn(message: str) -> None:
    """One line on stderr for a problem that does not stop the batch."""
    click.echo(f"Warning: {message}", err=True)


def input_options(func):
    """The options every letter-reading command shares: INPUTS, --text-column, --profile."""
    func = click.option("--profile", type=click.Path(dir_okay=False),
                        help="Office profile TOML (townships, villages, office, limits).")(func)
    func = click.option("--text-column", metavar="HEADER",
                        help="Header of the text column in .csv/.xlsx ledgers "
                             "(found automatically from 内容/信访内容/反映问题 …).")(func)
    func = click.argument("inputs", nargs=-1, type=click.Path())(func)
    return func


def report_input_errors(message: str) -> None:
    """A bad input of a batch: one line on stderr naming it; the batch goes on."""
    click.echo(f"Error: {message}", err=True)
