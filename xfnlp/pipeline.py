"""A letter's way through xfnlp: normalize → segment → classify → extract → flag.

Each step is a plain function on a :class:`~xfnlp.letter.Letter`; :func:`analyze` runs them in
order. Heavy resources (dictionary, model) load on first use and are shared afterwards.

>>> letter = analyze("举报车桥镇有人违法占地建房")
>>> letter.category in CATEGORY_ZH
True
"""

from __future__ import annotations

from typing import Iterable, Iterator

from .letter import Letter
from .text import normalize as normalize_text

CATEGORY_ZH = {
    "illegal_land_use": "违法占地", "land_transfer": "非法转让土地", "certificate": "办证",
    "mining": "涉矿", "dispute": "纠纷调处", "other": "其它",
}
CATEGORY_DOMAIN = {
    "illegal_land_use": "涉土", "land_transfer": "涉土", "certificate": "涉土",
    "mining": "涉矿", "dispute": "涉土", "other": "其它",
}


def normalize(letter: Letter) -> Letter:
    """Pipeline step: ``letter.normalized`` from ``letter.text``."""
    letter.normalized = normalize_text(letter.text)
    return letter


def _profile(profile):
    if profile is None or not isinstance(profile, str):
        return profile
    from .profile import load_profile

    return load_profile(profile)


def segment_letters(inputs: Iterable[str], text_column=None, profile=None, engine="rjieba",
                    pos=False) -> Iterator[tuple[Letter, list]]:
    """(letter, tokens) for every letter of the inputs; errors travel on the letter."""
    from .io import iter_letters
    from .segment import get_segmenter

    prof = _profile(profile)
    words = prof.township_names() + [v for t in prof.townships for v in t.villages] if prof else []
    seg = get_segmenter(engine, words)
    for letter in iter_letters(inputs, text_column=text_column):
        if letter.error:
            yield letter, []
            continue
        normalize(letter)
        yield letter, (seg.tag(letter.normalized) if pos else seg.cut(letter.normalized))
