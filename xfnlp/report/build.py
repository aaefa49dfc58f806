"""From ledgers to the annual report: tag, aggregate, write (docx or Markdown).

>>> callable(build_report)
True
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .aggregate import YearStats, aggregate
from .narrative import report_markup


@dataclass
class Report:
    markup: str
    stats: YearStats
    previous: YearStats | None
    row_errors: list            # (ledger, row, message)

    def markdown(self) -> str:
        from ..docs.markup import markup_to_markdown

        return markup_to_markdown(self.markup, source="report")

    def save_docx(self, path) -> None:
        from ..docs.markup import markup_to_document

        markup_to_document(self.markup, source="report").save(path)


def _cases(paths, model_dir, profile, jobs, as_of):
    from ..ledger.tagging import analyze_ledger

    cases, errors = [], []
    for p in paths:
        res = analyze_ledger(p, model_dir=model_dir, profile=profile, jobs=jobs, as_of=as_of)
        cases.extend(res.cases)
        errors.extend((str(p), row, msg) for row, msg in res.row_errors)
    return cases, errors


def build_report(ledgers, previous=None, year: int | None = None, as_of: dt.date | None = None,
                 profile=None, model_dir=None, jobs: int = 1) -> Report:
    """Tag the year's ledgers (and last year's, for comparisons) and write the report text."""
    from ..profile import load_profile

    prof = load_profile(profile) if isinstance(profile, (str, type(None))) else profile
    cases, errors = _cases(ledgers, model_dir, profile, jobs, as_of)
    stats = aggregate(cases, year, as_of)
    prev = None
    if previous:
        pcases, perrors = _cases(previous, model_dir, profile, jobs, None)
        errors += perrors
        prev = aggregate(pcases, stats.year - 1, dt.date(stats.year - 1, 12, 31))
    return Report(report_markup(stats, prev, prof.office), stats, prev, errors)
