"""Extraction: places, parties, quantities and contacts as spans of the normalized text.

Everything here is patterns and context (no per-letter part-of-speech tagging): suffixes and
the characters around them for places, cue phrases and sentence roles for parties, numerals
and units for quantities. Regexes compile on first use, so ``import xfnlp`` stays cheap.

>>> spans = extract("我叫刘长福，东坝镇前进村三组，占了我家2.5亩地")
>>> [s.text for s in spans["townships"]], [s.text for s in spans["villages"]]
(['东坝镇'], ['前进村', '三组'])
>>> [(s.text, s.value) for s in spans["areas"]], [s.text for s in spans["petitioners"]]
([('2.5亩', 2.5)], ['刘长福'])
"""

from __future__ import annotations

import datetime as _dt
from functools import lru_cache

from ..letter import Letter, Span

FIELDS = ("townships", "villages", "petitioners", "respondents", "areas", "money", "dates",
          "phones", "id_numbers")

__all__ = ["FIELDS", "extract", "extract_letter", "head_count"]

_DEFAULT = object()


def _resolve_profile(profile):
    # None means the bundled example profile (the seeds' district), the same default as
    # every other command; pass False to use no profile at all.
    if profile is None:
        from ..profile import load_profile
        return load_profile()
    return profile or None


def extract(text: str, *, profile=None, reference_date: _dt.date | None = None,
            normalized: bool = False) -> dict[str, list[Span]]:
    """All nine fields of one letter as spans of ``normalize(text)``.

    ``profile``: a :class:`xfnlp.profile.Profile` (None: the bundled example; False: none).
    ``reference_date``: resolves 去年/今年 in dates (usually the letter's date of receipt).
    ``normalized``: set when ``text`` is already normalized.

    >>> [s.text for s in extract("举报村支书王某私自卖地")["respondents"]]
    ['村支书王某']
    """
    (normalize, find_id_numbers, phones_outside, find_parties, find_townships, find_villages,
     find_areas, find_dates, find_money) = _finders()
    norm = text if normalized else normalize(text)
    prof = _resolve_profile(profile)
    ids = find_id_numbers(norm)
    phones = phones_outside(norm, ids)
    towns = find_townships(norm, prof)
    villages = find_villages(norm, prof, towns)
    petitioners, respondents, count = find_parties(norm, towns, villages)
    out = {
        "townships": _dedupe(towns),
        "villages": _dedupe(villages),
        "petitioners": petitioners,
        "respondents": respondents,
        "areas": find_areas(norm),
        "money": find_money(norm),
        "dates": find_dates(norm, reference_date),
        "phones": phones,
        "id_numbers": ids,
    }
    out["head_count"] = count
    return out


@lru_cache(maxsize=1)
def _finders():
    # Imported on the first letter, not with the package (import xfnlp stays cheap), and not
    # on every letter either: a function-level import costs ~1 µs each time it runs.
    from ..text import normalize
    from .contacts import phones_outside
    from .id_numbers import find_id_numbers
    from .parties import find_parties
    from .places import find_townships, find_villages
    from .quantities import find_areas, find_dates, find_money

    return (normalize, find_id_numbers, phones_outside, find_parties, find_townships,
            find_villages, find_areas, find_dates, find_money)


def _dedupe(spans: list[Span]) -> list[Span]:
    # Overlapping finds of one field keep the longer span (a profile alias inside a full name).
    spans = sorted(spans, key=lambda s: (s.start, -(s.end - s.start)))
    out: list[Span] = []
    for s in spans:
        if out and s.start < out[-1].end:
            continue
        out.append(s)
    return out


def head_count(text: str, spans: dict | None = None) -> int | None:
    """The largest number of people petitioning together, or None when no count is given.

    >>> head_count("城南村三组30余名村民联名反映")
    30
    >>> head_count("我们五户人家") is None
    True
    """
    if spans is not None and "head_count" in spans:
        return spans["head_count"]
    from ..text import normalize
    from .parties import count_people

    return count_people(normalize(text))


def extract_letter(letter: Letter, *, profile=None, reference_date=None) -> Letter:
    """Pipeline step: fill ``letter.spans`` (and ``letter.normalized`` if empty) in place.

    ``letter.meta["head_count"]`` receives the head count for the 集体访 flag.

    >>> extract_letter(Letter(text="电话13905171234")).spans["phones"][0].text
    '13905171234'
    """
    if not letter.normalized:
        letter.normalized = _finders()[0](letter.text)
    spans = extract(letter.normalized, profile=profile, reference_date=reference_date,
                    normalized=True)
    letter.meta["head_count"] = spans.pop("head_count")
    letter.spans = spans
    return letter
