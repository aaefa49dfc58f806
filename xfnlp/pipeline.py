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
from .regex_cache import rx
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


# Control characters other than line breaks and tabs, and the replacement character a failed
# decoding leaves behind: a letter made mostly of these is binary data.
_UNREADABLE = rx("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffd]")
MAX_CHARS = 200_000          # a letter longer than this is almost surely not one letter
BATCH = 256                  # letters classified together: one numpy pass per batch


def check_readable(letter: Letter) -> Letter:
    """Pipeline guard: set ``letter.error`` for text that cannot be a letter (empty, huge, binary)."""
    if letter.error:
        return letter
    text = letter.text
    if not text or not text.strip():
        letter.error = f"{letter.source or letter.id or 'letter'}: empty letter"
    elif len(text) > MAX_CHARS:
        letter.error = (f"{letter.source or letter.id or 'letter'}: {len(text):,} characters, over the "
                        f"{MAX_CHARS:,} limit for one letter (split the file)")
    else:
        head = text[:5000]
        bad = len(_UNREADABLE.findall(head))
        if bad > max(3, len(head) // 20):
            letter.error = f"{letter.source or letter.id or 'letter'}: not readable text (binary data?)"
    return letter


def classify_batch(letters: list[Letter], model, explain: bool = False) -> list[Letter]:
    """Pipeline step for a batch: category, confidence, scores and needs_review from the model."""
    results = model.predict([l.normalized for l in letters])
    for letter, r in zip(letters, results):
        letter.category = r["label"]
        letter.confidence = r["confidence"]
        letter.scores = r["scores"]
        letter.needs_review = r["needs_review"]
        if explain:
            letter.explanation = model.explain(letter.normalized, r["label"])
    return letters


def classify(letter: Letter, model=None, explain: bool = False) -> Letter:
    """Pipeline step: classify one letter (see :func:`classify_batch`)."""
    from .classify import load_model

    return classify_batch([letter], model or load_model(), explain)[0]


def extract(letter: Letter, profile=None, reference_date=None) -> Letter:
    """Pipeline step: places, parties, quantities and contacts into ``letter.spans``."""
    from .extract import extract_letter

    return extract_letter(letter, profile=_profile(profile), reference_date=reference_date)


def flag(letter: Letter) -> Letter:
    """Pipeline step: topic tags and risk flags with evidence."""
    from .flags import flag as _flag

    return _flag(letter)


def load_model(path=None):
    """The classifier model in ``path`` (None: the shipped model), loaded once per process."""
    from .classify import load_model as _load

    return _load(path)


def analyze_letters(letters: Iterable[Letter], model=None, profile=None, reference_date=None,
                    explain: bool = False) -> Iterator[Letter]:
    """Run every step on every letter, in input order; a bad letter carries its ``error``."""
    from .extract import extract_letter
    from .flags import flag as flag_letter

    model = model if model is not None and not isinstance(model, str) else load_model(model)
    profile = _profile(profile)
    batch: list[Letter] = []

    def run(batch):
        # The steps of extract() and flag(), called directly: their imports once per call here.
        good = []
        for letter in batch:
            check_readable(letter)
            if not letter.error:
                good.append(normalize(letter))
        if good:
            classify_batch(good, model, explain)
            for letter in good:
                extract_letter(letter, profile=profile, reference_date=reference_date)
                flag_letter(letter)
        return batch

    for letter in letters:
        batch.append(letter)
        if len(batch) >= BATCH:
            yield from run(batch)
            batch = []
    if batch:
        yield from run(batch)


def analyze(text: str | Letter, model=None, profile=None, reference_date=None,
            explain: bool = False) -> Letter:
    """One letter through the whole pipeline.

    >>> analyze("我叫王某，举报邻居在承包田里建房").normalized
    '我叫王某，举报邻居在承包田里建房'
    """
    letter = text if isinstance(text, Letter) else Letter(text=text)
    return next(analyze_letters([letter], model, profile, reference_date, explain))


SPAN_FIELDS = ("townships", "villages", "petitioners", "respondents", "areas", "money", "dates",
               "phones", "id_numbers")


def to_record(letter: Letter, include_text: bool = True) -> dict:
    """The JSON record ``xfnlp tag`` writes for a letter."""
    rec = {"id": letter.id, "source": letter.source}
    if letter.error:
        rec.update({"category": None, "category_zh": None, "domain": None, "confidence": None,
                    "needs_review": True, "scores": {}, "tags": [], "flags": [],
                    **{f: [] for f in SPAN_FIELDS}, "error": letter.error})
        return rec
    cat = letter.category
    rec.update({
        "category": cat,
        "category_zh": CATEGORY_ZH.get(cat, cat),
        "domain": CATEGORY_DOMAIN.get(cat, "其它"),
        "confidence": letter.confidence,
        "needs_review": letter.needs_review,
        "scores": letter.scores,
        "tags": [_evidence(s) for s in letter.tags],
        "flags": [_evidence(s) for s in letter.flags],
    })
    for f in SPAN_FIELDS:
        rec[f] = [s.to_dict() for s in letter.spans.get(f, [])]
    if letter.explanation:
        rec["explanation"] = letter.explanation
    if include_text:
        rec["text"] = letter.normalized
    rec["error"] = None
    return rec


def _evidence(s) -> dict:
    d = {"name": s.label, "evidence": s.text, "start": s.start if s.text else None,
         "end": s.end if s.text else None}
    if s.value is not None:
        d["value"] = s.value
    return d


def analyze_record(text: str, model=None, profile=None, reference_date=None) -> dict:
    """``to_record(analyze(text))`` — what a notice drafted from a raw letter file starts from."""
    return to_record(analyze(text, model, profile, reference_date))
