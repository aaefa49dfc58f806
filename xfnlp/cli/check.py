"""``xfnlp check``: statistical statements of a report that do not add up."""

from __future__ import annotations

import click

from .common import library_errors


@click.command("check")
@click.argument("reports", nargs=-1, required=True, type=click.Path())
@library_errors
def command(reports):
    """Check the arithmetic of REPORTS (.docx, .txt or .md); exit code 1 when a sum is wrong."""
    from ..report.check import check_file

    found = 0
    for path in reports:
        findings = check_file(path)
        found += len(findings)
        for f in findings:
            click.echo(f"{path}: {f}")
        if not findings:
            click.echo(f"{path}: OK, every total, breakdown and rate adds up")
    if found:
        raise SystemExit(1)
