"""``xfnlp extract``: the nine extracted fields of each letter, one JSON object per line."""

from __future__ import annotations

import json

import click

from .common import input_options, library_errors, report_input_errors


@click.command("extract")
@input_options
@click.option("--reference-date", type=click.DateTime(["%Y-%m-%d"]),
              help="Date that relative dates (去年三月) are read against.")
@library_errors
def command(inputs, text_column, profile, reference_date):
    """Extract townships, villages, parties, areas, money, dates, phones and ID numbers.

    INPUTS are files (.txt, .docx, .jsonl, .csv, .xlsx), folders, or '-' / nothing for stdin.
    Spans are offsets into the normalized text.
    """
    from ..extract import FIELDS, extract
    from ..io import iter_letters
    from ..profile import load_profile

    prof = load_profile(profile)
    ref = reference_date.date() if reference_date else None
    for letter in iter_letters(inputs, text_column=text_column):
        rec = {"id": letter.id, "source": letter.source}
        if letter.error:
            report_input_errors(letter.error)
            rec["error"] = letter.error
        else:
            spans = extract(letter.text, profile=prof, reference_date=ref)
            rec.update({f: [s.to_dict() for s in spans[f]] for f in FIELDS})
            rec["head_count"] = spans["head_count"]
        click.echo(json.dumps(rec, ensure_ascii=False))
