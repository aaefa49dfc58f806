"""``xfnlp train``: fit a classifier on labelled JSONL and write a model directory."""

from __future__ import annotations

import click

from .common import library_errors, warn


@click.command("train")
@click.argument("corpus", nargs=-1, required=True, type=click.Path())
@click.option("-o", "--output", "out_dir", required=True, type=click.Path(file_okay=False),
              help="Model directory to write.")
@click.option("--label-field", default="category", show_default=True,
              help="JSON key holding the label (any label set).")
@click.option("--dev", "dev", multiple=True, type=click.Path(),
              help="Dev JSONL for tuning C, calibration and the review threshold "
                   "(default: a fixed 15% of CORPUS).")
@click.option("--review-accuracy", default=0.97, show_default=True,
              help="Letters not sent to review must be at least this accurate on dev.")
@library_errors
def command(corpus, out_dir, label_field, dev, review_accuracy):
    """Train a letter classifier on JSONL records with "text" and a label field."""
    from ..classify.train import train_model

    card = train_model(list(corpus), out_dir, label_field, list(dev) or None,
                       review_target=review_accuracy)
    for p in card["skipped_records"]:
        warn(f"skipped {p}")
    c = card["corpus"]
    click.echo(f"trained {len(card['labels'])} labels on {c['train_size']} letters "
               f"(dev {c['dev_size']}), C={card['model']['C']}")
    if card["dev_metrics"]:
        m = card["dev_metrics"]
        click.echo(f"dev macro-F1 {m['macro_f1']:.4f}, accuracy {m['accuracy']:.4f}, "
                   f"review threshold {card['model']['review_threshold']:.4f}")
    click.echo(f"model written to {out_dir}")
