"""``xfnlp evaluate``: score a model (and the extractor) against labelled JSONL."""

from __future__ import annotations

import json

import click

from .common import library_errors


@click.command("evaluate")
@click.argument("test", nargs=-1, required=True, type=click.Path())
@click.option("--model", "model_dir", type=click.Path(file_okay=False),
              help="Model directory (default: the shipped model).")
@click.option("--label-field", default="category", show_default=True)
@click.option("--task", type=click.Choice(["classify", "extract", "flags"]), default="classify",
              show_default=True, help="What to score: categories, extraction spans, or tags/flags.")
@click.option("--json", "as_json", is_flag=True, help="Print the metrics as JSON.")
@click.option("--record", is_flag=True,
              help="Write the metrics into the model card as its test metrics (classify only).")
@library_errors
def command(test, model_dir, label_field, task, as_json, record):
    """Evaluate on TEST JSONL with gold labels (the corpus format)."""
    from ..evaluation import evaluate

    result, table = evaluate(list(test), task=task, model_dir=model_dir, label_field=label_field,
                             record=record)
    click.echo(json.dumps(result, ensure_ascii=False, indent=2) if as_json else table)
