"""``xfnlp seg``: print each letter's tokens, one letter per line."""

from __future__ import annotations

import click

from .common import input_options, library_errors, report_input_errors


@click.command("seg")
@input_options
@click.option("--pos", is_flag=True, help="Print word/POS pairs.")
@click.option("--engine", type=click.Choice(["rjieba", "jieba"]), default="rjieba",
              show_default=True, help="Segmentation engine (same dictionary and results).")
@click.option("--sep", default=" ", show_default=True, help="Separator between tokens.")
@library_errors
def command(inputs, text_column, profile, pos, engine, sep):
    """Segment letters with the domain dictionary (and the profile's place names).

    INPUTS are files (.txt in any office encoding, .docx, .jsonl, .csv, .xlsx), folders, or
    '-' / nothing for stdin.
    """
    from ..pipeline import segment_letters

    failed = 0
    for letter, tokens in segment_letters(inputs, text_column=text_column, profile=profile,
                                          engine=engine, pos=pos):
        if letter.error:
            failed += 1
            report_input_errors(letter.error)
            continue
        # Whitespace tokens (line breaks of the letter) would break "one letter per line".
        if pos:
            click.echo(sep.join(f"{w}/{p}" for w, p in tokens if w.strip()))
        else:
            click.echo(sep.join(w for w in tokens if w.strip()))
    if failed:
        raise SystemExit(1)
