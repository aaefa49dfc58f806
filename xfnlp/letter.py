"""The objects one petition carries through the pipeline.

>>> s = Span(0, 3, "township", "车桥镇")
>>> s.text
'车桥镇'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Span:
    """A piece of ``Letter.normalized``: ``normalized[start:end] == text``.

    ``value`` holds a normalized reading where one applies (亩 for areas, 元 for money,
    an ISO date for dates, the township a village belongs to …).
    ``score`` is the party model's probability that a petitioner or respondent has its role
    (None elsewhere): a clerk checks the low ones first. It is not part of a span's identity.
    """

    start: int
    end: int
    label: str
    text: str
    value: Any = None
    score: float | None = field(default=None, compare=False)

    def to_dict(self) -> dict:
        d = {"start": self.start, "end": self.end, "text": self.text}
        if self.value is not None:
            d["value"] = self.value
        if self.score is not None:
            d["score"] = round(self.score, 2)
        return d


@dataclass
class Letter:
    """One petition: where it came from, its text, and what the pipeline found.

    >>> Letter(text="举报车桥镇违法占地").id
    ''
    """

    text: str
    id: str = ""
    source: str = ""                 # "file.xlsx:12" — file and row/line it came from
    meta: dict = field(default_factory=dict)      # other columns of a ledger row, other JSON keys
    normalized: str = ""
    tokens: list = field(default_factory=list)
    category: str | None = None
    confidence: float | None = None
    scores: dict = field(default_factory=dict)
    needs_review: bool | None = None
    explanation: list = field(default_factory=list)
    tags: list = field(default_factory=list)      # Span(label=tag name) — evidence spans
    flags: list = field(default_factory=list)     # Span(label=flag name)
    spans: dict = field(default_factory=dict)     # field name -> list[Span] (townships, money …)
    error: str | None = None

    def check_spans(self) -> None:
        """Raise AssertionError when a span does not match the normalized text (used by tests)."""
        for group in [self.tags, self.flags, *self.spans.values()]:
            for s in group:
                assert self.normalized[s.start:s.end] == s.text, (s, self.normalized[s.start:s.end])
