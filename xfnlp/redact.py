"""Redaction: phones → [电话], ID numbers → [身份证号], on request petitioner names → 张某.

Choice: the detectors run on the RAW text. Phone and ID detectors look only at digits, so the raw
text is first folded character-for-character (full-width digits/letters → ASCII, same length),
and the spans found on that copy are exactly the raw spans. Names are found with the extractor
on the normalized text and then replaced in the raw text by string search, every occurrence.
Everything outside the replaced spans stays byte for byte as it was.

>>> redact_text("我叫王顺河，电话１３９０５１７１２３４。王顺河", names=True)
'我叫王某，电话[电话]。王某'
"""

from __future__ import annotations

import re
from collections.abc import Iterable

PHONE_MASK = "[电话]"
ID_MASK = "[身份证号]"

# One-to-one folding (same length), unlike normalize(): spans stay valid on the raw text.
_FOLD = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_FOLD[0x3000] = 0x20


def _mask_name(name: str) -> str:
    from .extract.lexicons import lexicon

    surname = name[:2] if name[:2] in lexicon("surnames_double") else name[:1]
    if name.endswith(("女士", "先生", "师傅")):
        return name
    return surname + "某"


def _petitioner_names(text: str, profile=None) -> list[str]:
    from .extract import extract

    spans = extract(text, profile=profile)
    return [s.text for s in spans["petitioners"] if not s.text.endswith(("村民", "群众", "业主", "居民"))]


def redact_text(text: str, *, names: bool | Iterable[str] = False, profile=None) -> str:
    """``text`` with phones, ID numbers and (``names``) petitioner names masked.

    ``names``: False — keep names; True — mask the petitioners the extractor finds; an iterable
    of names — mask exactly those. A three-character name 王顺河 also masks its given name 顺河
    where it appears alone.

    >>> redact_text("身份证11010519491231002X，联系0517-85912345")
    '身份证[身份证号]，联系[电话]'
    """
    from .extract.contacts import find_phones
    from .extract.id_numbers import find_id_numbers

    folded = text.translate(_FOLD)
    cuts = [(s.start, s.end, ID_MASK) for s in find_id_numbers(folded)]
    cuts += [(s.start, s.end, PHONE_MASK) for s in find_phones(folded)
             if not any(s.start < e and a < s.end for a, e, _ in cuts)]
    if names:
        wanted = _petitioner_names(text, profile) if names is True else list(names)
        cuts += _name_cuts(text, wanted, cuts)
    out, pos = [], 0
    for start, end, mask in sorted(cuts):
        if start < pos:
            continue
        out.append(text[pos:start])
        out.append(mask)
        pos = end
    out.append(text[pos:])
    return "".join(out)


def _name_cuts(text: str, wanted: list[str], taken: list) -> list[tuple[int, int, str]]:
    forms: dict[str, str] = {}
    for name in wanted:
        name = name.strip()
        if len(name) < 2 or name.endswith("某"):
            continue
        forms[name] = _mask_name(name)
        given = name[-2:]
        # A given name used alone (顺河来了) is the same person; only two-character ones,
        # a single character alone is too often an ordinary word.
        if len(name) >= 3 and given not in forms:
            forms.setdefault(given, name[:len(name) - 2] + "某")
    if not forms:
        return []
    cuts = []
    alt = re.compile("|".join(sorted(map(re.escape, forms), key=len, reverse=True)))
    for m in alt.finditer(text):
        if any(m.start() < e and s < m.end() for s, e, _ in taken):
            continue
        cuts.append((m.start(), m.end(), forms[m.group()]))
    return cuts


def redact_letter(letter, *, names: bool | Iterable[str] = False, profile=None):
    """Pipeline step: ``letter.text`` redacted in place (``letter.meta['redacted'] = True``).

    With ``names=True`` and spans already extracted, the petitioners found there are masked.
    """
    if names is True and letter.spans.get("petitioners"):
        names = [s.text for s in letter.spans["petitioners"]
                 if not s.text.endswith(("村民", "群众", "业主", "居民"))]
    letter.text = redact_text(letter.text, names=names, profile=profile)
    letter.normalized = ""
    letter.meta["redacted"] = True
    return letter
