"""``xfnlp report``: the statistical sections of the annual summary from the year's ledger."""

from __future__ import annotations

import click

from .common import library_errors, warn


@click.command("report")
@click.argument("ledgers", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="REPORT.docx to write.")
@click.option("--format", "fmt", type=click.Choice(["docx", "md"]), default=None,
              help="docx (with -o) or md (printed; or written to -o).")
@click.option("--year", type=int, help="Year to report (default: the ledger's main year).")
@click.option("--previous", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="Last year's ledger, for year-over-year comparisons.")
@click.option("--as-of", type=click.DateTime(["%Y-%m-%d"]),
              help="Date the closing and overdue figures are taken on (default: 31 Dec).")
@click.option("--profile", type=click.Path(dir_okay=False), help="Office profile TOML.")
@click.option("--model", "model_dir", type=click.Path(file_okay=False))
@click.option("--jobs", default=1, show_default=True, type=click.IntRange(1, 64))
@library_errors
def command(ledgers, output, fmt, year, previous, as_of, profile, model_dir, jobs):
    """Write the report's statistics, features, cases and overdue list from LEDGERS."""
    from ..errors import InputError
    from ..report.build import build_report

    fmt = fmt or ("docx" if output and output.lower().endswith(".docx") else "md")
    if fmt == "docx" and not output:
        raise InputError("--format docx needs -o REPORT.docx")
    rep = build_report(list(ledgers), list(previous) or None, year,
                       as_of.date() if as_of else None, profile, model_dir, jobs)
    for ledger, row, msg in rep.row_errors:
        warn(f"{ledger}: row {row}: {msg}")
    if fmt == "md":
        if output:
            from pathlib import Path

            Path(output).write_text(rep.markdown(), encoding="utf-8")
        else:
            click.echo(rep.markdown(), nl=False)
            return
    else:
        rep.save_docx(output)
    s = rep.stats
    click.echo(f"report for {s.year}: {s.total} petitions, {len(s.overdue)} overdue -> {output}")
