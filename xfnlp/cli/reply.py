"""``xfnlp reply KIND INPUT -o FILE.docx``: draft a notice (告知书, 处理意见书, 交办单) for one letter."""

from __future__ import annotations

import json

import click

from .common import library_errors, warn

# Same tuple as xfnlp.docs.kinds.KINDS (a test checks): written out so start-up imports only click.
KINDS = ("accept", "reject", "opinion", "assign", "extend")


@click.command("reply")
@click.argument("kind", type=click.Choice(KINDS))
@click.argument("input_path", metavar="[INPUT]", required=False,
                type=click.Path(exists=True, dir_okay=False))
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="The .docx (or .md) to write.")
@click.option("--format", "fmt", type=click.Choice(["docx", "md"]), default=None,
              help="docx (default) or md: Markdown on stdout, or in -o FILE.")
@click.option("--set", "assignments", multiple=True, metavar="字段=值",
              help="A form field, e.g. --set 收到日期=2023-12-28 (repeatable).")
@click.option("--fields-file", type=click.Path(exists=True, dir_okay=False),
              help="Form fields from a TOML or JSON file.")
@click.option("--profile", "profile_path", type=click.Path(exists=True, dir_okay=False),
              help="Office profile TOML (default: the bundled example).")
@click.option("--templates", "templates_dir", type=click.Path(exists=True, file_okay=False),
              help="The office's own templates folder (<kind>.txt).")
@click.option("--id", "record_id", help="Which record of a JSONL file.")
@click.option("--working-days/--calendar-days", default=None,
              help="Count deadlines in working days (default: as the profile says).")
@click.option("--fields", "show_fields", is_flag=True,
              help="Print the required and optional fields of KIND as JSON and exit.")
@library_errors
def command(kind, input_path, output, fmt, assignments, fields_file, profile_path, templates_dir,
            record_id, working_days, show_fields):
    """Draft a notice of KIND for the tagged letter INPUT (.jsonl/.json record or letter file;
    without INPUT every field comes from --set / --fields-file).

    KIND: accept 受理告知书, reject 不予受理告知书, opinion 处理意见书, assign 交办单,
    extend 延期告知书.
    """
    if show_fields:
        from ..docs.fields import fields_for

        click.echo(json.dumps(fields_for(kind), ensure_ascii=False))
        return
    from ..docs.fields import parse_assignments
    from ..docs.notices import reply

    if fmt is None:
        fmt = "md" if output and output.lower().endswith(".md") else "docx"
    notice = reply(kind, input_path, output=output, fmt=fmt, fields=parse_assignments(assignments),
                   fields_file=fields_file, profile_path=profile_path,
                   templates_dir=templates_dir, record_id=record_id, working_days=working_days)
    for w in notice.warnings:
        warn(w)
    if notice.output is not None:
        click.echo(str(notice.output))
    else:
        click.echo(notice.to_markdown(), nl=False)
