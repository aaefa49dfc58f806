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
@click.option("-o", "--output", type=click.Path(dir_okay=False),
              help="Tag one ledger (.xlsx/.csv) into OUTPUT (.xlsx, .csv or .jsonl): every "
                   "original row and column kept, tagging columns and a 行错误 sheet added.")
@click.option("--jobs", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Processes for a ledger (same output for any number).")
@click.option("--as-of", type=click.DateTime(["%Y-%m-%d"]),
              help="Date that 是否超期 is judged on (default: today).")
@library_errors
def command(inputs, text_column, profile, model_dir, fmt, explain, reference_date, output, jobs,
            as_of):
    """Tag letters: category, confidence, tags, risk flags and extracted fields.

    INPUTS are files (.txt, .docx, .jsonl, .csv, .xlsx), folders, or '-' / nothing for stdin.
    A letter that cannot be read gets a record with its one-line "error"; the others go on.
    With -o, INPUTS is one ledger and the tagged ledger is written to OUTPUT.
    """
    if output:
        return _tag_ledger(inputs, output, text_column, profile, model_dir, jobs, as_of)
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


def _tag_ledger(inputs, output, text_column, profile, model_dir, jobs, as_of):
    from ..errors import InputError
    from ..ledger.tagging import analyze_ledger, write_tagged

    if len(inputs) != 1:
        raise InputError("-o takes exactly one ledger (.xlsx or .csv) as input")
    bar = _ProgressBar() if sys.stderr.isatty() else None
    try:
        result = analyze_ledger(inputs[0], model_dir=model_dir, profile=profile,
                                text_column=text_column, jobs=jobs,
                                as_of=as_of.date() if as_of else None, progress=bar)
    finally:
        if bar is not None:
            bar.close()
    write_tagged(result, output, inputs[0])
    for rowno, msg in result.row_errors:
        click.echo(f"Warning: {inputs[0]}: row {rowno}: {msg}", err=True)
    tagged = sum(1 for c in result.cases if c.category)
    click.echo(f"tagged {tagged} of {len(result.cases)} rows, {len(result.row_errors)} with "
               f"problems (listed in sheet/column 行错误) -> {output}")


class _ProgressBar:
    """click's progress bar on stderr, drawn once a ledger has more rows than a moment's work."""

    MIN_ROWS = 500

    def __init__(self):
        self.bar = None

    def __call__(self, done: int, total: int):
        if total <= self.MIN_ROWS:
            return
        if self.bar is None:
            self.bar = click.progressbar(length=total, label="tagging", file=sys.stderr)
            self.bar.__enter__()
        self.bar.update(done - self.bar.pos)

    def close(self):
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None
