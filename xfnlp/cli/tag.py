"""``xfnlp tag``: classify, extract and flag letters; JSONL (or a table) out."""

from __future__ import annotations

import json
import sys

import click

from .common import input_options, library_errors, report_input_errors


@click.command("tag")
@input_options
@click.option("--model", "model_dir", type=click.Path(file_okay=False),
              help="Model directory (default: the shipped model).")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "table"]), default=None,
              help="jsonl (default when output is a pipe or file) or a short table (terminal).")
@click.option("--explain", is_flag=True, help="Add the five features that weighed most.")
@click.option("--reference-date", type=click.DateTime(["%Y-%m-%d"]),
              help="Date that relative dates (去年三月) are read against.")
@library_errors
def command(inputs, text_column, profile, model_dir, fmt, explain, reference_date):
    """Tag letters: category, confidence, tags, risk flags and extracted fields.

    INPUTS are files (.txt, .docx, .jsonl, .csv, .xlsx), folders, or '-' / nothing for stdin.
    A letter that cannot be read gets a record with its one-line "error"; the others go on.
    """
    from ..io import iter_letters
    from ..pipeline import analyze_letters, load_model, to_record

    model = load_model(model_dir)
    fmt = fmt or ("table" if sys.stdout.isatty() else "jsonl")
    ref = reference_date.date() if reference_date else None
    failed = 0
    for letter in analyze_letters(iter_letters(inputs, text_column=text_column), model,
                                  profile, ref, explain):
        rec = to_record(letter)
        if rec["error"]:
            failed += 1
            report_input_errors(rec["error"])
        if fmt == "jsonl":
            click.echo(json.dumps(rec, ensure_ascii=False))
        elif not rec["error"]:
            flags = ",".join(f["name"] for f in rec["flags"]) or "-"
            review = " 需复核" if rec["needs_review"] else ""
            click.echo(f"{rec['id'] or rec['source']}\t{rec['category_zh']}\t"
                       f"{rec['confidence']:.2f}{review}\t{flags}")
    if failed:
        raise SystemExit(1)
