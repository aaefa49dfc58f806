"""``xfnlp redact``: letters with phones, ID numbers (and names) masked, everything else kept."""

from __future__ import annotations

import json

import click

from .common import input_options, library_errors, report_input_errors


@click.command("redact")
@input_options
@click.option("--names", is_flag=True, help="Also mask petitioner names (王顺河 → 王某).")
@click.option("--format", "fmt", type=click.Choice(["text", "jsonl"]), default="text",
              show_default=True, help="text: each letter's redacted text; jsonl: id, source, text.")
@library_errors
def command(inputs, text_column, profile, names, fmt):
    """Mask phone numbers as [电话], ID numbers as [身份证号] and, with --names, petitioner names.

    INPUTS are files (.txt, .docx, .jsonl, .csv, .xlsx), folders, or '-' / nothing for stdin.
    """
    from ..io import iter_letters
    from ..profile import load_profile
    from ..redact import redact_text

    prof = load_profile(profile)
    first = True
    for letter in iter_letters(inputs, text_column=text_column):
        if letter.error:
            report_input_errors(letter.error)
            continue
        out = redact_text(letter.text, names=names, profile=prof)
        if fmt == "jsonl":
            click.echo(json.dumps({"id": letter.id, "source": letter.source, "text": out},
                                  ensure_ascii=False))
        else:
            if not first:
                click.echo("")
            click.echo(out)
            first = False
